/** Every Go rule module. */
import type { TreeRule } from '../tree-rule.js';
import type { GoFacts } from '../../analyze/go/facts.js';
import { algNone } from './alg-none.js';
import { algorithmConfusion } from './algorithm-confusion.js';
import { decodeWithoutVerify } from './decode-without-verify.js';
import { excessiveClockTolerance } from './excessive-clock-tolerance.js';
import { hardcodedSecret } from './hardcoded-secret.js';
import { ignoreExpiration } from './ignore-expiration.js';
import { longExpiration } from './long-expiration.js';
import { missingAlgorithms } from './missing-algorithms.js';
import { missingAudience } from './missing-audience.js';
import { missingExpiration } from './missing-expiration.js';
import { missingIssuer } from './missing-issuer.js';
import { preferAsymmetric } from './prefer-asymmetric.js';
import { secretFallback } from './secret-fallback.js';
import { secretLogged } from './secret-logged.js';
import { sensitivePayload } from './sensitive-payload.js';
import { tokenInUrl } from './token-in-url.js';
import { tokenOverHttp } from './token-over-http.js';
import { weakRsaKey } from './weak-rsa-key.js';
import { weakSecret } from './weak-secret.js';

export const GO_RULES: TreeRule<GoFacts>[] = [
  hardcodedSecret, weakSecret, secretFallback, secretLogged, weakRsaKey,
  algNone, algorithmConfusion, missingAlgorithms, preferAsymmetric,
  decodeWithoutVerify, ignoreExpiration, missingAudience, missingIssuer, excessiveClockTolerance,
  missingExpiration, longExpiration, sensitivePayload,
  tokenOverHttp, tokenInUrl,
];
