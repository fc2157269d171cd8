import { validateSarif } from './helpers/sarif-schema.js';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { buildSarifLog, renderSarif, sarifLevel, SECURITY_SEVERITY } from '../src/report/sarif.js';
import { parseRuleDoc } from '../src/rules/docs.js';
import type { Finding, RuleDoc, ScanResult, Severity } from '../src/types.js';


function ruleDoc(id: string, severity: Severity, cwe: string, extra = ''): RuleDoc {
  const page = [
    '---',
    `id: ${id}`,
    `title: Title of ${id}`,
    `severity: ${severity}`,
    `summary: Summary of ${id}.`,
    `cwe: ${cwe}`,
    'precision: high',
    ...(extra ? [extra] : []),
    '---',
    '',
    `# ${id}`,
    '',
    'Why it matters, with `code`.',
    '',
  ].join('\n');
  return parseRuleDoc(page, `${id}.md`);
}

const rules = new Map<string, RuleDoc>(
  [
    ruleDoc('weak-secret', 'critical', 'CWE-521, CWE-798'),
    ruleDoc('missing-algorithms', 'high', 'CWE-347'),
    ruleDoc('token-in-web-storage', 'medium', 'CWE-922'),
    ruleDoc('prefer-asymmetric', 'note', 'CWE-327', 'enabled: false'),
    ruleDoc('alg-none', 'critical', 'CWE-347'),
  ].map((doc) => [doc.id, doc]),
);

function finding(
  ruleId: string,
  severity: Severity,
  file: string,
  line: number,
  column: number,
  snippet: string,
  extra: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    severity,
    file,
    range: { start: { line, column }, end: { line, column: column + 10 } },
    message: `${ruleId} message`,
    fix: `${ruleId} fix.`,
    engine: 'ast',
    snippet,
    ...extra,
  };
}

const UNICODE_FILE = 'src/auth service/ключ.ts';

function sampleResult(): ScanResult {
  return {
    root: '/home/dev/my app',
    findings: [
      finding('missing-algorithms', 'high', 'src/verify.ts', 20, 3, 'jwt.verify(token, key)', {
        related: [
          {
            file: UNICODE_FILE,
            range: { start: { line: 3, column: 7 }, end: { line: 3, column: 20 } },
            message: 'key defined here',
          },
        ],
      }),
      finding('weak-secret', 'critical', UNICODE_FILE, 3, 16, "const key = 'se…(6 chars)';"),
      finding('token-in-web-storage', 'low', 'test/app.test.ts', 5, 1, "localStorage.setItem('token', t)"),
      finding('token-in-web-storage', 'medium', 'src/client.ts', 9, 1, "localStorage.setItem('token', t)"),
      finding('token-in-web-storage', 'medium', 'src/client.ts', 14, 1, "  localStorage.setItem('token',  t)"),
    ],
    skipped: [{ file: 'vendor/huge bundle.min.js', reason: 'larger than 1 MB' }],
    stats: { filesDiscovered: 12, filesScanned: 11, filesSkipped: 1, durationMs: 840 },
  };
}

function shiftLines(result: ScanResult, by: number): ScanResult {
  return {
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      range: {
        start: { ...f.range.start, line: f.range.start.line + by },
        end: { ...f.range.end, line: f.range.end.line + by },
      },
    })),
  };
}

const options = { rules, toolVersion: '1.2.3' };

function run(log: Sarif.Log): Sarif.Run {
  const first = log.runs[0];
  if (!first) throw new Error('no run');
  return first;
}

function fingerprints(log: Sarif.Log): string[] {
  return (run(log).results ?? []).map((r) => r.partialFingerprints?.['jwtLintFingerprint/v1'] ?? '');
}

