/**
 * What a config rule module exports. The config front end reads .env, YAML, JSON,
 * .properties and shell files into key/value entries and commands (src/analyze/config/),
 * and each rule judges that normalised form, whatever the file format.
 */
import type { RuleOptionSpec } from '../../config.js';
import type { ConfigFile } from '../../analyze/config/entries.js';
import type { ConfigFacts } from '../../analyze/config/facts.js';
import type { Severity } from '../../types.js';

export interface ConfigReport {
  /** UTF-16 offsets of the reported value in the file. */
  start: number;
  end: number;
  /** Reads well alone in a code-scanning alert. Secrets already masked with maskSecret. */
  message: string;
  fix?: string;
  /** Overrides the configured severity (a value in a template file is reported low). */
  severity?: Severity;
}

export interface ConfigRuleContext {
  readonly file: ConfigFile;
  readonly facts: ConfigFacts;
  /** The rule's options: defaults merged with the config file. */
  readonly options: Readonly<Record<string, unknown>>;
  report(report: ConfigReport): void;
}

export interface ConfigRule {
  id: string;
  /** Default fix hint, one sentence. */
  fix: string;
  options?: Record<string, RuleOptionSpec>;
  check(context: ConfigRuleContext): void;
}

/** Literal values in templates (`.env.example`) and CI pipelines are examples or test values: reported, but low. */
export function literalValueSeverity(context: ConfigRuleContext): Severity | undefined {
  return context.file.template || context.file.ci ? 'low' : undefined;
}
