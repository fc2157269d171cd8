/**
 * What jwt-lint knows about key material, whatever the language: is a string a PEM or
 * JWK key (private or public), a placeholder, or a guessable HMAC secret (short, on the
 * list of published example secrets, or low in entropy)?
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** `data/` at the package root, two levels above both `src/analyze/` and `dist/analyze/`. */
const WEAK_SECRETS_FILE = join(HERE, '..', '..', 'data', 'weak-secrets.txt');

/** A word list of secrets: the entries as written (for cracking) and lower-cased (for lookups). */
export interface SecretWordlist {
  /** How messages name the list: `the built-in list` or the user file's name. */
  label: string;
  entries: readonly string[];
  lowerCased: ReadonlySet<string>;
}

let builtInList: SecretWordlist | undefined;
/** The user's `--weak-secrets` list of the running scan, if any (see `useUserWeakSecrets`). */
let userList: SecretWordlist | undefined;

/**
 * One secret per line; blank lines and lines starting with `#` are skipped. Only line ends
 * are trimmed: a secret may start or end with spaces. Plain split and Set: a list of a few
 * hundred thousand lines loads in tens of milliseconds.
 */
export function parseSecretWordlist(text: string, label: string): SecretWordlist {
  const exact = new Set<string>();
  const lowerCased = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#') || line.trim() === '') continue;
    exact.add(line);
    lowerCased.add(line.toLowerCase());
  }
  return { label, entries: [...exact], lowerCased };
}

/** Reads a user word list (`--weak-secrets FILE`); throws on an unreadable file. */
export function loadSecretWordlist(path: string): SecretWordlist {
  const text = readFileSync(path, 'utf8');
  return parseSecretWordlist(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, basename(path));
}

function loadWeakSecrets(): SecretWordlist {
  if (!builtInList) {
    const parsed = parseSecretWordlist(readFileSync(WEAK_SECRETS_FILE, 'utf8'), 'the built-in list');
    // The built-in file is ours: entries are trimmed so an editor's stray space changes nothing.
    builtInList = parseSecretWordlist(parsed.entries.map((entry) => entry.trim()).join('\n'), parsed.label);
  }
  return builtInList;
}

/**
 * Sets the user list that `secretWeakness` and `isUserListedSecret` consult, for one scan
 * (the scan sets it at the start and clears it at the end). Module state, so that every
 * front end judges secrets the same way without threading the list through each rule.
 */
export function useUserWeakSecrets(list: SecretWordlist | undefined): void {
  userList = list;
}

/** The user list of the running scan, if any. */
export function userWeakSecrets(): SecretWordlist | undefined {
  return userList;
}

/** The built-in list of published example secrets, as written. Read once, on first use. */
export function publishedWeakSecrets(): readonly string[] {
  return loadWeakSecrets().entries;
}

/** On the built-in list, compared case-insensitively. */
export function isPublishedWeakSecret(secret: string): boolean {
  return loadWeakSecrets().lowerCased.has(secret.trim().toLowerCase());
}

/** On the user's `--weak-secrets` list of the running scan, compared case-insensitively. */
export function isUserListedSecret(secret: string): boolean {
  return userList?.lowerCased.has(secret.trim().toLowerCase()) ?? false;
}

export type KeyText =
  | { kind: 'pem-private'; label: string }
  | { kind: 'pem-public'; label: string }
  | { kind: 'jwk-private'; secret: string }
  | { kind: 'jwk-public' }
  /** Anything else: read as an HMAC secret. */
  | { kind: 'secret' };

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;

/** What a key string holds: a PEM block, a JSON JWK, or (otherwise) an HMAC secret. */
export function classifyKeyText(text: string): KeyText {
  const pem = PEM_LABEL.exec(text);
  if (pem) {
    const label = pem[1]!;
    return /PRIVATE KEY/.test(label) ? { kind: 'pem-private', label } : { kind: 'pem-public', label };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.includes('"kty"')) {
    try {
      const jwk: unknown = JSON.parse(trimmed);
      if (jwk && typeof jwk === 'object') {
        const secret = privateJwkMember(jwk as Record<string, unknown>);
        return secret === undefined ? { kind: 'jwk-public' } : { kind: 'jwk-private', secret };
      }
    } catch {
      // not JSON: judged as a secret below
    }
  }
  return { kind: 'secret' };
}

/** The secret member of a private JWK: `d` (RSA/EC/OKP private key) or `k` (oct, HMAC). */
export function privateJwkMember(jwk: Record<string, unknown>): string | undefined {
  if (typeof jwk.d === 'string') return jwk.d;
  if (jwk.kty === 'oct' && typeof jwk.k === 'string') return jwk.k;
  return undefined;
}

const PLACEHOLDER = /^(?:\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|<[^>]*>|%\([^)]*\)s|\{\{[^}]*\}\}|x{3,}|\*{3,}|\.{3}|\[[^\]]*\])$/i;

/** Template placeholders (`${JWT_SECRET}`, `<your-secret>`, `xxx`) and empty strings hold no secret. */
export function isPlaceholderSecret(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || PLACEHOLDER.test(trimmed);
}

export type Weakness =
  | { reason: 'published' }
  /** On the user's `--weak-secrets` list; `list` is the file's name. */
  | { reason: 'user-list'; list: string }
  | { reason: 'short'; bytes: number; minLength: number }
  | { reason: 'low-entropy'; detail: string }
  /** Computed from public or predictable inputs (`APP_NAME + '-secret'`, `Date.now()`). */
  | { reason: 'derived'; detail: string };

/**
 * Why an HMAC secret is guessable, or undefined when it is not (by these coarse tests).
 * Listed secrets first (the most useful thing to say), then length, then entropy.
 */
export function secretWeakness(secret: string, minLength: number): Weakness | undefined {
  if (isPublishedWeakSecret(secret)) return { reason: 'published' };
  if (userList && isUserListedSecret(secret)) return { reason: 'user-list', list: userList.label };
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < minLength) return { reason: 'short', bytes, minLength };
  const detail = lowEntropyDetail(secret);
  return detail ? { reason: 'low-entropy', detail } : undefined;
}

/** One line for a message: `is 12 bytes; HS256 needs at least 32`. */
export function describeWeakness(weakness: Weakness): string {
  switch (weakness.reason) {
    case 'published':
      return 'is on the list of published example secrets (library docs and tutorials, on every cracking word list)';
    case 'user-list':
      return `is on the weak-secret list ${weakness.list}`;
    case 'short':
      return `is ${weakness.bytes} bytes; HS256 needs at least ${weakness.minLength}`;
    case 'low-entropy':
      return `has low entropy (${weakness.detail})`;
    case 'derived':
      return `is predictable: ${weakness.detail}`;
  }
}

/** Coarse on purpose: only secrets that are obviously patterned, never random-looking ones. */
function lowEntropyDetail(secret: string): string | undefined {
  const chars = [...secret];
  const distinct = new Set(chars).size;
  if (distinct === 1) return 'one character repeated';
  for (let unit = 2; unit <= 8 && unit * 2 <= chars.length; unit++) {
    const head = chars.slice(0, unit).join('');
    if (head.repeat(Math.ceil(chars.length / unit)).slice(0, secret.length) === secret) return 'a short pattern repeated';
  }
  if (distinct < 5) return `only ${distinct} distinct characters`;
  if (shannonBitsPerChar(chars) < 2) return 'very few distinct characters for its length';
  return undefined;
}

function shannonBitsPerChar(chars: string[]): number {
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
