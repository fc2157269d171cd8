/**
 * What missing-audience and missing-issuer share (Java): a verifying call whose whole chain
 * is known (jjwt `Jwts.parser()...parseClaimsJws(t)`, auth0 `JWT.require(alg)...build().verify(t)`)
 * and never requires the claim. A file that reads the claim itself (`getAudience()`,
 * `getIssuer()`) may check it by hand: it stays silent.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { JavaJwtCall } from '../../analyze/java/libraries.js';
import type { TreeRule } from '../tree-rule.js';

export interface JavaClaimCheck {
  id: string;
  claim: 'audience' | 'issuer';
  /** jjwt's require method and claim name; auth0's builder method. */
  jjwt: { method: string; claim: string; constant: string };
  auth0: string;
  /** Getter names whose use suggests a manual check. */
  getters: RegExp;
  consequence: string;
  fix: string;
}

export function claimCheckRule(check: JavaClaimCheck): TreeRule<JavaFacts> {
  return {
    id: check.id,
    fix: check.fix,
    create(context) {
      return {
        end() {
          const libraries = context.facts.libraries;
          const calls = libraries.jwtCalls().filter((call) => call.kind === 'verify' && call.complete);
          if (calls.length === 0 || check.getters.test(context.syntax.text)) return;
          for (const call of calls) {
            if (checks(call, check, context.facts)) continue;
            const option = call.library === 'jjwt' ? check.jjwt.method : check.auth0;
            context.report({
              node: call.nameNode,
              message: `${call.api} does not check the token ${check.claim} ("${option}"), so ${check.consequence}`,
            });
          }
        },
      };
    },
  };
}

function checks(call: JavaJwtCall, check: JavaClaimCheck, facts: JavaFacts): boolean {
  if (call.library === 'auth0') return call.calls.some((entry) => entry.name === check.auth0);
  return call.calls.some((entry) => {
    if (entry.name === check.jjwt.method) return true;
    if (entry.name !== 'require' || !entry.args[0]) return false;
    const text = facts.syntax.textOf(entry.args[0]);
    return text.endsWith(check.jjwt.constant) || facts.values.resolveString(entry.args[0]) === check.jjwt.claim;
  });
}
