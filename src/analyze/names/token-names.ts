/**
 * Is this name about an auth token? Shared by the client-side rules of every language (web
 * storage, cookies, transport): names are split into words (camelCase, snake_case, kebab-case,
 * dots) and judged word by word, so `accessToken`, `JWT_TOKEN`, `x-auth-token` and `auth`
 * count while `tokenizer`, `csrfToken`, `maxTokens` and `tokenExpiry` do not.
 */
import { nameWords } from './words.js';

const TOKEN_WORDS = new Set(['token', 'tokens', 'jwt', 'jwts', 'bearer', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'jwttoken']);
const AUTH_WORDS = new Set(['auth', 'oauth', 'authorization']);
/** Words that may sit next to `auth` in a name that still holds credentials (`authData`, `authHeader`). */
const AUTH_COMPANIONS = new Set([
  'data', 'info', 'state', 'header', 'headers', 'credentials', 'credential', 'store', 'storage', 'key', 'value', 'item',
  'response', 'res', 'result', 'details', 'json', 'str', 'string', 'cookie', 'persist', 'app', 'my', 'current', 'x',
  'token', 'tokens', 'jwt',
]);
const SESSION_COMPANIONS = new Set(['id', 'key', 'token', 'cookie']);
/**
 * Words that turn a token name into something that is not an auth credential: CSRF and
 * device-push tokens, pagination cursors, LLM token counts, metadata about a token.
 */
const NOT_A_CREDENTIAL = new Set([
  'csrf', 'xsrf', 'push', 'fcm', 'apns', 'device', 'notification', 'notifications', 'captcha', 'recaptcha', 'hcaptcha',
  'turnstile', 'page', 'cursor', 'continuation', 'next', 'cancel', 'cancellation', 'lexer', 'parser', 'syntax',
  'expiry', 'expires', 'expire', 'expiration', 'exp', 'expired', 'type', 'types', 'count', 'max', 'min', 'limit', 'limits',
  'usage', 'total', 'input', 'output', 'prompt', 'completion', 'estimate', 'price', 'cost', 'length', 'is', 'has', 'should',
  'timestamp', 'time', 'date', 'timer', 'timeout', 'ttl', 'interval', 'name', 'url', 'uri', 'endpoint', 'path', 'status',
  'error', 'loading', 'valid', 'validity', 'version', 'claims', 'payload', 'decoded', 'refreshing', 'pending', 'promise',
  'listener', 'listeners', 'subscriber', 'provider', 'mode', 'method', 'flow', 'step', 'redirect', 'return', 'callback',
  'design', 'theme', 'color', 'colors', 'css', 'style', 'styles', 'font', 'spacing', 'required', 'enabled', 'decode',
  'verify', 'parse', 'parsed',
  // Bookkeeping about a token: `tokenRefreshedAt`, `lastTokenRefresh`, `jwt_issued`, `tokenSavedAt`.
  'at', 'last', 'refreshed', 'saved', 'stored', 'issued', 'created', 'updated', 'fetched', 'received', 'retry', 'retries',
  'attempt', 'attempts',
]);

/** True when a name (of a variable, property, storage key or cookie) denotes an auth token. */
export function isTokenLikeName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.some((word) => NOT_A_CREDENTIAL.has(word))) return false;
  if (words.some((word) => TOKEN_WORDS.has(word))) return true;
  if (words.some((word) => AUTH_WORDS.has(word))) {
    // `oauth_state`: the OAuth state parameter, a one-time anti-CSRF value, not a credential.
    if (words.includes('oauth') && words.includes('state')) return false;
    return words.every((word) => AUTH_WORDS.has(word) || AUTH_COMPANIONS.has(word));
  }
  if (words[0] === 'session' || words[0] === 'sid') return words.slice(1).every((word) => SESSION_COMPANIONS.has(word));
  return false;
}

/** A string that is itself a JWT. */
export function looksLikeJwt(text: string): boolean {
  return /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(text);
}

/** Query parameters that carry tokens, lowercase without `_`/`-`. */
const TOKEN_PARAMS = new Set([
  'token', 'accesstoken', 'jwt', 'idtoken', 'refreshtoken', 'authtoken', 'jwttoken', 'apitoken', 'sessiontoken', 'bearer',
]);

/** `token`, `access_token`, `id-token`, `JWT`: a URL query parameter named for a token. */
export function isTokenParam(name: string): boolean {
  return TOKEN_PARAMS.has(name.toLowerCase().replace(/[_-]/g, ''));
}

/**
 * Words in the name of the value under a `token=` parameter that make it something other than
 * an auth token: pagination, CSRF, push, and the one-time tokens of emailed links (password
 * reset, email verification, invitations), which can only travel in the URL.
 */
export const NOT_AUTH_VALUE_WORDS: ReadonlySet<string> = new Set([
  'page', 'cursor', 'continuation', 'next', 'csrf', 'xsrf', 'captcha', 'recaptcha', 'push', 'fcm', 'device',
  'reset', 'verification', 'confirmation', 'activation', 'invite', 'invitation', 'magic', 'unsubscribe',
]);
/** The path of an emailed one-time link: `/reset-password?token=`, `/verify-email?token=`, `/accept-invite?token=`. */
export const ONE_TIME_LINK_PATH = /(reset|forgot|confirm|activat|invit|magic-?link|unsubscribe|verify-?e-?mail|e-?mail-?verif|verify-?account)[^/?]*\/?$/i;
/** `...?token=` or `...&access_token=` at the end of the text before a runtime value. */
export const PARAM_AT_END = /[?&]([A-Za-z_-]+)=$/;

/** A built string, as text pieces and runtime values (`"?token=" + t`, a template literal). */
export type UrlPart<N> = { kind: 'text'; text: string } | { kind: 'dynamic'; node: N };

/**
 * The token query parameter a built URL gives a runtime value (`?access_token=` followed by a
 * value `isAuthValue` accepts), or undefined. The parameter must sit in a query string (after
 * a `?`, with no space: `&token=` after an unknown prefix may be a form body), and one-time
 * links (password reset, email verification) are left alone.
 */
export function tokenParamInUrl<N>(parts: readonly UrlPart<N>[], isAuthValue: (node: N) => boolean): string | undefined {
  let seen = '';
  for (let index = 0; index < parts.length - 1; index++) {
    const part = parts[index]!;
    if (part.kind !== 'text') continue;
    seen += part.text;
    const next = parts[index + 1]!;
    if (next.kind !== 'dynamic') continue;
    const match = PARAM_AT_END.exec(part.text);
    if (!match || !isTokenParam(match[1]!)) continue;
    const queryStart = seen.lastIndexOf('?');
    if (queryStart === -1 || /\s/.test(seen.slice(queryStart))) continue;
    if (ONE_TIME_LINK_PATH.test(seen.slice(0, queryStart))) continue;
    if (!isAuthValue(next.node)) continue;
    return match[1];
  }
  return undefined;
}
