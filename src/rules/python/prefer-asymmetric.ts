/**
 * prefer-asymmetric (Python, advice, off by default): HMAC-signed tokens, whose verifiers
 * hold a key that can also mint tokens: an HS* signing algorithm, an HMAC-only decode
 * allowlist, a PyJWT/python-jose `encode` with a string secret and no algorithm (HS256 by
 * default), and HS* in the flask-jwt-extended / simplejwt algorithm settings.
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import type { PyValue } from '../../analyze/python/values.js';
import type { TreeRule } from '../tree-rule.js';
import { algorithmsOf, at } from './shared.js';

const ADVICE = 'shares one secret between signer and verifiers; prefer RS256/ES256 so verifiers hold only a public key that cannot sign';

export const preferAsymmetric: TreeRule<PythonFacts> = {
  id: 'prefer-asymmetric',
  fix: 'Sign with a private key (ES256, EdDSA or RS256) at the issuer and give verifiers only the public key, ideally through a JWKS endpoint.',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        for (const call of facts.jwtCalls()) {
          if (call.library === 'authlib' || call.library === 'flask-jwt-extended') continue;
          if (call.kind === 'sign') {
            const algorithm = call.args.get('algorithm');
            const signedWith = algorithmsOf(facts.value(algorithm))?.entries[0];
            if (signedWith?.family === 'hmac') {
              context.report({ ...at(context, signedWith.at), message: `${call.api} signs with ${signedWith.name}, which ${ADVICE}` });
            } else if (!algorithm && call.complete && isSharedSecret(facts.value(call.args.get('key')))) {
              context.report({ node: call.callee, message: `${call.api} signs with HS256 (the default for a string secret), which ${ADVICE}` });
            }
            continue;
          }
          if (call.kind !== 'verify') continue;
          const value = facts.value(call.args.get('algorithms'));
          const list = algorithmsOf(value);
          if (value && 'at' in value && list?.complete && list.entries.length > 0 && list.entries.every((entry) => entry.family === 'hmac')) {
            const names = list.entries.map((entry) => entry.name).join(', ');
            context.report({ ...at(context, value.at), message: `${call.api} accepts ${names} tokens: HMAC ${ADVICE}` });
          }
        }
        for (const entry of facts.configEntries()) {
          if (entry.key !== 'JWT_ALGORITHM' && entry.key !== 'ALGORITHM') continue;
          const algorithm = algorithmsOf(facts.value(entry.value))?.entries[0];
          if (algorithm?.family !== 'hmac') continue;
          context.report({ ...at(context, algorithm.at), message: `${entry.label} signs with ${algorithm.name}, which ${ADVICE}` });
        }
      },
    };
  },
};

/** A plain string secret (not a PEM key), or an environment variable named as a secret. */
function isSharedSecret(value: PyValue | undefined): boolean {
  if (value?.kind === 'string') return classifyKeyText(value.value).kind === 'secret';
  if (value?.kind === 'env') return /secret/i.test(value.name) && !/private|public|pem|cert/i.test(value.name);
  return false;
}
