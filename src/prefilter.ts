/**
 * The raw-byte keyword prefilter: a file whose bytes contain none of its front end's
 * keywords never reaches a parser or a regex. It is the main reason a scan of a large
 * repository costs little more than reading it, so the keywords are chosen to be both
 * complete for the rules and cheap to search:
 *
 * - Every JWT library import or API name contains one of `jwt`, `JWT`, `Jwt`, `jose`, `JWS`
 *   or `jsonwebtoken` (Java's `Jws<Claims>` comes with `Jwts` or an `io.jsonwebtoken` import,
 *   Python's `jws` with `jose`); a JWT literal contains `.eyJ` (the payload after the dot); a
 *   bearer header contains `Bearer`/`bearer`; a JSON header contains `"alg`.
 * - Rules that need no JWT library add their own: RSA key generation per language, specific
 *   token names (`accessToken`, `ID_TOKEN`), a token query parameter (`?token=`, `&access_token=`),
 *   and web storage and cookies (`Storage`, `ookie`), which count only when a word naming a
 *   token, auth data or a session is within a few lines of them, or written as a string
 *   (`'token'`) anywhere in the file.
 * - Files no front end understands keep the broad list of the seed patterns.
 *
 * A keyword made of identifier characters counts only outside runs of more than 64 letters,
 * digits and base64 punctuation: in embedded base64 (WebAssembly, fonts) a three-letter
 * keyword turns up by chance every few hundred kilobytes, and one such file costs more to
 * parse than thousands of skipped ones.
 *
 * Each keyword is searched from its rarest character on (`searchOf`): `Buffer.indexOf` jumps
 * from one occurrence of a needle's first byte to the next, so `ken` costs a fraction of
 * `ccessToken`. A secret defined in a file the prefilter passes over (a config module) is
 * still found: the front ends read imported files on demand.
 */
import { frontEndOf, isDeclarationFile, type FrontEndId } from './analyze/languages.js';

interface KeywordPair {
  /** Any of these lets the file through when one of `near` is within `near.window` bytes of it, */
  trigger: readonly string[];
  near?: { words: readonly string[]; window: number };
  /** or when one of `anywhere` is somewhere in the file. */
  anywhere?: readonly string[];
}

interface KeywordSet {
  /** Any of these lets the file through. */
  any: readonly string[];
  pairs?: readonly KeywordPair[];
}

const JWT_WORDS = ['JWT', 'Jwt', 'jwt', 'JWS', 'jose', '.eyJ', 'Bearer', 'bearer', '"alg', 'jsonwebtoken'];
/**
 * Bytes on either side of a storage or cookie word in which a word naming a token must appear.
 * The rules read one call or statement (`localStorage.setItem('token', t)`,
 * `res.cookie('session', jwt, {...})`), which fits in a few lines of code.
 */
export const PAIR_WINDOW = 512;
const TOKEN_PAIRS: KeywordPair[] = [
  // Tokens in web storage and cookies, near a word naming a token, auth data or a session, or
  // with such a name written as a string anywhere in the file (`const NAME = 'token'` at the top).
  {
    trigger: ['Storage', 'ookie'],
    near: { words: ['oken', 'OKEN', 'uth', 'ession'], window: PAIR_WINDOW },
    anywhere: ["'token'", '"token"', "'auth'", '"auth"', "'session'", '"session"'],
  },
  // Tokens by their specific names (logged, sent over http) in code that names no JWT library;
  // each name contains a trigger, which is cheaper to search for first.
  {
    trigger: ['Token', 'TOKEN', '_token'],
    anywhere: ['ccessToken', 'efreshToken', 'idToken', 'IdToken', 'uthToken', 'earerToken', 'ccess_token', 'efresh_token',
      'id_token', 'auth_token', 'ACCESS_TOKEN', 'REFRESH_TOKEN', 'ID_TOKEN', 'AUTH_TOKEN'],
  },
];
/** A token in a URL query string (`?token=`, `&access_token=`): see `isQueryParameter`. */
const QUERY_TOKEN = 'oken=';

const SETS: Record<FrontEndId | 'declaration' | 'other', KeywordSet> = {
  js: { any: [...JWT_WORDS, 'NodeRSA', 'modulusLength', 'generateKey', 'redux-persist', QUERY_TOKEN], pairs: TOKEN_PAIRS },
  python: { any: [...JWT_WORDS, 'RSA.generate', 'key_size', 'newkeys', QUERY_TOKEN], pairs: TOKEN_PAIRS },
  java: { any: [...JWT_WORDS, 'KeyPairGenerator', QUERY_TOKEN], pairs: TOKEN_PAIRS },
  go: { any: [...JWT_WORDS, 'GenerateKey', QUERY_TOKEN], pairs: TOKEN_PAIRS },
  // Config keys that name a JWT secret, lifetime or check without saying JWT: ACCESS_TOKEN_SECRET,
  // ACCESS_TOKEN_EXPIRE_MINUTES, refreshTokenTtl, .NET's ValidateLifetime.
  config: { any: [...JWT_WORDS, 'genrsa', 'genpkey', 'rsa:', 'SECRET_KEY', 'TOKEN_SECRET', 'oken_secret', 'okenSecret',
    'oken-secret', 'TOKEN_EXP', 'oken_exp', 'okenExp', 'oken-exp', 'TOKEN_TTL', 'okenTtl', 'oken-ttl', 'oken_ttl', 'ValidateLifetime'] },
  // `.d.ts` files: only a JWT literal in a doc comment can be a finding.
  declaration: { any: ['.eyJ'] },
  other: { any: [...JWT_WORDS, 'SECRET', 'Secret', 'secret', 'password', '"algorithm', 'token', 'Token', 'TOKEN'] },
};

