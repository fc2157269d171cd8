/**
 * A string-building expression (template literal, `+` concatenation, or a mix) as a
 * sequence of known text and dynamic parts: `` `${API}/ws?token=${token}` `` with
 * `const API = 'wss://x'` gives [text 'wss://x/ws?token=', dynamic token]. Rules that look
 * for a pattern followed by a runtime value (a token in a URL, a cookie value) read these.
 */
import ts from './typescript.cjs';
import { unwrapExpression } from './expressions.js';
import type { ValueResolver } from './values.js';

export type StringPart = { kind: 'text'; text: string } | { kind: 'dynamic'; node: ts.Expression };

/** True for a template literal or a `+` chain that involves at least one string. */
export function isStringBuilding(node: ts.Node): node is ts.TemplateExpression | ts.BinaryExpression {
  if (ts.isTemplateExpression(node)) return true;
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

/**
 * More operands than any hand-written string has. Beyond it the whole expression is one
 * dynamic part (rules stay silent): resolving each of 10 000 operands costs more than it can tell.
 */
const MAX_OPERANDS = 1000;

/**
 * Flattens a string-building expression, merging adjacent text. Iterative (an explicit
 * stack of pending parts), so a `+` chain thousands of terms long cannot overflow the stack.
 */
export function stringParts(node: ts.Expression, resolver: ValueResolver): StringPart[] {
  // In source order: template text, and the operands to resolve.
  const items: (ts.Expression | string)[] = [];
  let operands = 0;
  // Pending work, last in first out: an expression to flatten or text to append.
  const pending: (ts.Expression | string)[] = [node];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      items.push(item);
      continue;
    }
    const expression = unwrapExpression(item);
    if (ts.isTemplateExpression(expression)) {
      for (let i = expression.templateSpans.length - 1; i >= 0; i--) {
        const span = expression.templateSpans[i]!;
        pending.push(span.literal.text, span.expression);
      }
      items.push(expression.head.text);
      continue;
    }
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      pending.push(expression.right, expression.left);
      continue;
    }
    if (++operands > MAX_OPERANDS) return [{ kind: 'dynamic', node }];
    items.push(expression);
  }
  const parts: StringPart[] = [];
  const pushText = (text: string): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  for (const item of items) {
    if (typeof item === 'string') {
      pushText(item);
      continue;
    }
    const value = resolver.resolve(item);
    if (value?.kind === 'string') pushText(value.value);
    else if (value?.kind === 'number' || value?.kind === 'boolean') pushText(String(value.value));
    else parts.push({ kind: 'dynamic', node: item });
  }
  return parts;
}

