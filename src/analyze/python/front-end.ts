/** The Python front end: tree-sitter's Python grammar, the Python value resolver and JWT library recognition. */
import { extname } from 'node:path';
import { PYTHON_RULES } from '../../rules/python/index.js';
import { enabledTreeRules, type AnalyzerEnvironment, type FileAnalyzer } from '../front-ends.js';
import { TreeAnalyzer, type TreeFrontEnd } from '../tree/analyzer.js';
import { PythonFacts } from './facts.js';

export const PYTHON_FRONT_END: TreeFrontEnd<PythonFacts> = {
  language: 'python',
  accepts: (path) => extname(path).toLowerCase() === '.py',
  createFacts: (syntax, source, project) => new PythonFacts(syntax, source, project),
};

export function createPythonAnalyzer(env: AnalyzerEnvironment): FileAnalyzer {
  return new TreeAnalyzer(PYTHON_FRONT_END, enabledTreeRules(PYTHON_RULES, env.config), env.read, env.scannedPaths);
}
