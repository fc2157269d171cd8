import { claimCheckRule } from './claim-check.js';

export const missingIssuer = claimCheckRule({
  id: 'missing-issuer',
  argument: 'issuer',
  option: 'verify_iss',
  consequence: 'tokens minted by any other issuer that holds the key are accepted',
  fix: 'Require the expected issuer when verifying (the "issuer" argument of decode).',
});
