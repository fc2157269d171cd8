/** Every JS/TS rule module, by group. Loaded lazily with the JS/TS front end. */
import type { JsRule } from '../rule.js';
import { ALGORITHMS_RULES } from './group-algorithms.js';
import { LIFETIME_CLIENT_RULES } from './group-lifetime-client.js';
import { SECRETS_RULES } from './group-secrets.js';
import { VERIFICATION_RULES } from './group-verification.js';

export const JS_RULES: JsRule[] = [...SECRETS_RULES, ...ALGORITHMS_RULES, ...VERIFICATION_RULES, ...LIFETIME_CLIENT_RULES];
