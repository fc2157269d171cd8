/**
 * JWT algorithm names as the algorithm rules judge them: which family an `alg` belongs to,
 * and the resolved entries of an `algorithm` / `algorithms` setting.
 */
import type { Setting } from './libraries.js';
import { settingValueOrigin } from './settings.js';
import type { Origin, Value } from './values.js';

/** `none`, HMAC (shared secret), or a public-key signature (RSA, RSA-PSS, ECDSA, EdDSA). */
export type AlgorithmFamily = 'none' | 'hmac' | 'public-key';

export function algorithmFamily(name: string): AlgorithmFamily | undefined {
  if (name.toLowerCase() === 'none') return 'none';
  if (/^HS(256|384|512)$/i.test(name)) return 'hmac';
  if (/^(RS|PS|ES)(256|384|512|256K)$/i.test(name) || /^(EdDSA|Ed25519|Ed448)$/i.test(name)) return 'public-key';
  return undefined;
}

export interface AlgorithmEntry {
  name: string;
  family: AlgorithmFamily | undefined;
  /** The literal that names the algorithm. */
  value: StringValue;
  /** Set when the name is the default of this environment variable. */
  envDefaultOf?: string;
}

export interface AlgorithmList {
  /** The entries that resolved to strings. */
  entries: AlgorithmEntry[];
  /** True when every entry resolved (no unknown items or spreads). */
  complete: boolean;
  /** The array itself, or the single string when the setting is one name. */
  origin: Origin;
}

/**
 * The algorithms an `algorithms` setting (or a single `algorithm`) names: an array of
 * strings or one string. Undefined when the value is not resolved or is something else.
 */
export function algorithmList(setting: Setting | undefined): AlgorithmList | undefined {
  const value = setting?.value;
  if (!value) return undefined;
  if (value.kind === 'string') {
    return { entries: [entryOf(value)], complete: true, origin: value.origin };
  }
  if (value.kind !== 'array') return undefined;
  const entries: AlgorithmEntry[] = [];
  let complete = value.complete;
  for (const item of value.items) {
    if (item?.kind === 'string') entries.push(entryOf(item));
    else complete = false;
  }
  return { entries, complete, origin: value.origin };
}

/**
 * The algorithm a single `algorithm` setting names, when it resolves to a string, or the
 * literal default of an environment variable (`process.env.JWT_ALG || 'none'`).
 */
export function algorithmName(setting: Setting | undefined): AlgorithmEntry | undefined {
  const value = setting?.value;
  if (value?.kind === 'string') return entryOf(value);
  if (value?.kind === 'env' && value.fallback?.kind === 'string') return { ...entryOf(value.fallback), envDefaultOf: value.name };
  return undefined;
}

type StringValue = Extract<Value, { kind: 'string' }>;

function entryOf(value: StringValue): AlgorithmEntry {
  return { name: value.value, family: algorithmFamily(value.value), value };
}

/** Where to report one entry of a setting: the literal when it is written in the setting, else the setting. */
export function entryOrigin(setting: Setting, entry: AlgorithmEntry): Origin {
  return settingValueOrigin({ ...setting, value: entry.value });
}
