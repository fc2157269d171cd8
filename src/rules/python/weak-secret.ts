/**
 * weak-secret (Python): an HMAC secret that reaches a JWT call's key, a framework's JWT
 * secret setting or a JWT-secret name, and is guessable. Reported at the literal.
 */
import { describeWeakness, secretWeakness } from '../../analyze/secret-strength.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { RULE_OPTIONS, weakSecretMinLength } from '../options.js';
import type { TreeRule } from '../tree-rule.js';
import { describeSecret, usesOf } from './key-findings.js';
import { at } from './shared.js';
import { WEAK_SECRET_FIX } from '../secret-messages.js';

export const weakSecret: TreeRule<PythonFacts> = {
  id: 'weak-secret',
  fix: WEAK_SECRET_FIX,
  options: RULE_OPTIONS['weak-secret'],
  create(context) {
    const minLength = weakSecretMinLength(context.options);
    return {
      end() {
        for (const candidate of context.facts.keyMaterial()) {
          if (candidate.kind !== 'literal' || classifyKeyText(candidate.text).kind !== 'secret') continue;
          const weakness = secretWeakness(candidate.text, minLength);
          if (!weakness) continue;
          context.markSensitive(candidate.text, candidate.at.facts.syntax.file);
          context.report({
            ...at(context, candidate.at),
            message: `${describeSecret(candidate)} ${describeWeakness(weakness)}`,
            related: usesOf(candidate),
          });
        }
      },
    };
  },
};
