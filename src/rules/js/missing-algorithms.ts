/**
 * missing-algorithms: verification that lets the token header pick the algorithm.
 * Only libraries whose verify falls back to the header's `alg` are checked (the JwtCall's
 * `checksMissing` says which); jose, fast-jwt and @fastify/jwt bind algorithms to the key.
 */
import type { JwtCall } from '../../analyze/js/libraries.js';
import type { JsRule, ReportDescriptor } from '../rule.js';

export const missingAlgorithms: JsRule = {
  id: 'missing-algorithms',
  fix: 'Pass the exact algorithms you issue, usually one: { algorithms: [\'RS256\'] } (or [\'HS256\'] for an HMAC secret).',
  create(context) {
    return {
      jwtCall(call) {
        const finding = missingAllowlist(call);
        if (finding) context.report(finding);
      },
    };
  },
};

function missingAllowlist(call: JwtCall): ReportDescriptor | undefined {
  if (call.kind !== 'verify' || !call.checksMissing.has('algorithms')) return undefined;
  // jwt-simple `decode(token, key, true)` does not verify at all (decode-without-verify's case).
  const verify = call.settings.get('verify');
  if (verify && !(verify.value?.kind === 'boolean' && verify.value.value)) return undefined;
  const algorithms = call.settings.get('algorithms');
  if (algorithms) {
    const kind = algorithms.value?.kind;
    if (kind !== 'null' && kind !== 'undefined') return undefined;
    return {
      origin: algorithms.origin,
      message: `${call.api} sets "algorithms" to ${kind}, so the token header chooses the algorithm`,
    };
  }
  if (!call.settingsComplete) return undefined;
  // The callee, like missing-audience and missing-issuer: `new JwtStrategy`, not the whole (often multi-line) call.
  return { node: call.node.expression, message: absentMessage(call) };
}

function absentMessage(call: JwtCall): string {
  switch (call.library) {
    case 'jwt-simple':
      return `${call.api} is called without an algorithm argument, so the token header chooses the algorithm`;
    case 'hapi-auth-jwt2':
      return 'hapi-auth-jwt2 strategy has no "verifyOptions.algorithms" allowlist, so the token header chooses the algorithm';
    case 'passport-jwt':
      return 'passport-jwt JwtStrategy has no "algorithms" allowlist, so the token header chooses the algorithm';
    default:
      return `${call.api} is called without an "algorithms" allowlist, so the token header chooses the algorithm`;
  }
}
