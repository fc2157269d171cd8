/**
 * Creates the analyzer of each front end on first use, so a scan loads only the parsers
 * its files need: a repository without Python files never loads the Python grammar.
 */
import type { ResolvedConfig } from '../config.js';
import type { Finding } from '../types.js';
import type { TreeRule } from '../rules/tree-rule.js';
import type { EnabledTreeRule } from './tree/analyzer.js';
import type { FrontEndId } from './languages.js';

export interface SourceFile {
  absPath: string;
  relPath: string;
  text: string;
  /**
   * Read only because an analysed file imports it: it did not pass the keyword prefilter (or
   * is outside `--changed-since`), so it is parsed for its exports and gets no findings.
   */
  importOnly?: boolean;
}

export interface FileResult {
  findings: Finding[];
  /** Secret values seen (the file they are written in, and the text), for masking code frames. */
  sensitive: { file: string; text: string }[];
  /** Set when the file could not be analysed. */
  error?: string;
}

export interface FileAnalyzer {
  analyze(source: SourceFile): FileResult | Promise<FileResult>;
}

export interface AnalyzerEnvironment {
  config: ResolvedConfig;
  /** Reads another file of the scan (for imports), even one the prefilter passed over. */
  read(absPath: string): SourceFile | undefined;
  /** Absolute paths of every discovered file. */
  scannedPaths: readonly string[];
}

/** The enabled rules of a list, with their configured severity and options. */
export function enabledTreeRules<F>(rules: readonly TreeRule<F>[], config: ResolvedConfig): EnabledTreeRule<F>[] {
  const enabled: EnabledTreeRule<F>[] = [];
  for (const rule of rules) {
    const resolved = config.rules.get(rule.id);
    if (resolved?.enabled) enabled.push({ rule, severity: resolved.severity, options: resolved.options });
  }
  return enabled;
}

export async function createFileAnalyzer(id: FrontEndId, env: AnalyzerEnvironment): Promise<FileAnalyzer> {
  switch (id) {
    case 'js': {
      const [{ JsAnalyzer }, { JS_RULES }] = await Promise.all([import('./js/analyzer.js'), import('../rules/js/index.js')]);
      const rules = [];
      for (const rule of JS_RULES) {
        const resolved = env.config.rules.get(rule.id);
        if (resolved?.enabled) rules.push({ rule, severity: resolved.severity, options: resolved.options });
      }
      return new JsAnalyzer(rules, env.read);
    }
    case 'python':
      return (await import('./python/front-end.js')).createPythonAnalyzer(env);
    case 'java':
      return (await import('./java/front-end.js')).createJavaAnalyzer(env);
    case 'go':
      return (await import('./go/front-end.js')).createGoAnalyzer(env);
    case 'config':
      return (await import('./config/front-end.js')).createConfigAnalyzer(env);
  }
}
