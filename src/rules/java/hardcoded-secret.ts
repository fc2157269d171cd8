/**
 * hardcoded-secret (Java): key material written as a literal (HMAC secret, PEM private key,
 * private JWK) that reaches a JWT key (`signWith`, `Keys.hmacShaKeyFor`, `Algorithm.HMAC256`,
 * `new MACSigner`, `setSigningKey`, `verifyWith`), through constants, fields, `.getBytes()` and
 * other classes, or is declared under a JWT-secret name. Reported at the literal.
 */
import { javaKeyMaterial, placeOf, type JavaKeyLiteral } from '../../analyze/java/key-material.js';
import type { JavaFacts } from '../../analyze/java/facts.js';
import { maskSecret } from '../../mask.js';
import type { TreeRule } from '../tree-rule.js';
import { describeSecret, describeUse } from './key-findings.js';

const CONSEQUENCE = 'anyone who can read the repository can forge tokens';

export const hardcodedSecret: TreeRule<JavaFacts> = {
  id: 'hardcoded-secret',
  fix: 'Load the key at runtime (environment, mounted secret file or secrets manager) and rotate it: ' +
    'the committed value must be treated as known.',
  create(context) {
    return {
      end() {
        for (const candidate of javaKeyMaterial(context.facts)) {
          if (candidate.kind !== 'literal') continue;
          context.markSensitive(candidate.text);
          context.report({ ...placeOf(candidate.at, context.facts), message: message(candidate) });
        }
      },
    };
  },
};

function message(candidate: JavaKeyLiteral): string {
  switch (candidate.keyText.kind) {
    case 'pem-private':
      return `Hardcoded PEM private key (${candidate.keyText.label}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    case 'jwk-private':
      return `Hardcoded private JWK (${maskSecret(candidate.text)}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    default:
      return `${describeSecret(candidate)} is hardcoded; ${CONSEQUENCE}`;
  }
}
