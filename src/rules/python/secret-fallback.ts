/**
 * secret-fallback (Python): an environment JWT secret with a literal default:
 * `os.environ.get("JWT_SECRET", "dev")`, `os.getenv(..., "dev")`, `os.environ.get(...) or "dev"`,
 * `"dev" if DEBUG else os.environ["JWT_SECRET"]`,
 * python-decouple `config("SECRET_KEY", default="dev")`, django-environ `env("X", default="dev")`,
 * when it is used as a JWT key or assigned to a JWT secret name or setting. Reported at the literal.
 */
import type { KeyCandidate } from '../../analyze/python/key-material.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { classifyKeyText, isPublishedWeakSecret } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import type { TreeRule } from '../tree-rule.js';
import { usesOf } from './key-findings.js';
import { at } from './shared.js';

export const secretFallback: TreeRule<PythonFacts> = {
  id: 'secret-fallback',
  fix: 'Read the secret without a default and refuse to start when it is missing or shorter than 32 bytes.',
  create(context) {
    return {
      end() {
        for (const candidate of context.facts.keyMaterial()) {
          if (candidate.kind !== 'fallback') continue;
          context.markSensitive(candidate.text, candidate.at.facts.syntax.file);
          context.report({ ...at(context, candidate.at), message: message(candidate), related: usesOf(candidate) });
        }
      },
    };
  },
};

function message(candidate: KeyCandidate): string {
  const keyText = classifyKeyText(candidate.text);
  const what = keyText.kind === 'pem-private' ? `a hardcoded PEM private key (${keyText.label})`
    : `the hardcoded secret ${maskSecret(candidate.text)}`;
  const use = candidate.firstApi ? ` (key of ${candidate.firstApi})` : '';
  const published = keyText.kind === 'secret' && isPublishedWeakSecret(candidate.text) ? ', a published example secret' : '';
  if (candidate.byCondition) {
    return `${candidate.envName}${use} is replaced by ${what}${published}${published ? ',' : ''} whenever the condition picks that branch; ` +
      'a deployment where it does signs tokens anyone can forge';
  }
  return `${candidate.envName}${use} falls back to ${what}${published} when the variable is not set; ` +
    'a deployment that misses it signs tokens anyone can forge';
}
