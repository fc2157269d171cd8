/**
 * missing-expiration (Python): a token signed with no expiry. PyJWT, python-jose and authlib
 * `encode` whose payload is fully known (a dict literal or a name bound to one, with the
 * writes to it in the same function) and has no "exp" claim; flask-jwt-extended
 * `create_access_token(..., expires_delta=False)` and `JWT_ACCESS_TOKEN_EXPIRES = False`
 * (also for refresh tokens). A payload built elsewhere keeps the call silent.
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import { payloadClaims } from '../../analyze/python/payload.js';
import type { TreeRule } from '../tree-rule.js';

const EXPIRY_SETTINGS = new Set(['JWT_ACCESS_TOKEN_EXPIRES', 'JWT_REFRESH_TOKEN_EXPIRES']);

export const missingExpiration: TreeRule<PythonFacts> = {
  id: 'missing-expiration',
  fix: 'Give the token an expiry that matches its purpose, for example an "exp" claim 15 minutes ahead for an access token.',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        for (const call of facts.jwtCalls()) {
          if (call.kind !== 'sign') continue;
          if (call.library === 'flask-jwt-extended') {
            const delta = call.args.get('expires_delta');
            const value = facts.value(delta);
            if (delta && value?.kind === 'boolean' && !value.value) {
              context.report({
                node: call.keywordNodes.get('expires_delta') ?? delta,
                message: `${call.api} is called with expires_delta=False, so the token never expires and a stolen token works forever`,
                fix: 'Pass a timedelta (or leave expires_delta out to use JWT_ACCESS_TOKEN_EXPIRES, 15 minutes by default).',
              });
            }
            continue;
          }
          if (!call.complete) continue;
          const payload = payloadClaims(facts, call.args.get('payload'), call.node);
          if (!payload?.complete || payload.entries.has('exp')) continue;
          context.report({
            node: call.node,
            message: `${call.api} creates a token without an expiry (an "exp" claim), so a stolen token works forever`,
          });
        }
        for (const entry of facts.configEntries()) {
          if (!EXPIRY_SETTINGS.has(entry.key)) continue;
          const value = facts.value(entry.value);
          if (value?.kind !== 'boolean' || value.value) continue;
          const kind = entry.key.includes('REFRESH') ? 'refresh' : 'access';
          context.report({
            node: entry.node,
            message: `${entry.label} = False makes flask-jwt-extended issue ${kind} tokens without an expiry, so a stolen token works forever`,
            fix: `Set ${entry.key} to a timedelta (15 minutes for access tokens, days for refresh tokens).`,
          });
        }
      },
    };
  },
};
