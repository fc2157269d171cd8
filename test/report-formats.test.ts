import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, renderReport, summaryLine, type ReportOptions } from '../src/report/index.js';
import type { JsonReport } from '../src/report/json.js';
import { escapeControl } from '../src/report/text.js';
import type { Finding, ScanResult, Severity } from '../src/types.js';

// Built from character codes so this file itself contains no raw escape characters.
const ESC = String.fromCharCode(0x1b);
const ANSI = new RegExp(`${ESC}\\[`);

function finding(ruleId: string, severity: Severity, file: string, line: number, column: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity,
    file,
    range: { start: { line, column }, end: { line, column: column + 5 } },
    message: `${ruleId} at ${line}`,
    fix: `Fix for ${ruleId}.`,
    engine: 'ast',
    ...extra,
  };
}

function sampleResult(): ScanResult {
  return {
    root: '/repo',
    findings: [
      finding('missing-expiration', 'medium', 'src/sign.ts', 40, 5),
      finding('weak-secret', 'critical', 'src/auth.ts', 12, 7, {
        message: 'JWT secret "se…(6 chars)" is too short | guessable',
        snippet: "    const secret = 'se…(6 chars)';",
      }),
      finding('missing-algorithms', 'high', 'src/auth.ts', 30, 3, { snippet: 'jwt.verify(token, secret)' }),
      finding('token-in-url', 'low', 'src/client.ts', 8, 14),
    ],
    skipped: [
      { file: 'vendor/huge.min.js', reason: 'larger than 1 MB' },
      { file: 'src/broken.ts', reason: 'parse error' },
    ],
    stats: { filesDiscovered: 42, filesScanned: 40, filesSkipped: 2, durationMs: 812 },
  };
}

function emptyResult(): ScanResult {
  return { ...sampleResult(), findings: [] };
}

const baseOptions: ReportOptions = {
  rules: new Map(),
  toolVersion: '1.2.3',
  color: false,
  quiet: false,
  verbose: false,
  failOn: 'high',
};

function text(result: ScanResult, overrides: Partial<ReportOptions> = {}): string {
  return renderReport('text', result, { ...baseOptions, ...overrides });
}

describe('report formats', () => {
  it('lists the five formats', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'sarif', 'markdown', 'codequality']);
  });
});

