/**
 * Timestamps computed relative to "now", as code writes an `exp` claim by hand:
 * `Math.floor(Date.now() / 1000) + 3600`, `now + 60 * 60 * 24` (with `const now = ...`),
 * `moment().add(7, 'days').unix()`, `Date.now() + 3_600_000` (milliseconds).
 */
import ts from './typescript.cjs';
import { initializerOf, unwrapExpression } from './expressions.js';
import type { ValueResolver } from './values.js';

export interface RelativeTimestamp {
  /** How far from now the timestamp lies, in seconds. */
  offsetSeconds: number;
  /** The unit of the timestamp itself: epoch seconds (what `exp` needs) or epoch milliseconds. */
  unit: 'seconds' | 'ms';
}

const MAX_DEPTH = 12;

const DATE_LIBRARY_UNITS: Record<string, number> = {
  s: 1, second: 1, seconds: 1, m: 60, minute: 60, minutes: 60, h: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400, w: 604800, week: 604800, weeks: 604800,
  M: 2592000, month: 2592000, months: 2592000, y: 31536000, year: 31536000, years: 31536000,
};

/** The timestamp an expression computes relative to the current time, or undefined. */
export function relativeTimestamp(node: ts.Expression, resolver: ValueResolver, depth = 0): RelativeTimestamp | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = unwrapExpression(node);
  const next = (child: ts.Expression): RelativeTimestamp | undefined => relativeTimestamp(child, resolver, depth + 1);

  if (ts.isIdentifier(expression)) {
    const init = initializerOf(expression);
    return init ? next(init) : undefined;
  }
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.PlusToken &&
      isNewDate(expression.operand)) {
    return { offsetSeconds: 0, unit: 'ms' };
  }
  if (ts.isCallExpression(expression)) return relativeCall(expression, resolver, next);
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    if (op === ts.SyntaxKind.SlashToken) {
      const left = next(expression.left);
      if (left?.unit === 'ms' && numberOf(expression.right, resolver) === 1000) {
        return { offsetSeconds: left.offsetSeconds, unit: 'seconds' };
      }
      return undefined;
    }
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken) {
      const sign = op === ts.SyntaxKind.PlusToken ? 1 : -1;
      const left = next(expression.left);
      const right = left ? undefined : op === ts.SyntaxKind.PlusToken ? next(expression.right) : undefined;
      const base = left ?? right;
      const amount = numberOf(left ? expression.right : expression.left, resolver);
      if (!base || amount === undefined) return undefined;
      const delta = (left ? sign : 1) * amount;
      return { unit: base.unit, offsetSeconds: base.offsetSeconds + (base.unit === 'ms' ? delta / 1000 : delta) };
    }
  }
  return undefined;
}

function relativeCall(
  call: ts.CallExpression,
  resolver: ValueResolver,
  next: (child: ts.Expression) => RelativeTimestamp | undefined,
): RelativeTimestamp | undefined {
  const callee = call.expression;
  const first = call.arguments[0];
  // Math.floor(x), Math.round(x), Number(x), parseInt(x)
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math' &&
      ['floor', 'round', 'ceil', 'trunc'].includes(callee.name.text)) {
    return first ? next(first) : undefined;
  }
  if (ts.isIdentifier(callee) && ['Number', 'parseInt'].includes(callee.text)) return first ? next(first) : undefined;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const receiver = unwrapExpression(callee.expression);
  // Date.now()
  if (method === 'now' && ts.isIdentifier(receiver) && receiver.text === 'Date') return { offsetSeconds: 0, unit: 'ms' };
  // new Date().getTime()
  if ((method === 'getTime' || method === 'valueOf') && isNewDate(receiver)) return { offsetSeconds: 0, unit: 'ms' };
  // moment()/dayjs() chains: .add(n, unit), .unix(), .valueOf()
  const moment = momentOffset(receiver, resolver);
  if (moment === undefined) return undefined;
  if (method === 'unix') return { offsetSeconds: moment, unit: 'seconds' };
  if (method === 'valueOf') return { offsetSeconds: moment, unit: 'ms' };
  return undefined;
}

/** Seconds added by a `moment()` / `dayjs()` chain of `.add(n, unit)` / `.subtract(n, unit)`. */
function momentOffset(node: ts.Expression, resolver: ValueResolver): number | undefined {
  const expression = unwrapExpression(node);
  if (!ts.isCallExpression(expression)) return undefined;
  const callee = expression.expression;
  if (ts.isIdentifier(callee) && ['moment', 'dayjs'].includes(callee.text) && expression.arguments.length === 0) return 0;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'moment' &&
      callee.name.text === 'utc' && expression.arguments.length === 0) {
    return 0;
  }
  if (!ts.isPropertyAccessExpression(callee) || !['add', 'subtract'].includes(callee.name.text)) return undefined;
  const base = momentOffset(callee.expression, resolver);
  const amount = numberOf(expression.arguments[0], resolver);
  const unit = resolver.resolveString(expression.arguments[1]);
  const factor = unit === undefined ? undefined : DATE_LIBRARY_UNITS[unit] ?? DATE_LIBRARY_UNITS[unit.toLowerCase()];
  if (base === undefined || amount === undefined || factor === undefined) return undefined;
  return base + (callee.name.text === 'add' ? 1 : -1) * amount * factor;
}

function isNewDate(node: ts.Expression): boolean {
  const expression = unwrapExpression(node);
  return ts.isNewExpression(expression) && ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'Date' && (expression.arguments?.length ?? 0) === 0;
}

function numberOf(node: ts.Expression | undefined, resolver: ValueResolver): number | undefined {
  const value = resolver.resolve(node);
  return value?.kind === 'number' && Number.isFinite(value.value) ? value.value : undefined;
}
