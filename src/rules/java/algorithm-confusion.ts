/**
 * algorithm-confusion (Java): an HMAC key made from a public key: `Algorithm.HMAC256(publicKey...)`,
 * `Keys.hmacShaKeyFor(publicKey.getEncoded())`, `new MACVerifier(publicKeyPem)`, jjwt
 * `signWith(SignatureAlgorithm.HS256, publicKeyBytes)` or `setSigningKey(publicKeyPem.getBytes())`
 * (jjwt uses bytes as an HMAC secret for HS* tokens). Anyone who has the public key can then sign.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { TreeRule } from '../tree-rule.js';
import { publicKeyEvidence } from './public-keys.js';

/** jjwt accepts raw bytes or strings as HMAC secrets; a PublicKey object is checked against the algorithm. */
const RAW_KEY = /getBytes\(|getEncoded\(|decode\(|parseBase64Binary\(|"/;

export const algorithmConfusion: TreeRule<JavaFacts> = {
  id: 'algorithm-confusion',
  fix: 'Use one algorithm family per key and pin it: verify RS256/ES256 tokens with the public key object (verifyWith(publicKey), Algorithm.RSA256), and HS256 only with a separate random secret.',
  create(context) {
    return {
      end() {
        for (const use of context.facts.libraries.keyUses()) {
          if (!use.hmacOnly && !use.hmac && !RAW_KEY.test(context.syntax.textOf(use.expression))) continue;
          if (!use.hmacOnly && !use.hmac && use.api === 'signWith') continue;
          const evidence = publicKeyEvidence(use.expression, context.facts);
          if (!evidence) continue;
          const algorithm = use.hmac ?? 'an HMAC algorithm';
          context.report({
            node: use.expression,
            message: `${use.api} uses ${algorithm} with a public key (${evidence}): anyone who has the public key can sign tokens that pass`,
          });
        }
      },
    };
  },
};
