/**
 * hardcoded-secret: key material written as a literal (HMAC secret, PEM private key, private
 * JWK) that reaches a JWT call's key or is declared under a JWT-secret name. Reported at the
 * literal, wherever it is written, with the uses as related locations. Where weak-secret
 * reports the same literal, the pipeline keeps only weak-secret (it supersedes this rule).
 */
import type { KeyLiteral } from '../../analyze/js/key-material.js';
import type { JsRule } from '../rule.js';
import { describeSecret, describeUse } from './key-findings.js';
import { HARDCODED_SECRET_FIX, hardcodedKeyMessage } from '../secret-messages.js';

export const hardcodedSecret: JsRule = {
  id: 'hardcoded-secret',
  fix: HARDCODED_SECRET_FIX,
  create(context) {
    return {
      end() {
        for (const candidate of context.keyMaterial()) {
          const text = candidate.kind === 'literal' ? message(candidate) : undefined;
          if (!text) continue;
          context.report({
            origin: candidate.origin,
            message: text,
            related: candidate.uses.length > 0 ? candidate.uses : undefined,
          });
        }
      },
    };
  },
};

function message(candidate: KeyLiteral): string | undefined {
  return hardcodedKeyMessage(candidate.keyText, candidate.text, {
    use: () => describeUse(candidate),
    secret: () => describeSecret(candidate),
  });
}