describe('SARIF report', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const log: unknown = JSON.parse(renderSarif(sampleResult(), options));
    expect(validateSarif(log)).toEqual([]);
  });

  it('has a schema check that can fail', () => {
    const log = buildSarifLog(sampleResult(), options);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<{ level: string }> }> };
    broken.runs[0]!.results[0]!.level = 'critical';
    expect(validateSarif(broken).length).toBeGreaterThan(0);
  });

  it('describes the tool and the run for GitHub', () => {
    const log = buildSarifLog(sampleResult(), options);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = run(log).tool;
    expect(driver).toMatchObject({
      name: 'jwt-lint',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: 'https://github.com/jwt-lint/jwt-lint',
    });
    expect(run(log).automationDetails).toEqual({ id: 'jwt-lint/' });
    expect(run(log).columnKind).toBe('utf16CodeUnits');
    expect(run(log).originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/my%20app/' } });
  });

  it('lists every rule, sorted, with help, tags and security severity', () => {
    const driverRules = run(buildSarifLog(sampleResult(), options)).tool.driver.rules ?? [];
    expect(driverRules.map((r) => r.id)).toEqual([
      'alg-none',
      'missing-algorithms',
      'prefer-asymmetric',
      'token-in-web-storage',
      'weak-secret',
    ]);
    for (const rule of driverRules) {
      const doc = rules.get(rule.id)!;
      expect(rule.shortDescription?.text).toBe(doc.title);
      expect(rule.fullDescription?.text).toBe(doc.summary);
      expect(rule.help?.markdown).toContain('Why it matters');
      expect(rule.help?.text).toBe(doc.body);
      expect(rule.helpUri).toBe(`https://github.com/jwt-lint/jwt-lint/blob/main/rules/${rule.id}.md`);
      expect(rule.properties?.['security-severity']).toBe(SECURITY_SEVERITY[doc.severity]);
      expect(rule.properties?.precision).toBe('high');
      const tags = rule.properties?.tags ?? [];
      expect(tags).toContain('security');
      expect(tags.filter((t) => /^external\/cwe\/cwe-\d+$/.test(t)).length).toBe(doc.cwe.length);
      expect(rule.defaultConfiguration?.level).toBe(sarifLevel(doc.severity));
    }
    const weak = driverRules.find((r) => r.id === 'weak-secret')!;
    expect(weak.name).toBe('WeakSecret');
    expect(weak.properties?.tags).toEqual(['security', 'external/cwe/cwe-521', 'external/cwe/cwe-798']);
    expect(weak.properties?.['security-severity']).toBe('9.1');
    expect(weak.defaultConfiguration).toEqual({ level: 'error' });
    const prefer = driverRules.find((r) => r.id === 'prefer-asymmetric')!;
    expect(prefer.defaultConfiguration).toEqual({ level: 'note', enabled: false });
  });

  it('maps severities to levels and scores as RULES.md says', () => {
    expect(SECURITY_SEVERITY).toEqual({ critical: '9.1', high: '7.5', medium: '5.5', low: '3.5', note: '2.0' });
    expect(['critical', 'high', 'medium', 'low', 'note'].map((s) => sarifLevel(s as Severity))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
  });

  it('writes results with consistent rule indexes, complete regions and encoded URIs', () => {
    const { results = [], tool } = run(buildSarifLog(sampleResult(), options));
    const driverRules = tool.driver.rules ?? [];
    expect(results).toHaveLength(5);
    for (const result of results) {
      expect(driverRules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
      const physical = result.locations?.[0]?.physicalLocation;
      expect(physical?.artifactLocation?.uriBaseId).toBe('%SRCROOT%');
      const region = physical?.region;
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
        expect(region?.[key]).toBeGreaterThan(0);
      }
      expect(result.message.text).toMatch(/ message Fix: .+ fix\.$/);
      expect(result.properties?.['security-severity']).toMatch(/^\d+\.\d$/);
    }
    // Sorted by file, line, column, rule id.
    expect(results.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toEqual([
      'src/auth%20service/%D0%BA%D0%BB%D1%8E%D1%87.ts',
      'src/client.ts',
      'src/client.ts',
      'src/verify.ts',
      'test/app.test.ts',
    ]);
    const first = results[0]!;
    expect(decodeURIComponent(first.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '')).toBe(UNICODE_FILE);
    expect(first.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 3,
      startColumn: 16,
      endLine: 3,
      endColumn: 26,
    });
  });

  it('uses the finding severity, not the rule default, for the level', () => {
    const { results = [] } = run(buildSarifLog(sampleResult(), options));
    const inTest = results.find((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'test/app.test.ts');
    expect(inTest?.ruleId).toBe('token-in-web-storage');
    expect(inTest?.level).toBe('note');
    expect(inTest?.properties?.['security-severity']).toBe('3.5');
    const inSrc = results.find((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'src/client.ts');
    expect(inSrc?.level).toBe('warning');
  });

  it('writes related locations with ids and messages', () => {
    const { results = [] } = run(buildSarifLog(sampleResult(), options));
    const verify = results.find((r) => r.ruleId === 'missing-algorithms');
    expect(verify?.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'key defined here' },
        physicalLocation: {
          artifactLocation: { uri: 'src/auth%20service/%D0%BA%D0%BB%D1%8E%D1%87.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 20 },
        },
      },
    ]);
    expect(results.find((r) => r.ruleId === 'weak-secret')?.relatedLocations).toBeUndefined();
  });

  it('reports skipped files as notifications of a successful invocation', () => {
    const { invocations } = run(buildSarifLog(sampleResult(), options));
    expect(invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'note',
            message: { text: 'Skipped: larger than 1 MB' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'vendor/huge%20bundle.min.js', uriBaseId: '%SRCROOT%' },
                },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('embeds no source text', () => {
    const text = renderSarif(sampleResult(), options);
    expect(text).not.toContain('snippet');
    expect(text).not.toContain('contextRegion');
    expect(text).not.toContain('localStorage.setItem');
  });

  it('keeps fingerprints when lines shift and changes them when the snippet changes', () => {
    const before = fingerprints(buildSarifLog(sampleResult(), options));
    expect(before.every((f) => /^[0-9a-f]{32}$/.test(f))).toBe(true);
    expect(new Set(before).size).toBe(before.length);

    const shifted = fingerprints(buildSarifLog(shiftLines(sampleResult(), 10), options));
    expect(shifted).toEqual(before);

    const edited = sampleResult();
    edited.findings[1] = { ...edited.findings[1]!, snippet: "const key = 'ot…(9 chars)';" };
    const after = fingerprints(buildSarifLog(edited, options));
    // Result 0 is the weak-secret finding (first file in sort order).
    expect(after[0]).not.toBe(before[0]);
    expect(after.slice(1)).toEqual(before.slice(1));
  });

  it('tells identical snippets in the same file apart by occurrence', () => {
    const { results = [] } = run(buildSarifLog(sampleResult(), options));
    // The two src/client.ts findings differ only in whitespace, so they share rule, file and snippet.
    const client = results.filter((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'src/client.ts');
    expect(client).toHaveLength(2);
    const [a, b] = client.map((r) => r.partialFingerprints?.['jwtLintFingerprint/v1']);
    expect(a).not.toBe(b);
  });

  it('is deterministic whatever the input order', () => {
    const result = sampleResult();
    const reversed = { ...result, findings: [...result.findings].reverse() };
    expect(renderSarif(reversed, options)).toBe(renderSarif(result, options));
    expect(renderSarif(result, options)).toMatch(/^\{\n {2}"\$schema"/);
    expect(renderSarif(result, options).endsWith('}\n')).toBe(true);
  });
});

describe('a repository in several languages', () => {
  it('reports every language in one SARIF run', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { scan } = await import('../src/scan.js');
    const { loadRuleDocs } = await import('../src/rules/docs.js');
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-mixed-'));
    const files: Record<string, string> = {
      'web/auth.ts': "import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n",
      'api/auth.py': 'import jwt\n\ndef claims(token, key):\n    return jwt.decode(token, key, algorithms=None)\n',
      'svc/src/Auth.java': 'import com.auth0.jwt.algorithms.Algorithm;\nclass Auth {\n  Algorithm alg = Algorithm.none();\n}\n',
      'gw/auth.go': 'package gw\n\nimport "github.com/golang-jwt/jwt/v5"\n\nvar signer = jwt.SigningMethodNone\n',
      'deploy/.env': 'JWT_SECRET=shhhhh\n',
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const result = await scan({ targets: [dir], root: dir, useGitignore: false });
    const log = buildSarifLog(result, { rules: loadRuleDocs(), toolVersion: '0.0.0' });
    expect(log.runs).toHaveLength(1);
    const uris = new Set(log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri));
    expect([...uris].sort()).toEqual(Object.keys(files).sort());
    expect(validateSarif(log)).toEqual([]);
  });
});
