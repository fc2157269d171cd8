/**
 * long-expiration (config): a token lifetime over the limit in a key named like a JWT
 * lifetime (`JWT_EXPIRES_IN=30d`, `ACCESS_TOKEN_EXPIRE_MINUTES=43200`, `jwt.expiration-ms`).
 * Refresh tokens (named so) get the refresh limit. See src/analyze/config/lifetimes.ts for units.
 */
import { formatSeconds } from '../../analyze/js/durations.js';
import { configLifetime } from '../../analyze/config/lifetimes.js';
import type { TokenRole } from '../../analyze/names/token-role.js';
import type { ConfigRule } from './rule.js';

export const longExpiration: ConfigRule = {
  id: 'long-expiration',
  fix: 'Keep access tokens to minutes (at most an hour) and renew them with a rotated refresh token that lives days, not months.',
  check(context) {
    // context.options always holds the defaults of src/rules/options.ts, merged with the config.
    const limits: Record<TokenRole, number> = {
      access: Number(context.options.maxAccessTokenSeconds),
      refresh: Number(context.options.maxRefreshTokenSeconds),
      'single-use': Number(context.options.maxRefreshTokenSeconds),
    };
    for (const entry of context.file.entries) {
      const lifetime = configLifetime(entry);
      if (!lifetime) continue;
      const limit = limits[lifetime.key.role];
      if (!(lifetime.seconds > limit)) continue;
      const label = lifetime.key.role === 'refresh' ? 'Refresh' : lifetime.key.role === 'single-use' ? 'Single-use' : 'Access';
      const reading = lifetime.minimumReading ? 'at least ' : '';
      context.report({
        start: entry.start,
        end: entry.end,
        message: `${label} token lifetime is ${reading}${formatSeconds(lifetime.seconds)} (limit ${formatSeconds(limit)}) in ${entry.key}` +
          (lifetime.minimumReading ? ', even read as milliseconds' : ''),
      });
    }
  },
};
