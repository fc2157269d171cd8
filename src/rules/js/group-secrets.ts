import type { JsRule } from '../rule.js';
import { hardcodedSecret } from './hardcoded-secret.js';
import { secretFallback } from './secret-fallback.js';
import { secretInClientCode } from './secret-in-client-code.js';
import { secretLogged } from './secret-logged.js';
import { weakRsaKey } from './weak-rsa-key.js';
import { weakSecret } from './weak-secret.js';

export const SECRETS_RULES: JsRule[] = [hardcodedSecret, weakSecret, secretFallback, secretInClientCode, secretLogged, weakRsaKey];
