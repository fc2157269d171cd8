/** Every Python rule module. */
import type { TreeRule } from '../tree-rule.js';
import type { PythonFacts } from '../../analyze/python/facts.js';

export const PYTHON_RULES: TreeRule<PythonFacts>[] = [];
