/**
 * prefer-asymmetric (advice, off by default): HMAC-signed tokens, whose verifiers hold a key
 * that can also mint tokens. One finding per call: the signing algorithm, else an HMAC-only
 * allowlist, else a string secret with no algorithm (jsonwebtoken and friends default to HS256).
 */
import { classifyKeyText } from '../../analyze/secret-strength.js';
import type { JwtCall, JwtLibrary } from '../../analyze/js/libraries.js';
import { algorithmList, algorithmName, entryOrigin } from '../../analyze/js/jwt-algorithms.js';
import { settingValueOrigin } from '../../analyze/js/settings.js';
import type { Value } from '../../analyze/js/values.js';
import type { JsRule, ReportDescriptor } from '../rule.js';

const ADVICE = 'shares one secret between signer and verifiers; prefer RS256/ES256 so verifiers hold only a public key that cannot sign';

/** Libraries whose signer picks HS256 when given a plain string secret and no algorithm. */
const HS256_BY_DEFAULT = new Set<JwtLibrary>(['jsonwebtoken', 'jwt-simple', 'fast-jwt', '@nestjs/jwt', '@fastify/jwt']);

export const preferAsymmetric: JsRule = {
  id: 'prefer-asymmetric',
  fix: 'Sign with a private key (ES256, EdDSA or RS256) at the issuer and give verifiers only the public key, ideally through a JWKS endpoint.',
  create(context) {
    return {
      jwtCall(call) {
        const finding = hmacUse(call);
        if (finding) context.report(finding);
      },
    };
  },
};

function hmacUse(call: JwtCall): ReportDescriptor | undefined {
  const algorithm = call.settings.get('algorithm');
  const signedWith = algorithmName(algorithm);
  if (algorithm && signedWith?.family === 'hmac') {
    return { origin: entryOrigin(algorithm, signedWith), message: `${call.api} signs with ${signedWith.name}, which ${ADVICE}` };
  }
  const algorithms = call.settings.get('algorithms');
  const list = algorithmList(algorithms);
  if (algorithms && list?.complete && list.entries.length > 0 && list.entries.every((entry) => entry.family === 'hmac')) {
    const names = list.entries.map((entry) => entry.name).join(', ');
    return { origin: settingValueOrigin(algorithms), message: `${call.api} accepts ${names} tokens: HMAC ${ADVICE}` };
  }
  if (!algorithm && (call.kind === 'sign' || call.kind === 'configure') && HS256_BY_DEFAULT.has(call.library) &&
      call.settingsComplete && isSharedSecret(call.settings.get('key')?.value)) {
    return { node: call.node, message: `${call.api} signs with HS256 (the default for a string secret), which ${ADVICE}` };
  }
  return undefined;
}

/** A plain string secret (not a PEM key), or an environment variable named as a secret. */
function isSharedSecret(value: Value | undefined): boolean {
  if (value?.kind === 'string') return classifyKeyText(value.value).kind === 'secret';
  if (value?.kind === 'env') return /secret/i.test(value.name) && !/private|public|pem|cert/i.test(value.name);
  return false;
}
