/**
 * missing-algorithms (Python): PyJWT or python-jose `decode` without an `algorithms`
 * allowlist, or with `algorithms=None`, so the token header picks the algorithm. Calls
 * with `**kwargs` (arguments built elsewhere) are not judged.
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import type { TreeRule } from '../tree-rule.js';

export const missingAlgorithms: TreeRule<PythonFacts> = {
  id: 'missing-algorithms',
  fix: 'Pass the exact algorithms you issue, usually one: algorithms=["RS256"] (or ["HS256"] for an HMAC secret).',
  create(context) {
    return {
      end() {
        for (const call of context.facts.jwtCalls()) {
          if (call.kind !== 'verify' || (call.library !== 'pyjwt' && call.library !== 'python-jose')) continue;
          const algorithms = call.args.get('algorithms');
          if (algorithms) {
            if (context.facts.value(algorithms)?.kind !== 'none') continue;
            context.report({
              node: call.keywordNodes.get('algorithms') ?? algorithms,
              message: `${call.api} sets "algorithms" to None, so the token header chooses the algorithm`,
            });
            continue;
          }
          if (!call.complete) continue;
          context.report({
            node: call.callee,
            message: `${call.api} is called without an "algorithms" allowlist, so the token header chooses the algorithm`,
          });
        }
      },
    };
  },
};