describe('text report', () => {
  it('prints findings grouped by file with position, rule, snippet and fix', () => {
    const out = text(sampleResult());
    expect(out).not.toMatch(ANSI);
    expect(out).toContain('src/auth.ts\n  12:7  critical  JWT secret "se…(6 chars)" is too short | guessable  weak-secret\n');
    expect(out).toContain("    > const secret = 'se…(6 chars)';\n    fix: Fix for weak-secret.\n");
    expect(out).toContain('  30:3  high      missing-algorithms at 30  missing-algorithms\n');
    // Files in sorted order, each path printed once.
    expect(out.indexOf('src/auth.ts')).toBeLessThan(out.indexOf('src/client.ts'));
    expect(out.indexOf('src/client.ts')).toBeLessThan(out.indexOf('src/sign.ts'));
    expect(out.split('src/auth.ts').length).toBe(2);
  });

  it('ends with a summary of findings, files, skipped files and time', () => {
    const out = text(sampleResult());
    expect(out).toContain('✖ 4 findings (1 critical, 1 high, 1 medium, 1 low)');
    expect(out).toContain('40 files scanned, 2 skipped (--verbose lists them), 0.8s');
    expect(out).not.toContain('parse error');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('marks the headline as a warning when nothing meets --fail-on', () => {
    const out = text(sampleResult(), { failOn: 'none' });
    expect(out).toContain('⚠ 4 findings');
    expect(out).not.toContain('✖');
  });

  it('lists skipped files with reasons in verbose mode', () => {
    const out = text(sampleResult(), { verbose: true });
    expect(out).toContain('Skipped files:\n  src/broken.ts  parse error\n  vendor/huge.min.js  larger than 1 MB\n');
  });

  it('prints only the findings in quiet mode', () => {
    const out = text(sampleResult(), { quiet: true, verbose: true });
    expect(out).toContain('weak-secret');
    expect(out).not.toContain('scanned');
    expect(out).not.toContain('Skipped files');
    expect(text(emptyResult(), { quiet: true })).toBe('');
  });

  it('says so when there are no findings', () => {
    const out = text(emptyResult());
    expect(out).toBe('No JWT problems found\n40 files scanned, 2 skipped (--verbose lists them), 0.8s\n');
  });

  it('colours only when asked to', () => {
    const coloured = text(sampleResult(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain(`${ESC}[31m`); // red for critical/high
    expect(coloured).toContain(`${ESC}[33m`); // yellow for medium
    expect(text(emptyResult(), { color: true })).toContain(`${ESC}[32mNo JWT problems found`);
  });

  it('escapes control characters from file names, messages and snippets', () => {
    const hostile = `src/evil${ESC}]0;pwned${String.fromCharCode(7)}.ts`;
    const result: ScanResult = {
      ...emptyResult(),
      findings: [
        finding('jwt-literal', 'medium', hostile, 1, 1, {
          message: `token${ESC}[2J here`,
          snippet: `x = 1\r${String.fromCharCode(0x7f)}${String.fromCharCode(0x9b)}31m`,
        }),
      ],
      skipped: [{ file: `bad\nname${ESC}[31m.js`, reason: `reason${ESC}[0m` }],
    };
    for (const color of [false, true]) {
      const out = text(result, { color, verbose: true });
      expect(out).toContain('src/evil\\x1b]0;pwned\\x07.ts');
      expect(out).toContain('token\\x1b[2J here');
      expect(out).toContain('x = 1\\x0d\\x7f\\x9b31m');
      expect(out).toContain('bad\\x0aname\\x1b[31m.js  ');
      // With colour off, no raw ESC may remain at all.
      if (!color) expect(out).not.toContain(ESC);
      expect(out).not.toContain(String.fromCharCode(7));
      expect(out).not.toContain('\r');
    }
    expect(escapeControl('tab\there')).toBe('tab\\x09here');
  });

  it('truncates long snippets', () => {
    const result: ScanResult = {
      ...emptyResult(),
      findings: [finding('secret-logged', 'medium', 'a.ts', 1, 1, { snippet: `log(${'x'.repeat(500)})` })],
    };
    const snippetLine = text(result)
      .split('\n')
      .find((line) => line.startsWith('    > '));
    expect(snippetLine).toBeDefined();
    expect([...snippetLine!.slice(6)].length).toBe(160);
    expect(snippetLine!.endsWith('…')).toBe(true);
  });
});

describe('json report', () => {
  it('has the documented shape with sorted findings and counts', () => {
    const out = renderReport('json', sampleResult(), baseOptions);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.startsWith('{\n  "schemaVersion": 1,')).toBe(true);
    const report = JSON.parse(out) as JsonReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'jwt-lint', version: '1.2.3' });
    expect(report.root).toBe('/repo');
    expect(report.stats).toEqual({
      filesDiscovered: 42,
      filesScanned: 40,
      filesSkipped: 2,
      durationMs: 812,
      findings: 4,
      bySeverity: { critical: 1, high: 1, medium: 1, low: 1, note: 0 },
    });
    expect(report.findings.map((f) => `${f.file}:${f.startLine}`)).toEqual([
      'src/auth.ts:12',
      'src/auth.ts:30',
      'src/client.ts:8',
      'src/sign.ts:40',
    ]);
    expect(report.findings[0]).toEqual({
      ruleId: 'weak-secret',
      severity: 'critical',
      file: 'src/auth.ts',
      startLine: 12,
      startColumn: 7,
      endLine: 12,
      endColumn: 12,
      message: 'JWT secret "se…(6 chars)" is too short | guessable',
      fix: 'Fix for weak-secret.',
      snippet: "    const secret = 'se…(6 chars)';",
    });
    expect(report.findings[2]).not.toHaveProperty('snippet');
    expect(report.findings[2]).not.toHaveProperty('engine');
    expect(report.skipped).toEqual([
      { file: 'src/broken.ts', reason: 'parse error' },
      { file: 'vendor/huge.min.js', reason: 'larger than 1 MB' },
    ]);
  });

  it('flattens related locations', () => {
    const result = sampleResult();
    result.findings[0] = {
      ...result.findings[0]!,
      related: [{ file: 'src/keys.ts', range: { start: { line: 2, column: 1 }, end: { line: 2, column: 9 } }, message: 'defined here' }],
    };
    const report = JSON.parse(renderReport('json', result, baseOptions)) as JsonReport;
    const sign = report.findings.find((f) => f.ruleId === 'missing-expiration');
    expect(sign?.related).toEqual([
      { file: 'src/keys.ts', startLine: 2, startColumn: 1, endLine: 2, endColumn: 9, message: 'defined here' },
    ]);
  });
});

describe('markdown report', () => {
  it('has a heading, a count for every severity and one table per severity', () => {
    const out = renderReport('markdown', sampleResult(), baseOptions);
    expect(out.startsWith('## jwt-lint\n')).toBe(true);
    for (const row of ['| critical | 1 |', '| high | 1 |', '| medium | 1 |', '| low | 1 |', '| note | 0 |']) {
      expect(out).toContain(row);
    }
    expect(out).toContain('| Severity | Rule | Location | Message |');
    expect(out.indexOf('### Critical (1)')).toBeLessThan(out.indexOf('### High (1)'));
    expect(out.indexOf('### High (1)')).toBeLessThan(out.indexOf('### Medium (1)'));
    expect(out).not.toContain('### Note');
    expect(out).toContain(
      '| high | [`missing-algorithms`](https://github.com/jwt-lint/jwt-lint/blob/main/rules/missing-algorithms.md) | `src/auth.ts:30` | missing-algorithms at 30<br>**Fix:** Fix for missing-algorithms. |',
    );
    expect(out).toContain('2 findings at or above `high`');
  });

  it('escapes pipes, newlines and HTML in cells', () => {
    const result = sampleResult();
    result.findings[0] = { ...result.findings[0]!, message: 'a | b\nc <img>', file: 'src/we|ird.ts' };
    const out = renderReport('markdown', result, baseOptions);
    expect(out).toContain('| `src/we\\|ird.ts:40` | a \\| b<br>c &lt;img&gt;<br>**Fix:**');
    expect(out).toContain('JWT secret "se…(6 chars)" is too short \\| guessable');
    // Every table row still has exactly its 4 columns' worth of unescaped pipes.
    for (const line of out.split('\n').filter((l) => l.startsWith('| critical |') || l.startsWith('| medium |'))) {
      if (!line.includes('](')) continue;
      expect(line.replace(/\\\|/g, '').split('|').length).toBe(6);
    }
  });

  it('lists skipped files in a collapsed section', () => {
    const out = renderReport('markdown', sampleResult(), baseOptions);
    expect(out).toContain('<details>\n<summary>Skipped files (2)</summary>');
    expect(out).toContain('| `src/broken.ts` | parse error |');
    const none = renderReport('markdown', { ...sampleResult(), skipped: [] }, baseOptions);
    expect(none).not.toContain('<details>');
  });

  it('says when no JWT problems were found', () => {
    const out = renderReport('markdown', emptyResult(), baseOptions);
    expect(out).toContain('No JWT problems were found.');
    expect(out).not.toContain('| Severity | Rule |');
  });
});

describe('summaryLine', () => {
  it('counts findings by severity, files, skipped files and time', () => {
    expect(summaryLine(sampleResult())).toBe(
      'jwt-lint: 4 findings (1 critical, 1 high, 1 medium, 1 low) in 40 files, 2 skipped, 0.8s',
    );
  });

  it('handles no findings and singulars', () => {
    const result: ScanResult = {
      ...emptyResult(),
      findings: [finding('alg-none', 'critical', 'a.ts', 1, 1)],
      skipped: [],
      stats: { filesDiscovered: 1, filesScanned: 1, filesSkipped: 0, durationMs: 42 },
    };
    expect(summaryLine(result)).toBe('jwt-lint: 1 finding (1 critical) in 1 file, 0 skipped, 42ms');
    expect(summaryLine(emptyResult())).toBe('jwt-lint: 0 findings in 40 files, 2 skipped, 0.8s');
  });
});
