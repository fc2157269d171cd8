import { claimCheckRule } from './claim-check.js';

export const missingIssuer = claimCheckRule({
  id: 'missing-issuer',
  concept: 'issuer',
  claim: 'issuer',
  hapiKey: 'iss',
  consequence: 'tokens minted by any other issuer that holds the key are accepted',
  fix: 'Require the expected issuer when verifying (the "issuer" option or its equivalent).',
});
