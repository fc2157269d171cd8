/**
 * weak-secret: an HMAC secret that reaches a JWT call's key, or is declared under a
 * JWT-secret name, and is guessable: shorter than `minLength` bytes, on the built-in list of
 * published example secrets, or low in entropy. Reported at the literal. PEM and JWK keys
 * are never judged by length.
 */
import { describeWeakness, secretWeakness } from '../../analyze/secret-strength.js';
import { RULE_OPTIONS } from '../options.js';
import type { JsRule } from '../rule.js';
import { describeSecret } from './key-findings.js';

const DEFAULT_MIN_LENGTH = Number(RULE_OPTIONS['weak-secret']?.minLength?.default ?? 32);

export const weakSecret: JsRule = {
  id: 'weak-secret',
  fix: 'Generate a random secret of at least 32 bytes (openssl rand -base64 48), load it at runtime, and rotate the old one.',
  options: RULE_OPTIONS['weak-secret'],
  create(context) {
    const minLength = typeof context.options.minLength === 'number' ? context.options.minLength : DEFAULT_MIN_LENGTH;
    return {
      end() {
        for (const candidate of context.keyMaterial()) {
          if (candidate.kind !== 'literal') continue;
          if (candidate.keyText.kind !== 'secret') continue;
          const weakness = secretWeakness(candidate.text, minLength);
          if (!weakness) continue;
          context.report({
            origin: candidate.origin,
            message: `${describeSecret(candidate)} ${describeWeakness(weakness)}`,
            related: candidate.uses.length > 0 ? candidate.uses : undefined,
          });
        }
      },
    };
  },
};
