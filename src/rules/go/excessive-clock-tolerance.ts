/**
 * excessive-clock-tolerance (Go): `jwt.WithLeeway(d)` (v5) with a duration over the limit;
 * `d` is resolved through `time` constants and arithmetic (`5 * time.Minute`, constants).
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { argumentsOf, calleeLabel, shorten } from '../../analyze/go/libraries.js';
import { formatSeconds } from '../../analyze/js/durations.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export const excessiveClockTolerance: TreeRule<GoFacts> = {
  id: 'excessive-clock-tolerance',
  fix: 'Keep the clock tolerance at a few seconds (60 at most) and fix clock drift with NTP instead.',
  create(context) {
    const { facts } = context;
    // context.options always holds the default of src/rules/options.ts, merged with the config.
    const maxSeconds = Number(context.options.maxSeconds);
    if (!facts.importsJwt) return {};
    return {
      nodes: {
        call_expression(node) {
          const callee = field(node, 'function');
          if (facts.jwtReference(callee)?.member !== 'WithLeeway') return;
          const arg = argumentsOf(node)[0];
          const value = facts.resolve(arg);
          // A bare number is a time.Duration in nanoseconds.
          const nanos = value?.kind === 'duration' ? value.nanos : value?.kind === 'number' ? value.value : undefined;
          if (nanos === undefined || !arg) return;
          const seconds = nanos / 1e9;
          if (!(seconds > maxSeconds)) return;
          context.report({
            node: arg,
            message: `${calleeLabel(callee!, facts)} tolerates ${formatSeconds(seconds)} (${Math.round(seconds * 1000) / 1000} s) of clock skew ` +
              `("${shorten(facts.textOf(node))}"), over the ${maxSeconds} s limit, so tokens stay valid ` +
              `for ${formatSeconds(seconds)} after they expire`,
          });
        },
      },
    };
  },
};
