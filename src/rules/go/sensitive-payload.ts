/**
 * sensitive-payload (Go): secrets or personal data in golang-jwt claims: keys of a
 * `jwt.MapClaims` literal (or `claims["password"] = ...` on one), and fields of a custom claims
 * struct (one that embeds `jwt.RegisteredClaims`/`jwt.StandardClaims`) named like passwords,
 * hashes, card data, national ids or API keys (by field name or `json` tag).
 */
import { claimsKind, embedsClaims, jsonName, structFields } from '../../analyze/go/claims.js';
import type { GoFacts } from '../../analyze/go/facts.js';
import { isSensitiveField } from '../../analyze/names/claim-names.js';
import { field, fields, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export const sensitivePayload: TreeRule<GoFacts> = {
  id: 'sensitive-payload',
  fix: 'Sign only what the receiver needs (a user id in "sub", roles or scopes) and look up everything else on the server; encrypt (JWE) if a token must carry confidential data.',
  create(context) {
    const { facts } = context;
    const message = (key: string): string =>
      `Token payload carries "${key}", readable by anyone who has the token (a JWT payload is only base64-encoded, not encrypted)`;
    if (!facts.importsJwt) return {};
    return {
      nodes: {
        keyed_element(node) {
          const literal = node.parent?.parent;
          if (literal?.type !== 'composite_literal' || claimsKind(literal, facts) !== 'map') return;
          const key = facts.resolveString(field(node, 'key'));
          if (key !== undefined && isSensitiveField(key)) context.report({ node, message: message(key) });
        },
        assignment_statement(node) {
          const target = namedChildren(field(node, 'left') ?? node)[0];
          if (target?.type !== 'index_expression') return;
          const key = facts.resolveString(field(target, 'index'));
          if (key === undefined || !isSensitiveField(key)) return;
          const claims = facts.expressionBehind(field(target, 'operand'));
          const isMapClaims = claims?.node.type === 'composite_literal' ? claimsKind(claims.node, claims.facts) === 'map'
            : claims?.node.type === 'type_assertion_expression' && facts.jwtReference(field(claims.node, 'type'))?.member === 'MapClaims';
          if (isMapClaims) context.report({ node, message: message(key) });
        },
        struct_type(node) {
          if (!embedsClaims(node, facts)) return;
          for (const declaration of structFields(node)) {
            for (const name of fields(declaration, 'name')) {
              const claim = jsonName(declaration, facts.textOf(name), facts);
              if (claim === undefined) continue;
              if (isSensitiveField(facts.textOf(name)) || isSensitiveField(claim)) {
                context.report({ node: declaration, message: message(claim) });
                break;
              }
            }
          }
        },
      },
    };
  },
};
