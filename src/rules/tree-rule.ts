/**
 * What a rule module for a tree-sitter language (Python, Java, Go) exports. Like a JS/TS
 * rule, it subscribes to node types; the front end walks each file once and dispatches to
 * every enabled rule. `F` is the language's per-file facts: its value resolver and its
 * recognition of JWT library calls, shared by all rules of that language.
 */
import type { RuleOptionSpec } from '../config.js';
import type { SyntaxNode } from '../analyze/tree/parser.js';
import type { SyntaxFile } from '../analyze/tree/syntax.js';
import type { RelatedLocation, Severity } from '../types.js';

export interface TreeReport {
  node: SyntaxNode;
  /** The file `node` belongs to, when it is not the file being analysed (a settings module). */
  in?: SyntaxFile;
  /** Reads well alone in a code-scanning alert. Secrets already masked with maskSecret. */
  message: string;
  fix?: string;
  related?: RelatedLocation[];
  /** Overrides the configured severity. */
  severity?: Severity;
}

export interface TreeRuleContext<F> {
  /** Path relative to the scan root. */
  readonly file: string;
  readonly syntax: SyntaxFile;
  readonly facts: F;
  /** The rule's options: defaults merged with the config file. */
  readonly options: Readonly<Record<string, unknown>>;
  report(report: TreeReport): void;
  /** Registers a secret value so code frames of any finding mask it; `file` is where it is written (default: this file). */
  markSensitive(value: string, file?: string): void;
}

export interface TreeRuleListeners {
  /** Called for nodes of the given types (tree-sitter type names), in source order. */
  nodes?: Record<string, (node: SyntaxNode) => void>;
  /** Called once the whole file has been walked. */
  end?: () => void;
}

export interface TreeRule<F> {
  id: string;
  /** Default fix hint, one sentence. */
  fix: string;
  options?: Record<string, RuleOptionSpec>;
  create(context: TreeRuleContext<F>): TreeRuleListeners;
}
