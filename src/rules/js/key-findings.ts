/**
 * Wording shared by the key-material rules (hardcoded-secret, weak-secret, secret-fallback):
 * how to name a candidate in a message.
 */
import type { KeyCandidate } from '../../analyze/js/key-material.js';
import { maskSecret } from '../../mask.js';

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
