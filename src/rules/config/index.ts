/** The config rules, one module per rule id, over the entries of src/analyze/config/. */
import { algNone } from './alg-none.js';
import { algorithmConfusion } from './algorithm-confusion.js';
import { excessiveClockTolerance } from './excessive-clock-tolerance.js';
import { hardcodedSecret } from './hardcoded-secret.js';
import { ignoreExpiration } from './ignore-expiration.js';
import { longExpiration } from './long-expiration.js';
import { missingExpiration } from './missing-expiration.js';
import type { ConfigRule } from './rule.js';
import { secretFallback } from './secret-fallback.js';
import { secretInClientCode } from './secret-in-client-code.js';
import { weakRsaKey } from './weak-rsa-key.js';
import { weakSecret } from './weak-secret.js';

export const CONFIG_RULES: ConfigRule[] = [hardcodedSecret, weakSecret, secretFallback, secretInClientCode, algNone,
  algorithmConfusion, longExpiration, missingExpiration, ignoreExpiration, excessiveClockTolerance, weakRsaKey];
