import type { JwtCall } from '../../analyze/js/libraries.js';
import { durationSeconds, formatSeconds } from '../../analyze/js/durations.js';
import { settingValueOrigin } from '../../analyze/js/settings.js';
import type { Value } from '../../analyze/js/values.js';
import type { JsRule } from '../rule.js';

/** Libraries that read clockTolerance as jsonwebtoken does: a number of seconds only. */
const NUMBER_ONLY: ReadonlySet<JwtCall['library']> = new Set([
  'jsonwebtoken', 'express-jwt', 'koa-jwt', 'passport-jwt', '@nestjs/jwt', 'hapi-auth-jwt2', '@hapi/jwt', 'fast-jwt', '@fastify/jwt',
]);

/**
 * A clock skew tolerance over the limit: `clockTolerance` (jsonwebtoken family in seconds,
 * fast-jwt and @fastify/jwt in milliseconds, jose in seconds or a timespan string) and
 * @hapi/jwt `verify.timeSkewSec`.
 */
export const excessiveClockTolerance: JsRule = {
  id: 'excessive-clock-tolerance',
  fix: 'Keep the clock tolerance at a few seconds (60 at most) and fix clock drift with NTP instead.',
  create(context) {
    // context.options always holds the default of src/rules/options.ts, merged with the config.
    const maxSeconds = Number(context.options.maxSeconds);
    return {
      jwtCall(call) {
        if (call.kind !== 'verify' && call.kind !== 'configure') return;
        const setting = call.settings.get('clockTolerance');
        const value = setting?.value;
        if (!setting || !value) return;
        if (value.kind !== 'number' && (value.kind !== 'string' || NUMBER_ONLY.has(call.library))) return;
        const seconds = durationSeconds(value, call.numberUnit);
        if (seconds === undefined || !Number.isFinite(seconds) || seconds <= maxSeconds) return;
        const option = call.library === '@hapi/jwt' ? 'timeSkewSec' : 'clockTolerance';
        context.report({
          origin: settingValueOrigin(setting),
          message: `${call.api} tolerates ${formatSeconds(seconds)} (${round(seconds)} s) of clock skew ` +
            `("${option}: ${written(value, call)}"), over the ${maxSeconds} s limit, so tokens stay valid ` +
            `for ${formatSeconds(seconds)} after they expire`,
        });
      },
    };
  },
};

function written(value: Value, call: JwtCall): string {
  if (value.kind === 'string') return `'${value.value}'`;
  if (value.kind === 'number') return call.numberUnit === 'ms' ? `${value.value} ms` : String(value.value);
  return '';
}

function round(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}
