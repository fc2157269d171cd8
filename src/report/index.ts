/** Report formats: one module per format, chosen by `--format`. */
import type { RuleDoc, ScanResult, Severity } from '../types.js';
import { renderCodeQuality } from './codequality.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export { summaryLine } from './summary.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'codequality'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** Every known rule (SARIF describes all of them), keyed by id. */
  rules: Map<string, RuleDoc>;
  toolVersion: string;
  /** ANSI colours in the text format. */
  color: boolean;
  /** Text format: findings only, no summary. */
  quiet: boolean;
  /** Text format: also list skipped files with their reasons. */
  verbose: boolean;
  /** The `--fail-on` threshold; text and markdown mention how many findings meet it. */
  failOn: Severity | 'none';
}

/** The whole report as one string, ending with a newline (empty in quiet text mode with no findings). */
export function renderReport(format: ReportFormat, result: ScanResult, options: ReportOptions): string {
  switch (format) {
    case 'text':
      return renderText(result, options);
    case 'json':
      return renderJson(result, options.toolVersion);
    case 'sarif':
      return renderSarif(result, options);
    case 'markdown':
      return renderMarkdown(result, options);
    case 'codequality':
      return renderCodeQuality(result);
  }
}
