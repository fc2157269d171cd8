import type { JsRule } from '../rule.js';
import { insecureCookie } from './insecure-cookie.js';
import { longExpiration } from './long-expiration.js';
import { missingExpiration } from './missing-expiration.js';
import { sensitivePayload } from './sensitive-payload.js';
import { tokenInUrl } from './token-in-url.js';
import { tokenInWebStorage } from './token-in-web-storage.js';
import { tokenOverHttp } from './token-over-http.js';

export const LIFETIME_CLIENT_RULES: JsRule[] = [
  missingExpiration,
  longExpiration,
  sensitivePayload,
  tokenInWebStorage,
  insecureCookie,
  tokenOverHttp,
  tokenInUrl,
];