type Haystack = Buffer | string;

/** Every keyword of every set, for tools that compare against a plain keyword search. */
export const PREFILTER_KEYWORDS: readonly string[] = [...new Set(Object.values(SETS).flatMap((set) =>
  [...set.any, ...(set.pairs ?? []).flatMap((pair) => pair.trigger)]))];

/** Whether a file's raw bytes (or, for UTF-16 files, its decoded text) may hold a finding. */
export function passesPrefilter(content: Buffer | string, path: string): boolean {
  const frontEnd = frontEndOf(path) ?? (isDeclarationFile(path) ? 'declaration' : undefined);
  const set = SETS[frontEnd ?? 'other'];
  return set.any.some((keyword) => hasKeyword(content, keyword)) ||
    (set.pairs ?? []).some((pair) => hasConfirmedTrigger(content, pair));
}

/**
 * Printable ASCII from rarest to most common in source code (measured on the benchmark
 * corpus). `Buffer.indexOf` finds a short needle by jumping to each occurrence of its first
 * byte, so a search for `ccessToken` stops at every `c`; searching for a few characters from
 * the keyword's rarest one on (`ken`) and checking the bytes around them costs a fraction of that.
 */
const RAREST_FIRST = '~%^#@Z$YK`<!JXH+&zGV\\?jWO798|->Q[]q\'65NMUBP3L4DFkw2ERIC_xAT1/S}{*v;0b()=gy:.fh,mdp"culsionarte';
/**
 * Longest needle searched for. Node searches needles of this length or less with a plain
 * scan from their first byte; longer ones go through a slower general search
 * (`redux-persist` costs four times `x-pe` on the benchmark corpus).
 */
const MAX_NEEDLE = 4;

/** How a keyword is searched: the needle at `anchor` (its rarest character), and what an occurrence must pass. */
interface KeywordSearch {
  anchor: number;
  needle: string;
  /** The needle as bytes: a string needle is converted to UTF-8 on every `Buffer.indexOf` call. */
  needleBytes: Buffer;
  /** Made of identifier characters: counts only outside long runs of them (`inShortRun`). */
  wordLike: boolean;
  /** `oken=`: counts only as a query parameter (`isQueryParameter`). */
  queryToken: boolean;
  /** `TOKEN_EXP`, `okenExp`: counts only before a lifetime word (`continuesAsLifetime`). */
  lifetime: boolean;
}
const searches = new Map<string, KeywordSearch>();

function searchOf(keyword: string): KeywordSearch {
  let search = searches.get(keyword);
  if (!search) {
    // The rarest character, leaving at least two to search for.
    let anchor = 0;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let index = 0; index < keyword.length - 1; index++) {
      const rank = RAREST_FIRST.indexOf(keyword[index]!);
      if (rank !== -1 && rank < bestRank) {
        bestRank = rank;
        anchor = index;
      }
    }
    const needle = keyword.slice(anchor, anchor + MAX_NEEDLE);
    search = {
      anchor,
      needle,
      needleBytes: Buffer.from(needle, 'latin1'),
      wordLike: [...keyword].every((char) => isRunByte(char.charCodeAt(0))),
      queryToken: keyword === QUERY_TOKEN,
      lifetime: /exp$/i.test(keyword),
    };
    searches.set(keyword, search);
  }
  return search;
}

/** The next index of `keyword` at or after `from` (ASCII keywords: bytes and UTF-16 units agree), or -1. */
function indexOfKeyword(content: Haystack, keyword: string, from: number): number {
  const search = searchOf(keyword);
  const { anchor } = search;
  const needleEnd = anchor + search.needle.length;
  for (let at = indexOfNeedle(content, search, from + anchor); at !== -1; at = indexOfNeedle(content, search, at + 1)) {
    const start = at - anchor;
    if (start + keyword.length > content.length) return -1;
    let matches = true;
    for (let index = 0; index < anchor && matches; index++) matches = byteAt(content, start + index) === keyword.charCodeAt(index);
    for (let index = needleEnd; index < keyword.length && matches; index++) matches = byteAt(content, start + index) === keyword.charCodeAt(index);
    if (matches) return start;
  }
  return -1;
}

