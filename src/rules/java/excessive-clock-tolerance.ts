/**
 * excessive-clock-tolerance (Java): a clock skew over the limit: jjwt
 * `setAllowedClockSkewSeconds(n)` / `clockSkewSeconds(n)`, auth0 `acceptLeeway(n)`,
 * `acceptExpiresAt(n)`, `acceptNotBefore(n)`, Nimbus `setMaxClockSkew(n)` (all seconds), and
 * Spring Security `new JwtTimestampValidator(Duration)` / `setClockSkew(Duration)`.
 */
import { formatSeconds } from '../../analyze/js/durations.js';
import type { JavaFacts } from '../../analyze/java/facts.js';
import { argumentsOf } from '../../analyze/java/values.js';
import { field, walkTree } from '../../analyze/tree/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import type { TreeRule } from '../tree-rule.js';

const SECONDS_METHODS = new Set(['setAllowedClockSkewSeconds', 'clockSkewSeconds', 'acceptLeeway', 'acceptExpiresAt',
  'acceptNotBefore', 'acceptIssuedAt', 'setMaxClockSkew']);

export const excessiveClockTolerance: TreeRule<JavaFacts> = {
  id: 'excessive-clock-tolerance',
  fix: 'Keep the clock tolerance at a few seconds (60 at most) and fix clock drift with NTP instead.',
  create(context) {
    const maxSeconds = Number(context.options.maxSeconds);
    const { facts, syntax } = context;
    return {
      end() {
        if (!facts.libraries.isJwtFile) return;
        const judge = (api: string, argument: SyntaxNode): void => {
          const value = facts.values.resolve(argument);
          const seconds = value?.kind === 'duration' ? value.seconds : facts.values.numberOf(value);
          if (seconds === undefined || !Number.isFinite(seconds) || seconds <= maxSeconds) return;
          const written = syntax.textOf(argument).replace(/\s+/g, ' ');
          context.report({
            node: argument,
            message: `${api} tolerates ${formatSeconds(seconds)} (${Math.round(seconds)} s) of clock skew ` +
              `("${api}(${written.length > 40 ? `${written.slice(0, 39)}…` : written})"), over the ${maxSeconds} s limit, so tokens stay valid ` +
              `for ${formatSeconds(seconds)} after they expire`,
          });
        };
        walkTree(syntax.root, (node) => {
          if (node.type === 'method_invocation') {
            const name = syntax.textOf(field(node, 'name')!);
            const [argument] = argumentsOf(node);
            if (!argument || !field(node, 'object')) return;
            if (SECONDS_METHODS.has(name) || name === 'setClockSkew') judge(name, argument);
          } else if (node.type === 'object_creation_expression' && syntax.textOf(field(node, 'type') ?? node) === 'JwtTimestampValidator') {
            const [argument] = argumentsOf(node);
            if (argument) judge('new JwtTimestampValidator', argument);
          }
        });
      },
    };
  },
};
