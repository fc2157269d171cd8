/**
 * Access or refresh token? Judged from the names around the code that creates it, the
 * way a reviewer would: the variable or property the token is stored in, then the call's
 * own text (a payload `type: 'refresh'`, a `REFRESH_TOKEN_SECRET` key, a
 * `REFRESH_EXPIRES_IN` constant), then the enclosing function (`generateRefreshToken`).
 * Tokens named for a single purpose (email verification, password reset, invitations,
 * magic links, downloads) are 'single-use'; anything else counts as an access token.
 */
import { ts } from 'ts-morph';
import { enclosingFunctionName, staticPropertyName } from './expressions.js';

export type TokenRole = 'access' | 'refresh' | 'single-use';

const SINGLE_USE = /verif|confirm|reset|invit|activat|magic|unsubscribe|download|share/i;

/** The role a name or text points to: only one of "refresh" and "access" may appear. */
export function roleNamedIn(text: string): TokenRole | undefined {
  const refresh = /refresh/i.test(text);
  const access = /access/i.test(text);
  if (refresh === access) return undefined;
  return refresh ? 'refresh' : 'access';
}

/** The role of the token created by a sign or configure call. */
export function tokenRoleOf(call: ts.Node): TokenRole {
  const binding = bindingName(call);
  const fromBinding = binding === undefined ? undefined : roleNamedIn(binding);
  if (fromBinding) return fromBinding;
  // Only names chosen for the token say "single use": a payload may well mention `emailVerified`.
  if (binding !== undefined && SINGLE_USE.test(binding)) return 'single-use';
  const fromCall = roleNamedIn(call.getText());
  if (fromCall) return fromCall;
  const fn = enclosingFunctionName(call);
  if (fn === undefined) return 'access';
  return roleNamedIn(fn) ?? (SINGLE_USE.test(fn) ? 'single-use' : 'access');
}

/** The name the created token is stored under: `const refreshToken = ...`, `{ accessToken: ... }`, `this.refresh = ...`. */
function bindingName(node: ts.Node): string | undefined {
  let current: ts.Node = node;
  let parent = current.parent;
  while (parent && (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) ||
         ts.isNonNullExpression(parent) || ts.isConditionalExpression(parent))) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && parent.initializer === current) return staticPropertyName(parent.name);
  if (ts.isPropertyDeclaration(parent) && parent.initializer === current) return staticPropertyName(parent.name);
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === current) {
    return parent.left.getText();
  }
  return undefined;
}
