/**
 * decode-without-verify (Go): golang-jwt `ParseUnverified` whose claims then drive identity or
 * authorization in the same function: a role/admin/scope claim in a condition or comparison, a
 * user id claim compared, used to look a user up, put into a request context, or returned from
 * an auth-named function. Reading only `exp`/`kid`/the header, or verifying the token in the
 * same function (`jwt.Parse*`), is not a finding; neither are `_test.go` files.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import type { ParseCall } from '../../analyze/go/libraries.js';
import { enclosingFunction, findLocal, functionName } from '../../analyze/go/scope.js';
import { unwrap } from '../../analyze/go/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

/** Claims that say who the caller is or what they may do. Compared lowercased, without `_`. */
const IDENTITY_CLAIMS = new Set(['sub', 'subject', 'id', 'uid', 'userid', 'user', 'email', 'username', 'accountid']);
const AUTHORIZATION_CLAIMS = new Set([
  'role', 'roles', 'admin', 'isadmin', 'permission', 'permissions', 'scope', 'scopes', 'groups', 'group',
  'authorities', 'isstaff', 'issuperuser', 'superuser', 'tenant', 'tenantid',
]);
const AUTH_FUNCTION = /^(authenticate|authori[sz]e|auth(?!or)|verify|validate|check_?auth|require_?auth|is_?admin|require_?admin|require_?role|has_?role|has_?permission|get_?user|get_?current_?user|current_?user|user_?from|get_?claims|middleware)/i;
const LOOKUP_CALL = /^(find\w*|get\w*By\w*|get_?user\w*|load_?user\w*|fetch_?user\w*|lookup\w*)$/i;
const CONTEXT_CALLS = /^(WithValue|Set|SetUser|Locals)$/;

export const decodeWithoutVerify: TreeRule<GoFacts> = {
  id: 'decode-without-verify',
  fix: 'Verify the token with jwt.Parse or jwt.ParseWithClaims (a key and jwt.WithValidMethods) and use only the verified claims.',
  create(context) {
    const { facts } = context;
    if (/_test\.go$/.test(context.file)) return {};
    return {
      end() {
        for (const parse of facts.jwt.parses) {
          if (!parse.unverified) continue;
          const fn = enclosingFunction(parse.node);
          if (!fn || verifiesToo(fn, facts) || passesTokenToVerifier(parse, fn, facts)) continue;
          const use = authorizationUse(parse, fn, facts);
          if (!use) continue;
          context.report({
            node: parse.node,
            message: `${parse.api} result is used for authorization (${use}) without verifying the signature`,
          });
        }
      },
    };
  },
};

/** A verifying parse in the same function: the unverified read only looked up the key. */
function verifiesToo(fn: SyntaxNode, facts: GoFacts): boolean {
  return facts.jwt.parses.some((parse) => !parse.unverified && parse.node.start >= fn.start && parse.node.end <= fn.end);
}

const VERIFY_HELPER = /verif|validat|authenticat/i;
const ACCESS_TYPES = new Set(['selector_expression', 'index_expression']);

/** Per function and node type: its nodes, collected once (each parse call of a long function asks again). */
const functionNodes = new WeakMap<SyntaxNode, Map<string | ReadonlySet<string>, SyntaxNode[]>>();

function nodesIn(fn: SyntaxNode, type: string | ReadonlySet<string>): SyntaxNode[] {
  let byType = functionNodes.get(fn);
  if (!byType) functionNodes.set(fn, (byType = new Map()));
  let nodes = byType.get(type);
  if (!nodes) byType.set(type, (nodes = descendants(fn, type)));
  return nodes;
}

/** Per function: its identifiers by name, in source order. */
const functionIdentifiers = new WeakMap<SyntaxNode, Map<string, SyntaxNode[]>>();

function identifiersIn(fn: SyntaxNode, facts: GoFacts): Map<string, SyntaxNode[]> {
  let byName = functionIdentifiers.get(fn);
  if (!byName) {
    byName = new Map();
    for (const identifier of nodesIn(fn, 'identifier')) {
      const list = byName.get(facts.textOf(identifier)) ?? [];
      list.push(identifier);
      byName.set(facts.textOf(identifier), list);
    }
    functionIdentifiers.set(fn, byName);
  }
  return byName;
}

