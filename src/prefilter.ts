/**
 * The raw-byte keyword prefilter: a file whose bytes contain none of its front end's
 * keywords never reaches a parser or a regex. It is the main reason a scan of a large
 * repository costs little more than reading it, so the keywords are chosen to be both
 * complete for the rules and cheap to search:
 *
 * - Every JWT library import or API name contains one of `jwt`, `JWT`, `Jwt`, `jose`, `JWS`,
 *   `Jws` or `jsonwebtoken`; a JWT literal contains `.eyJ` (the payload after the dot); a bearer
 *   header contains `Bearer`/`bearer`; a JSON header contains `"alg`.
 * - Rules that need no JWT library add their own: RSA key generation per language, and
 *   token storage, cookies and URLs (`Storage`, `ookie`, `oken=`), which count only when
 *   the file also names a token, auth data or a session.
 * - Files no front end understands keep the broad list of the seed patterns.
 *
 * Keywords starting with a rare byte are searched first: `Buffer.includes` skips ahead to
 * the first byte of the keyword, so `JWT` costs a fraction of `secret` on the same file.
 * A secret defined in a file the prefilter passes over (a config module) is still found:
 * the front ends read imported files on demand.
 */
import { frontEndOf, isDeclarationFile, type FrontEndId } from './analyze/languages.js';

interface KeywordPair {
  /** Any of `trigger` lets the file through when it also contains one of `confirm`. */
  trigger: readonly string[];
  confirm: readonly string[];
}

interface KeywordSet {
  /** Any of these lets the file through. */
  any: readonly string[];
  pairs?: readonly KeywordPair[];
}

const JWT_WORDS = ['JWT', 'Jwt', 'jwt', 'JWS', 'Jws', 'jose', '.eyJ', 'Bearer', 'bearer', '"alg', 'jsonwebtoken'];
const TOKEN_PAIRS: KeywordPair[] = [
  // Tokens in web storage, cookies and URLs.
  { trigger: ['Storage', 'ookie', 'oken='], confirm: ['oken', 'OKEN', 'uth', 'ession'] },
  // Tokens by their specific names (logged, sent over http) in code that names no JWT library.
  {
    trigger: ['Token', 'TOKEN', '_token'],
    confirm: ['ccessToken', 'efreshToken', 'idToken', 'IdToken', 'uthToken', 'earerToken', 'ccess_token', 'efresh_token',
      'id_token', 'auth_token', 'ACCESS_TOKEN', 'REFRESH_TOKEN', 'ID_TOKEN', 'AUTH_TOKEN'],
  },
];

const SETS: Record<FrontEndId | 'declaration' | 'other', KeywordSet> = {
  js: { any: [...JWT_WORDS, 'NodeRSA', 'modulusLength', 'generateKey', 'redux-persist'], pairs: TOKEN_PAIRS },
  python: { any: [...JWT_WORDS, 'RSA.generate', 'key_size', 'newkeys'], pairs: TOKEN_PAIRS },
  java: { any: [...JWT_WORDS, 'KeyPairGenerator'], pairs: TOKEN_PAIRS },
  go: { any: [...JWT_WORDS, 'GenerateKey'], pairs: TOKEN_PAIRS },
  // Config keys that name a JWT secret, lifetime or check without saying JWT: ACCESS_TOKEN_SECRET,
  // ACCESS_TOKEN_EXPIRE_MINUTES, refreshTokenTtl, .NET's ValidateLifetime.
  config: { any: [...JWT_WORDS, 'genrsa', 'genpkey', 'rsa:', 'SECRET_KEY', 'TOKEN_SECRET', 'oken_secret', 'okenSecret',
    'oken-secret', 'TOKEN_EXP', 'oken_exp', 'okenExp', 'oken-exp', 'TOKEN_TTL', 'okenTtl', 'oken-ttl', 'oken_ttl', 'ValidateLifetime'] },
  // `.d.ts` files: only a JWT literal in a doc comment can be a finding.
  declaration: { any: ['.eyJ'] },
  other: { any: [...JWT_WORDS, 'SECRET', 'Secret', 'secret', 'password', '"algorithm', 'token', 'Token', 'TOKEN'] },
};

type Haystack = { includes(keyword: string): boolean };

/** Every keyword of every set, for tools that compare against a plain keyword search. */
export const PREFILTER_KEYWORDS: readonly string[] = [...new Set(Object.values(SETS).flatMap((set) =>
  [...set.any, ...(set.pairs ?? []).flatMap((pair) => pair.trigger)]))];

/** Whether a file's raw bytes (or, for UTF-16 files, its decoded text) may hold a finding. */
export function passesPrefilter(content: Buffer | string, path: string): boolean {
  const frontEnd = frontEndOf(path) ?? (isDeclarationFile(path) ? 'declaration' : undefined);
  // Buffer.includes(string) searches the UTF-8 bytes of the keyword: no decoding of the file.
  const haystack: Haystack = content;
  const set = SETS[frontEnd ?? 'other'];
  const has = (keyword: string): boolean => haystack.includes(keyword);
  return set.any.some(has) || (set.pairs ?? []).some((pair) => pair.trigger.some(has) && pair.confirm.some(has));
}
