/**
 * excessive-clock-tolerance (Python): a clock skew tolerance over the limit: PyJWT
 * `leeway=` (seconds or a timedelta), python-jose `options={"leeway": N}`,
 * flask-jwt-extended `JWT_DECODE_LEEWAY` and simplejwt `"LEEWAY"`.
 */
import { formatSeconds } from '../../analyze/js/durations.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { optionEntry } from '../../analyze/python/libraries.js';
import type { PyValue } from '../../analyze/python/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import type { TreeRule } from '../tree-rule.js';
import { literalOr } from './shared.js';

export const excessiveClockTolerance: TreeRule<PythonFacts> = {
  id: 'excessive-clock-tolerance',
  fix: 'Keep the clock tolerance at a few seconds (60 at most) and fix clock drift with NTP instead.',
  create(context) {
    const maxSeconds = Number(context.options.maxSeconds);
    const facts = context.facts;
    const judge = (subject: string, option: string, node: SyntaxNode, value: PyValue | undefined): void => {
      const seconds = value?.kind === 'number' ? value.value : value?.kind === 'duration' ? value.seconds : undefined;
      if (seconds === undefined || !Number.isFinite(seconds) || seconds <= maxSeconds || !value || !('at' in value)) return;
      context.report({
        ...literalOr(context, value, node, node),
        message: `${subject} tolerates ${formatSeconds(seconds)} (${Math.round(seconds * 1000) / 1000} s) of clock skew ` +
          `(${option}), over the ${maxSeconds} s limit, so tokens stay valid for ${formatSeconds(seconds)} after they expire`,
      });
    };
    return {
      end() {
        for (const call of facts.jwtCalls()) {
          if (call.kind !== 'verify') continue;
          const leeway = call.args.get('leeway');
          if (leeway) judge(call.api, `leeway=${context.syntax.textOf(leeway)}`, leeway, facts.value(leeway));
          const option = optionEntry(facts, call, 'leeway');
          if (option && option.facts === facts) {
            judge(call.api, `"leeway": ${context.syntax.textOf(option.value)}`, option.value, facts.value(option.value));
          }
        }
        for (const entry of facts.configEntries()) {
          if (entry.key === 'JWT_DECODE_LEEWAY' || (entry.framework === 'simplejwt' && entry.key === 'LEEWAY')) {
            judge(entry.label, `${entry.key} = ${context.syntax.textOf(entry.value)}`, entry.value, facts.value(entry.value));
          }
        }
      },
    };
  },
};

