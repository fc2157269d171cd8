/**
 * long-expiration (Java): the expiry given to a token is further away than the limit.
 * Reads the argument of jjwt `setExpiration`/`expiration`, auth0 `withExpiresAt` and Nimbus
 * `expirationTime` as a time relative to now: `new Date(System.currentTimeMillis() + X)` (X in
 * milliseconds, through constants and `@Value` defaults), `Date.from(Instant.now().plus(30, ChronoUnit.DAYS))`,
 * `Instant.now().plusSeconds(...)`, `Duration.ofDays(...).toMillis()`, `TimeUnit.DAYS.toMillis(...)`.
 */
import { formatSeconds } from '../../analyze/js/durations.js';
import type { TokenRole } from '../../analyze/names/token-role.js';
import type { JavaFacts } from '../../analyze/java/facts.js';
import { javaTokenRole } from '../../analyze/java/token-role.js';
import { argumentsOf } from '../../analyze/java/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, walkTree } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const EXPIRY_SETTERS = new Set(['setExpiration', 'expiration', 'withExpiresAt', 'expirationTime']);

export const longExpiration: TreeRule<JavaFacts> = {
  id: 'long-expiration',
  fix: 'Keep access tokens to minutes (at most an hour) and renew them with a rotated refresh token that lives days, not months.',
  create(context) {
    const limits: Record<TokenRole, number> = {
      access: Number(context.options.maxAccessTokenSeconds),
      refresh: Number(context.options.maxRefreshTokenSeconds),
      'single-use': Number(context.options.maxRefreshTokenSeconds),
    };
    const { facts, syntax } = context;
    return {
      end() {
        if (facts.libraries.uses.size === 0) return;
        walkTree(syntax.root, (node) => {
          if (node.type !== 'method_invocation' || !field(node, 'object')) return;
          if (!EXPIRY_SETTERS.has(syntax.textOf(field(node, 'name')!))) return;
          const [argument] = argumentsOf(node);
          const value = facts.values.resolve(argument);
          if (!argument || value?.kind !== 'instant' || !(value.offsetSeconds > 0)) return;
          const role = javaTokenRole(chainTop(node), syntax);
          const limit = limits[role];
          if (!(value.offsetSeconds > limit)) return;
          const label = role === 'refresh' ? 'Refresh' : role === 'single-use' ? 'Single-use' : 'Access';
          context.report({
            node: argument,
            message: `${label} token lifetime is ${formatSeconds(value.offsetSeconds)} (limit ${formatSeconds(limit)})`,
          });
        });
      },
    };
  },
};

/** The outermost call of the chain a call belongs to (`Jwts.builder()...compact()`). */
function chainTop(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent?.type === 'method_invocation' && field(current.parent, 'object') === current) current = current.parent;
  return current;
}
