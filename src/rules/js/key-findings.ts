/**
 * Wording shared by the key-material rules (hardcoded-secret, weak-secret, secret-fallback):
 * how to name a candidate in a message, and which values code frames must mask.
 */
import type { KeyCandidate } from '../../analyze/js/key-material.js';
import { maskSecret } from '../../mask.js';
import type { JsRuleContext } from '../rule.js';

/** `JWT secret sh…(6 chars) used by jwt.sign` or `JWT_SECRET sh…(6 chars)`. */
export function describeSecret(candidate: KeyCandidate): string {
  const masked = maskSecret(candidate.text);
  if (candidate.firstApi) return `JWT secret ${masked} used by ${candidate.firstApi}`;
  return `${candidate.declaredAs ?? 'JWT secret'} ${masked}`;
}

/** `used by jwt.sign` / `assigned to JWT_PRIVATE_KEY`, for keys whose text is not shown. */
export function describeUse(candidate: KeyCandidate): string {
  if (candidate.firstApi) return `used by ${candidate.firstApi}`;
  return candidate.declaredAs ? `assigned to ${candidate.declaredAs}` : 'used as a JWT key';
}

/** Registers the secret (and each line of a multi-line PEM body) so code frames mask it. */
export function markKeySensitive(context: JsRuleContext, candidate: KeyCandidate): void {
  context.markSensitive(candidate.text);
  if (candidate.text.includes('\n')) {
    for (const line of candidate.text.split(/\r?\n/)) {
      const body = line.trim();
      if (body.length >= 16 && !body.startsWith('-----')) context.markSensitive(body);
    }
  }
}
