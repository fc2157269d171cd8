import type { JsRule } from '../rule.js';

export const LIFETIME_CLIENT_RULES: JsRule[] = [];
