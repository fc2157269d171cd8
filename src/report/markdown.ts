/**
 * GitHub-flavoured Markdown (`--format markdown`), for `$GITHUB_STEP_SUMMARY` and PR comments:
 * a count per severity, then one table of findings per severity, most severe first, then the
 * skipped files in a collapsed `<details>` block.
 */
import { SEVERITIES, type Finding, type ScanResult, type Severity } from '../types.js';
import type { ReportOptions } from './index.js';
import { ruleHelpUri } from './sarif.js';
import { escapeControl } from './text.js';
import { countAtOrAbove, countBySeverity, formatDuration, plural, sortFindings, sortSkipped } from './summary.js';

export type MarkdownOptions = Pick<ReportOptions, 'failOn'>;

/**
 * Plain text in a table cell: pipes escaped, line breaks as `<br>`, HTML neutralised, other
 * control characters as `\xNN` (the report may well be printed on a terminal).
 */
export function escapeCell(text: string): string {
  return escapeControl(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '\\|')
      .replace(/\r?\n|\r/g, '<br>'),
  );
}

/** Inline code in a table cell, with a fence longer than any backtick run inside it. */
function codeCell(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const body = escapeControl(text.replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' '));
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function findingRow(finding: Finding): string {
  const rule = `[${codeCell(finding.ruleId)}](${ruleHelpUri(finding.ruleId)})`;
  const location = codeCell(`${finding.file}:${finding.range.start.line}`);
  const message = `${escapeCell(finding.message)}<br>**Fix:** ${escapeCell(finding.fix)}`;
  return `| ${finding.severity} | ${rule} | ${location} | ${message} |`;
}

function severitySection(severity: Severity, findings: Finding[]): string[] {
  return [
    `### ${capitalize(severity)} (${findings.length})`,
    '',
    '| Severity | Rule | Location | Message |',
    '| --- | --- | --- | --- |',
    ...findings.map(findingRow),
    '',
  ];
}

export function renderMarkdown(result: ScanResult, options: MarkdownOptions): string {
  const { findings, skipped, stats } = result;
  const lines = ['## jwt-lint', ''];
  const scanned = `${plural(stats.filesScanned, 'file')} scanned, ${skipped.length} skipped, ${formatDuration(stats.durationMs)}.`;

  if (findings.length === 0) {
    lines.push(`No JWT problems were found. ${scanned}`, '');
  } else {
    const counts = countBySeverity(findings);
    lines.push('| Severity | Count |', '| --- | ---: |', ...SEVERITIES.map((s) => `| ${s} | ${counts[s]} |`), '');
    const failing = countAtOrAbove(findings, options.failOn);
    const threshold = failing > 0 ? ` ${plural(failing, 'finding')} at or above \`${options.failOn}\`.` : '';
    lines.push(`${plural(findings.length, 'finding')} in ${scanned}${threshold}`, '');
    const sorted = sortFindings(findings);
    for (const severity of SEVERITIES) {
      const group = sorted.filter((f) => f.severity === severity);
      if (group.length > 0) lines.push(...severitySection(severity, group));
    }
  }

  if (result.incomplete) lines.push(`**Incomplete scan:** ${escapeCell(result.incomplete)}.`, '');
  if (skipped.length > 0) {
    lines.push(
      '<details>',
      `<summary>Skipped files (${skipped.length})</summary>`,
      '',
      '| File | Reason |',
      '| --- | --- |',
      ...sortSkipped(skipped).map((s) => `| ${codeCell(s.file)} | ${escapeCell(s.reason)} |`),
      '',
      '</details>',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
