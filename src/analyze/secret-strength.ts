/**
 * What jwt-lint knows about key material, whatever the language: is a string a PEM or
 * JWK key (private or public), a placeholder, or a guessable HMAC secret (short, on the
 * list of published example secrets, or low in entropy)?
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** `data/` at the package root, two levels above both `src/analyze/` and `dist/analyze/`. */
const WEAK_SECRETS_FILE = join(HERE, '..', '..', 'data', 'weak-secrets.txt');

let weakSecrets: { entries: string[]; lowerCased: Set<string> } | undefined;

function loadWeakSecrets(): { entries: string[]; lowerCased: Set<string> } {
  if (!weakSecrets) {
    const text = readFileSync(WEAK_SECRETS_FILE, 'utf8');
    const entries = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
    weakSecrets = { entries, lowerCased: new Set(entries.map((entry) => entry.toLowerCase())) };
  }
  return weakSecrets;
}

/** The built-in list of published example secrets, as written. Read once, on first use. */
export function publishedWeakSecrets(): readonly string[] {
  return loadWeakSecrets().entries;
}

/** On the built-in list, compared case-insensitively. */
export function isPublishedWeakSecret(secret: string): boolean {
  return loadWeakSecrets().lowerCased.has(secret.trim().toLowerCase());
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
  | { reason: 'short'; bytes: number; minLength: number }
  | { reason: 'low-entropy'; detail: string };

/**
 * Why an HMAC secret is guessable, or undefined when it is not (by these coarse tests).
 * Published examples first (the most useful thing to say), then length, then entropy.
 */
export function secretWeakness(secret: string, minLength: number): Weakness | undefined {
  if (isPublishedWeakSecret(secret)) return { reason: 'published' };
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < minLength) return { reason: 'short', bytes, minLength };
  const detail = lowEntropyDetail(secret);
  return detail ? { reason: 'low-entropy', detail } : undefined;
}

/** One line for a message: `is 6 bytes long; HS256 needs at least 32`. */
export function describeWeakness(weakness: Weakness): string {
  switch (weakness.reason) {
    case 'published':
      return 'is a published example secret (from library docs and tutorials, on every cracking word list)';
    case 'short':
      return `is ${weakness.bytes} bytes long; HS256 needs at least ${weakness.minLength}`;
    case 'low-entropy':
      return `has low entropy (${weakness.detail})`;
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
