/** What missing-audience and missing-issuer share: a verification that never checks a claim. */
import type { JwtCall } from '../../analyze/js/libraries.js';
import { isUnsetSetting } from '../../analyze/js/settings.js';
import type { JsRule } from '../rule.js';

export interface ClaimCheck {
  id: string;
  concept: 'audience' | 'issuer';
  /** The claim in words: "audience". */
  claim: string;
  /** The @hapi/jwt `verify` key that switches the check off when false. */
  hapiKey: 'aud' | 'iss';
  consequence: string;
  fix: string;
}

/** The option users write to set the check, per library. */
function optionName(call: JwtCall, check: ClaimCheck): string {
  const allowed = check.concept === 'audience' ? 'allowedAud' : 'allowedIss';
  if (call.library === 'fast-jwt') return allowed;
  if (call.library === '@fastify/jwt') return `verify.${allowed}`;
  if (call.library === 'hapi-auth-jwt2') return `verifyOptions.${check.concept}`;
  return check.concept;
}

export function claimCheckRule(check: ClaimCheck): JsRule {
  return {
    id: check.id,
    fix: check.fix,
    create(context) {
      return {
        jwtCall(call) {
          const setting = call.settings.get(check.concept);
          // @hapi/jwt requires `aud` and `iss`; `false` is the explicit opt-out.
          if (call.library === '@hapi/jwt') {
            if (setting?.value?.kind === 'boolean' && !setting.value.value) {
              context.report({
                origin: setting.origin,
                message: `"${check.hapiKey}: false" turns off the ${check.claim} check of ${call.api}, so ${check.consequence}`,
              });
            }
            return;
          }
          if (!call.checksMissing.has(check.concept) || !call.settingsComplete) return;
          if (!isUnsetSetting(setting)) return;
          context.report({
            node: call.node.expression,
            message: `${call.api} does not check the token ${check.claim} ("${optionName(call, check)}" option), ` +
              `so ${check.consequence}`,
          });
        },
      };
    },
  };
}
