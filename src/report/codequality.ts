/**
 * GitLab Code Quality (`--format codequality`): the Code Climate issue subset GitLab reads
 * from `artifacts:reports:codequality` and shows on merge requests.
 *
 * Each finding is `{ type, check_name, description, categories, severity, fingerprint,
 * location: { path, lines: { begin, end } } }`. The fingerprint is that of the baseline (rule,
 * file, hash of the masked line, occurrence), so GitLab keeps tracking an issue when code
 * moves up or down. Severities: critical -> critical, high -> major, medium -> minor,
 * low and note -> info.
 */
import { createHash } from 'node:crypto';
import { baselineEntries } from '../baseline.js';
import type { ScanResult, Severity } from '../types.js';
import { sortFindings } from './summary.js';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Severity, CodeQualitySeverity> = {
  critical: 'critical',
  high: 'major',
  medium: 'minor',
  low: 'info',
  note: 'info',
};

export function renderCodeQuality(result: ScanResult): string {
  const findings = sortFindings(result.findings);
  const entries = baselineEntries(findings); // same order: file, line, column, rule
  const issues = findings.map((finding, index) => {
    const entry = entries[index]!;
    return {
      type: 'issue',
      engine_name: 'jwt-lint',
      check_name: finding.ruleId,
      description: `${finding.message} (${finding.ruleId})`,
      categories: ['Security'],
      severity: SEVERITY[finding.severity],
      fingerprint: createHash('sha256').update([entry.ruleId, entry.file, entry.code, entry.occurrence].join('\0')).digest('hex').slice(0, 32),
      location: { path: finding.file, lines: { begin: finding.range.start.line, end: finding.range.end.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
