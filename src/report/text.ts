/**
 * Human-readable terminal output, in the style of ESLint's "stylish" formatter:
 *
 *   src/auth.ts
 *     12:7   critical  JWT secret "my…(6 chars)" is 6 bytes long  weak-secret
 *       > const secret = 'my…(6 chars)';
 *       fix: Load a random 256-bit secret from the environment.
 *
 * Everything that comes from the scanned repository (file names, messages, snippets) goes
 * through `escapeControl`, so a hostile file name cannot send escape sequences to the terminal.
 */
import picocolors from 'picocolors';
import type { Finding, ScanResult, Severity } from '../types.js';
import type { ReportOptions } from './index.js';
import { countAtOrAbove, formatDuration, plural, severityBreakdown, sortFindings, sortSkipped } from './summary.js';

export type TextOptions = Pick<ReportOptions, 'color' | 'quiet' | 'verbose' | 'failOn'>;

type Colors = ReturnType<typeof picocolors.createColors>;

const SNIPPET_MAX = 160;

/**
 * Replaces C0 controls (U+0000-U+001F, including ESC, tab and newline), DEL and C1 controls
 * (U+0080-U+009F, where U+009B is a one-byte CSI) with `\xNN`, and the invisible bidirectional
 * controls that can reorder what a terminal shows (U+061C, U+200E-U+200F, U+202A-U+202E,
 * U+2066-U+2069, "Trojan Source") with `\uNNNN`.
 */
export function escapeControl(text: string): string {
  return text
    .replace(/[\x00-\x1f\x7f-\x9f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function severityColor(c: Colors, severity: Severity): (text: string) => string {
  switch (severity) {
    case 'critical':
      return (text) => c.bold(c.red(text));
    case 'high':
      return c.red;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.blue;
    case 'note':
      return c.dim;
  }
}

function renderFile(c: Colors, file: string, findings: Finding[]): string[] {
  const positions = findings.map((f) => `${f.range.start.line}:${f.range.start.column}`);
  const positionWidth = Math.max(...positions.map((p) => p.length));
  const severityWidth = Math.max(...findings.map((f) => f.severity.length));
  const lines = [c.underline(escapeControl(file))];
  findings.forEach((finding, i) => {
    const position = c.dim((positions[i] ?? '').padEnd(positionWidth));
    const severity = severityColor(c, finding.severity)(finding.severity.padEnd(severityWidth));
    lines.push(`  ${position}  ${severity}  ${escapeControl(finding.message)}  ${c.dim(finding.ruleId)}`);
    if (finding.snippet !== undefined && finding.snippet.trim() !== '') {
      lines.push(`    ${c.dim('>')} ${escapeControl(truncate(finding.snippet.trim(), SNIPPET_MAX))}`);
    }
    for (const related of finding.related ?? []) {
      const where = `${related.file}:${related.range.start.line}:${related.range.start.column}`;
      lines.push(`    ${c.dim('see:')} ${escapeControl(where)}  ${escapeControl(related.message)}`);
    }
    lines.push(`    ${c.dim('fix:')} ${escapeControl(finding.fix)}`);
  });
  return lines;
}

function renderSummary(c: Colors, result: ScanResult, options: TextOptions): string[] {
  const { findings, skipped, stats } = result;
  const lines: string[] = [];
  if (findings.length === 0) {
    lines.push(c.green('No JWT problems found'));
  } else {
    const failing = countAtOrAbove(findings, options.failOn) > 0;
    const headline = `${failing ? '✖' : '⚠'} ${plural(findings.length, 'finding')} (${severityBreakdown(findings)})`;
    lines.push(c.bold(failing ? c.red(headline) : c.yellow(headline)));
  }
  const skippedText = `${skipped.length} skipped${skipped.length > 0 && !options.verbose ? ' (--verbose lists them)' : ''}`;
  lines.push(
    c.dim(`${plural(stats.filesScanned, 'file')} scanned, ${skippedText}, ${formatDuration(stats.durationMs)}`),
  );
  if (result.incomplete) lines.push(c.yellow(`Incomplete scan: ${escapeControl(result.incomplete)}`));
  if (options.verbose && skipped.length > 0) {
    lines.push('', 'Skipped files:');
    for (const entry of sortSkipped(skipped)) {
      lines.push(`  ${escapeControl(entry.file)}  ${c.dim(escapeControl(entry.reason))}`);
    }
  }
  return lines;
}

export function renderText(result: ScanResult, options: TextOptions): string {
  const c = picocolors.createColors(options.color);
  const byFile = new Map<string, Finding[]>();
  for (const finding of sortFindings(result.findings)) {
    const group = byFile.get(finding.file) ?? [];
    group.push(finding);
    byFile.set(finding.file, group);
  }
  const blocks = [...byFile].map(([file, findings]) => renderFile(c, file, findings).join('\n'));
  if (!options.quiet) blocks.push(renderSummary(c, result, options).join('\n'));
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
