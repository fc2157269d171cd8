/**
 * Is a Java name or cookie name about an auth token? `token`, `jwt`, `accessToken`,
 * `ACCESS_TOKEN`, `auth-token`: yes; `csrfToken`, `tokenExpiry`, `deviceToken`: no. Deliberately
 * stricter than the shared isTokenLikeName (src/analyze/names/token-names.ts): Java code names
 * classes and beans after tokens (`tokenService`, `TOKEN_HEADER`, `tokenProvider`), and a bare
 * `auth`/`authorization` is the only non-token word that counts.
 */
import { nameWords } from '../secret-names.js';

const TOKEN_WORDS = new Set(['token', 'tokens', 'jwt', 'jwts', 'bearer']);
const NOT_A_CREDENTIAL = new Set([
  'csrf', 'xsrf', 'push', 'fcm', 'apns', 'device', 'notification', 'captcha', 'recaptcha', 'page', 'cursor', 'continuation',
  'next', 'lexer', 'parser', 'expiry', 'expires', 'expire', 'expiration', 'exp', 'type', 'count', 'max', 'min', 'limit',
  'length', 'is', 'has', 'name', 'url', 'uri', 'endpoint', 'path', 'status', 'ttl', 'timeout', 'time', 'date', 'header',
  'prefix', 'key', 'valid', 'validity', 'claims', 'payload', 'decoded', 'verify', 'parse', 'parsed', 'service', 'util',
  'utils', 'provider', 'filter', 'helper', 'manager', 'repository', 'store', 'generator', 'factory', 'config', 'properties',
  'reset', 'verification', 'confirmation', 'activation', 'invite', 'invitation', 'magic', 'unsubscribe',
]);

export function isTokenName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.some((word) => NOT_A_CREDENTIAL.has(word))) return false;
  if (words.some((word) => TOKEN_WORDS.has(word))) return true;
  // `auth`, `authorization`, `Authorization` alone: the credential itself.
  return words.every((word) => word === 'auth' || word === 'authorization');
}
