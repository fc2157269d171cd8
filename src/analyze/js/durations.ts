/** Reading token lifetimes and clock tolerances the way each library reads them. */
import type { Value } from './values.js';

/** How a library reads a bare number: jsonwebtoken seconds, fast-jwt milliseconds. */
export type NumberUnit = 'seconds' | 'ms';

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001, msec: 0.001, msecs: 0.001, millisecond: 0.001, milliseconds: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, week: 604800, weeks: 604800,
  y: 31557600, yr: 31557600, yrs: 31557600, year: 31557600, years: 31557600,
};

/**
 * A timespan string as the `ms` package (jsonwebtoken, fast-jwt) or jose reads it:
 * '7d', '365 days', '1.5h', '15 minutes'. A bare number string means milliseconds
 * for `ms` users. Returns seconds, or undefined when the text is not a timespan.
 */
export function parseTimespan(text: string, bareNumberUnit: NumberUnit = 'ms'): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed.length === 0 || trimmed.length > 40) return undefined;
  const bare = /^-?\d+(?:\.\d+)?$/.exec(trimmed);
  if (bare) return bareNumberUnit === 'ms' ? Number(trimmed) / 1000 : Number(trimmed);
  const match = /^(-?\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(trimmed);
  if (!match) return undefined;
  const factor = UNIT_SECONDS[match[2]!];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** A lifetime or tolerance value in seconds, or undefined when it cannot be known. */
export function durationSeconds(value: Value | undefined, numberUnit: NumberUnit): number | undefined {
  if (!value) return undefined;
  if (value.kind === 'number') return numberUnit === 'ms' ? value.value / 1000 : value.value;
  // Timespan strings go through the `ms` package in every library: a bare '120' is 120 ms.
  if (value.kind === 'string') return parseTimespan(value.value, 'ms');
  return undefined;
}

/** 90061 -> "1d 1h 1m 1s"; used in messages. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [['y', 31557600], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.slice(0, 2).join(' ') : '0s';
}
