/** The Go front end: tree-sitter's Go grammar, the Go value resolver and JWT library recognition. */
import { extname } from 'node:path';
import { GO_RULES } from '../../rules/go/index.js';
import { enabledTreeRules, type AnalyzerEnvironment, type FileAnalyzer } from '../front-ends.js';
import { TreeAnalyzer, type TreeFrontEnd } from '../tree/analyzer.js';
import { GoFacts } from './facts.js';

export const GO_FRONT_END: TreeFrontEnd<GoFacts> = {
  language: 'go',
  accepts: (path) => extname(path).toLowerCase() === '.go',
  createFacts: (syntax, source, project) => new GoFacts(syntax, source, project),
};

export function createGoAnalyzer(env: AnalyzerEnvironment): FileAnalyzer {
  return new TreeAnalyzer(GO_FRONT_END, enabledTreeRules(GO_RULES, env.config), env.read, env.scannedPaths);
}
