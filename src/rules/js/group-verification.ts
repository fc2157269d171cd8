import type { JsRule } from '../rule.js';
import { excessiveClockTolerance } from './excessive-clock-tolerance.js';
import { ignoreExpiration } from './ignore-expiration.js';
import { missingAudience } from './missing-audience.js';
import { missingIssuer } from './missing-issuer.js';
import { missingRevocationCheck } from './missing-revocation-check.js';

export const VERIFICATION_RULES: JsRule[] = [
  ignoreExpiration,
  missingAudience,
  missingIssuer,
  excessiveClockTolerance,
  missingRevocationCheck,
];
