/**
 * long-expiration: a token lifetime over the limit. Reads every `expiresIn`-like setting
 * of sign and configure calls in the unit of its library, and an `exp` claim computed
 * from the current time in a payload. Refresh tokens (named so) get the refresh limit.
 */
import ts from '../../analyze/js/typescript.cjs';
import { durationSeconds, formatSeconds, parseTimespan } from '../../analyze/js/durations.js';
import { findProperty, objectLiteralOf, propertyValue, unwrapExpression } from '../../analyze/js/expressions.js';
import type { JwtCall, Setting } from '../../analyze/js/libraries.js';
import type { Origin } from '../../analyze/js/values.js';
import { relativeTimestamp } from '../../analyze/js/timestamps.js';
import { tokenRoleOf, type TokenRole } from '../../analyze/js/token-role.js';
import type { JsRule, JsRuleContext, ReportDescriptor } from '../rule.js';

export const longExpiration: JsRule = {
  id: 'long-expiration',
  fix: 'Keep access tokens to minutes (at most an hour) and renew them with a rotated refresh token that lives days, not months.',
  create(context) {
    // context.options always holds the defaults of src/rules/options.ts, merged with the config.
    const limits: Record<TokenRole, number> = {
      access: Number(context.options.maxAccessTokenSeconds),
      refresh: Number(context.options.maxRefreshTokenSeconds),
      // Verification, reset and invitation links: judged against the refresh limit.
      'single-use': Number(context.options.maxRefreshTokenSeconds),
    };
    const judge = (call: JwtCall, seconds: number, where: { node?: ts.Node; setting?: Setting }): void => {
      const role = tokenRoleOf(call.node);
      const limit = limits[role];
      if (!(seconds > limit)) return;
      const label = role === 'refresh' ? 'Refresh' : role === 'single-use' ? 'Single-use' : 'Access';
      const place = where.node ? { node: where.node } : settingPlace(call, where.setting!, context);
      context.report({ ...place, message: `${label} token lifetime is ${formatSeconds(seconds)} (limit ${formatSeconds(limit)})` });
    };
    return {
      jwtCall(call) {
        if (call.kind !== 'sign' && call.kind !== 'configure') return;
        const setting = call.settings.get('expiresIn');
        if (setting) checkSetting(context, call, setting, judge);
        if (call.kind === 'sign' && call.payload) checkPayloadExp(context, call, judge);
      },
    };
  },
};

/**
 * Where to report a lifetime setting: its literal when written in the call itself, else the
 * setting in the call (or options object), with the literal of a constant as a related location.
 */
function settingPlace(call: JwtCall, setting: Setting, context: JsRuleContext): Pick<ReportDescriptor, 'origin' | 'related'> {
  const literal = setting.value?.origin;
  if (!literal) return { origin: setting.origin };
  const callRange = context.resolver.originOf(call.node).range;
  const within = (outer: Origin['range'], file: string): boolean => literal.file === file &&
    compare(literal.range.start, outer.start) >= 0 && compare(literal.range.end, outer.end) <= 0;
  if (within(callRange, context.file) || within(setting.origin.range, setting.origin.file)) return { origin: literal };
  return { origin: setting.origin, related: [{ ...literal, message: 'lifetime written here' }] };
}

function compare(a: { line: number; column: number }, b: { line: number; column: number }): number {
  return a.line - b.line || a.column - b.column;
}

type Judge = (call: JwtCall, seconds: number, where: { node?: ts.Node; setting?: Setting }) => void;

function checkSetting(context: JsRuleContext, call: JwtCall, setting: Setting, judge: Judge): void {
  if (call.library === 'jose') {
    // setExpirationTime(number | Date) is an absolute time; only timespan strings are lifetimes.
    const argument = joseExpirationArgument(call.node);
    const relative = argument ? relativeTimestamp(argument, context.resolver) : undefined;
    if (argument && relative?.unit === 'seconds') return judge(call, relative.offsetSeconds, { node: argument });
    if (setting.value?.kind !== 'string') return;
    const seconds = parseTimespan(setting.value.value);
    if (seconds !== undefined) judge(call, seconds, { setting });
    return;
  }
  const seconds = durationSeconds(setting.value, call.expiresInUnit ?? call.numberUnit);
  if (seconds !== undefined) judge(call, seconds, { setting });
}

/** `exp: Math.floor(Date.now() / 1000) + N` in a payload written in this file. */
function checkPayloadExp(context: JsRuleContext, call: JwtCall, judge: Judge): void {
  const payload = objectLiteralOf(call.payload);
  const exp = payload ? propertyValue(findProperty(payload, 'exp')) : undefined;
  if (!exp) return;
  const relative = relativeTimestamp(exp, context.resolver);
  if (!relative) return;
  if (relative.unit === 'ms') {
    if (relative.offsetSeconds < 0) return;
    context.report({
      node: exp,
      message: '"exp" is set in milliseconds but JWT expiry is in seconds, so the token effectively never expires',
      fix: 'Compute exp in seconds: Math.floor(Date.now() / 1000) + lifetimeInSeconds.',
    });
    return;
  }
  judge(call, relative.offsetSeconds, { node: exp });
}

/** The argument of `.setExpirationTime(...)` in a jose `new SignJWT(...)...sign()` chain. */
function joseExpirationArgument(signCall: ts.Node): ts.Expression | undefined {
  let current: ts.Expression | undefined = ts.isCallExpression(signCall) ? signCall.expression : undefined;
  while (current) {
    const expression = unwrapExpression(current);
    if (ts.isPropertyAccessExpression(expression)) {
      current = expression.expression;
      continue;
    }
    if (ts.isCallExpression(expression)) {
      const callee = expression.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'setExpirationTime') return expression.arguments[0];
      current = callee;
      continue;
    }
    return undefined;
  }
  return undefined;
}
