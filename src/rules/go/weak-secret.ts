/**
 * weak-secret (Go): an HMAC secret literal that reaches a golang-jwt key (or is declared under
 * a JWT-secret name) and is guessable: shorter than `minLength` bytes, a published example
 * secret, or low in entropy. PEM and JWK keys are never judged by length.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { describeWeakness, secretWeakness } from '../../analyze/secret-strength.js';
import { RULE_OPTIONS, weakSecretMinLength } from '../options.js';
import type { TreeRule } from '../tree-rule.js';
import { candidatePlace, describeSecret } from './key-findings.js';
import { WEAK_SECRET_FIX } from '../secret-messages.js';

export const weakSecret: TreeRule<GoFacts> = {
  id: 'weak-secret',
  fix: WEAK_SECRET_FIX,
  options: RULE_OPTIONS['weak-secret'],
  create(context) {
    const minLength = weakSecretMinLength(context.options);
    return {
      end() {
        for (const candidate of context.facts.keyMaterial()) {
          if (candidate.kind !== 'literal' || candidate.keyText.kind !== 'secret') continue;
          const weakness = secretWeakness(candidate.text, minLength);
          if (!weakness) continue;
          context.markSensitive(candidate.text, candidate.file.file);
          context.report({ ...candidatePlace(candidate), message: `${describeSecret(candidate)} ${describeWeakness(weakness)}` });
        }
      },
    };
  },
};
