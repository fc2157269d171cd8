/** Wording and reporting shared by the Go key-material rules (hardcoded-secret, weak-secret, secret-fallback). */
import type { GoKeyCandidate } from '../../analyze/go/key-material.js';
import { maskSecret } from '../../mask.js';
import type { TreeReport } from '../tree-rule.js';

/** `JWT secret sh…(6 chars) used by token.SignedString` or `jwtSecret sh…(6 chars)`. */
export function describeSecret(candidate: GoKeyCandidate): string {
  const masked = maskSecret(candidate.text);
  if (candidate.firstApi) return `JWT secret ${masked} used by ${candidate.firstApi}`;
  return `${candidate.declaredAs ?? 'JWT secret'} ${masked}`;
}

/** `used by token.SignedString` / `assigned to jwtPrivateKey`, for keys whose text is not shown. */
export function describeUse(candidate: GoKeyCandidate): string {
  if (candidate.firstApi) return `used by ${candidate.firstApi}`;
  return candidate.declaredAs ? `assigned to ${candidate.declaredAs}` : 'used as a JWT key';
}

/** Where a candidate is reported: its literal, in the file that holds it. */
export function candidatePlace(candidate: GoKeyCandidate): Pick<TreeReport, 'node' | 'in' | 'related'> {
  return { node: candidate.node, in: candidate.file, related: candidate.uses.length > 0 ? candidate.uses : undefined };
}
