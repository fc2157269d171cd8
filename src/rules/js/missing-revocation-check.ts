import { isUnsetSetting } from '../../analyze/js/settings.js';
import type { JsRule } from '../rule.js';

/** express-jwt and koa-jwt middleware without an `isRevoked` callback. */
export const missingRevocationCheck: JsRule = {
  id: 'missing-revocation-check',
  fix: 'Add an "isRevoked" callback that rejects revoked tokens (for example by jti in a fast store).',
  create(context) {
    return {
      jwtCall(call) {
        if (call.library !== 'express-jwt' && call.library !== 'koa-jwt') return;
        if (!call.checksMissing.has('isRevoked') || !call.settingsComplete) return;
        if (!isUnsetSetting(call.settings.get('isRevoked'))) return;
        context.report({
          node: call.node.expression,
          message: `${call.library} middleware has no "isRevoked" check, so tokens of logged-out users ` +
            'and stolen tokens stay valid until they expire',
        });
      },
    };
  },
};
