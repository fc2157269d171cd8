/**
 * weak-secret (config): a JWT secret written in config that is guessable: shorter than
 * `minLength` bytes, a published example secret, or low in entropy. `changeme` in a real
 * `.env` is reported (it may well be deployed); in a template it is a placeholder.
 */
import { describeWeakness, secretWeakness } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import { RULE_OPTIONS, weakSecretMinLength } from '../options.js';
import { literalValueSeverity, type ConfigRule } from './rule.js';
import { WEAK_SECRET_FIX } from '../secret-messages.js';

export const weakSecret: ConfigRule = {
  id: 'weak-secret',
  fix: WEAK_SECRET_FIX,
  options: RULE_OPTIONS['weak-secret'],
  check(context) {
    const minLength = weakSecretMinLength(context.options);
    for (const secret of context.facts.secrets()) {
      if (secret.kind !== 'literal' || secret.keyText.kind !== 'secret') continue;
      const weakness = secretWeakness(secret.text, minLength);
      if (!weakness) continue;
      context.report({
        start: secret.start,
        end: secret.end,
        message: `${secret.name} ${maskSecret(secret.text)} ${describeWeakness(weakness)}`,
        severity: literalValueSeverity(context),
      });
    }
  },
};
