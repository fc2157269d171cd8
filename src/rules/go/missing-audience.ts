import { claimCheckRule } from './claim-check.js';

export const missingAudience = claimCheckRule({
  id: 'missing-audience',
  option: 'WithAudience',
  claim: 'audience',
  manual: /Audience|\.Aud\b|"aud"/,
  consequence: 'tokens issued for another service are accepted',
  fix: 'Require the audience of this service when verifying: jwt.WithAudience("my-api").',
});
