import { claimCheckRule } from './claim-check.js';

export const missingAudience = claimCheckRule({
  id: 'missing-audience',
  claim: 'audience',
  jjwt: { method: 'requireAudience', claim: 'aud', constant: 'AUDIENCE' },
  auth0: 'withAudience',
  getters: /\.getAudience\s*\(|getClaim\s*\(\s*"aud"/,
  consequence: 'tokens issued for another service are accepted',
  fix: 'Require the audience of this service when verifying (the "audience" option or its equivalent).',
});
