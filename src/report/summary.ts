/**
 * The numbers and the order every report format agrees on: findings sorted the same way,
 * counted the same way, and the one-line summary printed on stderr.
 */
import { SEVERITIES, SEVERITY_RANK, type Finding, type ScanResult, type Severity, type SkippedFile } from '../types.js';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order: file, start line, start column, rule id. Returns a new array. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      compareStrings(a.ruleId, b.ruleId),
  );
}

/** Skipped files sorted by path. Returns a new array. */
export function sortSkipped(skipped: readonly SkippedFile[]): SkippedFile[] {
  return [...skipped].sort((a, b) => compareStrings(a.file, b.file));
}

/** Count per severity, with every severity present (zero when none). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, note: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** How many findings meet the `--fail-on` threshold. */
export function countAtOrAbove(findings: readonly Finding[], failOn: Severity | 'none'): number {
  if (failOn === 'none') return 0;
  return findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]).length;
}

/** `3 critical, 5 high, 4 medium`: only the severities that occur, most severe first. */
export function severityBreakdown(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

/** `12ms`, `0.8s`, `12.3s`. */
export function formatDuration(ms: number): string {
  if (ms < 100) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(1)}s`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * `jwt-lint: 12 findings (3 critical, 5 high, 4 medium) in 40 files, 2 skipped, 0.8s`.
 * Files are `stats.filesScanned`; skipped is the length of the skipped list.
 */
export function summaryLine(result: ScanResult): string {
  const { findings } = result;
  const breakdown = findings.length > 0 ? ` (${severityBreakdown(findings)})` : '';
  return (
    `jwt-lint: ${plural(findings.length, 'finding')}${breakdown}` +
    ` in ${plural(result.stats.filesScanned, 'file')}, ${result.skipped.length} skipped,` +
    ` ${formatDuration(result.stats.durationMs)}`
  );
}
