/**
 * weak-secret (Java): an HMAC secret literal that reaches a JWT key or is declared under a
 * JWT-secret name, and is guessable: shorter than `minLength` bytes as the library receives
 * it (Base64-decoded for `Decoders.BASE64.decode`), published, or low in entropy.
 */
import { javaKeyMaterial, placeOf } from '../../analyze/java/key-material.js';
import type { JavaFacts } from '../../analyze/java/facts.js';
import { describeWeakness, secretWeakness, type Weakness } from '../../analyze/secret-strength.js';
import { RULE_OPTIONS, weakSecretMinLength } from '../options.js';
import type { TreeRule } from '../tree-rule.js';
import { describeSecret } from './key-findings.js';
import { WEAK_SECRET_FIX } from '../secret-messages.js';

export const weakSecret: TreeRule<JavaFacts> = {
  id: 'weak-secret',
  fix: WEAK_SECRET_FIX,
  options: RULE_OPTIONS['weak-secret'],
  create(context) {
    const minLength = weakSecretMinLength(context.options);
    return {
      end() {
        for (const candidate of javaKeyMaterial(context.facts)) {
          if (candidate.kind !== 'literal' || candidate.keyText.kind !== 'secret') continue;
          const weakness: Weakness | undefined = candidate.bytes < minLength && candidate.bytes !== Buffer.byteLength(candidate.text)
            ? { reason: 'short', bytes: candidate.bytes, minLength }
            : secretWeakness(candidate.text, minLength);
          if (!weakness) continue;
          context.markSensitive(candidate.text);
          const decoded = candidate.bytes !== Buffer.byteLength(candidate.text) ? ' (Base64-decoded)' : '';
          context.report({
            ...placeOf(candidate.at, context.facts),
            message: `${describeSecret(candidate)}${decoded} ${describeWeakness(weakness)}`,
          });
        }
      },
    };
  },
};
