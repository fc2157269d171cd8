/**
 * missing-expiration (config): a JWT lifetime key set to `false`, which turns expiry off
 * (flask-jwt-extended's `JWT_ACCESS_TOKEN_EXPIRES=false` when the app loads config from the
 * environment, `jwt.expiration: false`). Numbers like 0 or -1 mean different things per library
 * and are not reported.
 */
import { lifetimeKey } from '../../analyze/config/names.js';
import type { ConfigRule } from './rule.js';

export const missingExpiration: ConfigRule = {
  id: 'missing-expiration',
  fix: 'Give the token an expiry that matches its purpose, for example 15 minutes for an access token.',
  check(context) {
    for (const entry of context.file.entries) {
      if (entry.value.trim().toLowerCase() !== 'false' || entry.typed === 'null' || !lifetimeKey(entry.key)) continue;
      context.report({
        start: entry.start,
        end: entry.end,
        message: `${entry.key} is false: tokens are issued with no expiry and stay valid forever once stolen`,
      });
    }
  },
};
