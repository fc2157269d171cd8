/**
 * End to end: spawns the real executable (bin/jwt-lint.js on the built dist/) for each
 * format, exit code, flag and config error, as a user or a CI job would.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { loadRuleDocs } from '../src/rules/docs.js';
import { validateSarif } from './helpers/sarif-schema.js';

const repoRoot = join(import.meta.dirname, '..');
const bin = join(repoRoot, 'bin', 'jwt-lint.js');
const docs = loadRuleDocs();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    input: options.input,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A small project in a temp dir: one vulnerable file, one clean file. */
function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const PLANTED_SECRET = 'Zq8-planted-cli-secret-value-do-not-print-41';
const PLANTED_WEAK = 'qz7weak';
const VULNERABLE = `const jwt = require('jsonwebtoken');
const token = jwt.sign({ sub: 1 }, '${PLANTED_WEAK}', { algorithm: 'none' });
const planted = jwt.verify(token, '${PLANTED_SECRET}', { algorithms: ['HS256'], audience: 'a', issuer: 'i' });
`;

let project: string;
beforeAll(() => {
  project = makeProject({
    'src/auth.js': VULNERABLE,
    'src/clean.js': "export const add = (a, b) => a + b;\n",
  });
});

describe('jwt-lint CLI', () => {
  it('prints a text report grouped by file and exits 1 on high findings', () => {
    const run = runCli(['src'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('src/auth.js');
    expect(run.stdout).toMatch(/2:\d+\s+critical\s+.*alg-none/);
    expect(run.stdout).toContain('weak-secret');
    expect(run.stdout).toContain('fix:');
    expect(run.stdout).toMatch(/files? scanned/);
    expect(run.stdout).not.toContain('\u001b['); // no colours when not a TTY
  });

  it('scans the bundled examples and exits 1, as the README quick start says', () => {
    const run = runCli(['examples']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('examples/vulnerable-api/src/auth.js');
    expect(run.stdout).not.toContain('examples/secure-api');
  });

  it('exits 0 on a clean tree and on an empty directory', () => {
    const clean = makeProject({ 'a.js': "const jwt = require('jsonwebtoken');\nmodule.exports = (t) => jwt.verify(t, process.env.JWT_SECRET, { algorithms: ['HS256'], audience: 'api', issuer: 'auth' });\n" });
    const run = runCli(['.'], { cwd: clean });
    expect(run.stdout).toContain('No JWT problems found');
    expect(run.code).toBe(0);
    const empty = mkdtempSync(join(tmpdir(), 'jwt-lint-empty-'));
    const emptyRun = runCli([], { cwd: empty });
    expect(emptyRun.code).toBe(0);
    expect(emptyRun.stdout).toContain('0 files scanned');
  });

  it('accepts a single file as a target', () => {
    const run = runCli(['src/auth.js', '--format', 'json'], { cwd: project });
    const report = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(new Set(report.findings.map((f: { file: string }) => f.file))).toEqual(new Set(['src/auth.js']));
  });

  it('writes JSON with the documented shape', () => {
    const run = runCli(['--format', 'json'], { cwd: project });
    const report = JSON.parse(run.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('jwt-lint');
    const alg = report.findings.find((f: { ruleId: string }) => f.ruleId === 'alg-none');
    expect(alg).toMatchObject({ file: 'src/auth.js', startLine: 2, severity: 'critical' });
    expect(alg.fix.length).toBeGreaterThan(10);
  });

  it('writes schema-valid SARIF with every rule described', () => {
    const out = join(project, 'report.sarif');
    const run = runCli(['src', '--format', 'sarif', '--output', out], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/jwt-lint: \d+ findings?/);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateSarif(sarif)).toEqual([]);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([...docs.keys()]);
    for (const result of sarif.runs[0].results) {
      expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation).toMatchObject({ uri: 'src/auth.js', uriBaseId: '%SRCROOT%' });
    }
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(true);
    expect(readdirSync(project).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a Markdown summary', () => {
    const run = runCli(['--format', 'markdown'], { cwd: project });
    expect(run.stdout).toContain('## jwt-lint');
    expect(run.stdout).toMatch(/\|\s*critical\s*\|\s*\d+\s*\|/i);
    expect(run.stdout).toContain('`src/auth.js:2`');
  });

  it('honours --fail-on and --min-severity', () => {
    expect(runCli(['--fail-on', 'none'], { cwd: project }).code).toBe(0);
    expect(runCli(['--fail-on', 'critical'], { cwd: project }).code).toBe(1);
    const onlyCritical = JSON.parse(runCli(['--format', 'json', '--min-severity', 'critical'], { cwd: project }).stdout);
    expect(onlyCritical.findings.length).toBeGreaterThan(0);
    expect(onlyCritical.findings.every((f: { severity: string }) => f.severity === 'critical')).toBe(true);
  });

  it('runs only --rule rules and drops --disable rules', () => {
    const only = JSON.parse(runCli(['--format', 'json', '--rule', 'alg-none'], { cwd: project }).stdout);
    expect(new Set(only.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set(['alg-none']));
    const without = JSON.parse(runCli(['--format', 'json', '--disable', 'alg-none'], { cwd: project }).stdout);
    expect(without.findings.some((f: { ruleId: string }) => f.ruleId === 'alg-none')).toBe(false);
    expect(without.findings.length).toBeGreaterThan(0);
  });

  it('exits 2 with a message naming the bad flag or value', () => {
    const unknown = runCli(['--formt', 'json'], { cwd: project });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--formt'");
    const badFormat = runCli(['--format', 'xml'], { cwd: project });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('xml');
    const badRule = runCli(['--rule', 'weak-secrt'], { cwd: project });
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toContain('--rule "weak-secrt": unknown rule id (did you mean "weak-secret"?)');
    const badSize = runCli(['--max-file-size', 'huge'], { cwd: project });
    expect(badSize.code).toBe(2);
    expect(badSize.stderr).toContain('--max-file-size');
    const unwritable = runCli(['--output', 'no-such-dir/report.json'], { cwd: project });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('--output');
    expect(unwritable.stderr).toContain('ENOENT');
    const missing = runCli(['does-not-exist'], { cwd: project });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('path not found: does-not-exist');
  });

  it('exits 2 on a bad config file and names the key', () => {
    const dir = makeProject({
      '.jwtlintrc.json': JSON.stringify({ rules: { 'long-expiration': { options: { maxAccessTokenSeconds: '1h' } } } }),
      'a.js': VULNERABLE,
    });
    const run = runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules["long-expiration"].options.maxAccessTokenSeconds');
    const missingConfig = runCli(['--config', 'nope.json'], { cwd: dir });
    expect(missingConfig.code).toBe(2);
    expect(missingConfig.stderr).toContain('nope.json');
  });

  it('reads rule levels from a discovered config file', () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ name: 'x', 'jwt-lint': { rules: { 'alg-none': 'off', 'weak-secret': 'low' } } }),
      'a.js': VULNERABLE,
    });
    const report = JSON.parse(runCli(['--format', 'json'], { cwd: dir }).stdout);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'alg-none')).toBe(false);
    const weak = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'weak-secret');
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.every((f: { severity: string }) => f.severity === 'low')).toBe(true);
  });

  it('applies inline suppressions and reports bad ones', () => {
    const dir = makeProject({
      'a.js': `const jwt = require('jsonwebtoken');
// jwt-lint-disable-next-line alg-none -- legacy test double, removed in v3
jwt.sign({ sub: 1 }, process.env.JWT_SECRET, { algorithm: 'none', expiresIn: '5m' });
jwt.sign({ sub: 1 }, process.env.JWT_SECRET, { algorithm: 'none', expiresIn: '5m' }); // jwt-lint-disable-line alg-none
`,
    });
    const report = JSON.parse(runCli(['--format', 'json'], { cwd: dir }).stdout);
    const ids = report.findings.map((f: { ruleId: string; startLine: number }) => `${f.startLine} ${f.ruleId}`);
    expect(ids).toEqual(['4 invalid-suppression']);
  });

  it('skips files over --max-file-size with a reason in --verbose', () => {
    const dir = makeProject({ 'big.js': `// jwt secret\n${'x'.repeat(5000)}\n`, 'a.js': VULNERABLE });
    const run = runCli(['--max-file-size', '1k', '--verbose'], { cwd: dir });
    expect(run.stdout).toContain('big.js');
    expect(run.stdout).toMatch(/larger than 1 KiB/);
    expect(run.stdout).toMatch(/1 skipped/);
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR off', () => {
    expect(runCli([], { cwd: project, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(runCli(['--color'], { cwd: project, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('prints findings only with --quiet', () => {
    const run = runCli(['--quiet'], { cwd: project });
    expect(run.stdout).toContain('alg-none');
    expect(run.stdout).not.toMatch(/files? scanned/);
  });

  it('lists every rule with its severity, and prints the version and help', () => {
    const list = runCli(['--list-rules']);
    expect(list.code).toBe(0);
    for (const doc of docs.values()) expect(list.stdout).toMatch(new RegExp(`^${doc.id}\\s+${doc.severity}\\s+\\S`, 'm'));
    const version = runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--fail-on');
  });

  it('never prints a full secret, in any format or verbosity', () => {
    const out = join(project, 'leak-check.out');
    for (const format of ['text', 'json', 'sarif', 'markdown', 'codequality']) {
      for (const extra of [[], ['--verbose'], ['--output', out]]) {
        const run = runCli(['--format', format, ...extra], { cwd: project });
        expect(run.stdout).not.toContain(PLANTED_SECRET);
        expect(run.stderr).not.toContain(PLANTED_SECRET);
        expect(run.stdout + run.stderr).not.toContain(PLANTED_WEAK);
        if (existsSync(out)) {
          expect(readFileSync(out, 'utf8')).not.toContain(PLANTED_SECRET);
          expect(readFileSync(out, 'utf8')).not.toContain(PLANTED_WEAK);
        }
      }
    }
  });
});
