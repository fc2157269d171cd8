/**
 * excessive-clock-tolerance (config): a JWT clock-skew setting over the limit:
 * `JWT_DECODE_LEEWAY=600`, `jwt.clock-skew-seconds: 300`, `"ClockSkew": "00:10:00"`.
 * The unit comes from the value (`5m`, `PT10M`, `00:10:00`) or the key (`_SECONDS`, `_MS`).
 * A bare number under a `leeway` key is seconds (PyJWT, flask-jwt-extended, simplejwt,
 * jsonwebtoken all read it so); under any other key it is read in the smallest plausible
 * unit, milliseconds, so that only settings too lax under every reading are reported.
 */
import { formatSeconds, parseTimespan } from '../../analyze/js/durations.js';
import { nameWords } from '../../analyze/secret-names.js';
import { keyUnitSeconds } from '../../analyze/config/names.js';
import type { ConfigRule } from './rule.js';

const JWT_KEY = /jwt|token|bearer|auth|security|identity/i;

export const excessiveClockTolerance: ConfigRule = {
  id: 'excessive-clock-tolerance',
  fix: 'Keep the clock tolerance to a few seconds (at most 60) and keep server clocks in sync with NTP.',
  check(context) {
    const maxSeconds = Number(context.options.maxSeconds);
    for (const entry of context.file.entries) {
      if (!entry.literal || entry.typed === 'boolean' || entry.typed === 'null') continue;
      const words = nameWords(entry.key.split('.').pop()!);
      const leeway = words.at(-1) === 'leeway' || (words.includes('leeway') && keyUnitSeconds(entry.key) !== undefined);
      const skew = (words.includes('clock') && (words.includes('skew') || words.includes('tolerance'))) || words.includes('clockskew');
      if (!leeway && !skew) continue;
      // About JWTs: the key says so, or it is a flat setting (`.env`) of a file with JWT settings.
      const flat = !entry.key.includes('.');
      if (!JWT_KEY.test(entry.key) && !(flat && context.facts.hasJwtSettings())) continue;
      const seconds = toleranceSeconds(entry.value.trim(), keyUnitSeconds(entry.key) ?? (leeway ? 1 : undefined));
      if (seconds === undefined || !(seconds > maxSeconds)) continue;
      context.report({
        start: entry.start,
        end: entry.end,
        message: `${entry.key} accepts tokens ${formatSeconds(seconds)} past their expiry (limit ${formatSeconds(maxSeconds)})`,
      });
    }
  },
};

/** Seconds of a tolerance value; a bare number is in `unitSeconds`, or milliseconds when unknown. */
function toleranceSeconds(text: string, unitSeconds: number | undefined): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * (unitSeconds ?? 0.001);
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
  if (span) return Number(span[1] ?? 0) * 86400 + Number(span[2]) * 3600 + Number(span[3]) * 60 + Number(span[4]);
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(text);
  if (iso && text.length > 2) return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  return parseTimespan(text);
}
