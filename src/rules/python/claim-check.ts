/** What missing-audience and missing-issuer share: a PyJWT/python-jose decode that never checks a claim. */
import type { PythonFacts } from '../../analyze/python/facts.js';
import { optionEntry } from '../../analyze/python/libraries.js';
import type { TreeRule } from '../tree-rule.js';

export interface ClaimCheck {
  id: string;
  /** The decode keyword argument: `audience`, `issuer`. */
  argument: 'audience' | 'issuer';
  /** The option that turns the check off: `verify_aud`, `verify_iss`. */
  option: string;
  consequence: string;
  fix: string;
}

export function claimCheckRule(check: ClaimCheck): TreeRule<PythonFacts> {
  return {
    id: check.id,
    fix: check.fix,
    create(context) {
      const facts = context.facts;
      return {
        end() {
          for (const call of facts.jwtCalls()) {
            if (call.kind !== 'verify' || (call.library !== 'pyjwt' && call.library !== 'python-jose')) continue;
            const optOut = optionEntry(facts, call, check.option);
            const optOutValue = optOut ? optOut.facts.value(optOut.value) : undefined;
            if (optOut && optOutValue?.kind === 'boolean' && !optOutValue.value) {
              context.report({
                node: optOut.facts === facts ? optOut.pair : call.callee,
                message: `"${check.option}": False turns off the ${check.argument} check of ${call.api}, so ${check.consequence}`,
              });
              continue;
            }
            if (call.args.has(check.argument) || !call.complete) continue;
            context.report({
              node: call.callee,
              message: `${call.api} does not check the token ${check.argument} ("${check.argument}" option), so ${check.consequence}`,
            });
          }
        },
      };
    },
  };
}
