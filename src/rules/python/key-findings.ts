/** Wording shared by the Python key-material rules, as in the JS/TS rules of the same ids. */
import type { KeyCandidate } from '../../analyze/python/key-material.js';
import { maskSecret } from '../../mask.js';
import type { RelatedLocation } from '../../types.js';
import { relatedAt } from './shared.js';

/** `JWT secret sh…(6 chars) used by jwt.encode` or `JWT_SECRET_KEY sh…(6 chars)`. */
export function describeSecret(candidate: KeyCandidate): string {
  const masked = maskSecret(candidate.text);
  if (candidate.firstApi) return `JWT secret ${masked} used by ${candidate.firstApi}`;
  return `${candidate.declaredAs ?? 'JWT secret'} ${masked}`;
}

/** `used by jwt.encode` / `assigned to JWT_PRIVATE_KEY`, for keys whose text is not shown. */
export function describeUse(candidate: KeyCandidate): string {
  if (candidate.firstApi) return `used by ${candidate.firstApi}`;
  return candidate.declaredAs ? `assigned to ${candidate.declaredAs}` : 'used as a JWT key';
}

/** The uses of a key written elsewhere (a settings module): where the calls are. */
export function usesOf(candidate: KeyCandidate): RelatedLocation[] | undefined {
  const uses = candidate.uses.filter((use) => use.node !== candidate.at.node);
  return uses.length > 0 ? uses.map((use) => relatedAt(use, 'used as a JWT key here')) : undefined;
}
