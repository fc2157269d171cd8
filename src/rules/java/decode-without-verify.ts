/**
 * decode-without-verify (Java): a token read without a signature check whose claims then
 * decide who the caller is or what they may do: auth0 `JWT.decode(t)`, jjwt
 * `parseClaimsJwt`/`parseUnsecuredClaims`/`parse()` without a key, Nimbus `SignedJWT.parse(t)`
 * / `JWTParser.parse(t)`. The claims are followed through local variables and getters
 * (`getSubject()`, `getClaim("role").asString()`, `getBody().get("roles")`) to: user lookups
 * (`findByUsername`, `loadUserByUsername`), Spring authentication objects, conditions, and
 * returns from auth-named methods. Reading only `exp`, `kid`, `iss` or the header, or a method
 * that also verifies the token, is not a finding.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { JavaJwtCall } from '../../analyze/java/libraries.js';
import { argumentsOf, enclosingMethod } from '../../analyze/java/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field, type SyntaxFile } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

/** Getters that read metadata, not identity: routing by key id or issuer, refresh scheduling. */
const METADATA_GETTERS = /^(getExpiresAt|getExpiration|getExpirationTime|getExpiresAtAsInstant|getKeyId|getHeader\w*|getAlgorithm|getIssuedAt\w*|getNotBefore\w*|getType|getToken|getSignature|getContentType|getIssuer|getJWTID|getId|getJwtId|getAudience|length|isEmpty)$/;
const METADATA_CLAIMS = new Set(['exp', 'iat', 'nbf', 'kid', 'iss', 'alg', 'typ', 'jti', 'aud']);
const CLAIM_BY_NAME = new Set(['getClaim', 'get', 'getStringClaim', 'getStringListClaim', 'getClaimAsString', 'getBooleanClaim']);
const LOOKUP_CALL = /^(find\w*|get\w*By\w*|get_?user\w*|load\w*User\w*|fetch_?user\w*|lookup\w*|exists\w*By\w*)$/i;
const AUTH_OBJECTS = /AuthenticationToken$|^User$/;
const AUTH_SINKS = new Set(['setAuthentication', 'setAttribute', 'withUsername', 'setPrincipal']);
const AUTH_FUNCTION = /^(authenticate|authori[sz]e|auth(?!or)|verify|validate|check_?auth|require_?auth|ensure_?auth|is_?auth|is_?admin|require_?admin|require_?role|check_?role|has_?role|has_?permission|has_?scope|check_?permission|get_?user|get_?current_?user|current_?user|get_?auth|get_?session_?user|get_?identity|get_?principal|get_?role|protect|can_?activate)/i;
const VERIFIES = /\.verify\s*\(|parseClaimsJws|parseSignedClaims|parseSignedContent|JWT\s*\.\s*require\s*\(|verifyWith\s*\(|setSigningKey\s*\(/;

export const decodeWithoutVerify: TreeRule<JavaFacts> = {
  id: 'decode-without-verify',
  fix: 'Verify the token (JWT.require(alg)...build().verify(token), Jwts.parser().verifyWith(key).build().parseSignedClaims(token)) and use only the verified claims.',
  create(context) {
    const { facts, syntax } = context;
    return {
      end() {
        if (/(^|\/)src\/test\//.test(context.file)) return;
        // A class that also verifies tokens usually calls its claim helpers after verifying
        // (`if (validateToken(t)) getUsername(t)`): its helpers' return values are not judged.
        const classVerifies = VERIFIES.test(syntax.text);
        const verifyingMethods = new Map<SyntaxNode, boolean>(); // one regex pass per method, not per call
        for (const call of facts.libraries.jwtCalls()) {
          if (call.kind !== 'decode') continue;
          const method = enclosingMethod(call.node);
          if (!method) continue;
          if (!verifyingMethods.has(method)) verifyingMethods.set(method, VERIFIES.test(syntax.textOf(method)));
          if (verifyingMethods.get(method)) continue;
          const use = authorizationUse(call, method, facts, classVerifies);
          if (!use) continue;
          context.report({
            node: call.nameNode,
            message: `${call.api} result is used for authorization (${use}) without verifying the signature`,
          });
        }
      },
    };
  },
};

/** How the decoded claims are used to decide identity, or undefined. */
function authorizationUse(call: JavaJwtCall, method: SyntaxNode, facts: JavaFacts, classVerifies: boolean): string | undefined {
  const { syntax } = facts;
  // Empty when the class also verifies: returns from its helpers are then not judged.
  const methodName = classVerifies ? '' : syntax.textOf(field(method, 'name')!);
  // Derived expressions: the decode result, getters on it, and local variables bound to either.
  const pending: { node: SyntaxNode; isClaim: boolean }[] = [{ node: call.node, isClaim: false }];
  const seen = new Set<SyntaxNode>();
  while (pending.length > 0) {
    const { node, isClaim } = pending.pop()!;
    if (seen.has(node) || seen.size > 200) continue;
    seen.add(node);
    // Getter chains on the derived value: `decoded.getClaim("role").asString()`.
    let current: SyntaxNode | undefined = node;
    let claim = isClaim;
    while (current) {
      const parent: SyntaxNode | null = current.parent;
      if (parent?.type !== 'method_invocation' || field(parent, 'object') !== current) break;
      const getter = syntax.textOf(field(parent, 'name')!);
      if (METADATA_GETTERS.test(getter)) {
        current = undefined;
        break;
      }
      if (CLAIM_BY_NAME.has(getter)) {
        const name = facts.values.resolveString(argumentsOf(parent)[0]);
        if (name === undefined || METADATA_CLAIMS.has(name)) {
          current = undefined;
          break;
        }
        claim = true;
      } else if (getter === 'getSubject') {
        claim = true;
      } else if (!/^get(Claims|Body|Payload|JWTClaimsSet)$|^as\w+$|^toString$/.test(getter)) {
        break;
      }
      current = parent;
    }
    if (!current) continue;
    const use = sinkOf(current, claim, methodName, facts);
    if (use) return use;
    // Bound to a local variable: follow its uses.
    const declarator = current.parent?.type === 'variable_declarator' ? current.parent : undefined;
    if (declarator) {
      const name = syntax.textOf(field(declarator, 'name')!);
      for (const identifier of identifiersNamed(method, name, syntax)) {
        if (identifier.start <= declarator.start) continue;
        if (identifier.parent?.type === 'variable_declarator' && field(identifier.parent, 'name') === identifier) continue;
        pending.push({ node: identifier, isClaim: claim });
      }
    }
  }
  return undefined;
}

/** Per method: its identifiers by name, in source order (each followed variable would otherwise walk the method). */
const methodIdentifiers = new WeakMap<SyntaxNode, Map<string, SyntaxNode[]>>();

function identifiersNamed(method: SyntaxNode, name: string, syntax: SyntaxFile): SyntaxNode[] {
  let byName = methodIdentifiers.get(method);
  if (!byName) {
    byName = new Map();
    for (const identifier of descendants(method, 'identifier')) {
      const text = syntax.textOf(identifier);
      const list = byName.get(text) ?? [];
      list.push(identifier);
      byName.set(text, list);
    }
    methodIdentifiers.set(method, byName);
  }
  return byName.get(name) ?? [];
}

/** Where a claim value goes, when that decides identity. */
function sinkOf(node: SyntaxNode, isClaim: boolean, methodName: string, facts: JavaFacts): string | undefined {
  const { syntax } = facts;
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'argument_list') {
    const call = parent.parent!;
    const name = call.type === 'method_invocation' ? syntax.textOf(field(call, 'name')!)
      : call.type === 'object_creation_expression' ? syntax.textOf(field(call, 'type') ?? call) : '';
    if (call.type === 'method_invocation' && LOOKUP_CALL.test(name)) return `user lookup ${name}`;
    if (call.type === 'method_invocation' && AUTH_SINKS.has(name)) return name;
    if (call.type === 'object_creation_expression' && AUTH_OBJECTS.test(name.replace(/<[\s\S]*$/, ''))) return `new ${name.replace(/<[\s\S]*$/, '')}`;
    if (isClaim && call.type === 'method_invocation' && /^(equals|equalsIgnoreCase|contains)$/.test(name) && inCondition(call)) return 'a claim check';
    return undefined;
  }
  if (!isClaim) return undefined;
  if (parent.type === 'method_invocation' && field(parent, 'object') === node) {
    const name = syntax.textOf(field(parent, 'name')!);
    if (!/^(equals|equalsIgnoreCase|contains|startsWith)$/.test(name)) return undefined;
    if (inCondition(parent)) return 'a claim check';
    if (parent.parent?.type === 'return_statement' && AUTH_FUNCTION.test(methodName)) return `a claim check returned by ${methodName}`;
  }
  if (parent.type === 'return_statement' && AUTH_FUNCTION.test(methodName)) return `returned by ${methodName}`;
  if (parent.type === 'binary_expression' && inCondition(parent)) return 'a claim check';
  return undefined;
}

function inCondition(node: SyntaxNode): boolean {
  for (let current: SyntaxNode | null = node; current?.parent; current = current.parent) {
    const parent: SyntaxNode = current.parent;
    if ((parent.type === 'if_statement' || parent.type === 'while_statement') && field(parent, 'condition') === current) return true;
    if (parent.type === 'ternary_expression' && field(parent, 'condition') === current) return true;
    if (parent.type === 'block' || parent.type === 'method_declaration') return false;
  }
  return false;
}
