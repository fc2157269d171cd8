import type { JsRule } from '../rule.js';

export const VERIFICATION_RULES: JsRule[] = [];
