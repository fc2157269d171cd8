/**
 * alg-none (Python): tokens signed with, or accepted under, the "none" algorithm: PyJWT and
 * python-jose `encode(..., algorithm="none")` or `headers={"alg": "none"}`, authlib
 * `jwt.encode({"alg": "none"}, ...)`, "none" in a decode `algorithms` list, and the
 * flask-jwt-extended / simplejwt algorithm settings.
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import type { PyJwtCall } from '../../analyze/python/libraries.js';
import type { TreeRule } from '../tree-rule.js';
import { algorithmsOf, at, type AlgorithmEntry, type PyContext } from './shared.js';

const ALGORITHM_SETTINGS = new Set(['JWT_ALGORITHM', 'JWT_DECODE_ALGORITHMS', 'ALGORITHM']);

export const algNone: TreeRule<PythonFacts> = {
  id: 'alg-none',
  fix: 'Sign with a real algorithm (RS256, ES256, EdDSA, or HS256 with a strong secret) and verify with an allowlist that never contains "none".',
  create(context) {
    return {
      end() {
        for (const call of context.facts.jwtCalls()) checkCall(context, call);
        for (const entry of context.facts.configEntries()) {
          if (!ALGORITHM_SETTINGS.has(entry.key)) continue;
          const none = noneIn(algorithmsOf(context.facts.value(entry.value))?.entries);
          if (!none) continue;
          const decode = entry.key === 'JWT_DECODE_ALGORITHMS';
          context.report({
            ...at(context, none.at),
            message: decode
              ? `${entry.label} accepts "${none.name}", so unsigned tokens pass verification`
              : `${entry.label} is "${none.name}"${none.envDefaultOf ? ` when ${none.envDefaultOf} is unset` : ''}, ` +
                'so tokens carry no signature and anyone can forge them',
          });
        }
      },
    };
  },
};

function checkCall(context: PyContext, call: PyJwtCall): void {
  const facts = context.facts;
  if (call.kind === 'sign') {
    const signedWith = noneIn(algorithmsOf(facts.value(call.args.get('algorithm')))?.entries);
    if (signedWith) {
      context.report({
        ...at(context, signedWith.at),
        message: signedWith.envDefaultOf
          ? `${call.api} signs tokens with algorithm "${signedWith.name}" when ${signedWith.envDefaultOf} is unset, so they carry no signature and anyone can forge them`
          : `${call.api} signs tokens with algorithm "${signedWith.name}", so they carry no signature and anyone can forge them`,
      });
      return;
    }
    // PyJWT/python-jose `headers={"alg": "none"}`; authlib's first argument is the header.
    const header = facts.value(call.args.get(call.library === 'authlib' ? 'header' : 'headers'));
    const alg = header?.kind === 'dict' ? header.entries.get('alg') : undefined;
    const headerNone = alg ? noneIn(algorithmsOf(alg.facts.value(alg.value))?.entries) : undefined;
    if (alg && headerNone) {
      context.report({
        ...at(context, headerNone.at),
        message: call.library === 'authlib'
          ? `${call.api} signs tokens with algorithm "${headerNone.name}", so they carry no signature and anyone can forge them`
          : `${call.api} sets the token header to alg "${headerNone.name}", so the token carries no signature`,
      });
    }
    return;
  }
  const allowed = noneIn(algorithmsOf(facts.value(call.args.get('algorithms')))?.entries);
  if (allowed) {
    context.report({
      ...at(context, allowed.at),
      message: `${call.api} accepts "${allowed.name}" in its algorithms allowlist, so unsigned tokens pass verification`,
    });
  }
}

function noneIn(entries: AlgorithmEntry[] | undefined): AlgorithmEntry | undefined {
  return entries?.find((entry) => entry.family === 'none');
}

