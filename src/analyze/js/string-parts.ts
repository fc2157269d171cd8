/**
 * A string-building expression (template literal, `+` concatenation, or a mix) as a
 * sequence of known text and dynamic parts: `` `${API}/ws?token=${token}` `` with
 * `const API = 'wss://x'` gives [text 'wss://x/ws?token=', dynamic token]. Rules that look
 * for a pattern followed by a runtime value (a token in a URL, a cookie value) read these.
 */
import { ts } from 'ts-morph';
import { unwrapExpression } from './expressions.js';
import type { ValueResolver } from './values.js';

export type StringPart = { kind: 'text'; text: string } | { kind: 'dynamic'; node: ts.Expression };

/** True for a template literal or a `+` chain that involves at least one string. */
export function isStringBuilding(node: ts.Node): node is ts.TemplateExpression | ts.BinaryExpression {
  if (ts.isTemplateExpression(node)) return true;
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

/** Flattens a string-building expression, merging adjacent text. */
export function stringParts(node: ts.Expression, resolver: ValueResolver): StringPart[] {
  const parts: StringPart[] = [];
  const pushText = (text: string): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  const visit = (child: ts.Expression): void => {
    const expression = unwrapExpression(child);
    if (ts.isTemplateExpression(expression)) {
      pushText(expression.head.text);
      for (const span of expression.templateSpans) {
        visit(span.expression);
        pushText(span.literal.text);
      }
      return;
    }
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      visit(expression.left);
      visit(expression.right);
      return;
    }
    const value = resolver.resolve(expression);
    if (value?.kind === 'string') pushText(value.value);
    else if (value?.kind === 'number' || value?.kind === 'boolean') pushText(String(value.value));
    else parts.push({ kind: 'dynamic', node: expression });
  };
  visit(node);
  return parts;
}

/** The text before the first dynamic part. */
export function staticPrefix(parts: StringPart[]): string {
  const first = parts[0];
  return first?.kind === 'text' ? first.text : '';
}
