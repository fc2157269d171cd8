/**
 * hardcoded-secret (Go): key material written as a literal (HMAC secret, PEM private key,
 * private JWK) that reaches `SignedString`, a keyfunc's return or `jwt.Parse*PrivateKeyFromPEM`,
 * or is declared under a JWT-secret name; constants of other files of the package included.
 * Reported at the literal. weak-secret supersedes it at the same place.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import type { GoKeyCandidate } from '../../analyze/go/key-material.js';
import { maskSecret } from '../../mask.js';
import type { TreeRule } from '../tree-rule.js';
import { candidatePlace, describeSecret, describeUse } from './key-findings.js';

const CONSEQUENCE = 'anyone who can read the repository can forge tokens';

export const hardcodedSecret: TreeRule<GoFacts> = {
  id: 'hardcoded-secret',
  fix: 'Load the key at runtime (environment, mounted secret file or secrets manager) and rotate it: ' +
    'the committed value must be treated as known.',
  create(context) {
    return {
      end() {
        for (const candidate of context.facts.keyMaterial()) {
          if (candidate.kind !== 'literal') continue;
          context.markSensitive(candidate.text, candidate.file.file);
          context.report({ ...candidatePlace(candidate), message: message(candidate) });
        }
      },
    };
  },
};

function message(candidate: GoKeyCandidate): string {
  switch (candidate.keyText.kind) {
    case 'pem-private':
      return `Hardcoded PEM private key (${candidate.keyText.label}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    case 'jwk-private':
      return `Hardcoded private JWK (${maskSecret(candidate.text)}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    default:
      return `${describeSecret(candidate)} is hardcoded; ${CONSEQUENCE}`;
  }
}
