/**
 * Offline cracking of the HMAC-signed JWTs written in the scanned tree, the way an attacker
 * would do it, done first: each HS256/384/512 token's signature is checked against the
 * built-in list of published example secrets, the user's `--weak-secrets` list and the
 * secret-looking literals of the tree, within a budget of candidates per token and a time
 * limit for the tree's literals.
 *
 * This is the scan's link stage for tokens: it runs once every file has been analysed, so a
 * token in one file can be tied to the secret written in another.
 */
import { createHmac } from 'node:crypto';
import { maskSecret, maskToken } from '../../mask.js';
import type { Finding, RelatedLocation, Severity, SourceRange } from '../../types.js';
import { isJwtSecretName, nameWords } from '../secret-names.js';
import { LineIndex } from './line-index.js';
import { decodeToken, describeToken, knownTokenKind, type DecodedToken } from './jwt-token.js';
import {
  describeWeakness, isPlaceholderSecret, isPublishedWeakSecret, isUserListedSecret, publishedWeakSecrets, secretWeakness,
  userWeakSecrets, type SecretWordlist,
} from '../secret-strength.js';

const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** What an HMAC signature check needs, prepared once per token: no string is re-encoded per check. */
export interface HmacTarget {
  hash: string;
  signingInput: Buffer;
  signature: Buffer;
}

/** The signature check of an HS256/384/512 token; undefined for other algorithms and unsigned tokens. */
export function hmacTarget(token: string, decoded: DecodedToken): HmacTarget | undefined {
  const hash = HMAC_HASHES[String(decoded.header.alg).toUpperCase()];
  const lastDot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(lastDot + 1), 'base64url');
  if (!hash || signature.length === 0) return undefined;
  return { hash, signingInput: Buffer.from(token.slice(0, lastDot)), signature };
}

/** Whether `secret` (a string is UTF-8 encoded, as JWT libraries do) signed the token. */
export function verifiesWith(target: HmacTarget, secret: string | Buffer): boolean {
  return createHmac(target.hash, secret).update(target.signingInput).digest().equals(target.signature);
}

/**
 * The first candidate that verifies the token, trying at most `budget` candidates
 * (each distinct value once, in the order given).
 */
export function crackHmac<T extends { secret: string }>(target: HmacTarget, candidates: Iterable<T>, budget: number): T | undefined {
  let tried = 0;
  for (const candidate of candidates) {
    if (tried++ >= budget) return undefined;
    if (verifiesWith(target, candidate.secret)) return candidate;
  }
  return undefined;
}

/** A place in the scanned tree (relative path, as in findings). */
export interface TreeLocation {
  file: string;
  range: SourceRange;
}

/**
 * Where a literal candidate is written. The line and column are computed only for the few
 * literals that crack a token (`literalRange`): a minified file holds thousands of literals.
 */
export interface LiteralLocation {
  file: string;
  text: string;
  offset: number;
  length: number;
  /** Only a comment or a document (Markdown, text) mentions it: pointed to, never a finding of its own. */
  inComment: boolean;
  /** Which literals are tried first when time runs short: see `Likelihood`. */
  likelihood: Likelihood;
}

/**
 * How likely a literal is to be a JWT secret, most likely first: a value a rule registered as
 * key material; a value bound to a JWT-secret name (`JWT_SECRET = '...'`); a value bound to
 * another secret-like name, passed to a signing call, or set in a config entry; a comment's mention.
 */
export type Likelihood = 0 | 1 | 2 | 3;

/** The 1-based range of a literal, for findings. */
export function literalRange(location: LiteralLocation): SourceRange {
  return new LineIndex(location.text).range(location.offset, location.offset + location.length);
}

export type SecretCandidate =
  | { secret: string; from: 'literal'; location: LiteralLocation }
  /** `location`: where the tree writes the listed value in code, if anywhere. */
  | { secret: string; from: 'built-in'; location?: LiteralLocation }
  | { secret: string; from: 'user-list'; list: string; location?: LiteralLocation };

/**
 * Secrets are bounded: shorter ones are on the lists if anywhere, longer ones are not secrets.
 * A quoted string on one line, 6 to 512 characters, without escapes (a secret with escapes is
 * not worth the cost).
 */
