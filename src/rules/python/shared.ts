/** What several Python rules share: where to report a value, algorithm lists, token roles. */
import { algorithmFamily, type AlgorithmFamily } from '../../analyze/js/jwt-algorithms.js';
import { tokenRoleFromNames, type TokenRole } from '../../analyze/names/token-role.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import type { PyJwtCall } from '../../analyze/python/libraries.js';
import { enclosingFunction, lastName, unwrap } from '../../analyze/python/syntax.js';
import type { Place, PyValue } from '../../analyze/python/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field } from '../../analyze/tree/syntax.js';
import type { RelatedLocation } from '../../types.js';
import type { TreeReport, TreeRuleContext } from '../tree-rule.js';

export type PyContext = TreeRuleContext<PythonFacts>;

/** Report target for a value written somewhere (maybe an imported module). */
export function at(context: PyContext, place: Place): Pick<TreeReport, 'node' | 'in'> {
  return place.facts === context.facts ? { node: place.node } : { node: place.node, in: place.facts.syntax };
}

/** The value's literal when it is written inside `inside` (the call or setting); else `fallback`. */
export function literalOr(context: PyContext, value: PyValue | undefined, inside: SyntaxNode, fallback: SyntaxNode):
  Pick<TreeReport, 'node' | 'in'> {
  const place = value && 'at' in value ? value.at : undefined;
  if (place && place.facts === context.facts && place.node.start >= inside.start && place.node.end <= inside.end) {
    return { node: place.node };
  }
  return { node: fallback };
}

export function relatedAt(place: Place, message: string): RelatedLocation {
  return { file: place.facts.syntax.file, range: place.facts.syntax.range(place.node), message };
}

export interface AlgorithmEntry {
  name: string;
  family: AlgorithmFamily | undefined;
  at: Place;
  /** Set when the name is the literal default of this environment variable. */
  envDefaultOf?: string;
}

/** The algorithms a value names: one string, a list of strings, or an env read with a literal default. */
export function algorithmsOf(value: PyValue | undefined): { entries: AlgorithmEntry[]; complete: boolean } | undefined {
  if (!value) return undefined;
  if (value.kind === 'string' && value.complete) return { entries: [entryOf(value.value, value.at)], complete: true };
  if (value.kind === 'env' && value.fallback?.kind === 'string' && value.fallback.complete) {
    return { entries: [{ ...entryOf(value.fallback.value, value.fallback.at), envDefaultOf: value.name }], complete: true };
  }
  if (value.kind !== 'list') return undefined;
  const entries: AlgorithmEntry[] = [];
  let complete = value.complete;
  for (const item of value.items) {
    if (item?.kind === 'string' && item.complete) entries.push(entryOf(item.value, item.at));
    else complete = false;
  }
  return { entries, complete };
}

function entryOf(name: string, place: Place): AlgorithmEntry {
  return { name, family: algorithmFamily(name), at: place };
}

/** Access, refresh or single-use, from the name the token is stored in, the call, then the function. */
export function tokenRoleOf(facts: PythonFacts, call: PyJwtCall): TokenRole {
  if (call.method === 'create_refresh_token') return 'refresh';
  if (call.method === 'create_access_token') return 'access';
  let node: SyntaxNode = call.node;
  while (node.parent && (node.parent.type === 'parenthesized_expression' || node.parent.type === 'await')) node = node.parent;
  const parent = node.parent;
  const binding = parent?.type === 'assignment' && field(parent, 'right') === node ? lastName(facts.syntax, field(parent, 'left'))
    : parent?.type === 'pair' ? facts.string(field(parent, 'key'))
    : parent?.type === 'keyword_argument' ? facts.syntax.textOf(field(parent, 'name')!) : undefined;
  return tokenRoleFromNames({
    binding,
    ownText: () => facts.syntax.textOf(call.node),
    functionName: () => {
      const fn = enclosingFunction(call.node);
      const fnName = fn ? field(fn, 'name') : undefined;
      return fnName ? facts.syntax.textOf(fnName) : undefined;
    },
  });
}

/** The name an expression is read from (`token`, `self.jwt_secret`, `settings.SECRET_KEY`). */
export function nameOf(facts: PythonFacts, node: SyntaxNode | undefined): string | undefined {
  const inner = unwrap(node);
  return inner && (inner.type === 'identifier' || inner.type === 'attribute') ? lastName(facts.syntax, inner) : undefined;
}

/** The function enclosing a node, or the module. */
export function functionOrModule(node: SyntaxNode): SyntaxNode {
  let current: SyntaxNode = node;
  while (current.parent) current = current.parent;
  return enclosingFunction(node) ?? current;
}
