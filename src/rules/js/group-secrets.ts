import type { JsRule } from '../rule.js';

export const SECRETS_RULES: JsRule[] = [];
