/** Wording shared by the Java key-material rules, as in the JS/TS rules of the same ids. */
import type { JavaKeyCandidate } from '../../analyze/java/key-material.js';
import { maskSecret } from '../../mask.js';

/** `JWT secret sh…(6 chars) used by Keys.hmacShaKeyFor` or `JWT_SECRET sh…(6 chars)`. */
export function describeSecret(candidate: JavaKeyCandidate): string {
  const masked = maskSecret(candidate.text);
  if (candidate.firstApi) return `JWT secret ${masked} used by ${candidate.firstApi}`;
  return `${candidate.kind === 'literal' ? candidate.declaredAs ?? 'JWT secret' : 'JWT secret'} ${masked}`;
}

/** `used by signWith` / `assigned to JWT_PRIVATE_KEY`, for keys whose text is not shown. */
export function describeUse(candidate: JavaKeyCandidate): string {
  if (candidate.firstApi) return `used by ${candidate.firstApi}`;
  return candidate.kind === 'literal' && candidate.declaredAs ? `assigned to ${candidate.declaredAs}` : 'used as a JWT key';
}
