/**
 * hardcoded-secret (Python): key material written as a literal (HMAC secret, PEM private
 * key, private JWK) that reaches a JWT call's key, a framework's JWT secret setting or a
 * JWT-secret name. Where weak-secret reports the same literal, the pipeline keeps weak-secret.
 */
import type { KeyCandidate } from '../../analyze/python/key-material.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import type { TreeRule } from '../tree-rule.js';
import { describeSecret, describeUse, usesOf } from './key-findings.js';
import { at } from './shared.js';

const CONSEQUENCE = 'anyone who can read the repository can forge tokens';

export const hardcodedSecret: TreeRule<PythonFacts> = {
  id: 'hardcoded-secret',
  fix: 'Load the key at runtime (environment, mounted secret file or secrets manager) and rotate it: ' +
    'the committed value must be treated as known.',
  create(context) {
    return {
      end() {
        for (const candidate of context.facts.keyMaterial()) {
          if (candidate.kind !== 'literal') continue;
          const text = message(candidate);
          if (!text) continue;
          context.markSensitive(candidate.text, candidate.at.facts.syntax.file);
          context.report({ ...at(context, candidate.at), message: text, related: usesOf(candidate) });
        }
      },
    };
  },
};

function message(candidate: KeyCandidate): string | undefined {
  const keyText = classifyKeyText(candidate.text);
  switch (keyText.kind) {
    case 'pem-private':
      return `Hardcoded PEM private key (${keyText.label}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    case 'jwk-private':
      return `Hardcoded private JWK (${maskSecret(candidate.text)}) ${describeUse(candidate)}; ${CONSEQUENCE}`;
    case 'secret':
      return `${describeSecret(candidate)} is hardcoded; ${CONSEQUENCE}`;
    default:
      return undefined; // public keys are not secrets
  }
}
