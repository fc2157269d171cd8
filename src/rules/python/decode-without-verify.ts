/**
 * decode-without-verify (Python): a token decoded without its signature being checked
 * (PyJWT `options={"verify_signature": False}` or 1.x `verify=False`, python-jose
 * `get_unverified_claims`) whose claims then decide who the caller is or what they may do,
 * in the same function: a claim other than token metadata read from the result (`claims["sub"]`,
 * `payload.get("role")`), the result stored as the request's user (`request.user = claims`,
 * `g.user = ...`) or returned from an auth-named function. A verified decode in the same
 * function (decode-then-verify), or reading only `exp`/`kid`/`iss`, is not a finding.
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import type { PyJwtCall } from '../../analyze/python/libraries.js';
import { enclosingFunction, lastName, scopeNodes, unwrap, within } from '../../analyze/python/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, type SyntaxFile } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { functionOrModule, type PyContext } from './shared.js';

/** Claims read to pick a key or schedule a refresh: not identity or authorization. */
const METADATA_CLAIMS = new Set(['exp', 'iat', 'nbf', 'kid', 'alg', 'typ', 'jti', 'iss', 'header', 'x5t', 'jku']);
/** `request.user = claims`: targets that carry the caller's identity. */
const IDENTITY_TARGETS = /^(user|current_user|identity|principal|auth|claims|token_data|jwt_payload|jwt_claims)$/;
const AUTH_FUNCTION = /^_*(authenticate|authori[sz]e|auth|verify|validate|check_?auth|require_?auth|get_?current_?user|current_?user|get_?user|get_?identity|is_?admin|has_?role|has_?permission|decode_?(auth|access)_?token|get_?user_?from_?token|get_?claims)/i;

export const decodeWithoutVerify: TreeRule<PythonFacts> = {
  id: 'decode-without-verify',
  fix: 'Verify the token (jwt.decode with a key and algorithms=[...]) and use only the verified claims.',
  create(context) {
    return {
      end() {
        const calls = context.facts.jwtCalls();
        const verifyingScopes = new Map<SyntaxNode, boolean>(); // asked once per function, not per call
        for (const call of calls) {
          if (call.kind !== 'unverified') continue;
          const scope = functionOrModule(call.node);
          // decode-then-verify: a verifying decode in the same function.
          if (!verifyingScopes.has(scope)) {
            verifyingScopes.set(scope, calls.some((other) => other.kind === 'verify' && within(other.node, scope)));
          }
          if (verifyingScopes.get(scope)) continue;
          const use = authorizationUse(context, call, scope);
          if (!use) continue;
          context.report({
            node: call.node,
            message: `${call.api} result is used for authorization (${use}) without verifying the signature`,
          });
        }
      },
    };
  },
};

function authorizationUse(context: PyContext, call: PyJwtCall, scope: SyntaxNode): string | undefined {
  const syntax = context.syntax;
  let result: SyntaxNode = call.node;
  while (result.parent?.type === 'parenthesized_expression' || result.parent?.type === 'await') result = result.parent;
  const direct = claimRead(context, result);
  if (direct) return direct;
  const parent = result.parent;
  if (parent?.type === 'return_statement') return authReturn(context, call.node, `return ${call.api}(…)`);
  if (parent?.type !== 'assignment' || field(parent, 'right') !== result) return undefined;
  const target = unwrap(field(parent, 'left'));
  if (!target) return undefined;
  const targetName = lastName(syntax, target);
  if (target.type === 'attribute' && targetName && IDENTITY_TARGETS.test(targetName)) return syntax.textOf(target);
  if (target.type !== 'identifier') return undefined;
  const name = syntax.textOf(target);
  for (const node of identifiersIn(scope.type === 'module' ? scope : field(scope, 'body') ?? scope, syntax).get(name) ?? []) {
    if (node === target || node.start < call.node.end) continue;
    const found = claimRead(context, node) ?? identityStore(context, node, name) ??
      (node.parent?.type === 'return_statement' ? authReturn(context, node, `return ${name}`) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** Per scope body: its identifiers by name, in source order (one walk, not one per decode call). */
const scopeIdentifiers = new WeakMap<SyntaxNode, Map<string, SyntaxNode[]>>();

function identifiersIn(body: SyntaxNode, syntax: SyntaxFile): Map<string, SyntaxNode[]> {
  let byName = scopeIdentifiers.get(body);
  if (!byName) {
    const index = new Map<string, SyntaxNode[]>();
    scopeNodes(body, (node) => {
      if (node.type !== 'identifier') return;
      const list = index.get(syntax.textOf(node)) ?? [];
      list.push(node);
      index.set(syntax.textOf(node), list);
    });
    scopeIdentifiers.set(body, (byName = index));
  }
  return byName;
}

/** `claims["role"]`, `claims.get("sub")`: a claim that is not token metadata. */
function claimRead(context: PyContext, node: SyntaxNode): string | undefined {
  const parent = node.parent;
  const facts = context.facts;
  const text = context.syntax.textOf(node);
  const shown = text.length > 30 ? `${lastName(context.syntax, field(node, 'function')) ?? 'decode'}(…)` : text;
  if (parent?.type === 'subscript' && field(parent, 'value') === node) {
    const key = facts.string(field(parent, 'subscript'));
    return key !== undefined && !METADATA_CLAIMS.has(key) ? `${shown}["${key}"]` : undefined;
  }
  if (parent?.type === 'attribute' && field(parent, 'object') === node && context.syntax.textOf(field(parent, 'attribute')!) === 'get' &&
      parent.parent?.type === 'call') {
    const args = field(parent.parent, 'arguments');
    const first = args?.children.find((child) => child.named);
    const key = facts.string(first);
    return key !== undefined && !METADATA_CLAIMS.has(key) ? `${shown}.get("${key}")` : undefined;
  }
  return undefined;
}

/** `request.user = claims`, `g.current_user = payload`. */
function identityStore(context: PyContext, node: SyntaxNode, name: string): string | undefined {
  const parent = node.parent;
  if (parent?.type !== 'assignment' || field(parent, 'right') !== node) return undefined;
  const target = unwrap(field(parent, 'left'));
  const targetName = target?.type === 'attribute' ? lastName(context.syntax, target) : undefined;
  return targetName && IDENTITY_TARGETS.test(targetName) ? `${context.syntax.textOf(target!)} = ${name}` : undefined;
}

function authReturn(context: PyContext, node: SyntaxNode, label: string): string | undefined {
  const fn = enclosingFunction(node);
  const name = fn ? field(fn, 'name') : undefined;
  return name && AUTH_FUNCTION.test(context.syntax.textOf(name)) ? `${label} from ${context.syntax.textOf(name)}` : undefined;
}