/** The function hands the same token to its own verify/validate helper (`s.verifyToken(raw)`). */
function passesTokenToVerifier(parse: ParseCall, fn: SyntaxNode, facts: GoFacts): boolean {
  const token = parse.token ? facts.textOf(parse.token) : undefined;
  if (!token) return false;
  return nodesIn(fn, 'call_expression').some((call) => {
    if (call === parse.node) return false;
    const callee = field(call, 'function')!;
    const name = callee.type === 'selector_expression' ? facts.textOf(field(callee, 'field')!) : facts.textOf(callee);
    return VERIFY_HELPER.test(name) && namedChildren(field(call, 'arguments') ?? call).some((arg) => facts.textOf(arg) === token);
  });
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/** The names holding the unverified claims: the token, the claims argument, and `token.Claims.(...)` results. */
function claimHolders(parse: ParseCall, fn: SyntaxNode, facts: GoFacts): Set<string> {
  const holders = new Set<string>();
  const declaration = parse.node.parent?.parent;
  if (declaration && (declaration.type === 'short_var_declaration' || declaration.type === 'assignment_statement')) {
    const first = namedChildren(field(declaration, 'left')!)[0];
    if (first?.type === 'identifier') holders.add(facts.textOf(first));
  }
  const claims = parse.claims ? unwrap(parse.claims) : undefined;
  if (claims?.type === 'identifier') holders.add(facts.textOf(claims));
  // claims := token.Claims.(jwt.MapClaims) / claims, ok := token.Claims.(*MyClaims)
  for (const statement of nodesIn(fn, 'short_var_declaration')) {
    const right = namedChildren(field(statement, 'right')!)[0];
    const text = right ? facts.textOf(right) : '';
    const from = /^(\w+)\.Claims\b/.exec(text);
    if (from && holders.has(from[1]!)) {
      const left = namedChildren(field(statement, 'left')!)[0];
      if (left) holders.add(facts.textOf(left));
    }
  }
  return holders;
}

/** The first place the claims decide identity or access, described for the message. */
function authorizationUse(parse: ParseCall, fn: SyntaxNode, facts: GoFacts): string | undefined {
  const holders = claimHolders(parse, fn, facts);
  if (holders.size === 0) return undefined;
  for (const access of nodesIn(fn, ACCESS_TYPES)) {
    if (access.start < parse.node.end) continue;
    const operand = field(access, 'operand');
    if (!operand) continue;
    const root = operand.type === 'selector_expression' && facts.textOf(field(operand, 'field')!) === 'Claims'
      ? field(operand, 'operand') : operand;
    if (root?.type !== 'identifier' || !holders.has(facts.textOf(root))) continue;
    const name = access.type === 'selector_expression' ? facts.textOf(field(access, 'field')!)
      : facts.resolveString(field(access, 'index'));
    if (name === undefined) continue;
    const key = normalise(name.replace(/^Get/, ''));
    const identity = IDENTITY_CLAIMS.has(key);
    if (!identity && !AUTHORIZATION_CLAIMS.has(key)) continue;
    const label = facts.textOf(access).replace(/\s+/g, '');
    const decision = decisionAt(access, identity, fn, facts);
    if (decision) return `${label} ${decision}`;
  }
  return undefined;
}

/** How a claim is used: in a condition, a comparison, a lookup, a request context, or an auth function's return. */
function decisionAt(claim: SyntaxNode, identity: boolean, fn: SyntaxNode, facts: GoFacts): string | undefined {
  let node = claim;
  // `claims.GetSubject()`, `claims["role"].(string)`
  for (;;) {
    const parent = node.parent;
    if (!parent) return undefined;
    if ((parent.type === 'call_expression' && field(parent, 'function') === node) ||
        (parent.type === 'type_assertion_expression' && field(parent, 'operand') === node) || parent.type === 'parenthesized_expression') {
      node = parent;
      continue;
    }
    break;
  }
  const parent = node.parent!;
  if (parent.type === 'binary_expression') {
    const operator = parent.children.find((child) => !child.named)?.type ?? '';
    if (!/^(==|!=)$/.test(operator)) return undefined;
    const other = field(parent, 'left') === node ? field(parent, 'right') : field(parent, 'left');
    const otherText = other ? facts.textOf(other) : '';
    // `claims.Subject == ""` is a presence check, not a decision.
    if (identity && (otherText === '""' || otherText === 'nil')) return undefined;
    return 'compared';
  }
  if (!identity && (parent.type === 'expression_switch_statement' || parent.type === 'if_statement')) return 'checked';
  if (!identity && parent.type === 'expression_list' && parent.parent?.type === 'short_var_declaration') {
    // role := claims["role"].(string); if role != "admin" {...}
    const index = namedChildren(parent).indexOf(node);
    const name = namedChildren(field(parent.parent, 'left')!)[index];
    if (name && usedInCondition(name, fn, facts)) return 'checked';
  }
  if (parent.type === 'argument_list') {
    const call = parent.parent!;
    const callee = field(call, 'function')!;
    const method = callee.type === 'selector_expression' ? facts.textOf(field(callee, 'field')!) : facts.textOf(callee);
    if (LOOKUP_CALL.test(method)) return 'used to look up the user';
    if (CONTEXT_CALLS.test(method)) return `put into the request context by ${method}`;
    return undefined;
  }
  if (parent.type === 'expression_list' && parent.parent?.type === 'return_statement') {
    const name = functionName(enclosingFunction(parent), (n) => facts.textOf(n));
    return name && AUTH_FUNCTION.test(name) ? `returned from ${name}()` : undefined;
  }
  return undefined;
}

/** A variable holding a claim, tested in an if or switch. */
function usedInCondition(name: SyntaxNode, fn: SyntaxNode, facts: GoFacts): boolean {
  const text = facts.textOf(name);
  for (const identifier of identifiersIn(fn, facts).get(text) ?? []) {
    if (identifier.start <= name.start) continue;
    if (findLocal(identifier, text, (n) => facts.textOf(n))?.nameNode !== name) continue;
    const parent = identifier.parent;
    if (parent?.type === 'binary_expression' && /^(==|!=)$/.test(parent.children.find((c) => !c.named)?.type ?? '')) return true;
    if (parent?.type === 'expression_switch_statement') return true;
  }
  return false;
}
