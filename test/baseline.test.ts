/**
 * Baselines: a finding is recognised by rule, file and masked code, not by line number, so it
 * survives lines shifting and files moving; new findings and stale entries are told apart.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, BaselineError, baselineEntries, parseBaseline, renderBaseline } from '../src/baseline.js';
import { scan } from '../src/scan.js';
import type { Finding } from '../src/types.js';

const LONG_SECRET = 'Zq8-planted-baseline-secret-value-never-stored-77';
const HEADER = "const jwt = require('jsonwebtoken');\n";
const SIGN_WEAK = "export const a = jwt.sign({ sub: 1 }, 'qz7weak', { algorithm: 'none' });\n";
const VERIFY_LONG = `export const b = (t) => jwt.verify(t, '${LONG_SECRET}');\n`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-baseline-'));
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  return dir;
}

function write(dir: string, name: string, content: string): void {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), content);
}

async function findingsIn(dir: string): Promise<Finding[]> {
  return (await scan({ targets: ['.'], root: dir, useGitignore: false })).findings;
}

function compareWith(dir: string, findings: Finding[], baselineText: string) {
  return applyBaseline(findings, parseBaseline(baselineText, 'baseline.json'), {
    fileExists: (file) => existsSync(join(dir, file)),
  });
}

describe('baseline', () => {
  it('records rule, file and a hash of the masked code, never a secret', async () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK + VERIFY_LONG });
    const findings = await findingsIn(dir);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['alg-none', 'weak-secret', 'hardcoded-secret']));
    const text = renderBaseline(findings);
    expect(text).not.toContain('qz7weak');
    expect(text).not.toContain(LONG_SECRET);
    expect(text).not.toContain('jwt.sign'); // only hashes of the code, no code
    const entries = parseBaseline(text, 'baseline.json');
    expect(entries).toHaveLength(findings.length);
    expect(entries[0]).toMatchObject({ file: 'src/auth.js', occurrence: 0 });
    expect(entries[0]!.code).toMatch(/^[0-9a-f]{20}$/);
  });

  it('still matches every finding after lines shift', async () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK + VERIFY_LONG });
    const baseline = renderBaseline(await findingsIn(dir));
    write(dir, 'src/auth.js', `${HEADER}// a comment\n\nfunction unrelated() {\n  return 1;\n}\n${SIGN_WEAK}\n\n${VERIFY_LONG}`);
    const shifted = await findingsIn(dir);
    expect(shifted.find((f) => f.ruleId === 'alg-none')!.range.start.line).toBe(7);
    const match = compareWith(dir, shifted, baseline);
    expect(match.newFindings).toEqual([]);
    expect(match.matched).toBe(shifted.length);
    expect(match.stale).toEqual([]);
  });

  it('follows unchanged code into a moved file', async () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK });
    const baseline = renderBaseline(await findingsIn(dir));
    mkdirSync(join(dir, 'lib'));
    renameSync(join(dir, 'src/auth.js'), join(dir, 'lib/session.js'));
    const moved = await findingsIn(dir);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((f) => f.file === 'lib/session.js')).toBe(true);
    const match = compareWith(dir, moved, baseline);
    expect(match.newFindings).toEqual([]);
    expect(match.stale).toEqual([]);
  });

  it('does not let an entry of a file that still exists match code in another file', async () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK });
    const baseline = renderBaseline(await findingsIn(dir));
    write(dir, 'src/copy.js', HEADER + SIGN_WEAK);
    const match = compareWith(dir, await findingsIn(dir), baseline);
    expect(match.newFindings.length).toBeGreaterThan(0);
    expect(match.newFindings.every((f) => f.file === 'src/copy.js')).toBe(true);
  });

  it('reports only the new finding, and counts one more identical line as new', async () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK });
    const baseline = renderBaseline(await findingsIn(dir));
    write(dir, 'src/auth.js', HEADER + SIGN_WEAK + "export const c = jwt.sign({ sub: 3 }, 'abc123', { expiresIn: '1h' });\n" + SIGN_WEAK);
    const match = compareWith(dir, await findingsIn(dir), baseline);
    const fresh = match.newFindings.map((f) => `${f.ruleId}@${f.range.start.line}`).sort();
    // Line 3 is new code; line 4 repeats line 2, so it is a second occurrence the baseline lacks.
    expect(fresh).toEqual(['alg-none@4', 'missing-expiration@4', 'weak-secret@3', 'weak-secret@4']);
    expect(match.stale).toEqual([]);
  });

  it('counts entries that no longer match as stale, within the scanned scope only', async () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK + VERIFY_LONG, 'other/keep.js': HEADER + SIGN_WEAK });
    const before = await findingsIn(dir);
    const removedLine = before.filter((f) => f.file === 'src/auth.js' && f.range.start.line === 3);
    expect(removedLine.length).toBeGreaterThan(0);
    const baseline = renderBaseline(before);
    write(dir, 'src/auth.js', HEADER + SIGN_WEAK);
    const findings = (await scan({ targets: ['src'], root: dir, useGitignore: false })).findings;
    const match = applyBaseline(findings, parseBaseline(baseline, 'b'), {
      fileExists: (file) => existsSync(join(dir, file)),
      inScope: (file) => file.startsWith('src/'),
    });
    expect(match.newFindings).toEqual([]);
    expect(match.stale.map((entry) => `${entry.file}:${entry.line}:${entry.ruleId}`).sort())
      .toEqual(removedLine.map((f) => `src/auth.js:3:${f.ruleId}`).sort());
  });

  it('numbers identical findings by occurrence', () => {
    const finding = (line: number): Finding => ({
      ruleId: 'weak-secret', severity: 'critical', file: 'a.js', message: 'm', fix: 'f', engine: 'ast',
      range: { start: { line, column: 1 }, end: { line, column: 5 } }, snippet: `jwt.sign(p,   'se…(6 chars)')`,
    });
    const entries = baselineEntries([finding(9), finding(3)]);
    expect(entries.map((e) => [e.line, e.occurrence])).toEqual([[3, 0], [9, 1]]);
    expect(entries[0]!.code).toBe(entries[1]!.code);
    // Whitespace does not change the code hash.
    expect(baselineEntries([{ ...finding(1), snippet: "jwt.sign(p, 'se…(6 chars)')" }])[0]!.code).toBe(entries[0]!.code);
  });

  it('rejects files that are not baselines with a clear error', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{"entries": []}', 'b.json')).toThrow(/not a jwt-lint baseline/);
    expect(() => parseBaseline('{"jwtLintBaseline": 9, "entries": []}', 'b.json')).toThrow(/version/);
    expect(() => parseBaseline('{"jwtLintBaseline": 1, "entries": [{"ruleId": 1}]}', 'b.json')).toThrow(/entries\[0\]/);
  });
});

describe('baseline on the command line', async () => {
  const { spawnSync } = await import('node:child_process');
  const bin = join(import.meta.dirname, '..', 'bin', 'jwt-lint.js');
  const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

  it('writes a baseline, then fails only on new findings and names stale entries', () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK + VERIFY_LONG });
    const written = cli(['src', '--write-baseline', 'jwt-lint-baseline.json'], dir);
    expect(written.status).toBe(0);
    expect(written.stderr).toMatch(/wrote \d+ baseline entries to jwt-lint-baseline.json/);
    expect(readFileSync(join(dir, 'jwt-lint-baseline.json'), 'utf8')).not.toContain(LONG_SECRET);

    const clean = cli(['src', '--baseline', 'jwt-lint-baseline.json'], dir);
    expect(clean.status).toBe(0);
    expect(clean.stderr).toMatch(/known findings hidden/);

    write(dir, 'src/auth.js', `${HEADER}\n${SIGN_WEAK}export const c = jwt.sign({ sub: 3 }, 'abc123', { expiresIn: '1h' });\n`);
    const fresh = cli(['src', '--baseline', 'jwt-lint-baseline.json', '--format', 'json'], dir);
    expect(fresh.status).toBe(1);
    const report = JSON.parse(fresh.stdout) as { findings: Array<{ ruleId: string; startLine: number }> };
    expect(report.findings.map((f) => `${f.ruleId}@${f.startLine}`)).toEqual(['weak-secret@4']);
    expect(fresh.stderr).toMatch(/[1-9]\d* baseline entr(y|ies) no longer match/); // the removed jwt.verify line
  });

  it('exits 2 on a missing or broken baseline file', () => {
    const dir = project({ 'src/auth.js': HEADER + SIGN_WEAK, 'bad.json': '[]' });
    expect(cli(['src', '--baseline', 'nope.json'], dir).status).toBe(2);
    const broken = cli(['src', '--baseline', 'bad.json'], dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('not a jwt-lint baseline');
  });
});
