/**
 * Machine-readable output (`--format json`). The shape is a public interface: fields are only
 * ever added; removing or renaming one bumps `schemaVersion`.
 *
 * ```ts
 * {
 *   schemaVersion: 1,
 *   tool: { name: 'jwt-lint', version: string },
 *   root: string,                 // absolute path every `file` below is relative to
 *   stats: {
 *     filesDiscovered: number,
 *     filesScanned: number,
 *     filesSkipped: number,
 *     durationMs: number,
 *     findings: number,           // total
 *     bySeverity: { critical: number, high: number, medium: number, low: number, note: number },
 *   },
 *   findings: Array<{             // sorted by file, startLine, startColumn, ruleId
 *     ruleId: string,
 *     severity: 'critical' | 'high' | 'medium' | 'low' | 'note',
 *     file: string,               // relative to root, forward slashes
 *     startLine: number,          // lines and columns are 1-based
 *     startColumn: number,
 *     endLine: number,
 *     endColumn: number,
 *     message: string,            // secrets already masked
 *     fix: string,
 *     snippet?: string,           // the flagged source line, secrets masked
 *     related?: Array<{ file: string, startLine: number, startColumn: number,
 *                       endLine: number, endColumn: number, message: string }>,
 *   }>,
 *   skipped: Array<{ file: string, reason: string }>,   // sorted by file; a directory ends with '/'
 *   incomplete?: string,          // why the scan stopped early (--timeout); absent when complete
 * }
 * ```
 *
 * Printed with 2-space indentation and a trailing newline.
 */
import type { RelatedLocation, ScanResult, Severity, SourceRange } from '../types.js';
import { countBySeverity, sortFindings, sortSkipped } from './summary.js';

interface JsonRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface JsonRelated extends JsonRange {
  file: string;
  message: string;
}

export interface JsonFinding extends JsonRange {
  ruleId: string;
  severity: Severity;
  file: string;
  message: string;
  fix: string;
  snippet?: string;
  related?: JsonRelated[];
}

export interface JsonReport {
  schemaVersion: 1;
  tool: { name: 'jwt-lint'; version: string };
  root: string;
  stats: {
    filesDiscovered: number;
    filesScanned: number;
    filesSkipped: number;
    durationMs: number;
    findings: number;
    bySeverity: Record<Severity, number>;
  };
  findings: JsonFinding[];
  skipped: Array<{ file: string; reason: string }>;
  incomplete?: string;
}

function flatRange(range: SourceRange): JsonRange {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

function toJsonRelated(related: RelatedLocation): JsonRelated {
  return { file: related.file, ...flatRange(related.range), message: related.message };
}

export function buildJsonReport(result: ScanResult, toolVersion: string): JsonReport {
  const { stats } = result;
  return {
    schemaVersion: 1,
    tool: { name: 'jwt-lint', version: toolVersion },
    root: result.root,
    stats: {
      filesDiscovered: stats.filesDiscovered,
      filesScanned: stats.filesScanned,
      filesSkipped: stats.filesSkipped,
      durationMs: stats.durationMs,
      findings: result.findings.length,
      bySeverity: countBySeverity(result.findings),
    },
    findings: sortFindings(result.findings).map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.file,
      ...flatRange(f.range),
      message: f.message,
      fix: f.fix,
      ...(f.snippet !== undefined ? { snippet: f.snippet } : {}),
      ...(f.related && f.related.length > 0 ? { related: f.related.map(toJsonRelated) } : {}),
    })),
    skipped: sortSkipped(result.skipped).map((s) => ({ file: s.file, reason: s.reason })),
    ...(result.incomplete ? { incomplete: result.incomplete } : {}),
  };
}

export function renderJson(result: ScanResult, toolVersion: string): string {
  return `${JSON.stringify(buildJsonReport(result, toolVersion), null, 2)}\n`;
}
