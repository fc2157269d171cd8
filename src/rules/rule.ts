/**
 * What a rule module exports. A JS/TS rule subscribes to node kinds and to recognised
 * JWT library calls; the front end walks each file once and dispatches to every rule.
 * Metadata (title, severity, CWE, summary) lives in `rules/<id>.md`; the module holds
 * the check, its fix hint and its option schema.
 */
import type { ts } from 'ts-morph';
import type { RuleOptionSpec } from '../config.js';
import type { KeyCandidate } from '../analyze/js/key-material.js';
import type { JwtCall } from '../analyze/js/libraries.js';
import type { Origin, ValueResolver } from '../analyze/js/values.js';
import type { RelatedLocation, Severity } from '../types.js';

export interface ReportDescriptor {
  /** Where: a node of this file, or an origin (possibly in another file of the scan). */
  node?: ts.Node;
  origin?: Origin;
  /** Reads well alone in a code-scanning alert. Secrets already masked with maskSecret. */
  message: string;
  /** Overrides the rule's default fix hint. */
  fix?: string;
  related?: RelatedLocation[];
  /** Overrides the configured severity (for example an unsigned token is critical). */
  severity?: Severity;
}

export interface JsRuleContext {
  /** Path relative to the scan root. */
  readonly file: string;
  readonly sourceFile: ts.SourceFile;
  readonly resolver: ValueResolver;
  /** The rule's options: defaults merged with the config file. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Recognises a JWT library call (cached, shared by all rules). */
  jwtCall(node: ts.CallExpression | ts.NewExpression): JwtCall | undefined;
  report(descriptor: ReportDescriptor): void;
  /** Registers a secret value so code frames of any finding mask it. */
  markSensitive(value: string): void;
  /**
   * The file's JWT key material (literal secrets, private keys, env fallbacks), collected
   * once per file during the walk; complete when `end()` runs.
   */
  keyMaterial(): readonly KeyCandidate[];
}

export type JsVisitor = (node: ts.Node) => void;

export interface JsRuleListeners {
  /** Called for every recognised JWT library call. */
  jwtCall?: (call: JwtCall) => void;
  /** Called for nodes of the given kinds, in source order. */
  nodes?: Partial<Record<ts.SyntaxKind, JsVisitor>>;
  /** Called once the whole file has been walked. */
  end?: () => void;
}

export interface JsRule {
  id: string;
  /** Default fix hint, one sentence. */
  fix: string;
  options?: Record<string, RuleOptionSpec>;
  create(context: JsRuleContext): JsRuleListeners;
}
