/**
 * missing-expiration: a token signed with no expiry. Judged only where the library call
 * is fully known (options absent or resolved) and says expiry is missing, and the payload
 * is known not to carry `exp`: a payload that carries it, may gain it (`payload.exp = ...`,
 * `Object.assign(payload, ...)`, which leave the resolved object incomplete) or cannot be
 * resolved (a function parameter: callers may pass `exp`) keeps the call silent.
 */
import ts from '../../analyze/js/typescript.cjs';
import { unwrapExpression } from '../../analyze/js/expressions.js';
import type { JwtCall, JwtLibrary } from '../../analyze/js/libraries.js';
import type { ValueResolver } from '../../analyze/js/values.js';
import type { JsRule } from '../rule.js';

/** How each library spells the expiry the call lacks, for the message. */
const EXPIRY_SPELLING: Partial<Record<JwtLibrary, string>> = {
  jsonwebtoken: '"expiresIn"',
  jose: 'setExpirationTime',
  'fast-jwt': '"expiresIn"',
  'jwt-simple': 'an "exp" claim',
  '@hapi/jwt': '"ttlSec" or an "exp" claim',
};

type ExpClaim = 'present' | 'absent' | 'unknown';

export const missingExpiration: JsRule = {
  id: 'missing-expiration',
  fix: 'Give the token an expiry that matches its purpose, for example expiresIn: \'15m\' for an access token.',
  create(context) {
    return {
      jwtCall(call) {
        if (call.kind !== 'sign' || !call.checksMissing.has('expiresIn') || !call.settingsComplete) return;
        if (call.settings.has('expiresIn')) return;
        if (expClaim(call, context.resolver) !== 'absent') return;
        const spelling = EXPIRY_SPELLING[call.library] ?? '"expiresIn"';
        const what = call.library === 'fast-jwt' ? 'creates a signer of tokens without' : 'creates a token without';
        context.report({
          node: call.node,
          message: `${call.api} ${what} an expiry (${spelling}), so a stolen token works forever`,
        });
      },
    };
  },
};

/**
 * Does the payload carry `exp`? A call without a payload argument (fast-jwt's `createSigner`,
 * whose signer takes payloads later; `new SignJWT()`) has none. A string payload cannot carry it.
 * An object with later member writes resolves incomplete (values.ts counts them once per file).
 */
function expClaim(call: JwtCall, resolver: ValueResolver): ExpClaim {
  if (!call.payload) return 'absent';
  const payload = unwrapExpression(call.payload);
  if (ts.isStringLiteralLike(payload) || ts.isTemplateExpression(payload)) return 'absent';
  const value = resolver.resolve(payload);
  if (value?.kind === 'string') return 'absent';
  if (value?.kind !== 'object') return 'unknown';
  if (value.props.has('exp')) return 'present';
  return value.complete ? 'absent' : 'unknown';
}
