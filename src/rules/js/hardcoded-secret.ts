/**
 * hardcoded-secret: key material written as a literal (HMAC secret, PEM private key, private
 * JWK) that reaches a JWT call's key or is declared under a JWT-secret name. Reported at the
 * literal, wherever it is written, with the uses as related locations. Where weak-secret
 * reports the same literal, the pipeline keeps only weak-secret (it supersedes this rule).
 */
import type { KeyLiteral } from '../../analyze/js/key-material.js';
import { maskSecret } from '../../mask.js';
import type { JsRule } from '../rule.js';
import { describeSecret, describeUse } from './key-findings.js';

const CONSEQUENCE = 'anyone who can read the repository can forge tokens';

export const hardcodedSecret: JsRule = {
  id: 'hardcoded-secret',
  fix: 'Load the key at runtime (environment, mounted secret file or secrets manager) and rotate it: ' +
    'the committed value must be treated as known.',
  create(context) {
    return {
      end() {
        for (const candidate of context.keyMaterial()) {
          if (candidate.kind !== 'literal') continue;
          context.report({
            origin: candidate.origin,
            message: message(candidate),
            related: candidate.uses.length > 0 ? candidate.uses : undefined,
          });
        }
      },
    };
  },
};

function message(candidate: KeyLiteral): string {
  switch (candidate.keyText.kind) {
    case 'pem-private':
      return `Hardcoded PEM private key (${candidate.keyText.label}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    case 'jwk-private':
      return `Hardcoded private JWK (${maskSecret(candidate.text)}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    case 'secret':
      return `${describeSecret(candidate)} is hardcoded; ${CONSEQUENCE}`;
  }
}
