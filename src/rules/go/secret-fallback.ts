/**
 * secret-fallback (Go): an environment JWT secret with a literal default, when the value is
 * used as a golang-jwt key or named like a JWT secret: `s := os.Getenv("X"); if s == "" { s = "dev" }`,
 * `s := "dev"; if v := os.Getenv("X"); v != "" { s = v }`, or a package helper such as
 * `getEnv("JWT_SECRET", "dev")` whose body returns the default. Reported at the default literal.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import type { GoKeyCandidate } from '../../analyze/go/key-material.js';
import { isPublishedWeakSecret } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import type { TreeRule } from '../tree-rule.js';
import { candidatePlace } from './key-findings.js';

export const secretFallback: TreeRule<GoFacts> = {
  id: 'secret-fallback',
  fix: 'Read the secret without a default and refuse to start when it is missing or shorter than 32 bytes.',
  create(context) {
    return {
      end() {
        for (const candidate of context.facts.keyMaterial()) {
          if (candidate.kind !== 'fallback') continue;
          context.markSensitive(candidate.text, candidate.file.file);
          context.report({ ...candidatePlace(candidate), message: message(candidate) });
        }
      },
    };
  },
};

function message(candidate: GoKeyCandidate): string {
  const what = candidate.keyText.kind === 'pem-private' ? `a hardcoded PEM private key (${candidate.keyText.label})`
    : `the hardcoded secret ${maskSecret(candidate.text)}`;
  const use = candidate.firstApi ? ` (key of ${candidate.firstApi})` : '';
  const published = candidate.keyText.kind === 'secret' && isPublishedWeakSecret(candidate.text)
    ? ', a published example secret' : '';
  return `${candidate.envName}${use} falls back to ${what}${published} when the variable is not set; ` +
    'a deployment that misses it signs tokens anyone can forge';
}
