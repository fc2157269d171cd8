/**
 * prefer-asymmetric (Java, advice, off by default): HMAC-signed or HMAC-verified tokens:
 * `signWith(SignatureAlgorithm.HS256, ...)`, `Keys.hmacShaKeyFor`, `Algorithm.HMAC256`,
 * `new MACSigner`/`MACVerifier`. One finding per key use.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { TreeRule } from '../tree-rule.js';

const ADVICE = 'shares one secret between signer and verifiers; prefer RS256/ES256 so verifiers hold only a public key that cannot sign';

export const preferAsymmetric: TreeRule<JavaFacts> = {
  id: 'prefer-asymmetric',
  fix: 'Sign with a private key (ES256, EdDSA or RS256) at the issuer and give verifiers only the public key, ideally through a JWKS endpoint.',
  create(context) {
    return {
      end() {
        for (const use of context.facts.libraries.keyUses()) {
          if (!use.hmacOnly && !use.hmac) continue;
          const algorithm = use.hmac ?? 'HMAC';
          context.report({ node: use.where, message: `${use.api} uses ${algorithm}, which ${ADVICE}` });
        }
      },
    };
  },
};
