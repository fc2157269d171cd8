/**
 * The front end for tree-sitter languages: one parse and one traversal per file,
 * dispatching nodes to every enabled rule of the file's language. Other files of the scan
 * (an imported settings module, the other files of a Go package) are parsed on demand and
 * memoised, so each file is parsed once.
 */
import { dirname } from 'node:path';
import type { Finding, Severity } from '../../types.js';
import type { TreeRule, TreeRuleListeners, TreeReport } from '../../rules/tree-rule.js';
import { loadLanguage, parseTree, type SyntaxNode, type TreeLanguage } from './parser.js';
import { SyntaxFile, walkTree } from './syntax.js';
import { checkNesting, NestedTooDeeply } from '../nesting.js';
import { checkDeadline, TimeBudgetExceeded } from '../time-budget.js';

export interface TreeSource {
  absPath: string;
  relPath: string;
  text: string;
}

export interface EnabledTreeRule<F> {
  rule: TreeRule<F>;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface TreeFileResult {
  findings: Finding[];
  sensitive: { file: string; text: string }[];
  error?: string;
}

/** A parsed file of the scan with its facts, for rules that look across files. */
export interface ProjectFile<F> {
  source: TreeSource;
  syntax: SyntaxFile;
  facts: F;
}

/** Access to the other files of the scan, for one language. */
export interface TreeProject<F> {
  /** A file of the scan, parsed with its facts (memoised); undefined if not scanned or not this language. */
  file(absPath: string): ProjectFile<F> | undefined;
  /** Absolute paths of the scanned files of this language in a directory (a Go package, a Python package). */
  filesIn(directory: string): string[];
}

export interface TreeFrontEnd<F> {
  language: TreeLanguage;
  /** Whether a path is this language's (by extension). */
  accepts(path: string): boolean;
  /** Per-file knowledge shared by the rules (value resolution, JWT call recognition). */
  createFacts(syntax: SyntaxFile, source: TreeSource, project: TreeProject<F>): F;
}

export class TreeAnalyzer<F> {
  private readonly files = new Map<string, ProjectFile<F> | null>();
  private readonly byDirectory = new Map<string, string[]>();

  constructor(
    private readonly frontEnd: TreeFrontEnd<F>,
    private readonly rules: EnabledTreeRule<F>[],
    private readonly read: (absPath: string) => TreeSource | undefined,
    scannedPaths: Iterable<string>,
  ) {
    for (const path of scannedPaths) {
      if (!frontEnd.accepts(path)) continue;
      const directory = dirname(path);
      const list = this.byDirectory.get(directory) ?? [];
      list.push(path);
      this.byDirectory.set(directory, list);
    }
  }

  async analyze(source: TreeSource): Promise<TreeFileResult> {
    try {
      await loadLanguage(this.frontEnd.language);
      const parsed = this.file(source.absPath, source);
      if (!parsed) return { findings: [], sensitive: [], error: 'could not be parsed' };
      return this.runRules(parsed);
    } catch (error) {
      if (error instanceof TimeBudgetExceeded) return { findings: [], sensitive: [], error: error.message };
      const message = error instanceof RangeError && /call stack/i.test(error.message)
        ? 'code nested too deeply to analyse' : (error as Error)?.message ?? String(error);
      return { findings: [], sensitive: [], error: `analysis failed: ${message}` };
    }
  }

  private readonly project: TreeProject<F> = {
    file: (absPath) => this.file(absPath),
    filesIn: (directory) => this.byDirectory.get(directory) ?? [],
  };

  private file(absPath: string, given?: TreeSource): ProjectFile<F> | undefined {
    const cached = this.files.get(absPath);
    if (cached !== undefined) return cached ?? undefined;
    const source = given ?? (this.frontEnd.accepts(absPath) ? this.read(absPath) : undefined);
    if (!source) {
      this.files.set(absPath, null);
      return undefined;
    }
    this.files.set(absPath, null); // an import cycle sees "not available" instead of recursing
    try {
      checkNesting(source.text);
      const syntax = new SyntaxFile(source.relPath, source.text, parseTree(this.frontEnd.language, source.text).root);
      const parsed: ProjectFile<F> = { source, syntax, facts: this.frontEnd.createFacts(syntax, source, this.project) };
      this.files.set(absPath, parsed);
      return parsed;
    } catch (error) {
      this.files.delete(absPath); // out of time inside another file's budget: this file gets its own turn
      if (error instanceof NestedTooDeeply && !given) return undefined; // an import that cannot be read resolves nothing
      throw error;
    }
  }

  private runRules({ syntax, facts }: ProjectFile<F>): TreeFileResult {
    const findings: Finding[] = [];
    const sensitive: { file: string; text: string }[] = [];
    const listeners: TreeRuleListeners[] = [];
    const byType = new Map<string, ((node: SyntaxNode) => void)[]>();
    for (const { rule, severity, options } of this.rules) {
      const report = (report: TreeReport): void => {
        const where = report.in ?? syntax;
        findings.push({
          ruleId: rule.id,
          severity: report.severity ?? severity,
          file: where.file,
          range: where.range(report.node),
          message: report.message,
          fix: report.fix ?? rule.fix,
          related: report.related,
          engine: 'ast',
        });
      };
      const ruleListeners = rule.create({
        file: syntax.file,
        syntax,
        facts,
        options,
        report,
        markSensitive: (text, file) => sensitive.push({ file: file ?? syntax.file, text }),
      });
      listeners.push(ruleListeners);
      for (const [type, visit] of Object.entries(ruleListeners.nodes ?? {})) {
        const list = byType.get(type) ?? [];
        list.push(visit);
        byType.set(type, list);
      }
    }
    if (byType.size > 0) {
      let visited = 0;
      walkTree(syntax.root, (node) => {
        if ((++visited & 1023) === 0) checkDeadline();
        const visitors = byType.get(node.type);
        if (visitors) for (const visit of visitors) visit(node);
      });
    }
    for (const ruleListeners of listeners) ruleListeners.end?.();
    return { findings, sensitive };
  }
}
