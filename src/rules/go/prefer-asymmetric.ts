/**
 * prefer-asymmetric (Go, advice, off by default): HMAC-signed tokens, whose verifiers hold a
 * key that can also mint tokens: `jwt.New*(jwt.SigningMethodHS256, ...)` and HMAC-only
 * `jwt.WithValidMethods` lists.
 */
import { methodList, signingMethodOf } from '../../analyze/go/algorithms.js';
import type { GoFacts } from '../../analyze/go/facts.js';
import { argumentsOf, calleeLabel } from '../../analyze/go/libraries.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const ADVICE = 'shares one secret between signer and verifiers; prefer RS256/ES256 so verifiers hold only a public key that cannot sign';

export const preferAsymmetric: TreeRule<GoFacts> = {
  id: 'prefer-asymmetric',
  fix: 'Sign with a private key (ES256, EdDSA or RS256) at the issuer and give verifiers only the public key, ideally through a JWKS endpoint.',
  create(context) {
    const { facts } = context;
    return {
      end() {
        for (const sign of facts.jwt.signs) {
          const method = signingMethodOf(sign.method, facts);
          if (method?.family !== 'hmac') continue;
          context.report({ node: method.node, message: `${sign.api} signs with ${method.name}, which ${ADVICE}` });
        }
      },
      nodes: {
        call_expression(node) {
          const callee = field(node, 'function');
          if (!facts.importsJwt || facts.jwtReference(callee)?.member !== 'WithValidMethods') return;
          const list = methodList(argumentsOf(node)[0], facts);
          if (!list?.complete || list.entries.length === 0 || !list.entries.every((entry) => entry.family === 'hmac')) return;
          context.report({
            node: list.node,
            in: list.file,
            message: `${calleeLabel(callee!, facts)} accepts ${list.entries.map((entry) => entry.name).join(', ')} tokens: HMAC ${ADVICE}`,
          });
        },
      },
    };
  },
};
