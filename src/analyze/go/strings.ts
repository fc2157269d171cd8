/**
 * Strings built at run time, as parts: `"https://api/x?token=" + token` and
 * `fmt.Sprintf("%s?access_token=%s", base, token)` become text parts (literals and resolved
 * constants) and dynamic parts (the expressions whose value is only known at run time).
 */
import type { SyntaxNode } from '../tree/parser.js';
import { field } from '../tree/syntax.js';
import type { GoFacts } from './facts.js';
import { argumentsOf } from './libraries.js';

export type StringPart = { kind: 'text'; text: string } | { kind: 'dynamic'; node: SyntaxNode };

const MAX_PARTS = 64;

/** Parts of a `+` chain or a `fmt.Sprintf` call; undefined for other expressions. */
export function stringParts(node: SyntaxNode, facts: GoFacts): StringPart[] | undefined {
  if (isSprintf(node, facts)) return sprintfParts(node, facts);
  if (node.type !== 'binary_expression' || operatorOf(node) !== '+') return undefined;
  const parts: StringPart[] = [];
  const pending: SyntaxNode[] = [node];
  while (pending.length > 0 && parts.length < MAX_PARTS) {
    const current = pending.pop()!;
    if (current.type === 'binary_expression' && operatorOf(current) === '+') {
      pending.push(field(current, 'right')!, field(current, 'left')!);
      continue;
    }
    if (current.type === 'parenthesized_expression' && current.children[1]) {
      pending.push(current.children[1]);
      continue;
    }
    push(parts, partOf(current, facts));
  }
  return parts;
}

function partOf(node: SyntaxNode, facts: GoFacts): StringPart {
  const value = facts.resolve(node);
  return value?.kind === 'string' ? { kind: 'text', text: value.value } : { kind: 'dynamic', node };
}

function push(parts: StringPart[], part: StringPart): void {
  const last = parts[parts.length - 1];
  if (part.kind === 'text' && last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + part.text };
  else parts.push(part);
}

export function isSprintf(node: SyntaxNode, facts: GoFacts): boolean {
  if (node.type !== 'call_expression') return false;
  const reference = facts.packageMember(field(node, 'function'));
  return reference?.path === 'fmt' && reference.member === 'Sprintf';
}

function sprintfParts(call: SyntaxNode, facts: GoFacts): StringPart[] | undefined {
  const [formatNode, ...args] = argumentsOf(call);
  const format = facts.resolveString(formatNode);
  if (format === undefined) return undefined;
  const parts: StringPart[] = [];
  let argIndex = 0;
  const verb = /%([-+# 0]*\d*(?:\.\d+)?)([a-zA-Z%])/g;
  let at = 0;
  for (let match = verb.exec(format); match; match = verb.exec(format)) {
    push(parts, { kind: 'text', text: format.slice(at, match.index) });
    at = match.index + match[0].length;
    if (match[2] === '%') {
      push(parts, { kind: 'text', text: '%' });
      continue;
    }
    const arg = args[argIndex++];
    if (!arg) return undefined;
    push(parts, partOf(arg, facts));
  }
  push(parts, { kind: 'text', text: format.slice(at) });
  return parts;
}

/** The static start of a URL expression, and whether it is the whole URL. */
export function urlText(node: SyntaxNode, facts: GoFacts): { text: string; complete: boolean } | undefined {
  const value = facts.resolve(node);
  if (value?.kind === 'string') return { text: value.value, complete: true };
  const behind = facts.expressionBehind(node);
  const expression = behind?.facts === facts ? behind.node : node;
  const parts = stringParts(expression, facts);
  if (!parts || parts[0]?.kind !== 'text') return undefined;
  return { text: parts[0].text, complete: parts.length === 1 };
}

export function operatorOf(node: SyntaxNode): string | undefined {
  return node.children.find((child) => !child.named && child.field === 'operator')?.type ??
    node.children.find((child) => !child.named)?.type;
}
