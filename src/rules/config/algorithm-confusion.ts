/**
 * algorithm-confusion (config): one algorithm allowlist that mixes HMAC with RSA/EC/PSS
 * algorithms (`JWT_ALGORITHMS=HS256,RS256`, `algorithms: [HS256, RS256]`).
 */
import { configAlgorithms } from '../../analyze/config/algorithms.js';
import type { ConfigRule } from './rule.js';

export const algorithmConfusion: ConfigRule = {
  id: 'algorithm-confusion',
  fix: 'Allow only the algorithm family your key is for: HS256 with a shared secret, or RS256/ES256 with a public key, never both.',
  check(context) {
    for (const setting of configAlgorithms(context.file, context.facts)) {
      const hmac = setting.algorithms.find((algorithm) => algorithm.family === 'hmac');
      const publicKey = setting.algorithms.find((algorithm) => algorithm.family === 'public-key');
      if (!hmac || !publicKey) continue;
      context.report({
        start: setting.entry.start,
        end: setting.entry.end,
        message: `${setting.entry.key} accepts both ${hmac.value} and ${publicKey.value}: a token signed with ${hmac.value} using ` +
          'the public key as the HMAC secret is accepted, so anyone can forge tokens',
      });
    }
  },
};
