/**
 * hardcoded-secret (Python): key material written as a literal (HMAC secret, PEM private
 * key, private JWK) that reaches a JWT call's key, a framework's JWT secret setting or a
 * JWT-secret name. Where weak-secret reports the same literal, the pipeline keeps weak-secret.
 */
import type { KeyCandidate } from '../../analyze/python/key-material.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import type { TreeRule } from '../tree-rule.js';
import { describeSecret, describeUse, usesOf } from './key-findings.js';
import { at } from './shared.js';
import { HARDCODED_SECRET_FIX, hardcodedKeyMessage } from '../secret-messages.js';

export const hardcodedSecret: TreeRule<PythonFacts> = {
  id: 'hardcoded-secret',
  fix: HARDCODED_SECRET_FIX,
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
  return hardcodedKeyMessage(classifyKeyText(candidate.text), candidate.text, {
    use: () => describeUse(candidate),
    secret: () => describeSecret(candidate),
  });
}
