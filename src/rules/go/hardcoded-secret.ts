/**
 * hardcoded-secret (Go): key material written as a literal (HMAC secret, PEM private key,
 * private JWK) that reaches `SignedString`, a keyfunc's return or `jwt.Parse*PrivateKeyFromPEM`,
 * or is declared under a JWT-secret name; constants of other files of the package included.
 * Reported at the literal. weak-secret supersedes it at the same place.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import type { GoKeyCandidate } from '../../analyze/go/key-material.js';
import type { TreeRule } from '../tree-rule.js';
import { candidatePlace, describeSecret, describeUse } from './key-findings.js';
import { HARDCODED_SECRET_FIX, hardcodedKeyMessage } from '../secret-messages.js';

export const hardcodedSecret: TreeRule<GoFacts> = {
  id: 'hardcoded-secret',
  fix: HARDCODED_SECRET_FIX,
  create(context) {
    return {
      end() {
        for (const candidate of context.facts.keyMaterial()) {
          const text = candidate.kind === 'literal' ? message(candidate) : undefined;
          if (!text) continue;
          context.markSensitive(candidate.text, candidate.file.file);
          context.report({ ...candidatePlace(candidate), message: text });
        }
      },
    };
  },
};

function message(candidate: GoKeyCandidate): string | undefined {
  return hardcodedKeyMessage(candidate.keyText, candidate.text, {
    use: () => describeUse(candidate),
    secret: () => describeSecret(candidate),
  });
}
