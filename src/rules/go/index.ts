/** Every Go rule module. */
import type { TreeRule } from '../tree-rule.js';
import type { GoFacts } from '../../analyze/go/facts.js';

export const GO_RULES: TreeRule<GoFacts>[] = [];
