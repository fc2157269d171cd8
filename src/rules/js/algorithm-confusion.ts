/**
 * algorithm-confusion: an allowlist mixing HMAC with public-key algorithms, or an HMAC
 * algorithm keyed with a public key. Either way the public key becomes an HMAC secret that
 * anyone can use to forge tokens.
 */
import type { JwtCall } from '../../analyze/js/libraries.js';
import { algorithmList, algorithmName, entryOrigin, type AlgorithmEntry } from '../../analyze/js/jwt-algorithms.js';
import { publicKeyEvidence } from '../../analyze/js/public-keys.js';
import { settingValueOrigin } from '../../analyze/js/settings.js';
import type { Origin } from '../../analyze/js/values.js';
import type { JsRule, ReportDescriptor } from '../rule.js';

export const algorithmConfusion: JsRule = {
  id: 'algorithm-confusion',
  fix: 'Use one algorithm family per key and pin it: algorithms: [\'RS256\'] (or ES256/EdDSA) with a public key, algorithms: [\'HS256\'] with an HMAC secret.',
  create(context) {
    return {
      jwtCall(call) {
        const finding = mixedAllowlist(call) ?? hmacWithPublicKey(call);
        if (finding) context.report(finding);
      },
    };
  },
};

function mixedAllowlist(call: JwtCall): ReportDescriptor | undefined {
  // jose checks the key type against each algorithm (an HS* token needs a secret key), so a
  // mixed list there cannot turn a public key into an HMAC secret.
  if (call.library === 'jose') return undefined;
  const algorithms = call.settings.get('algorithms');
  const list = algorithmList(algorithms);
  if (!algorithms || !list) return undefined;
  const hmac = list.entries.find((entry) => entry.family === 'hmac');
  const publicKey = list.entries.find((entry) => entry.family === 'public-key');
  if (!hmac || !publicKey) return undefined;
  return {
    origin: settingValueOrigin(algorithms),
    message: `${call.api} accepts both ${hmac.name} and ${publicKey.name}: a token signed with ${hmac.name} using ` +
      `the public key as the HMAC secret is accepted, so anyone can forge tokens`,
  };
}

function hmacWithPublicKey(call: JwtCall): ReportDescriptor | undefined {
  const hmac = hmacAlgorithm(call);
  if (!hmac) return undefined;
  const evidence = publicKeyEvidence(call.settings.get('key'));
  if (!evidence) return undefined;
  return {
    origin: hmac.origin,
    message: `${call.api} uses ${hmac.entry.name} with a public key (${evidence}): anyone who has the public key ` +
      'can sign tokens that pass',
    fix: `Use the public-key algorithm that matches the key (for example RS256 or ES256) instead of ${hmac.entry.name}.`,
  };
}

/** The HMAC algorithm a call signs with, or the HMAC-only allowlist it verifies with. */
function hmacAlgorithm(call: JwtCall): { entry: AlgorithmEntry; origin: Origin } | undefined {
  const algorithm = call.settings.get('algorithm');
  const signedWith = algorithmName(algorithm);
  if (algorithm && signedWith?.family === 'hmac') return { entry: signedWith, origin: entryOrigin(algorithm, signedWith) };
  const algorithms = call.settings.get('algorithms');
  const list = algorithmList(algorithms);
  if (!algorithms || !list?.complete || list.entries.length === 0) return undefined;
  if (!list.entries.every((entry) => entry.family === 'hmac')) return undefined;
  const first = list.entries[0]!;
  return { entry: first, origin: entryOrigin(algorithms, first) };
}