const QUOTED_LITERAL = /(["'`])([^"'`\\\r\n]{6,512})\1/g;
/**
 * `JWT_SECRET=value` / `secret: value` unquoted, as in .env, YAML and properties files, as a
 * whole line; bounded, so linear. Tried (sticky) only at the start of a line that holds a
 * `SECRET_SETTING_HINT`: every such line holds one, and most lines of code do not.
 */
const UNQUOTED_SECRET_LINE =
  /[ \t]{0,40}(?:export[ \t]{1,10})?([\w.-]{0,60}(?:secret|key|token|pass)[\w.-]{0,60})[ \t]{0,10}[:=][ \t]{0,10}([^\s'"`#]{6,512})[ \t]{0,40}(?=[\r\n\u2028\u2029]|$)/iy;
/** The part of an `UNQUOTED_SECRET_LINE` from the word in its key to the `:` or `=`. */
const SECRET_SETTING_HINT = /(?:secret|key|token|pass)[\w.-]{0,60}[ \t]{0,10}[:=]/gi;

const LINE_BREAK = /[\r\n\u2028\u2029]/g;

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** The unquoted secret settings of a text, one per line at most; each line is read once. */
function* unquotedSecretSettings(text: string): Generator<RegExpExecArray> {
  let linesDone = 0; // every line before this offset has been tried
  SECRET_SETTING_HINT.lastIndex = 0;
  for (let hint = SECRET_SETTING_HINT.exec(text); hint; hint = SECRET_SETTING_HINT.exec(text)) {
    let lineStart = hint.index;
    while (lineStart > linesDone && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
    UNQUOTED_SECRET_LINE.lastIndex = lineStart;
    const match = UNQUOTED_SECRET_LINE.exec(text);
    if (match) yield match;
    // The rest of the line can hold no other setting: go on from the next line.
    LINE_BREAK.lastIndex = hint.index;
    const lineEnd = LINE_BREAK.exec(text);
    if (!lineEnd) return;
    linesDone = lineEnd.index + 1;
    SECRET_SETTING_HINT.lastIndex = linesDone;
  }
}

/**
 * The secret-looking strings of the scanned text files, with the place each is first written.
 * Only strings that something marks as a secret count, so the number of candidates follows the
 * secrets of the tree, not its size:
 * - values a rule registered as key material (`keyMaterial`: the scan's sensitive values),
 * - quoted strings bound on their line to a secret-like name (`signingKey = '...'`,
 *   `"jwtSecret": "..."`, `app.config['SECRET_KEY'] = '...'`, `secret: []byte("...")`) or passed
 *   to a signing call (`Algorithm.HMAC256("...")`, `jwt.sign(payload, '...')`),
 * - unquoted settings with a secret-like key (`JWT_SECRET=...` in .env, YAML, properties, or a
 *   settings block written in a multi-line string of code),
 * minus tokens, URLs, placeholders, paths, names and sentences (`secretShape`). Only files
 * that passed the prefilter are read.
 */
export function collectLiteralCandidates(files: Iterable<{ relPath: string; text: string }>,
  keyMaterial: ReadonlySet<string> = new Set()): Map<string, LiteralLocation> {
  const found = new Map<string, LiteralLocation>();
  for (const file of files) {
    const isDocument = DOCUMENT_PATH.test(file.relPath);
    const add = (value: string, offset: number, named: Likelihood | undefined): void => {
      const isKeyMaterial = keyMaterial.has(value);
      if (isKeyMaterial ? !looksLikeSecret(value) : named === undefined) return;
      const inComment = isDocument || isInComment(file.text, offset);
      const likelihood: Likelihood = inComment ? 3 : isKeyMaterial ? 0 : named!;
      const known = found.get(value);
      // The most telling place wins: code over a comment, then the likelier context.
      if (known && known.likelihood <= likelihood) return;
      found.set(value, { file: file.relPath, text: file.text, offset, length: value.length, inComment, likelihood });
    };
    for (const match of file.text.matchAll(QUOTED_LITERAL)) {
      const value = match[2]!;
      // The shape first: it is cheaper than reading the context, and rejects most strings.
      if (keyMaterial.has(value)) add(value, match.index + 1, 0);
      else if (secretShape(value)) add(value, match.index + 1, secretContext(file.text, match.index));
    }
    for (const match of unquotedSecretSettings(file.text)) {
      const value = match[2]!;
      if (!keyMaterial.has(value) && !secretShape(value)) continue;
      add(value, match.index + match[0].lastIndexOf(value), isJwtSecretName(match[1]!, { envName: true }) ? 1 : 2);
    }
  }
  return found;
}

/** Prose: a value quoted in a document is a mention, not a setting. */
const DOCUMENT_PATH = /\.(md|markdown|mdx|txt|rst|adoc|html?)$/i;

/** How far back a comment marker or a binding is looked for: bounded, so minified lines stay linear. */
const COMMENT_LOOKBACK = 300;
const CONTEXT_LOOKBACK = 160;

function isInComment(text: string, offset: number): boolean {
  let lineStart = offset;
  while (lineStart > 0 && offset - lineStart < COMMENT_LOOKBACK && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  const before = text.slice(lineStart, offset);
  const atLineStart = lineStart === 0 || text.charCodeAt(lineStart - 1) === 10;
  return (atLineStart && COMMENT_AT_LINE_START.test(before)) || TRAILING_COMMENT.test(before);
}

/** The text before a literal on its line opens a comment: `// ...`, `# ...`, ` * ...`, `<!-- ...`. */
const COMMENT_AT_LINE_START = /^\s*(?:\/\/|#|\*|\/\*|<!--|--\s)/;
const TRAILING_COMMENT = /\s(?:\/\/|#)\s/;

/**
 * Whether the quoted literal opening at `quote` is bound to a secret-like name on its line
 * (1 for a JWT-secret name, 2 for another secret-like name or a signing call), else undefined.
 * Reads at most CONTEXT_LOOKBACK characters back, by hand: no regex backtracks over a hostile line.
 */
export function secretContext(text: string, quote: number): Likelihood | undefined {
  let lineStart = quote;
  while (lineStart > 0 && quote - lineStart < CONTEXT_LOOKBACK && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  const before = text.slice(lineStart, quote);
  let best: Likelihood | undefined;
  const consider = (name: string, callee: boolean): void => {
    const likelihood = nameLikelihood(name, callee);
    if (likelihood !== undefined && (best === undefined || likelihood < best)) best = likelihood;
  };
  // Bindings after the last quote, `;` or `,`: `const signingKey = `, `{ secret: `, `secret := []byte(`,
  // `"jwtSecret": `, `['SECRET_KEY'] = `. Every `=`/`:` there binds the literal to the name before it.
  let regionStart = before.length;
  while (regionStart > 0 && !`;,'"\``.includes(before[regionStart - 1]!)) regionStart--;
  for (let i = Math.max(regionStart, 1); i < before.length; i++) {
    const char = before[i]!;
    const previous = before[i - 1]!;
    const next = before[i + 1] ?? '';
    const binds = char === ':' ? previous !== ':' && next !== ':'
      : char === '=' && !'=!<>:+-*/%&|^?'.includes(previous) && next !== '=' && next !== '>';
    if (binds) consider(nameBefore(before, i), false);
  }
  // A call's argument: `HMAC256(`, `hmacShaKeyFor(`, `jwt.sign(payload, `.
  let end = before.length;
  while (end > 0 && /\s/.test(before[end - 1]!)) end--;
  if (before[end - 1] === ',') {
    let open = end - 1;
    while (open > 0 && end - open < 80 && !`()'"\`;`.includes(before[open - 1]!)) open--;
    end = open;
  }
  if (before[end - 1] === '(') consider(nameBefore(before, end - 1), true);
  return best;
}

/** The name just before `at`, past spaces, a closing bracket and a quote: `['JWT_SECRET'] =` -> `JWT_SECRET`. */
function nameBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (text[end - 1] === ']') end--;
  if (end > 0 && `'"\``.includes(text[end - 1]!)) end--;
  let start = end;
  while (start > 0 && /[\w$.-]/.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

/** Words that make a name hold a secret (`signingKey`, `hmac_secret`, `dbPassword`), or a call take one. */
const SECRET_WORDS = new Set(['secret', 'secrets', 'key', 'keys', 'signing', 'sign', 'signer', 'hmac', 'password',
  'passwd', 'pwd', 'passphrase', 'jwt', 'jws', 'credential', 'credentials']);
/** Calls whose argument may be a secret: `jwt.verify(token, '...')`, `jwt.encode(payload, '...')`. */
const SECRET_CALL_WORDS = new Set(['verify', 'encode', 'decode']);
/** Last words that name something about a secret, not the secret: `secretName`, `keyId`, `passwordField`. */
const NOT_A_SECRET = new Set(['id', 'ids', 'kid', 'name', 'names', 'path', 'file', 'filename', 'url', 'uri', 'env', 'header',
  'length', 'len', 'size', 'type', 'field', 'prefix', 'label', 'hint', 'ref', 'arn', 'format', 'count', 'public', 'pub']);

/** Names repeat (`key`, `name`, `type`): each is judged once per process. */
const nameVerdicts = new Map<string, Likelihood | undefined>();

function nameLikelihood(name: string, callee: boolean): Likelihood | undefined {
  const cacheKey = callee ? `${name}(` : name;
  if (nameVerdicts.has(cacheKey)) return nameVerdicts.get(cacheKey);
  const likelihood = isJwtSecretName(name, { envName: true }) ? 1 : isSecretHoldingName(name, callee) ? 2 : undefined;
  if (nameVerdicts.size > 10_000) nameVerdicts.clear();
  nameVerdicts.set(cacheKey, likelihood);
  return likelihood;
}

function isSecretHoldingName(name: string, callee: boolean): boolean {
  const words = nameWords(name.slice(-200));
  const last = words[words.length - 1];
  if (last === undefined || NOT_A_SECRET.has(last) || words.includes('public') || words.includes('pub')) return false;
  return words.some((word) => SECRET_WORDS.has(word) || (callee && SECRET_CALL_WORDS.has(word)));
}

function looksLikeSecret(value: string): boolean {
  if (value.startsWith('eyJ') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if ((value.match(/\s/g)?.length ?? 0) > 3) return false; // a sentence, not a secret
  return !isPlaceholderSecret(value);
}

/** A file path (`./keys/dev.pem`, `/etc/jwt/secret`, `secret.json`), not a secret. */
const PATH_LIKE = /^(?:\.{1,2}\/|~\/|\/[\w.-]+\/)|\.(?:pem|key|crt|cer|der|p8|p12|pfx|jks|json|ya?ml|txt|env|properties|js|ts|py|java|go)$/i;
/** A dotted name (`config.jwt.secret`, `process.env.KEY`), an env variable name (`JWT_SECRET`), a single word. */
const NAME_LIKE = /^(?:[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Za-z]+)$/;

/**
 * A value written where a secret could be that has the shape of one: not a token, URL,
 * placeholder, path, name, single word (the lists hold the word-like secrets) or text with spaces.
 */
function secretShape(value: string): boolean {
  // The cheapest tests first: most strings are names or text.
  return !/\s/.test(value) && !NAME_LIKE.test(value) && looksLikeSecret(value) && !PATH_LIKE.test(value);
}

/**
 * The candidates in the order tried: the built-in list, the user list, then the tree's
 * literals, likeliest first. A listed secret is credited to its list: a common value such as
 * `secret` is written in many unrelated places, and the first one found says nothing about the token.
 */
export function* candidateSecrets(literals: Map<string, LiteralLocation>, userList: SecretWordlist | undefined): Generator<SecretCandidate> {
  const listed = new Set<string>();
  for (const secret of publishedWeakSecrets()) {
    listed.add(secret);
    yield { secret, from: 'built-in' };
  }
  if (userList) {
    for (const secret of userList.entries) {
      if (listed.has(secret)) continue;
      listed.add(secret);
      yield { secret, from: 'user-list', list: userList.label };
    }
  }
  const byLikelihood = [...literals].sort(([, a], [, b]) => a.likelihood - b.likelihood);
  for (const [secret, location] of byLikelihood) {
    if (!listed.has(secret)) yield { secret, from: 'literal', location };
  }
}

/** A JWT literal the seed pattern reported: the token text and its finding. */
export interface TokenSighting {
  token: string;
  finding: Finding;
}

export interface CrackingInput {
  sightings: TokenSighting[];
  /** The text files of the scan that passed the prefilter. */
  files: Iterable<{ relPath: string; text: string }>;
  /** Values the rules registered as secrets or keys during analysis: tried wherever they are written. */
  keyMaterial?: ReadonlySet<string>;
  userList: SecretWordlist | undefined;
  /** Most candidates tried per token; 0 turns cracking off. */
  budget: number;
  /**
   * Milliseconds for the tree's literals, all tokens together; the lists are always tried in
   * full (within `budget`). Bounds the stage on a tree with many tokens and secrets.
   */
  timeLimitMs?: number;
}

export interface CrackedToken {
  sighting: TokenSighting;
  candidate: SecretCandidate;
}

export interface CrackingResult {
  cracked: CrackedToken[];
  /** Tokens left uncracked before every candidate was tried, and why: their findings say so. */
  stopped?: { sightings: TokenSighting[]; tried: number; total: number; reason: 'budget' | 'time' };
}

/** HS256 and HS512 tokens that share a signing input need one HMAC per candidate, not one per token. */
interface SigningInput {
  hash: string;
  input: Buffer;
  tokens: { signature: Buffer; sightings: TokenSighting[]; found?: SecretCandidate }[];
  open: number;
}

/** How many candidates pass between two looks at the clock. */
const CLOCK_EVERY = 64;

/**
 * Tries every distinct HMAC-signed token of the scan. Candidate-major: each candidate is
 * encoded once and hashed once per distinct (algorithm, signing input), and compared with
 * every open token of that input.
 */
export function crackTokens(input: CrackingInput): CrackingResult {
  if (input.budget <= 0) return { cracked: [] };
  const groups = new Map<string, SigningInput>();
  const seen = new Map<string, { sightings: TokenSighting[] }>();
  for (const sighting of input.sightings) {
    const existing = seen.get(sighting.token);
    if (existing) {
      existing.sightings.push(sighting);
      continue;
    }
    const decoded = decodeToken(sighting.token);
    const target = decoded && hmacTarget(sighting.token, decoded);
    if (!target) continue;
    const key = `${target.hash} ${target.signingInput.toString()}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { hash: target.hash, input: target.signingInput, tokens: [], open: 0 }));
    const token = { signature: target.signature, sightings: [sighting] };
    group.tokens.push(token);
    group.open++;
    seen.set(sighting.token, token);
  }
  if (groups.size === 0) return { cracked: [] };
  const literals = collectLiteralCandidates(input.files, input.keyMaterial);
  const open = [...groups.values()];
  const candidates = [...candidateSecrets(literals, input.userList)];
  let tried = 0;
  let reason: 'budget' | 'time' | undefined;
  let deadline: number | undefined;
  for (const candidate of candidates) {
    if (open.length === 0) break;
    if (tried >= input.budget) {
      reason = 'budget';
      break;
    }
    if (candidate.from === 'literal' && input.timeLimitMs !== undefined) {
      const now = deadline === undefined || tried % CLOCK_EVERY === 0 ? performance.now() : undefined;
      deadline ??= now! + input.timeLimitMs;
      if (now !== undefined && now >= deadline) {
        reason = 'time';
        break;
      }
    }
    tried++;
    const key = Buffer.from(candidate.secret);
    for (let g = open.length - 1; g >= 0; g--) {
      const group = open[g]!;
      const digest = createHmac(group.hash, key).update(group.input).digest();
      for (const token of group.tokens) {
        if (token.found || !digest.equals(token.signature)) continue;
        token.found = candidate;
        group.open--;
      }
      if (group.open === 0) open.splice(g, 1);
    }
  }
  const cracked: CrackedToken[] = [];
  const uncracked: TokenSighting[] = [];
  for (const group of groups.values()) {
    for (const { found, sightings } of group.tokens) {
      if (!found) {
        uncracked.push(...sightings);
        continue;
      }
      const written = literals.get(found.secret);
      const candidate = found.from !== 'literal' && written && !written.inComment ? { ...found, location: written } : found;
      for (const sighting of sightings) cracked.push({ sighting, candidate });
    }
  }
  return reason && uncracked.length > 0 ? { cracked, stopped: { sightings: uncracked, tried, total: candidates.length, reason } } : { cracked };
}

/**
 * The note on the findings of tokens whose cracking stopped early: their secret may still be
 * among the candidates not tried.
 */
export function noteStoppedCracking(result: CrackingResult, findings: Finding[], timeLimitMs: number | undefined): void {
  const { stopped } = result;
  if (!stopped) return;
  const why = stopped.reason === 'budget' ? 'crackingBudget reached' : `crackingTimeLimit of ${(timeLimitMs ?? 0) / 1000}s reached`;
  const note = `; jwt-lint stopped guessing its secret after ${stopped.tried} of ${stopped.total} candidates (${why})`;
  for (const sighting of stopped.sightings) {
    const index = findings.findIndex((other) => other.ruleId === 'jwt-literal' && other.file === sighting.finding.file &&
      other.range.start.line === sighting.finding.range.start.line);
    if (index >= 0 && !findings[index]!.message.endsWith(note)) findings[index] = { ...findings[index]!, message: findings[index]!.message + note };
  }
}

/** Rules whose finding at a secret's place is "the secret's own finding". */
const SECRET_RULES = new Set(['weak-secret', 'hardcoded-secret', 'secret-fallback']);

/**
 * Applies the cracked tokens to the findings: each cracked token's finding becomes critical
 * and says which secret signs it (masked) and where that secret is written; the secret's own
 * finding links back to the token, and a literal that no rule reported gets a finding of its
 * own (it is proven to be a JWT signing secret). Returns the findings to add; the secret
 * values to mask in code frames are passed to `markSensitive`.
 */
export function linkCrackedTokens(
  cracked: CrackedToken[],
  findings: Finding[],
  minSecretLength: number,
  severityOf: (ruleId: string) => Severity,
  markSensitive: (file: string, secret: string) => void,
): Finding[] {
  const added: Finding[] = [];
  for (const { sighting, candidate } of cracked) {
    const { token } = sighting;
    // The finding of the token's line after dedupe (two tokens on a line share one finding).
    const index = findings.findIndex((other) => other.ruleId === 'jwt-literal' && other.file === sighting.finding.file &&
      other.range.start.line === sighting.finding.range.start.line);
    if (index < 0) continue;
    const finding = findings[index]!;
    const decoded = decodeToken(token)!;
    const tokenPlace: TreeLocation = { file: finding.file, range: sighting.finding.range };
    const masked = maskSecret(candidate.secret);
    const place = candidate.location && { file: candidate.location.file, range: literalRange(candidate.location) };
    const own = place && [...findings, ...added].find((other) => SECRET_RULES.has(other.ruleId) &&
      other.file === place.file && other.range.start.line === place.range.start.line);
    // A listed secret's place counts only where a rule found a JWT secret; a literal's place always does.
    const linked = candidate.from === 'literal' || own ? place : undefined;
    const upgraded: Finding = {
      ...finding,
      severity: 'critical',
      message: `${knownTokenKind(decoded) ?? 'JWT'} written in the code is signed with a secret jwt-lint guessed, ${masked} ` +
        `(${whereFound(candidate, linked !== undefined)}): anyone can sign tokens the verifier accepts; ${maskToken(token)}; ` +
        describeToken(decoded),
      fix: 'Remove the token, and replace the secret that signs it with a random one of at least 32 bytes loaded at run time: ' +
        'every token signed with the old secret can be forged.',
    };
    if (linked) {
      upgraded.related = [...(finding.related ?? []), { ...linked, message: `secret ${masked} that signs this token` }];
      markSensitive(linked.file, candidate.secret);
      const back: RelatedLocation = { ...tokenPlace, message: `this secret signs the JWT written here (${maskToken(token)})` };
      if (own) own.related = [...(own.related ?? []), back];
      // A value only a comment or a document mentions is pointed to, but is not a finding of its own.
      else if (candidate.from === 'literal' && !candidate.location.inComment) {
        added.push(secretFinding(candidate.secret, linked, back, minSecretLength, severityOf));
      }
    }
    markSensitive(finding.file, candidate.secret);
    findings[index] = upgraded;
  }
  return added;
}

/** `on the list of published example secrets, written at src/auth.ts:3`; the place only when `withPlace`. */
function whereFound(candidate: SecretCandidate, withPlace: boolean): string {
  const places: string[] = [];
  if (isPublishedWeakSecret(candidate.secret)) places.push('on the list of published example secrets');
  else if (candidate.from === 'user-list') places.push(`on the weak-secret list ${candidate.list}`);
  else if (isUserListedSecret(candidate.secret)) places.push(`on the weak-secret list ${userWeakSecrets()!.label}`);
  if (withPlace && candidate.location) {
    const { file, inComment } = candidate.location;
    places.push(`${inComment ? 'mentioned' : 'written'} at ${file}:${literalRange(candidate.location).start.line}`);
  }
  return places.join(', ') || 'found in the scanned files';
}

/** A literal no rule reported, proven to sign a JWT: weak or hardcoded, at its place. */
function secretFinding(secret: string, location: TreeLocation, back: RelatedLocation, minSecretLength: number,
  severityOf: (ruleId: string) => Severity): Finding {
  const weakness = secretWeakness(secret, minSecretLength);
  const ruleId = weakness ? 'weak-secret' : 'hardcoded-secret';
  const what = `String ${maskSecret(secret)} is a JWT signing secret: the JWT written at ${back.file}:${back.range.start.line} verifies with it`;
  return {
    ruleId,
    severity: severityOf(ruleId),
    file: location.file,
    range: location.range,
    message: weakness ? `${what}; it ${describeWeakness(weakness)}` : what,
    fix: 'Generate a random secret of at least 32 bytes, load it at run time, and rotate this one: it is in the repository.',
    related: [back],
    engine: 'pattern',
  };
}
