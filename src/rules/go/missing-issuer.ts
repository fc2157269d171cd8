import { claimCheckRule } from './claim-check.js';

export const missingIssuer = claimCheckRule({
  id: 'missing-issuer',
  option: 'WithIssuer',
  claim: 'issuer',
  manual: /Issuer|\.Iss\b|"iss"/,
  consequence: 'tokens minted by any other issuer that holds the key are accepted',
  fix: 'Require the expected issuer when verifying: jwt.WithIssuer("https://auth.example.com").',
});
