import type { JsRule } from '../rule.js';

export const ALGORITHMS_RULES: JsRule[] = [];
