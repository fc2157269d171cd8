/**
 * alg-none: tokens signed with, or accepted under, the "none" algorithm.
 * Only recognised JWT calls are judged, so `algorithm: 'none'` of compression, CSS or
 * hashing options never reaches this rule.
 */
import type { JwtCall, Setting } from '../../analyze/js/libraries.js';
import { lookupPath } from '../../analyze/js/libraries.js';
import { algorithmFamily, algorithmList, algorithmName, entryOrigin } from '../../analyze/js/jwt-algorithms.js';
import { settingValueOrigin } from '../../analyze/js/settings.js';
import type { ValueResolver } from '../../analyze/js/values.js';
import type { JsRule, ReportDescriptor } from '../rule.js';

export const algNone: JsRule = {
  id: 'alg-none',
  fix: 'Sign with a real algorithm (RS256, ES256, EdDSA, or HS256 with a strong secret) and verify with an allowlist that never contains "none".',
  create(context) {
    return {
      jwtCall(call) {
        for (const finding of noneFindings(call, context.resolver)) context.report(finding);
      },
    };
  },
};

function noneFindings(call: JwtCall, resolver: ValueResolver): ReportDescriptor[] {
  const findings: ReportDescriptor[] = [];
  if (call.api === 'UnsecuredJWT.decode') {
    findings.push({
      node: call.node,
      message: 'UnsecuredJWT.decode reads an unsigned token (alg "none"): its claims are not protected by any signature',
      fix: 'Use jwtVerify with a key and an algorithms allowlist instead of UnsecuredJWT.',
    });
  }

  const algorithm = call.settings.get('algorithm');
  const signedWith = algorithmName(algorithm);
  if (algorithm && signedWith?.family === 'none') {
    findings.push(call.api === 'new UnsecuredJWT().encode'
      ? {
          origin: algorithm.origin,
          message: 'new UnsecuredJWT().encode creates an unsigned token (alg "none"): anyone can forge its claims',
          fix: 'Use new SignJWT(...).setProtectedHeader({ alg }).sign(key) instead of UnsecuredJWT.',
        }
      : {
          origin: entryOrigin(algorithm, signedWith),
          message: signedWith.envDefaultOf
            ? `${call.api} signs tokens with algorithm "${signedWith.name}" when ${signedWith.envDefaultOf} is unset, so they carry no signature and anyone can forge them`
            : `${call.api} signs tokens with algorithm "${signedWith.name}", so they carry no signature and anyone can forge them`,
        });
  }

  const header = call.settings.get('header');
  const headerAlg = header?.value ? lookupPath(header.value, ['alg']) : undefined;
  // jsonwebtoken lets `header.alg` override `algorithm`; jose's header is the algorithm itself (reported above).
  if (headerAlg && isNone(headerAlg) && signedWith?.family !== 'none') {
    findings.push({
      origin: settingValueOrigin(headerAlg),
      message: `${call.api} sets the token header to alg "none", so the token carries no signature`,
    });
  }

  // @hapi/jwt: `Jwt.token.generate(payload, { key, algorithm: 'none' })`.
  const key = call.settings.get('key');
  const keyAlg = call.library === '@hapi/jwt' && call.kind === 'sign' && key?.value
    ? lookupPath(key.value, ['algorithm']) : undefined;
  if (keyAlg && isNone(keyAlg)) {
    findings.push({
      origin: settingValueOrigin(keyAlg),
      message: `${call.api} signs tokens with algorithm "none", so they carry no signature and anyone can forge them`,
    });
  }

  const algorithms = call.settings.get('algorithms');
  const allowlist = algorithmList(algorithms);
  const allowedNone = allowlist?.entries.find((entry) => entry.family === 'none');
  if (algorithms && allowedNone) {
    findings.push({
      origin: entryOrigin(algorithms, allowedNone),
      message: `${call.api} accepts "${allowedNone.name}" in its algorithms allowlist, so unsigned tokens pass verification`,
    });
  }

  // fast-jwt: a verifier without a key accepts unsigned tokens (a signer without one throws instead).
  if (call.library === 'fast-jwt' && call.kind === 'verify' && call.settingsComplete && !key && !algorithms &&
      !hasOption(call, 'secret', resolver)) {
    findings.push({
      node: call.node,
      message: 'createVerifier is given no key, so fast-jwt accepts unsigned tokens (alg "none")',
      fix: 'Pass the verification secret or public key as the "key" option, with an "algorithms" allowlist.',
    });
  }
  return findings;
}

/** fast-jwt 1.x named the key `secret`. */
function hasOption(call: JwtCall, name: string, resolver: ValueResolver): boolean {
  const options = resolver.resolve(call.node.arguments?.[0]);
  return options?.kind === 'object' && options.props.has(name);
}

function isNone(setting: Setting): boolean {
  return setting.value?.kind === 'string' && algorithmFamily(setting.value.value) === 'none';
}
