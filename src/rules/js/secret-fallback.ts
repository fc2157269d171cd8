/**
 * secret-fallback: an environment JWT secret with a literal default
 * (`process.env.JWT_SECRET || 'dev'`, `?? 'dev'`, `const { JWT_SECRET = 'dev' } = process.env`,
 * `isProd ? process.env.JWT_SECRET : 'dev'`),
 * when the value is used as a JWT key or its name says it is a JWT secret. Reported at the
 * fallback literal.
 */
import type { KeyFallback } from '../../analyze/js/key-material.js';
import { classifyKeyText, isPublishedWeakSecret } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import type { JsRule } from '../rule.js';

export const secretFallback: JsRule = {
  id: 'secret-fallback',
  fix: 'Read the secret without a default and refuse to start when it is missing or shorter than 32 bytes.',
  create(context) {
    return {
      end() {
        for (const candidate of context.keyMaterial()) {
          if (candidate.kind !== 'fallback') continue;
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

function message(candidate: KeyFallback): string {
  const keyText = classifyKeyText(candidate.text);
  const what = keyText.kind === 'pem-private' ? `a hardcoded PEM private key (${keyText.label})`
    : `the hardcoded secret ${maskSecret(candidate.text)}`;
  const use = candidate.firstApi ? ` (key of ${candidate.firstApi})` : '';
  const published = keyText.kind === 'secret' && isPublishedWeakSecret(candidate.text)
    ? ', a published example secret' : '';
  if (candidate.byCondition) {
    return `${candidate.envName}${use} is replaced by ${what}${published}${published ? ',' : ''} whenever the condition picks that branch; ` +
      'a deployment where it does signs tokens anyone can forge';
  }
  return `${candidate.envName}${use} falls back to ${what}${published} when the variable is not set; ` +
    'a deployment that misses it signs tokens anyone can forge';
}
