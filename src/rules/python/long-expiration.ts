/**
 * long-expiration (Python): a token lifetime over the limit. Reads the "exp" claim of PyJWT,
 * python-jose and authlib payloads (`datetime.utcnow() + timedelta(days=30)`,
 * `int(time.time()) + 86400 * 30`, through constants and settings classes), flask-jwt-extended
 * `expires_delta=` and `JWT_ACCESS_TOKEN_EXPIRES`/`JWT_REFRESH_TOKEN_EXPIRES`, and simplejwt
 * `ACCESS_TOKEN_LIFETIME`/`REFRESH_TOKEN_LIFETIME`/`SLIDING_TOKEN_*`, and module or class
 * constants named as lifetimes with their unit (`ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 8`).
 * Refresh tokens (named so) get the refresh limit.
 */
import { formatSeconds } from '../../analyze/js/durations.js';
import type { TokenRole } from '../../analyze/names/token-role.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { payloadClaims } from '../../analyze/python/payload.js';
import { lifetimeKey } from '../../analyze/config/names.js';
import { enclosingFunction } from '../../analyze/python/syntax.js';
import type { PyValue } from '../../analyze/python/values.js';
import { descendants, field } from '../../analyze/tree/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import type { TreeRule } from '../tree-rule.js';
import { literalOr, tokenRoleOf } from './shared.js';

/** Lifetime settings and the token they govern. Numbers are seconds (flask-jwt-extended accepts int seconds). */
const LIFETIME_SETTINGS: Record<string, TokenRole> = {
  JWT_ACCESS_TOKEN_EXPIRES: 'access',
  JWT_REFRESH_TOKEN_EXPIRES: 'refresh',
  ACCESS_TOKEN_LIFETIME: 'access',
  REFRESH_TOKEN_LIFETIME: 'refresh',
  SLIDING_TOKEN_LIFETIME: 'access',
  SLIDING_TOKEN_REFRESH_LIFETIME: 'refresh',
};

export const longExpiration: TreeRule<PythonFacts> = {
  id: 'long-expiration',
  fix: 'Keep access tokens to minutes (at most an hour) and renew them with a rotated refresh token that lives days, not months.',
  create(context) {
    const facts = context.facts;
    const limits: Record<TokenRole, number> = {
      access: Number(context.options.maxAccessTokenSeconds),
      refresh: Number(context.options.maxRefreshTokenSeconds),
      'single-use': Number(context.options.maxRefreshTokenSeconds),
    };
    const judge = (role: TokenRole, seconds: number | undefined, value: PyValue, inside: SyntaxNode): void => {
      const limit = limits[role];
      if (seconds === undefined || !(seconds > limit)) return;
      const label = role === 'refresh' ? 'Refresh' : role === 'single-use' ? 'Single-use' : 'Access';
      context.report({
        ...literalOr(context, value, inside, inside),
        message: `${label} token lifetime is ${formatSeconds(seconds)} (limit ${formatSeconds(limit)})`,
      });
    };
    return {
      end() {
        for (const call of facts.jwtCalls()) {
          if (call.kind !== 'sign') continue;
          if (call.library === 'flask-jwt-extended') {
            const delta = call.args.get('expires_delta');
            const value = facts.value(delta);
            if (delta && value) judge(tokenRoleOf(facts, call), lifetimeSeconds(value), value, delta);
            continue;
          }
          const exp = payloadClaims(facts, call.args.get('payload'), call.node)?.entries.get('exp');
          if (!exp) continue;
          const value = exp.facts.value(exp.value);
          if (value?.kind !== 'timestamp') continue;
          // The exp value itself when it is written here; else the "exp" entry of the payload.
          const inside = exp.facts === facts ? exp.value : call.node;
          judge(tokenRoleOf(facts, call), value.offsetSeconds, value, value.at.facts === facts ? value.at.node : inside);
        }
        for (const entry of facts.configEntries()) {
          const role = LIFETIME_SETTINGS[entry.key];
          // simplejwt keys only inside SIMPLE_JWT; flask-jwt-extended keys start with JWT_.
          const ownKey = entry.framework === 'simplejwt' ? !entry.key.startsWith('JWT_') : entry.key.startsWith('JWT_');
          if (!role || !ownKey) continue;
          const value = facts.value(entry.value);
          if (value) judge(role, lifetimeSeconds(value), value, entry.value);
        }
        // Named constants and settings fields: ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 8.
        for (const assignment of descendants(context.syntax.root, 'assignment')) {
          const left = field(assignment, 'left');
          const right = field(assignment, 'right');
          if (left?.type !== 'identifier' || !right || enclosingFunction(assignment)) continue;
          const name = context.syntax.textOf(left);
          const key = LIFETIME_SETTINGS[name] ? undefined : lifetimeKey(name);
          const value = key ? facts.value(right) : undefined;
          if (!key || !value) continue;
          const seconds = value.kind === 'duration' ? value.seconds
            : value.kind === 'number' && key.unitSeconds !== undefined ? value.value * key.unitSeconds : undefined;
          judge(key.role, seconds, value, right);
        }
      },
    };
  },
};

function lifetimeSeconds(value: PyValue): number | undefined {
  if (value.kind === 'duration') return value.seconds;
  if (value.kind === 'number') return value.value;
  return undefined;
}
