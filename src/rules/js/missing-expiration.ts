/**
 * missing-expiration: a token signed with no expiry. Judged only where the library call
 * is fully known (options absent or resolved) and says expiry is missing; a payload that
 * carries `exp` (or may gain it) keeps the call silent.
 */
import { ts } from 'ts-morph';
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

/** Libraries where `exp` can only come from the payload: an unknown payload may carry it. */
const EXPIRY_ONLY_IN_PAYLOAD = new Set<JwtLibrary>(['jwt-simple', '@hapi/jwt']);

type ExpClaim = 'present' | 'absent' | 'unknown';

export const missingExpiration: JsRule = {
  id: 'missing-expiration',
  fix: 'Give the token an expiry that matches its purpose, for example expiresIn: \'15m\' for an access token.',
  create(context) {
    return {
      jwtCall(call) {
        if (call.kind !== 'sign' || !call.checksMissing.has('expiresIn') || !call.settingsComplete) return;
        if (call.settings.has('expiresIn')) return;
        const exp = expClaim(call, context.resolver);
        if (exp === 'present') return;
        if (exp === 'unknown' && EXPIRY_ONLY_IN_PAYLOAD.has(call.library)) return;
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

/** Does the payload carry `exp`? */
function expClaim(call: JwtCall, resolver: ValueResolver): ExpClaim {
  if (!call.payload) return 'unknown';
  const payload = unwrapExpression(call.payload);
  if (ts.isIdentifier(payload) && mayGainExp(payload, resolver.sourceFile)) return 'present';
  const value = resolver.resolve(payload);
  if (value?.kind === 'string') return 'absent';
  if (value?.kind !== 'object') return 'unknown';
  if (value.props.has('exp')) return 'present';
  return value.complete ? 'absent' : 'unknown';
}

/** `payload.exp = ...`, `payload['exp'] = ...` or `Object.assign(payload, ...)` anywhere in the file. */
function mayGainExp(identifier: ts.Identifier, sourceFile: ts.SourceFile): boolean {
  const name = identifier.text.replace(/\$/g, '\\$');
  const pattern = new RegExp(`(?<![\\w$.])${name}\\s*(?:\\.\\s*exp|\\[\\s*['"\`]exp['"\`]\\s*\\])\\s*=(?!=)|Object\\.assign\\(\\s*${name}\\b`);
  return pattern.test(sourceFile.text);
}
