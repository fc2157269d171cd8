/**
 * hardcoded-secret: key material written as a literal (HMAC secret, PEM private key, private
 * JWK) that reaches a JWT call's key or is declared under a JWT-secret name. Reported at the
 * literal, wherever it is written, with the uses as related locations. Guessable secrets are
 * left to weak-secret, which supersedes this rule at the same place.
 */
import { KeyMaterialCollector, type KeyLiteral } from '../../analyze/js/key-material.js';
import { secretWeakness } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import { RULE_OPTIONS } from '../options.js';
import type { JsRule } from '../rule.js';
import { describeSecret, describeUse, markKeySensitive } from './key-findings.js';

const DEFAULT_MIN_LENGTH = Number(RULE_OPTIONS['weak-secret']?.minLength?.default ?? 32);
const CONSEQUENCE = 'anyone who can read the repository can forge tokens';

export const hardcodedSecret: JsRule = {
  id: 'hardcoded-secret',
  fix: 'Load the key at runtime (environment, mounted secret file or secrets manager) and rotate it: ' +
    'the committed value must be treated as known.',
  create(context) {
    const collector = new KeyMaterialCollector(context.resolver, context.file);
    return {
      jwtCall: (call) => collector.addCall(call),
      nodes: collector.listeners(),
      end() {
        for (const candidate of collector.all()) {
          if (candidate.kind !== 'literal') continue;
          markKeySensitive(context, candidate);
          if (candidate.keyText.kind === 'secret' && secretWeakness(candidate.text, DEFAULT_MIN_LENGTH)) continue;
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
