/**
 * alg-none (Java): unsigned tokens created or accepted. jjwt `SignatureAlgorithm.NONE`, a
 * `Jwts.builder()` chain compacted without `signWith` (an unsecured JWT), a parser with
 * `unsecured()`; auth0 `Algorithm.none()`; Nimbus `PlainJWT` and `Algorithm.NONE`.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import { field, walkTree } from '../../analyze/tree/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import type { TreeRule } from '../tree-rule.js';

export const algNone: TreeRule<JavaFacts> = {
  id: 'alg-none',
  fix: 'Sign with a real algorithm (RS256, ES256, EdDSA, or HS256 with a strong secret) and verify with an allowlist that never contains "none".',
  create(context) {
    const { facts, syntax } = context;
    const libraries = facts.libraries;
    return {
      end() {
        if (libraries.uses.size === 0) return;
        walkTree(syntax.root, (node) => {
          if (node.type === 'field_access') {
            const object = syntax.textOf(field(node, 'object')!).replace(/\s+/g, '');
            const name = syntax.textOf(field(node, 'field')!);
            const jjwtNone = libraries.uses.has('jjwt') && /^(io\.jsonwebtoken\.)?SignatureAlgorithm$/.test(object) && name === 'NONE';
            const nimbusNone = libraries.uses.has('nimbus') && /^(JWSAlgorithm|Algorithm)$/.test(object) && name === 'NONE';
            if (jjwtNone || nimbusNone) {
              context.report({ node, message: `${usedBy(node, syntax.textOf(node), syntax.textOf.bind(syntax))} signs tokens with algorithm "none", so they carry no signature and anyone can forge them` });
            }
          } else if (node.type === 'method_invocation') {
            const name = syntax.textOf(field(node, 'name')!);
            const object = field(node, 'object');
            const objectText = object ? syntax.textOf(object) : '';
            if (libraries.uses.has('auth0') && name === 'none' && /^(com\.auth0\.jwt\.algorithms\.)?Algorithm$/.test(objectText)) {
              const verifying = enclosingCallName(node, syntax.textOf.bind(syntax)) === 'require';
              context.report({
                node,
                message: verifying
                  ? 'JWT.require(Algorithm.none()) accepts unsigned tokens (alg "none"), so anyone can forge claims that pass verification'
                  : 'Algorithm.none() signs tokens with algorithm "none", so they carry no signature and anyone can forge them',
              });
            } else if (libraries.uses.has('jjwt') && name === 'unsecured' && object) {
              context.report({
                node: field(node, 'name')!,
                message: 'unsecured() makes the jjwt parser accept unsigned tokens (alg "none"): their claims are not protected by any signature',
                fix: 'Remove unsecured() and verify tokens with verifyWith(key).',
              });
            } else if (libraries.uses.has('nimbus') && name === 'parse' && objectText === 'PlainJWT') {
              context.report({
                node,
                message: 'PlainJWT.parse reads an unsigned token (alg "none"): its claims are not protected by any signature',
                fix: 'Parse a SignedJWT and verify it with a JWSVerifier (or use a JWTProcessor with a key selector).',
              });
            }
          } else if (node.type === 'object_creation_expression' && libraries.uses.has('nimbus')) {
            if (syntax.textOf(field(node, 'type') ?? node) === 'PlainJWT') {
              context.report({
                node,
                message: 'new PlainJWT creates an unsigned token (alg "none"): anyone can forge its claims',
                fix: 'Create a SignedJWT and sign it with a JWSSigner (RSASSASigner, ECDSASigner, or MACSigner with a strong secret).',
              });
            }
          }
        });
        for (const call of libraries.jwtCalls()) {
          if (call.library !== 'jjwt' || call.kind !== 'sign' || !call.complete) continue;
          if (libraries.settings(call, 'signWith', 'encryptWith').length > 0) continue;
          context.report({
            node: call.nameNode,
            message: 'Jwts.builder() is compacted without signWith(...), so it creates an unsigned token (alg "none") whose claims anyone can forge',
            fix: 'Call signWith(key) (with a private key, or an HMAC key of at least 32 bytes) before compact().',
          });
        }
      },
    };
  },
};

/** `signWith` for `signWith(SignatureAlgorithm.NONE, key)`, else the expression itself. */
function usedBy(node: SyntaxNode, fallback: string, textOf: (node: SyntaxNode) => string): string {
  const name = enclosingCallName(node, textOf);
  return name ? `${name}(${fallback})` : fallback;
}

function enclosingCallName(node: SyntaxNode, textOf: (node: SyntaxNode) => string): string | undefined {
  const list = node.parent;
  if (list?.type !== 'argument_list' || list.parent?.type !== 'method_invocation') return undefined;
  return textOf(field(list.parent, 'name')!);
}