function indexOfNeedle(content: Haystack, search: KeywordSearch, from: number): number {
  return typeof content === 'string' ? content.indexOf(search.needle, from) : content.indexOf(search.needleBytes, from);
}

/** Characters of identifiers and of base64 data (`+`, `/`, `-`, `_`). */
function isRunByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x5f || byte === 0x24 || byte === 0x2b || byte === 0x2f || byte === 0x2d;
}

/**
 * Longer than any name a rule reads: a keyword inside such a run of letters and digits is a
 * chance match in embedded data (base64 WebAssembly, encoded fonts, locale tables), where a
 * three-letter keyword like `Jwt` turns up every few hundred kilobytes.
 */
const MAX_NAME_RUN = 64;

function byteAt(content: Haystack, index: number): number {
  return typeof content === 'string' ? content.charCodeAt(index) : content[index]!;
}

/** The run of identifier/base64 characters around `index` is at most `MAX_NAME_RUN` long. */
function inShortRun(content: Haystack, index: number, length: number): boolean {
  let run = length;
  for (let at = index - 1; at >= 0 && isRunByte(byteAt(content, at)); at--) if (++run > MAX_NAME_RUN) return false;
  for (let at = index + length; at < content.length && isRunByte(byteAt(content, at)); at++) if (++run > MAX_NAME_RUN) return false;
  return true;
}

/**
 * `?token=`, `&access_token=`, or a parameter name opening a string (`'token=' + t`,
 * `` `${url}${sep}token=${t}` ``) whose separator is added at run time: the name before `=`
 * follows a `?`, a `&`, a quote or an interpolation's `}`. An assignment (`let token=next()`,
 * Python's `f(token=x)`) does not count.
 */
function isQueryParameter(content: Haystack, index: number): boolean {
  let at = index - 1;
  for (let length = 0; at >= 0 && length < MAX_NAME_RUN; at--, length++) {
    const byte = byteAt(content, at);
    const nameByte = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x5f || byte === 0x2d;
    if (!nameByte) break;
  }
  const before = at >= 0 ? byteAt(content, at) : 0;
  // ? & ' " ` }
  return before === 0x3f || before === 0x26 || before === 0x27 || before === 0x22 || before === 0x60 || before === 0x7d;
}

const isUpper = (byte: number): boolean => byte >= 0x41 && byte <= 0x5a;
const isLower = (byte: number): boolean => byte >= 0x61 && byte <= 0x7a;

/**
 * `TOKEN_EXP`, `tokenExp`, `token_exp`: a lifetime word follows (`exp`, `expires`, `expiry`,
 * `expiration`), then maybe a unit (`tokenExpMs`, `TOKEN_EXP_DAYS`). The word goes on in the
 * keyword's own case only as an `i`: `token_expected` and `TOKEN_EXPECTED` are no lifetimes.
 */
function continuesAsLifetime(content: Haystack, keyword: string, end: number): boolean {
  const next = end < content.length ? byteAt(content, end) : 0;
  const upperKeyword = isUpper(keyword.charCodeAt(keyword.length - 1));
  const sameCase = upperKeyword ? isUpper(next) : isLower(next);
  return !sameCase || next === (upperKeyword ? 0x49 : 0x69);
}

/** Whether some occurrence of `keyword` counts (see `inShortRun`, `isQueryParameter` and `continuesAsLifetime`). */
function hasKeyword(content: Haystack, keyword: string): boolean {
  const { wordLike, queryToken, lifetime } = searchOf(keyword);
  for (let index = indexOfKeyword(content, keyword, 0); index !== -1; index = indexOfKeyword(content, keyword, index + 1)) {
    if (queryToken) {
      if (isQueryParameter(content, index)) return true;
    } else if ((!wordLike || inShortRun(content, index, keyword.length)) &&
      (!lifetime || continuesAsLifetime(content, keyword, index + keyword.length))) {
      return true;
    }
  }
  return false;
}

/** Some occurrence of one of the pair's triggers is confirmed: a `near` word close by, or an `anywhere` word in the file. */
function hasConfirmedTrigger(content: Haystack, pair: KeywordPair): boolean {
  let confirmedAnywhere: boolean | undefined;
  for (const trigger of pair.trigger) {
    for (let index = indexOfKeyword(content, trigger, 0); index !== -1; index = indexOfKeyword(content, trigger, index + 1)) {
      confirmedAnywhere ??= (pair.anywhere ?? []).some((word) => indexOfKeyword(content, word, 0) !== -1);
      if (confirmedAnywhere) return true;
      if (!pair.near) break;
      const start = Math.max(0, index - pair.near.window);
      const end = index + trigger.length + pair.near.window;
      const near = typeof content === 'string' ? content.slice(start, end) : content.subarray(start, end);
      if (pair.near.words.some((word) => near.includes(word))) return true;
    }
  }
  return false;
}
