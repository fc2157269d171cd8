/**
 * Token lifetimes written in config, in seconds. The unit comes from the value (`30d`,
 * `15m`, `PT15M`, `01:00:00`) or else from the key (`_MS`, `_SECONDS`, `_MINUTES`,
 * `-in-seconds`). A bare number under a key with no unit is ambiguous (`jwt.expiration=86400`
 * is seconds in some apps and milliseconds in others), so it is read in the smallest
 * plausible unit, milliseconds: only lifetimes too long under any reading are reported.
 */
import { parseTimespan } from '../js/durations.js';
import type { ConfigEntry } from './entries.js';
import { lifetimeKey, type LifetimeKey } from './names.js';

export interface ConfigLifetime {
  entry: ConfigEntry;
  key: LifetimeKey;
  seconds: number;
  /** True when the number had no unit and was read as milliseconds. */
  minimumReading: boolean;
}

export function configLifetime(entry: ConfigEntry): ConfigLifetime | undefined {
  if (!entry.literal || entry.typed === 'boolean' || entry.typed === 'null') return undefined;
  const key = lifetimeKey(entry.key);
  if (!key) return undefined;
  const text = entry.value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    return key.unitSeconds === undefined
      ? { entry, key, seconds: number / 1000, minimumReading: true }
      : { entry, key, seconds: number * key.unitSeconds, minimumReading: false };
  }
  const seconds = parseTimespan(text) ?? isoDuration(text) ?? timeSpan(text);
  return seconds === undefined ? undefined : { entry, key, seconds, minimumReading: false };
}

/** ISO-8601 durations as Spring's `Duration` and .NET read them: `PT15M`, `P30D`, `P1DT12H`. */
function isoDuration(text: string): number | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (!match || text.length <= 2 || /T$/i.test(text)) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return weeks! * 604800 + days! * 86400 + hours! * 3600 + minutes! * 60 + seconds!;
}

/** .NET `TimeSpan` text: `01:00:00`, `7.00:00:00`. */
function timeSpan(text: string): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  return Number(match[1] ?? 0) * 86400 + Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
}
