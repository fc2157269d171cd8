/**
 * secret-fallback (config): a JWT secret read from the environment with a literal default:
 * `${JWT_SECRET:-dev-secret}` / `${JWT_SECRET-dev}` in compose files, .env files and shell
 * scripts, `${JWT_SECRET:dev-secret}` in Spring YAML and properties. Reported at the default.
 */
import { isPublishedWeakSecret } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import { literalValueSeverity, type ConfigRule } from './rule.js';

export const secretFallback: ConfigRule = {
  id: 'secret-fallback',
  fix: 'Read the secret without a default and refuse to start when it is missing or shorter than 32 bytes.',
  check(context) {
    for (const secret of context.facts.secrets()) {
      if (secret.kind !== 'fallback') continue;
      const what = secret.keyText.kind === 'pem-private' ? `a hardcoded PEM private key (${secret.keyText.label})`
        : `the hardcoded secret ${maskSecret(secret.text)}`;
      const published = secret.keyText.kind === 'secret' && isPublishedWeakSecret(secret.text) ? ', a published example secret' : '';
      context.report({
        start: secret.start,
        end: secret.end,
        message: `${secret.entry.fallback!.variable} falls back to ${what}${published} when the variable is not set; ` +
          'a deployment that misses it signs tokens anyone can forge',
        severity: literalValueSeverity(context),
      });
    }
  },
};
