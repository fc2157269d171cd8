/**
 * The words of the key-material rules, shared by every front end, so that hardcoded-secret
 * and weak-secret read the same in JS/TS, Python, Java, Go and config files.
 */
import type { KeyText } from '../analyze/secret-strength.js';
import { maskSecret } from '../mask.js';

export const HARDCODED_SECRET_FIX = 'Load the key at runtime (environment, mounted secret file or secrets manager) and rotate it: ' +
  'the committed value must be treated as known.';

export const WEAK_SECRET_FIX =
  'Generate a random secret of at least 32 bytes (openssl rand -base64 48), load it at runtime, and rotate the old one.';

const CONSEQUENCE = 'anyone who can read the repository can forge tokens';

/** How a front end words one key literal: where it is used, and an HMAC secret's name and masked value. */
export interface KeyLiteralWords {
  /** `passed to jwt.sign`, `assigned to JWT_SECRET`. */
  use(): string;
  /** `JWT secret 'sh…(6 chars)'`. */
  secret(): string;
}

/**
 * hardcoded-secret's message for a key literal, with `where` (`in CI config`) before the
 * consequence; undefined for a public key, which is no secret.
 */
export function hardcodedKeyMessage(keyText: KeyText, text: string, words: KeyLiteralWords, where = ''): string | undefined {
  switch (keyText.kind) {
    case 'pem-private':
      return `Hardcoded PEM private key (${keyText.label}) ${words.use()}${where}; ${CONSEQUENCE}`;
    case 'jwk-private':
      return `Hardcoded private JWK (${maskSecret(text)}) ${words.use()}${where}; ${CONSEQUENCE}`;
    case 'secret':
      return `${words.secret()} is hardcoded${where}; ${CONSEQUENCE}`;
    default:
      return undefined;
  }
}

/** What secret-logged found in a log call. */
export type LoggedValue = 'JWT secret' | 'Secret' | 'Private key' | 'Token' | 'Authorization header';

/** What a reader of the logs can do with each kind of logged value (`anyone who can read the logs …`). */
export const LOGGED_CONSEQUENCE: Readonly<Record<LoggedValue, string>> = {
  'JWT secret': 'can forge tokens',
  'Private key': 'can forge tokens',
  Secret: 'can use it',
  Token: 'can use the token until it expires',
  'Authorization header': 'can use the token until it expires',
};
