import { claimCheckRule } from './claim-check.js';

export const missingAudience = claimCheckRule({
  id: 'missing-audience',
  argument: 'audience',
  option: 'verify_aud',
  consequence: 'tokens issued for another service are accepted',
  fix: 'Require the audience of this service when verifying (the "audience" argument of decode).',
});
