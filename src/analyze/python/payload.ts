/**
 * The claims of a token payload as the code builds them: a dict literal or a name bound to
 * one, plus the writes to that name in the same function (`payload["exp"] = ...`,
 * `to_encode.update({"exp": expire})`). A payload passed to other code before signing, or
 * changed in ways not followed, is incomplete: absent claims are then unknown.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { field } from '../tree/syntax.js';
import type { PythonFacts } from './facts.js';
import { argumentsOf, FUNCTION_TYPES, scopeNodes, unwrap } from './syntax.js';
import type { DictEntry } from './values.js';

export interface Payload {
  entries: Map<string, DictEntry>;
  /** Every claim is known: a missing key is really missing. */
  complete: boolean;
}

const READ_ONLY_METHODS = new Set(['get', 'copy', 'keys', 'values', 'items', '__contains__']);

export function payloadClaims(facts: PythonFacts, node: SyntaxNode | undefined, call: SyntaxNode): Payload | undefined {
  const inner = unwrap(node);
  if (!inner) return undefined;
  const value = facts.value(inner);
  if (value?.kind === 'string') return { entries: new Map(), complete: true };
  if (value?.kind !== 'dict') return undefined;
  const payload: Payload = { entries: new Map(value.entries), complete: value.complete };
  if (inner.type === 'identifier') followWrites(facts, facts.syntax.textOf(inner), inner, call, payload);
  return payload;
}

function followWrites(facts: PythonFacts, name: string, use: SyntaxNode, call: SyntaxNode, payload: Payload): void {
  let scope: SyntaxNode | undefined = use.parent ?? undefined;
  while (scope && !FUNCTION_TYPES.has(scope.type) && scope.type !== 'module') scope = scope.parent ?? undefined;
  if (!scope) return;
  const body = scope.type === 'module' ? scope : field(scope, 'body');
  if (!body) return;
  const syntax = facts.syntax;
  scopeNodes(body, (node) => {
    if (node.type !== 'identifier' || node === use || syntax.textOf(node) !== name || node.start > call.end) return;
    const parent = node.parent!;
    if (parent.type === 'subscript' && field(parent, 'value') === node) {
      const assignment = parent.parent;
      if (assignment?.type === 'assignment' && field(assignment, 'left') === parent) {
        const key = facts.string(field(parent, 'subscript'));
        const value = field(assignment, 'right');
        if (key !== undefined && value) payload.entries.set(key, { key, pair: assignment, value, facts });
        else payload.complete = false;
      }
      return;
    }
    if (parent.type === 'attribute' && field(parent, 'object') === node) {
      const method = syntax.textOf(field(parent, 'attribute')!);
      const methodCall = parent.parent?.type === 'call' ? parent.parent : undefined;
      if (!methodCall || READ_ONLY_METHODS.has(method)) return;
      if (method === 'update' || method === 'setdefault') {
        addUpdate(facts, methodCall, method, payload);
        return;
      }
      payload.complete = false;
      return;
    }
    // Passed to another function (which may add claims), or rebound.
    if (parent.type === 'argument_list' || parent.type === 'keyword_argument' || parent.type === 'augmented_assignment') {
      payload.complete = false;
    }
  });
}

function addUpdate(facts: PythonFacts, call: SyntaxNode, method: string, payload: Payload): void {
  const args = argumentsOf(facts.syntax, call);
  if (args.splat) payload.complete = false;
  if (method === 'setdefault') {
    const key = facts.string(args.positional[0]);
    const value = args.positional[1];
    if (key !== undefined && value) payload.entries.set(key, { key, pair: call, value, facts });
    else payload.complete = false;
    return;
  }
  for (const [key, value] of args.keywords) payload.entries.set(key, { key, pair: args.keywordNodes.get(key)!, value, facts });
  const first = args.positional[0];
  if (!first) return;
  const update = facts.value(first);
  if (update?.kind !== 'dict') {
    payload.complete = false;
    return;
  }
  for (const [key, entry] of update.entries) payload.entries.set(key, entry);
  if (!update.complete) payload.complete = false;
}
