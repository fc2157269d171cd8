import type { JsRule } from '../rule.js';

/**
 * `ignoreExpiration: true` on verification (jsonwebtoken and the libraries built on it,
 * fast-jwt, @fastify/jwt, @nestjs/jwt), and `verify: { exp: false }` on a @hapi/jwt
 * strategy, where the setting keeps the check rather than skipping it.
 */
export const ignoreExpiration: JsRule = {
  id: 'ignore-expiration',
  fix: 'Remove "ignoreExpiration" so that expired tokens are rejected, and give clients a refresh flow instead.',
  create(context) {
    return {
      jwtCall(call) {
        if (call.kind !== 'verify' && call.kind !== 'configure') return;
        const setting = call.settings.get('ignoreExpiration');
        const value = setting?.value;
        if (!setting || value?.kind !== 'boolean') return;
        const hapiExpCheck = call.library === '@hapi/jwt';
        const expiryOff = hapiExpCheck ? value.value === false : value.value === true;
        if (!expiryOff) return;
        const written = hapiExpCheck ? 'exp: false' : 'ignoreExpiration: true';
        context.report({
          origin: setting.origin,
          message: `"${written}" turns off the expiry check of ${call.api}, so expired tokens are still accepted`,
          ...(hapiExpCheck ? { fix: 'Remove "exp: false" from the strategy\'s verify options (the check is on by default).' } : {}),
        });
      },
    };
  },
};
