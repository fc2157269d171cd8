/**
 * Access or refresh token? Judged from names, the way a reviewer would, in every language:
 * the variable or property the token is stored in, then the creating code's own text (a
 * payload `type: 'refresh'`, a `REFRESH_TOKEN_SECRET` key, a `REFRESH_EXPIRES_IN` constant),
 * then the enclosing function (`generateRefreshToken`). Tokens named for a single purpose
 * (email verification, password reset, invitations, magic links, downloads) are 'single-use';
 * anything else counts as an access token. The front ends find the names in their syntax.
 */

export type TokenRole = 'access' | 'refresh' | 'single-use';

/** Names of single-purpose tokens: `verificationToken`, `resetToken`, `createInviteJwt`. */
const SINGLE_USE = /verif|confirm|reset|invit|activat|magic|unsubscribe|download|share/i;

/** The role a name or text points to: only one of "refresh" and "access" may appear. */
export function roleNamedIn(text: string): TokenRole | undefined {
  const refresh = /refresh/i.test(text);
  const access = /access/i.test(text);
  if (refresh === access) return undefined;
  return refresh ? 'refresh' : 'access';
}

export interface TokenRoleNames {
  /** The name the created token (or its claims) is stored under, if any. */
  binding: string | undefined;
  /** The text of the creating code; read only when the binding says nothing. */
  ownText: () => string;
  /** The name of the enclosing function or method; read only when needed. */
  functionName: () => string | undefined;
}

/** The role of a token, from the names around the code that creates it (most specific first). */
export function tokenRoleFromNames({ binding, ownText, functionName }: TokenRoleNames): TokenRole {
  const fromBinding = binding === undefined ? undefined : roleNamedIn(binding);
  if (fromBinding) return fromBinding;
  // Only names chosen for the token say "single use": a payload may well mention `emailVerified`.
  if (binding !== undefined && SINGLE_USE.test(binding)) return 'single-use';
  const fromText = roleNamedIn(ownText());
  if (fromText) return fromText;
  const fn = functionName();
  if (fn === undefined) return 'access';
  return roleNamedIn(fn) ?? (SINGLE_USE.test(fn) ? 'single-use' : 'access');
}
