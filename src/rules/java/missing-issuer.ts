import { claimCheckRule } from './claim-check.js';

export const missingIssuer = claimCheckRule({
  id: 'missing-issuer',
  claim: 'issuer',
  jjwt: { method: 'requireIssuer', claim: 'iss', constant: 'ISSUER' },
  auth0: 'withIssuer',
  getters: /\.getIssuer\s*\(|getClaim\s*\(\s*"iss"/,
  consequence: 'tokens minted by any other issuer that holds the key are accepted',
  fix: 'Require the expected issuer when verifying (the "issuer" option or its equivalent).',
});
