/**
 * The seed documents' four detection patterns, as gitleaks-style data: an id, the
 * catalog rule it maps to, cheap keywords, a bounded regex and a precision check. They run
 * on every candidate text file; in JS/TS files, where AST rules understand the code, only
 * the patterns marked `inAstFiles` run, and the pipeline drops a pattern finding when an AST
 * finding of the same rule sits on the same line.
 */
import { maskSecret, maskToken } from '../../mask.js';
import { isPlaceholderSecret } from '../secret-strength.js';
import type { Severity } from '../../types.js';
import {
  JWT_PATTERN, decodeToken, describeToken, isPublishableKey, isUnsigned, knownTokenKind,
} from './jwt-token.js';

export interface PatternHit {
  ruleId: string;
  message: string;
  fix: string;
  severity?: Severity;
  /** Values to mask in code frames. */
  sensitive: string[];
}

export interface PatternContext {
  lineText: string;
  isAstFile: boolean;
  minSecretLength: number;
  /** The file mentions JWTs or tokens somewhere. */
  jwtContext: boolean;
}

export interface SeedPattern {
  id: string;
  /** Lowercase; the file must contain one of them (case-insensitively) for the regex to run. */
  keywords: string[];
  regex: RegExp;
  inAstFiles: boolean;
  /** Decides whether a match is a finding, and says what it is. */
  check(match: RegExpExecArray, context: PatternContext): PatternHit | undefined;
}

const JWT_CONTEXT = /jwt|jws|jose|token|bearer/i;

export const SEED_PATTERNS: SeedPattern[] = [
  {
    id: 'jwt-token-format',
    keywords: ['eyj'],
    regex: JWT_PATTERN,
    inAstFiles: true,
    check(match) {
      const token = match[0];
      const decoded = decodeToken(token);
      if (!decoded || isPublishableKey(decoded)) return undefined;
      const unsigned = isUnsigned(decoded);
      const kind = knownTokenKind(decoded);
      // HMAC-signed tokens are cracked in the scan's link stage (token-cracking.ts), against the
      // whole tree's literals and the word lists, and raised to critical there.
      return {
        ruleId: 'jwt-literal',
        message: `${unsigned ? 'Unsigned JWT (alg none)' : kind ?? 'JWT'} written in the code: ${maskToken(token)}; ${describeToken(decoded)}`,
        fix: unsigned
          ? 'Remove the token; an unsigned token must never be accepted or stored.'
          : 'Remove the token from the repository and revoke it; load tokens at run time.',
        severity: unsigned ? 'critical' : undefined,
        sensitive: [token],
      };
    },
  },
  {
    id: 'alg-none',
    keywords: ['none'],
    regex: /("alg"|"algorithm")\s{0,10}:\s{0,10}("none"|"None")/g,
    inAstFiles: false,
    check(match, { lineText }) {
      if (!JWT_CONTEXT.test(lineText) && match[1] !== '"alg"') return undefined;
      return {
        ruleId: 'alg-none',
        message: `JWT algorithm set to ${match[2]}: tokens are accepted without a signature`,
        fix: 'Use a signing algorithm such as RS256, ES256 or HS256 and never allow "none".',
        sensitive: [],
      };
    },
  },
  {
    id: 'common-weak-secret',
    keywords: ['secret', 'password'],
    // The key is captured whole: `client_secret` or `db_password` are not JWT secrets.
    regex: /(?<![\w.-])([\w.-]{0,40}?)(secret|password)['"]?\s{0,10}[:=]\s{0,10}['"](secret|12345|admin|jwt|super-secret)['"]/gi,
    inAstFiles: false,
    check(match, { lineText, jwtContext }) {
      const prefix = match[1]!;
      const isPassword = match[2]!.toLowerCase() === 'password';
      if (prefix !== '' && !/jwt|token/i.test(prefix)) return undefined;
      if (isPassword ? !JWT_CONTEXT.test(lineText) : prefix === '' && !jwtContext) return undefined;
      const secret = match[3]!;
      return {
        ruleId: 'weak-secret',
        message: `JWT secret ${maskSecret(secret)} is on the list of common weak secrets`,
        fix: 'Generate a random secret of at least 32 bytes and load it from a secrets manager or the environment.',
        sensitive: [secret],
      };
    },
  },
  {
    id: 'hardcoded-secret-variable',
    keywords: ['jwt_secret', 'secret_key'],
    regex: /(?<![\w])(\w{0,40}?)(JWT_SECRET|SECRET_KEY)(?!\w)\s{0,10}[:=]\s{0,10}['"]([^'"\r\n]{1,128})['"]/g,
    // In JS/TS the AST rules (hardcoded-secret, weak-secret) judge JWT-secret declarations,
    // with the precision checks a regex cannot make (config-key names, placeholders, paths).
    inAstFiles: false,
    check(match, { minSecretLength, jwtContext }) {
      const name = match[1]! + match[2]!;
      // STRIPE_SECRET_KEY, RECAPTCHA_SECRET_KEY: not JWT keys. A bare SECRET_KEY counts in JWT code.
      if (!/JWT/i.test(name) && (match[1] !== '' || !jwtContext)) return undefined;
      const secret = match[3]!;
      if (isPlaceholderSecret(secret)) return undefined;
      const bytes = Buffer.byteLength(secret);
      const weak = bytes < minSecretLength;
      return {
        ruleId: weak ? 'weak-secret' : 'hardcoded-secret',
        message: weak
          ? `${name} is a hardcoded secret of ${bytes} bytes (${maskSecret(secret)}); HS256 needs at least ${minSecretLength}`
          : `${name} is hardcoded (${maskSecret(secret)})`,
        fix: 'Load the secret from a secrets manager or the environment, and make it at least 32 random bytes.',
        sensitive: [secret],
      };
    },
  },
];

/** Whether a file mentions JWTs or tokens at all (patterns whose key alone is ambiguous need it). */
export function hasJwtContext(text: string): boolean {
  return JWT_CONTEXT.test(text);
}
