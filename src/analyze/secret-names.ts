/**
 * What names say about values, whatever the language: does `JWT_SECRET`, `jwtSecret`,
 * `config.jwt.secret` or `ACCESS_TOKEN_SECRET` name a token signing secret? Does
 * `accessToken` name a token? Only names that say so unambiguously count: precision first.
 */

/** `jwtSecretKey` / `JWT_SECRET_KEY` / `jwt.secret-key` -> ['jwt', 'secret', 'key']. */
export function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

/**
 * Words after the secret word that still name the secret itself (`JWT_SECRET_DEV`, `TOKEN_SECRET_VALUE`).
 * Versions (`JWT_SECRET_V2`, `jwtSecretV2`, `JWT_SECRET_2`) too: nameWords splits them into `v`, `2`.
 */
const QUALIFIERS = new Set(['access', 'refresh', 'dev', 'development', 'prod', 'production', 'test', 'local',
  'default', 'fallback', 'value', 'old', 'new', 'previous', 'current']);
/** The kinds of token whose `*_TOKEN_SECRET` is a JWT secret; `GITHUB_TOKEN_SECRET`, `apiTokenSecret` are not. */
const JWT_TOKEN_KINDS = new Set(['access', 'refresh', 'id', 'auth', 'bearer']);
/** Words after `secret` that name something about a secret, not the secret: where it lives, what it is called. */
const NOT_THE_SECRET = new Set(['env', 'name', 'path', 'file', 'filename', 'url', 'uri', 'id', 'kid', 'header',
  'length', 'len', 'size', 'hint', 'arn', 'ref']);
/**
 * Words anywhere in a name that make it something else: public keys, cookie/storage/session
 * keys, and token secrets of other protocols (OAuth 1 `oauth_token_secret`, Twitter apps, CSRF).
 */
const OTHER_SECRETS = new Set(['public', 'pub', 'cookie', 'storage', 'session', 'oauth', 'consumer', 'twitter',
  'twit', 'csrf', 'xsrf']);

export interface SecretNameOptions {
  /**
   * Environment variable names: a bare `*_KEY` (`JWT_KEY`, `TOKEN_KEY`) names a key there,
   * while in code `const TOKEN_KEY = 'auth-token'` is usually a storage key.
   */
  envName?: boolean;
}

/**
 * True when a name unambiguously names a JWT or token signing secret: `JWT_SECRET`,
 * `jwtSecret`, `config.jwt.secret`, `JWT_PRIVATE_KEY`, `JWT_SIGNING_KEY`, `ACCESS_TOKEN_SECRET`,
 * `REFRESH_TOKEN_SECRET`, `TOKEN_SECRET`. Not `password`, `SESSION_SECRET`, `JWT_PUBLIC_KEY`,
 * `JWT_SECRET_PATH` or `jwtKeyId`.
 */
export function isJwtSecretName(name: string, options: SecretNameOptions = {}): boolean {
  const words = nameWords(name);
  if (words.some((word) => OTHER_SECRETS.has(word))) return false;
  let end = words.length;
  for (;;) {
    if (end > 0 && QUALIFIERS.has(words[end - 1]!)) end--;
    else if (end > 0 && /^\d+$/.test(words[end - 1]!)) end -= end > 1 && words[end - 2] === 'v' ? 2 : 1;
    else break;
  }
  const core = words.slice(0, end);
  const last = core[core.length - 1];
  const before = core[core.length - 2];
  const isSecretWord = last === 'secret' || (last === 'key' &&
    (before === 'secret' || before === 'private' || before === 'signing' || before === 'sign' || before === 'hmac' ||
     options.envName === true));
  if (!isSecretWord) return false;
  const qualifier = core.slice(0, -1);
  if (qualifier.includes('jwt') || qualifier.includes('jws')) return true;
  // ACCESS_TOKEN_SECRET, REFRESH_TOKEN_SECRET, ID_TOKEN_SECRET, TOKEN_SECRET, AUTH_TOKEN_SECRET (OAuth's were
  // excluded above); a token of another kind or service (GITHUB_TOKEN_SECRET, apiTokenSecret) is not a JWT's.
  // `config.tokenSecret` is fine: only a word in the same path segment qualifies the token.
  const token = qualifier.lastIndexOf('token');
  if (token < 0) return false;
  return segmentStarts(name).has(token) || JWT_TOKEN_KINDS.has(qualifier[token - 1]!);
}

/** Indexes (into nameWords(name)) of the first word of each dotted segment: `config.tokenSecret` -> {0, 1}. */
function segmentStarts(name: string): Set<number> {
  const starts = new Set<number>();
  let count = 0;
  for (const segment of name.split(/[^A-Za-z0-9_$-]+/)) {
    const words = nameWords(segment).length;
    if (words > 0) starts.add(count);
    count += words;
  }
  return starts;
}

/** Names that hold a secret or private key of any kind, for logging: `*SECRET*`, `*PRIVATE_KEY*`. */
export function isSecretLikeName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((word) => word === 'public' || word === 'pub') || ['is', 'has', 'use'].includes(words[0] ?? '')) return false;
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'secret' && !NOT_THE_SECRET.has(words[i + 1] ?? '')) return true;
    if (words[i] === 'private' && words[i + 1] === 'key' && !NOT_THE_SECRET.has(words[i + 2] ?? '')) return true;
  }
  return false;
}

/** Names that can only mean a JWT or bearer token. */
const SPECIFIC_TOKEN_NAMES = new Set(['accesstoken', 'refreshtoken', 'idtoken', 'jwttoken', 'authtoken', 'bearertoken',
  'signedtoken', 'sessiontoken', 'usertoken', 'authheader', 'authorizationheader', 'bearer']);
/** Names that mean a token in code about JWTs, and something else elsewhere (a lexer's `token`). */
const GENERIC_TOKEN_NAMES = new Set(['token', 'jwt', 'rawtoken', 'newtoken', 'authorization']);

/**
 * Whether a name holds a JWT or bearer token: `specific` for `accessToken`, `refresh_token`,
 * `idToken`; `generic` for `token`, `jwt`, `authorization`, which need a JWT context.
 */
export function tokenNameKind(name: string): 'specific' | 'generic' | undefined {
  const compact = name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  if (SPECIFIC_TOKEN_NAMES.has(compact)) return 'specific';
  return GENERIC_TOKEN_NAMES.has(compact) ? 'generic' : undefined;
}

export interface PublicEnvPrefix {
  prefix: string;
  bundler: string;
}

/** Prefixes that make a bundler inline an environment variable into browser code. */
export const PUBLIC_ENV_PREFIXES: readonly PublicEnvPrefix[] = [
  { prefix: 'NEXT_PUBLIC_', bundler: 'Next.js' },
  { prefix: 'NUXT_PUBLIC_', bundler: 'Nuxt' },
  { prefix: 'EXPO_PUBLIC_', bundler: 'Expo' },
  { prefix: 'REACT_APP_', bundler: 'Create React App' },
  { prefix: 'VITE_', bundler: 'Vite' },
  { prefix: 'GATSBY_', bundler: 'Gatsby' },
  { prefix: 'PUBLIC_', bundler: 'SvelteKit and Astro' },
];

export function publicEnvPrefix(name: string): PublicEnvPrefix | undefined {
  return PUBLIC_ENV_PREFIXES.find(({ prefix }) => name.startsWith(prefix));
}
