/** Every Java rule module. */
import type { TreeRule } from '../tree-rule.js';
import type { JavaFacts } from '../../analyze/java/facts.js';

export const JAVA_RULES: TreeRule<JavaFacts>[] = [];
