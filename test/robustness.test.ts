/**
 * Hostile files never stop a scan: each is analysed or skipped with a reason, and the
 * healthy files around it keep their findings. Files are generated here, not committed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';

const WEAK_VERIFY = "const jwt = require('jsonwebtoken');\nconst s = 'shhhhh';\njwt.verify(t, s, { algorithms: ['HS256'], audience: 'a', issuer: 'i' });\n";

let root: string;
let result: ScanResult;
const found = (file: string): string[] =>
  result.findings.filter((f) => f.file === file).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'jwt-lint-hostile-'));
  const files: Record<string, string | Buffer> = {
    'healthy.js': WEAK_VERIFY,
    'crlf.js': WEAK_VERIFY.replace(/\n/g, '\r\n'),
    'lone-cr.js': WEAK_VERIFY.replace(/\n/g, '\r'),
    'bom.js': `\ufeff${WEAK_VERIFY}`,
    'utf16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WEAK_VERIFY, 'utf16le')]),
    'binary.js': Buffer.concat([Buffer.from('jwt secret'), Buffer.alloc(64), Buffer.from([0xff, 0xfe, 0x00, 0x01])]),
    'nested.js': `const jwt = require('jsonwebtoken');\nconst x = ${'['.repeat(20000)}${']'.repeat(20000)};\n`,
    'long-chain.js': `const jwt = require('jsonwebtoken');\nconst s = 'x'${" + 'y'".repeat(20000)};\njwt.sign({ sub: 1 }, process.env.JWT_SECRET, { algorithm: 'none', expiresIn: '5m' });\n`,
    'syntax-error.ts': "import jwt from 'jsonwebtoken';\nconst k = 'shhhhh';\njwt.verify(t, k, { algorithms: ['HS256'], audience: 'a', issuer: 'i' });\nfunction (((( {{ \n",
    'empty.js': '',
    'invalid-utf8.js': Buffer.concat([Buffer.from("const jwt = require('jsonwebtoken');\n// \xc3\x28 \xa0\xa1\n"), Buffer.from(WEAK_VERIFY.split('\n').slice(1).join('\n'))]),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  result = await scan({ targets: ['.'], root, useGitignore: false });
});

describe('hostile input', () => {
  it('reports the healthy file as usual', () => {
    expect(found('healthy.js')).toEqual(['2:11 weak-secret']);
  });

  it('keeps lines and columns right with CRLF, lone CR, a BOM, UTF-16 and invalid UTF-8', () => {
    for (const file of ['crlf.js', 'lone-cr.js', 'bom.js', 'utf16.js']) expect(found(file), file).toEqual(['2:11 weak-secret']);
    expect(found('invalid-utf8.js')).toEqual(['3:11 weak-secret']);
  });

  it('skips binary and too deeply nested files with a reason', () => {
    expect(result.skipped).toEqual([
      { file: 'binary.js', reason: 'binary content' },
      { file: 'nested.js', reason: 'analysis failed: code nested too deeply to analyse' },
    ]);
  });

  it('walks very long expression chains without overflowing the stack', () => {
    expect(found('long-chain.js')).toEqual(['3:59 alg-none']);
  });

  it('still analyses a file with syntax errors, and an empty file is simply clean', () => {
    expect(found('syntax-error.ts')).toEqual(['2:11 weak-secret']);
    expect(found('empty.js')).toEqual([]);
  });
});

describe('the CLI under trouble', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'jwt-lint.js');
  const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

  it('exits 2 with a clear message for a target that does not exist', () => {
    const run = cli(['no/such/dir'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('jwt-lint: error: path not found: no/such/dir\n');
    expect(run.stdout).toBe('');
  });

  it('exits by findings when files were skipped, and 2 with --strict', () => {
    const plain = cli(['--format', 'json'], root);
    expect(plain.status).toBe(1);
    expect(JSON.parse(plain.stdout).skipped).toEqual(result.skipped);
    const strict = cli(['--strict', '--format', 'json'], root);
    expect(strict.status).toBe(2);
    expect(JSON.parse(strict.stdout).skipped).toHaveLength(2);
    expect(strict.stderr).toContain('jwt-lint: --strict: 2 files were skipped');
    const clean = cli(['--strict', 'healthy.js', '--fail-on', 'none'], root);
    expect(clean.status).toBe(0);
  });

  it('--timeout lists the files it did not reach and warns on stderr', () => {
    const run = cli(['--timeout', '0.001', '--format', 'json'], root);
    const report = JSON.parse(run.stdout);
    expect(report.incomplete).toBe('the --timeout of 1ms was reached');
    expect(report.skipped.some((s: { reason: string }) => s.reason === 'not analysed: the scan --timeout was reached')).toBe(true);
    expect(run.stderr).toContain('jwt-lint: warning: the --timeout of 1ms was reached');
    expect(cli(['--timeout', 'soon'], root).status).toBe(2);
  });

  it('SIGINT stops the scan: exit 130, no report on stdout, no --output file', async () => {
    const big = mkdtempSync(join(tmpdir(), 'jwt-lint-sigint-'));
    for (let i = 0; i < 3000; i++) writeFileSync(join(big, `f${i}.js`), WEAK_VERIFY.repeat(20));
    const output = join(big, 'report.json');
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const child = spawn(process.execPath, [bin, '--format', 'json', '--output', output], { cwd: big });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => { stdout += chunk; });
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.kill(signal);
      expect(await exited, stderr).toBe(code);
      expect(stdout).toBe('');
      expect(stderr).toContain(`jwt-lint: interrupted by ${signal}; no report written`);
      expect(existsSync(output)).toBe(false);
      expect(readdirSync(big).filter((name) => name.includes('.tmp'))).toEqual([]);
    }
  });
});
