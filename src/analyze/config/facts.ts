/**
 * What the config rules share about one file, computed once on first use: which entries are
 * JWT settings, and the JWT key material written in the file (literal secrets, private keys,
 * and literal defaults of `${JWT_SECRET:-...}` interpolations).
 */
import { classifyKeyText, isPlaceholderSecret, type KeyText } from '../secret-strength.js';
import { publicEnvPrefix } from '../secret-names.js';
import type { ConfigEntry, ConfigFile } from './entries.js';
import {
  isBareSecretKey, isJwtSecretKey, isJwtSettingKey, isReferenceValue, isTemplatePlaceholder, publicPrefixedSecretKey,
} from './names.js';

export interface SecretValue {
  entry: ConfigEntry;
  /** The key or variable that names it as a JWT secret. */
  name: string;
  /** `literal`: the entry's own value; `fallback`: the default of `${VAR:-default}`. */
  kind: 'literal' | 'fallback';
  text: string;
  start: number;
  end: number;
  keyText: KeyText;
}

export class ConfigFacts {
  private secretValues: SecretValue[] | undefined;
  private jwtFile: boolean | undefined;

  constructor(readonly file: ConfigFile) {}

  /** The file has JWT settings (`JWT_*`, `jwt.*` keys, a JWT algorithm, access/refresh token lifetimes). */
  hasJwtSettings(): boolean {
    this.jwtFile ??= this.file.entries.some(isJwtSettingKey);
    return this.jwtFile;
  }

  /** Every JWT secret or private key written in the file, except placeholders, references and public keys. */
  secrets(): readonly SecretValue[] {
    if (this.secretValues) return this.secretValues;
    const values: SecretValue[] = [];
    // A bare SECRET_KEY signs JWTs (simplejwt, flask-jwt-extended) only when the file has JWT settings and no JWT key.
    const bareSecretKeySigns = this.hasJwtSettings() && !this.file.entries.some((entry) => isJwtSecretKey(entry.key));
    // Helm charts: next to `existingSecret`, `secretKey: jwt-secret` names a key inside that Kubernetes Secret.
    const existingSecretParents = new Set(this.file.entries.filter((entry) => /existingSecret|existing[-_]secret/i.test(entry.key))
      .map((entry) => parentPath(entry.key)).filter((parent) => parent !== ''));
    const secretName = (name: string): boolean => publicEnvPrefix(name) ? publicPrefixedSecretKey(name) !== undefined
      : isJwtSecretKey(name) || (bareSecretKeySigns && isBareSecretKey(name));
    for (const entry of this.file.entries) {
      if (entry.typed === 'boolean' || entry.typed === 'null' || entry.items) continue;
      if (existingSecretParents.has(parentPath(entry.key))) continue;
      if (entry.literal) {
        const keyText = classifyKeyText(entry.value);
        const named = secretName(entry.key) || (keyText.kind === 'pem-private' && mentionsJwt(entry));
        if (named && this.isSecretText(entry.value) && isPrivate(keyText)) {
          values.push({ entry, name: entry.key, kind: 'literal', text: entry.value, start: entry.start, end: entry.end, keyText });
        }
      } else if (entry.fallback) {
        const { fallback } = entry;
        const name = secretName(entry.key) ? entry.key : secretName(fallback.variable) ? fallback.variable : undefined;
        const keyText = classifyKeyText(fallback.value);
        if (name && !/[$`]/.test(fallback.value) && this.isSecretText(fallback.value) && isPrivate(keyText)) {
          values.push({ entry, name, kind: 'fallback', text: fallback.value, start: fallback.start, end: fallback.end, keyText });
        }
      }
    }
    this.secretValues = values;
    return values;
  }

  /** Not a placeholder (in a template, not one of the usual fill-me-in words either) and not a path or reference. */
  private isSecretText(text: string): boolean {
    if (isPlaceholderSecret(text) || isReferenceValue(text)) return false;
    // A value that is itself a secret's name (`jwt.secret: JWT_SECRET`) maps a setting to a variable.
    if (/^[\w.-]+$/.test(text) && isJwtSecretKey(text) && !/[a-z]/.test(text)) return false;
    return !(this.file.template && isTemplatePlaceholder(text));
  }
}

function parentPath(key: string): string {
  return key.slice(0, Math.max(0, key.lastIndexOf('.')));
}

function isPrivate(keyText: KeyText): boolean {
  return keyText.kind !== 'pem-public' && keyText.kind !== 'jwk-public';
}

/** A PEM private key under a key or in a Kubernetes object whose name mentions JWTs (`jwt-keys` / `private.pem`). */
function mentionsJwt(entry: ConfigEntry): boolean {
  return /jwt|jws|token/i.test(entry.key) || /jwt|jws|token/i.test(entry.scope ?? '');
}
