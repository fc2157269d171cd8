/**
 * alg-none (config): a JWT algorithm setting that is or allows `none`: `JWT_ALGORITHM=none`,
 * `jwt.algorithms: [RS256, none]`, `"alg": "none"` in JSON (a JOSE header). A bare
 * `ALGORITHM` key counts only in a file with JWT settings.
 */
import { configAlgorithms } from '../../analyze/config/algorithms.js';
import type { ConfigRule } from './rule.js';

export const algNone: ConfigRule = {
  id: 'alg-none',
  fix: 'Sign with a real algorithm (RS256, ES256, EdDSA, or HS256 with a strong secret) and verify with an allowlist that never contains "none".',
  check(context) {
    for (const setting of configAlgorithms(context.file, context.facts)) {
      const none = setting.algorithms.find((algorithm) => algorithm.family === 'none');
      if (!none) continue;
      context.report({
        start: none.start,
        end: none.end,
        message: setting.algorithms.length > 1
          ? `${setting.entry.key} allows the "none" algorithm: unsigned tokens are accepted, so anyone can forge them`
          : `${setting.entry.key} is set to "${none.value}": tokens are signed with no signature, or accepted without one`,
      });
    }
  },
};
