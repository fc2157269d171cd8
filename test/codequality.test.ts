/** `--format codequality`: GitLab's Code Quality JSON, with fingerprints that survive line shifts. */
import { describe, expect, it } from 'vitest';
import { renderReport, type ReportOptions } from '../src/report/index.js';
import type { Finding, ScanResult, Severity } from '../src/types.js';

const options: ReportOptions = { rules: new Map(), toolVersion: '0.0.0', color: false, quiet: false, verbose: false, failOn: 'high' };

function finding(ruleId: string, severity: Severity, file: string, line: number, snippet: string): Finding {
  return {
    ruleId, severity, file, snippet, message: `${ruleId} message`, fix: 'fix', engine: 'ast',
    range: { start: { line, column: 3 }, end: { line: line + 1, column: 9 } },
  };
}

function result(findings: Finding[]): ScanResult {
  return { root: '/repo', findings, skipped: [], stats: { filesDiscovered: 1, filesScanned: 1, filesSkipped: 0, durationMs: 1 } };
}

interface Issue { type: string; check_name: string; description: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number; end: number } } }

function render(findings: Finding[]): Issue[] {
  return JSON.parse(renderReport('codequality', result(findings), options)) as Issue[];
}

describe('codequality report', () => {
  it('writes one issue per finding with GitLab severities and locations', () => {
    const issues = render([
      finding('weak-secret', 'critical', 'src/a.ts', 4, "sign(p, 'se…(6 chars)')"),
      finding('missing-algorithms', 'high', 'src/a.ts', 9, 'verify(t, k)'),
      finding('missing-expiration', 'medium', 'src/b.ts', 2, 'sign(p, k)'),
      finding('missing-issuer', 'low', 'src/b.ts', 7, 'verify(t, k)'),
      finding('prefer-asymmetric', 'note', 'src/c.ts', 1, 'sign(p, k)'),
    ]);
    expect(issues.map((i) => [i.check_name, i.severity])).toEqual([
      ['weak-secret', 'critical'], ['missing-algorithms', 'major'], ['missing-expiration', 'minor'],
      ['missing-issuer', 'info'], ['prefer-asymmetric', 'info'],
    ]);
    expect(issues[0]).toMatchObject({ type: 'issue', location: { path: 'src/a.ts', lines: { begin: 4, end: 5 } } });
    expect(issues[0]!.description).toContain('weak-secret');
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('keeps fingerprints when lines shift and tells identical lines apart', () => {
    const before = render([finding('weak-secret', 'critical', 'src/a.ts', 4, 'x'), finding('weak-secret', 'critical', 'src/a.ts', 8, 'x')]);
    const after = render([finding('weak-secret', 'critical', 'src/a.ts', 14, 'x'), finding('weak-secret', 'critical', 'src/a.ts', 18, 'x')]);
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(before[0]!.fingerprint).not.toBe(before[1]!.fingerprint);
  });

  it('is an empty array without findings', () => {
    expect(render([])).toEqual([]);
  });
});
