/**
 * `--stdin-filename NAME`: stdin is scanned as the content of NAME, with the same pipeline as a
 * file on disk (front end by extension, test-path severities, suppressions, config).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';

const bin = join(import.meta.dirname, '..', 'bin', 'jwt-lint.js');
const SOURCE = "const jwt = require('jsonwebtoken');\nexport const t = jwt.sign({ sub: 1 }, 'qz7weak', { algorithm: 'none' });\n";

function cli(args: string[], cwd: string, input: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8' });
}

function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-stdin-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('scanning content that is not on disk', () => {
  it('scans the virtual file at its path, with the front end its extension picks', async () => {
    const root = project();
    const result = await scan({ targets: [], root, virtualFile: { path: 'src/auth.ts', text: SOURCE } });
    expect(result.findings.map((f) => `${f.file}:${f.range.start.line}:${f.ruleId}`)).toEqual(
      expect.arrayContaining(['src/auth.ts:2:alg-none', 'src/auth.ts:2:weak-secret']),
    );
    expect(result.findings.find((f) => f.ruleId === 'alg-none')!.engine).toBe('ast');
    expect(result.stats.filesScanned).toBe(1);
  });

  it('holds the content to the size cap like a file on disk', async () => {
    const root = project();
    const result = await scan({ targets: [], root, maxFileSize: 64, virtualFile: { path: 'src/auth.ts', text: SOURCE } });
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'src/auth.ts', reason: 'larger than 64 B (110 B)' }]);
  });

  it('does not read the file on disk of the same name', async () => {
    const root = project({ 'src/auth.ts': 'export const clean = 1;\n' });
    const result = await scan({ targets: [], root, virtualFile: { path: 'src/auth.ts', text: SOURCE } });
    expect(result.findings.some((f) => f.ruleId === 'alg-none')).toBe(true);
  });

  it('applies test-path severities and exclude globs by the given path', async () => {
    const root = project();
    const inTest = await scan({ targets: [], root, virtualFile: { path: 'test/auth.test.ts', text: SOURCE } });
    expect(inTest.findings.find((f) => f.ruleId === 'weak-secret')!.severity).toBe('low');
    const excluded = await scan({ targets: [], root, exclude: ['legacy/**'], virtualFile: { path: 'legacy/auth.ts', text: SOURCE } });
    expect(excluded.findings).toEqual([]);
    expect(excluded.skipped[0]?.file).toBe('legacy/auth.ts');
  });
});

describe('--stdin-filename', () => {
  it('reports findings in NAME and exits 1', () => {
    const run = cli(['--stdin-filename', 'src/auth.js', '--format', 'json'], project(), SOURCE);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string; ruleId: string; startLine: number }> };
    expect(report.findings.map((f) => `${f.file}:${f.startLine}:${f.ruleId}`)).toContain('src/auth.js:2:alg-none');
    expect(run.stdout).not.toContain('qz7weak');
  });

  it('honours suppression comments and the config file found from NAME', () => {
    const root = project({ 'svc/.jwtlintrc.json': JSON.stringify({ rules: { 'missing-expiration': 'off', 'weak-secret': 'off', 'hardcoded-secret': 'off' } }) });
    const [header, sign] = SOURCE.split('\n');
    const suppressed = `${header}\n// jwt-lint-disable-next-line alg-none -- fixture for the editor test\n${sign}\n`;
    const run = cli(['--stdin-filename', 'svc/auth.js', '--format', 'json'], root, suppressed);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toEqual([]);
    // Without the config (another directory), the other rules fire.
    const elsewhere = cli(['--stdin-filename', 'other/auth.js', '--format', 'json'], root, suppressed);
    expect((JSON.parse(elsewhere.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).toContain('weak-secret');
  });

  it('exits 0 on clean input and 2 when paths are passed too', () => {
    expect(cli(['--stdin-filename', 'a.js'], project(), 'export const a = 1;\n').status).toBe(0);
    const both = cli(['--stdin-filename', 'a.js', 'src'], project(), SOURCE);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--stdin-filename');
  });
});
