import { claimCheckRule } from './claim-check.js';

export const missingAudience = claimCheckRule({
  id: 'missing-audience',
  concept: 'audience',
  claim: 'audience',
  hapiKey: 'aud',
  consequence: 'tokens issued for another service are accepted',
  fix: 'Require the audience of this service when verifying (the "audience" option or its equivalent).',
});
