/** The Java front end: tree-sitter's Java grammar, the Java value resolver and JWT library recognition. */
import { extname } from 'node:path';
import { JAVA_RULES } from '../../rules/java/index.js';
import { enabledTreeRules, type AnalyzerEnvironment, type FileAnalyzer } from '../front-ends.js';
import { TreeAnalyzer, type TreeFrontEnd } from '../tree/analyzer.js';
import { JavaFacts } from './facts.js';

export const JAVA_FRONT_END: TreeFrontEnd<JavaFacts> = {
  language: 'java',
  accepts: (path) => extname(path).toLowerCase() === '.java',
  createFacts: (syntax, source, project) => new JavaFacts(syntax, source, project),
};

export function createJavaAnalyzer(env: AnalyzerEnvironment): FileAnalyzer {
  return new TreeAnalyzer(JAVA_FRONT_END, enabledTreeRules(JAVA_RULES, env.config), env.read, env.scannedPaths);
}
