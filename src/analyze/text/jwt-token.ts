/** Decoding JWT literals found in text: header and payload are public, the signature is not printed. */
import { createHmac } from 'node:crypto';
import { publishedWeakSecrets } from '../secret-strength.js';

export interface DecodedToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signatureLength: number;
}

/**
 * The three-part compact form; bounded so no input can make matching slow. It must not run
 * on into more token characters (a longer blob), but may end a sentence: `... eyJ.eyJ.sig.`
 */
export const JWT_PATTERN = /\beyJ[A-Za-z0-9_-]{4,4096}\.eyJ[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_-]{0,1024}(?![A-Za-z0-9_-]|\.[A-Za-z0-9_-])/g;

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const json = Buffer.from(segment, 'base64url').toString('utf8');
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A decoded token, or undefined when the text only looks like one (no JSON header with `alg`). */
export function decodeToken(token: string): DecodedToken | undefined {
  const [header, payload, signature = ''] = token.split('.');
  if (!header || !payload) return undefined;
  const decodedHeader = decodeSegment(header);
  if (!decodedHeader || typeof decodedHeader.alg !== 'string') return undefined;
  const decodedPayload = decodeSegment(payload);
  if (!decodedPayload) return undefined;
  return { header: decodedHeader, payload: decodedPayload, signatureLength: signature.length };
}

const SENSITIVE_CLAIM = /pass(word)?|secret|ssn|card|cvv|private|api_?key|dob|birth/i;

/** One line describing a token without revealing claim values of sensitive fields. */
export function describeToken(token: DecodedToken, nowSeconds = Date.now() / 1000): string {
  const parts = [`alg ${String(token.header.alg)}`];
  if (typeof token.header.kid === 'string') parts.push(`kid ${JSON.stringify(token.header.kid.slice(0, 40))}`);
  const { exp, iat, iss, aud } = token.payload;
  if (typeof exp === 'number') {
    parts.push(`${exp < nowSeconds ? 'expired' : 'expires'} ${formatDay(exp)}`);
    if (typeof iat === 'number' && exp > iat) parts.push(`lifetime ${formatDuration(exp - iat)}`);
  } else {
    parts.push('no exp (never expires)');
  }
  if (typeof iss === 'string') parts.push(`iss ${JSON.stringify(iss.slice(0, 60))}`);
  const audiences = (Array.isArray(aud) ? aud : [aud]).filter((entry): entry is string => typeof entry === 'string');
  if (audiences.length > 0) parts.push(`aud ${audiences.slice(0, 3).map((entry) => JSON.stringify(entry.slice(0, 60))).join(', ')}`);
  const claims = Object.keys(token.payload).slice(0, 12).map((name) => (SENSITIVE_CLAIM.test(name) ? `${name} (sensitive)` : name));
  parts.push(`claims: ${claims.join(', ') || 'none'}`);
  return parts.join('; ');
}

/**
 * A key that is a JWT only by format and is meant to ship in browser code: the Supabase `anon`
 * key (protected by Row Level Security, documented as safe to publish). Its `service_role`
 * sibling bypasses RLS and stays a finding.
 */
export function isPublishableKey(token: DecodedToken): boolean {
  const { iss, role } = token.payload;
  return role === 'anon' && (iss === 'supabase' || iss === 'supabase-demo');
}

/** What a token is, when its claims say so: a Supabase service_role key is a database admin credential. */
export function knownTokenKind(token: DecodedToken): string | undefined {
  const { iss, role } = token.payload;
  if (role === 'service_role' && (iss === 'supabase' || iss === 'supabase-demo')) {
    return 'Supabase service_role key (bypasses Row Level Security)';
  }
  return undefined;
}

/** `900` -> `15m`, `86400` -> `1d`: the largest unit that divides evenly enough to read. */
function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)}m`;
  if (seconds < 2 * 86400) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

/** A claim timestamp as a day; `exp` written in ms or µs is past what Date can hold. */
function formatDay(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isFinite(date.getTime()) ? date.toISOString().slice(0, 10) : `at ${seconds} (not a valid date)`;
}

export function isUnsigned(token: DecodedToken): boolean {
  return String(token.header.alg).toLowerCase() === 'none';
}

const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/**
 * The published example secret an HS256/384/512 token is signed with, if any: anyone can
 * then sign tokens the verifier accepts. Tries each entry of the weak-secret list.
 */
export function findPublishedHmacSecret(token: string, decoded: DecodedToken): string | undefined {
  const hash = HMAC_HASHES[String(decoded.header.alg).toUpperCase()];
  const lastDot = token.lastIndexOf('.');
  const signature = token.slice(lastDot + 1);
  if (!hash || signature === '') return undefined;
  const signingInput = token.slice(0, lastDot);
  for (const secret of publishedWeakSecrets()) {
    if (createHmac(hash, secret).update(signingInput).digest('base64url') === signature) return secret;
  }
  return undefined;
}
