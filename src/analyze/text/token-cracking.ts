/**
 * Offline cracking of the HMAC-signed JWTs written in the scanned tree, the way an attacker
 * would do it, done first: each HS256/384/512 token's signature is checked against the
 * secret-looking literals of the tree, the built-in list of published example secrets and
 * the user's `--weak-secrets` list, within a budget of candidates per token.
 *
 * This is the scan's link stage for tokens: it runs once every file has been analysed, so a
 * token in one file can be tied to the secret written in another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { maskSecret, maskToken } from '../../mask.js';
import type { Finding, RelatedLocation, Severity, SourceRange } from '../../types.js';
import { LineIndex } from './line-index.js';
import { decodeToken, describeToken, knownTokenKind, type DecodedToken } from './jwt-token.js';
import {
  describeWeakness, isPlaceholderSecret, isPublishedWeakSecret, isUserListedSecret, publishedWeakSecrets, secretWeakness,
  userWeakSecrets, type SecretWordlist,
} from '../secret-strength.js';

const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** What an HMAC signature check needs, prepared once per token. */
export interface HmacTarget {
  hash: string;
  signingInput: string;
  signature: Buffer;
}

/** The signature check of an HS256/384/512 token; undefined for other algorithms and unsigned tokens. */
export function hmacTarget(token: string, decoded: DecodedToken): HmacTarget | undefined {
  const hash = HMAC_HASHES[String(decoded.header.alg).toUpperCase()];
  const lastDot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(lastDot + 1), 'base64url');
  if (!hash || signature.length === 0) return undefined;
  return { hash, signingInput: token.slice(0, lastDot), signature };
}

/** Whether `secret` signed the token. */
export function verifiesWith(target: HmacTarget, secret: string): boolean {
  const digest = createHmac(target.hash, secret).update(target.signingInput).digest();
  return digest.length === target.signature.length && timingSafeEqual(digest, target.signature);
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
}

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
/** `JWT_SECRET=value` / `secret: value` unquoted, as in .env, YAML and properties files; bounded, so linear. */
const UNQUOTED_SECRET_VALUE =
  /^[ \t]{0,40}(?:export[ \t]{1,10})?[\w.-]{0,60}(?:secret|key|token|pass)[\w.-]{0,60}[ \t]{0,10}[:=][ \t]{0,10}([^\s'"`#]{6,512})[ \t]{0,40}$/gim;

/**
 * Every string of the scanned text files that could be a secret, with the place it is first
 * written: quoted literals and unquoted `key=value` settings, 6 to 512 characters, minus
 * tokens, URLs, placeholders and sentences. Only files that passed the prefilter are read, so
 * the cost stays proportional to the JWT-related code of the tree.
 */
export function collectLiteralCandidates(files: Iterable<{ relPath: string; text: string }>): Map<string, LiteralLocation> {
  const found = new Map<string, LiteralLocation>();
  for (const file of files) {
    const isDocument = DOCUMENT_PATH.test(file.relPath);
    const add = (value: string, offset: number): void => {
      const known = found.get(value);
      if ((known && !known.inComment) || !looksLikeSecret(value)) return;
      const inComment = isDocument || isInComment(file.text, offset);
      // A place in code wins over a comment that mentions the same value.
      if (!known || !inComment) found.set(value, { file: file.relPath, text: file.text, offset, length: value.length, inComment });
    };
    for (const match of file.text.matchAll(QUOTED_LITERAL)) add(match[2]!, match.index + 1);
    for (const match of file.text.matchAll(UNQUOTED_SECRET_VALUE)) add(match[1]!, match.index + match[0].indexOf(match[1]!));
  }
  return found;
}

/** Prose: a value quoted in a document is a mention, not a setting. */
const DOCUMENT_PATH = /\.(md|markdown|mdx|txt|rst|adoc|html?)$/i;

/** How far back a comment marker is looked for: bounded, so minified lines stay linear. */
const COMMENT_LOOKBACK = 300;

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

function looksLikeSecret(value: string): boolean {
  if (value.startsWith('eyJ') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if ((value.match(/\s/g)?.length ?? 0) > 3) return false; // a sentence, not a secret
  return !isPlaceholderSecret(value);
}

/**
 * The candidates in the order tried: the built-in list, the user list, then the tree's other
 * literals. A listed secret is credited to its list: a common value such as `secret` is
 * written in many unrelated places, and the first one found says nothing about the token.
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
  for (const [secret, location] of literals) {
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
  userList: SecretWordlist | undefined;
  /** Most candidates tried per token; 0 turns cracking off. */
  budget: number;
}

export interface CrackedToken {
  sighting: TokenSighting;
  candidate: SecretCandidate;
}

/** Tries every distinct HMAC-signed token of the scan; each token is cracked once. */
export function crackTokens(input: CrackingInput): CrackedToken[] {
  if (input.budget <= 0) return [];
  const targets = new Map<string, { target: HmacTarget; sightings: TokenSighting[] }>();
  for (const sighting of input.sightings) {
    const existing = targets.get(sighting.token);
    if (existing) {
      existing.sightings.push(sighting);
      continue;
    }
    const decoded = decodeToken(sighting.token);
    const target = decoded && hmacTarget(sighting.token, decoded);
    if (target) targets.set(sighting.token, { target, sightings: [sighting] });
  }
  if (targets.size === 0) return [];
  const literals = collectLiteralCandidates(input.files);
  const cracked: CrackedToken[] = [];
  for (const { target, sightings } of targets.values()) {
    const found = crackHmac(target, candidateSecrets(literals, input.userList), input.budget);
    if (!found) continue;
    const written = literals.get(found.secret);
    const candidate = found.from !== 'literal' && written && !written.inComment ? { ...found, location: written } : found;
    for (const sighting of sightings) cracked.push({ sighting, candidate });
  }
  return cracked;
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
