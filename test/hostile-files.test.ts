/**
 * A hostile repository, generated at test time (no binary blobs committed): every kind of
 * content and file system hazard next to healthy files. The scan must complete, give each
 * file it could not analyse a note with the reason, and keep the healthy files' findings.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderReport, REPORT_FORMATS } from '../src/report/index.js';
import { loadRuleDocs } from '../src/rules/docs.js';
import { scan, type ScanOptions } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';
import { validateSarif } from './helpers/sarif-schema.js';

/**
 * Paths the "kernel" refuses. CI runs as root, where chmod 000 denies nothing, so the
 * permission tests also run against this stand-in for EACCES from readdir/open.
 */
const denied = vi.hoisted(() => new Set<string>());
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const guard = <A extends unknown[], R>(call: (path: unknown, ...rest: A) => R) => (path: unknown, ...rest: A): R => {
    if (denied.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, ${String(path)}`), { code: 'EACCES' });
    return call(path, ...rest);
  };
  const readdirSync = guard(actual.readdirSync as (path: unknown, ...rest: unknown[]) => unknown);
  const openSync = guard(actual.openSync as (path: unknown, ...rest: unknown[]) => number);
  return { ...actual, default: { ...actual, readdirSync, openSync }, readdirSync, openSync };
});

const WEAK_VERIFY = "const jwt = require('jsonwebtoken');\nconst s = 'shhhhh';\njwt.verify(t, s, { algorithms: ['HS256'], audience: 'a', issuer: 'i' });\n";
const HEALTHY_FINDING = ['2:11 weak-secret'];
const isRoot = process.getuid?.() === 0;

let root: string;
let outside: string;
const write = (path: string, content: string | Buffer): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};
const found = (result: ScanResult, file: string): string[] =>
  result.findings.filter((f) => f.file === file).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);
const reasonOf = (result: ScanResult, file: string): string | undefined => result.skipped.find((s) => s.file === file)?.reason;
const run = (options: Partial<ScanOptions> = {}): Promise<ScanResult> => scan({ targets: ['.'], root, useGitignore: false, ...options });

/** Syntax errors, empty files and 10,000-deep brackets in every front end's languages. */
const BROKEN: Record<string, string> = {
  'broken/bad.js': "const jwt = require('jsonwebtoken');\nfunction (((( {{ jwt.sign(\n",
  'broken/bad.ts': "import jwt from 'jsonwebtoken';\nconst x: = <<>>;\njwt.verify(t, 'k'\n",
  'broken/bad.py': "import jwt\ndef f(:\n    jwt.decode(token, 'shhh', algorithms=[\n",
  'broken/Bad.java': 'import io.jsonwebtoken.Jwts;\nclass A { void f( { Jwts.parser().setSigningKey("k" }\n',
  'broken/bad.go': 'package main\nimport "github.com/golang-jwt/jwt/v5"\nfunc f( { jwt.Parse(t, \n',
  'broken/bad.yml': 'jwt:\n  secret: "unterminated\n  - [ : }\n\t\tbad: indent\n',
  'broken/bad.json': '{"jwt": {"secret": "abc", "alg": ,,, }\n',
  'broken/.env': 'JWT_SECRET="unterminated\nexport =\n=\n\0\n',
  'broken/bad.sh': 'JWT_SECRET=$(( ( \nif [ ; then\n  curl -H "Authorization: Bearer $TOKEN\n',
  'empty/empty.js': '',
  'empty/empty.py': '',
  'empty/Empty.java': '',
  'empty/empty.go': '',
  'empty/empty.yml': '',
  'empty/empty.json': '',
  'empty/.env': '',
  'deep/deep.js': `const jwt = require('jsonwebtoken');\nconst x = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`,
  'deep/deep.py': `import jwt\nx = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'deep/Deep.java': `import io.jsonwebtoken.Jwts;\nclass A { Object x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}; }\n`,
  'deep/deep.go': `package main\nimport "github.com/golang-jwt/jwt/v5"\nvar x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`,
  'deep/deep.json': `{"jwt": ${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`,
  'deep/deep.yml': `jwt: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'deep/nested-400.js': `${WEAK_VERIFY.split('\n').slice(0, 2).join('\n')}\njwt.verify(t, s, { algorithms: ['HS256'], audience: 'a', issuer: 'i' }, ${'['.repeat(400)}${']'.repeat(400)});\n`,
};

const ODD_NAMES = ['with space.js', 'ünïcødé-ключ-鍵 🔑.js', "shell $(id) `id` ;|&<>'\"*?.js", 'dash--rf -x.js'];
const CONTROL_NAME = 'evil\n\u001b[31mred\u202e.js';

let main: ScanResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'jwt-lint-hostile-suite-'));
  outside = mkdtempSync(join(tmpdir(), 'jwt-lint-outside-'));
  writeFileSync(join(outside, 'outside.js'), WEAK_VERIFY);
  writeFileSync(join(outside, 'other.js'), WEAK_VERIFY);

  write('healthy.js', WEAK_VERIFY);
  write('encoding/crlf.js', WEAK_VERIFY.replace(/\n/g, '\r\n'));
  write('encoding/lone-cr.js', WEAK_VERIFY.replace(/\n/g, '\r'));
  write('encoding/utf8-bom.js', `\ufeff${WEAK_VERIFY}`);
  write('encoding/utf16le.js', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WEAK_VERIFY, 'utf16le')]));
  write('encoding/utf16be.js', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(WEAK_VERIFY, 'utf16le').swap16()]));
  write('encoding/invalid-utf8.js', Buffer.concat([
    Buffer.from("const jwt = require('jsonwebtoken');\n// "), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
    Buffer.from(`\n${WEAK_VERIFY.split('\n').slice(1).join('\n')}`),
  ]));
  write('encoding/binary.js', Buffer.concat([Buffer.from('jwt secret token'), Buffer.alloc(64), Buffer.from([0xff, 0xfe, 0, 1, 2, 3])]));
  write('encoding/binary.py', Buffer.concat([Buffer.from('import jwt\n'), Buffer.from([0, 0, 0, 0x89, 0x50, 0x4e, 0x47])]));
  // A NUL byte after the first 8000 bytes: text by git's rule, so it reaches the parser.
  write('encoding/late-nul.js', `${'// padding\n'.repeat(800)}const a = '\0';\n${WEAK_VERIFY}`);
  // A 50 MB single-line "minified" file: over the default 1 MiB cap, skipped without being read.
  write('huge/bundle.js', Buffer.alloc(50 * 1024 * 1024, "var jwt=require('jsonwebtoken');a=function(t){return jwt.verify(t,'k')};"));
  for (const [path, content] of Object.entries(BROKEN)) write(path, content);
  for (const name of [...ODD_NAMES, CONTROL_NAME]) write(join('names', name), WEAK_VERIFY);

  // Symbolic links: a loop, a link to the parent, links out of the root, a dangling one.
  write('links/real/inside.js', WEAK_VERIFY);
  symlinkSync(join(root, 'links'), join(root, 'links', 'real', 'loop'));
  symlinkSync('self-loop', join(root, 'links', 'self-loop'));
  symlinkSync(outside, join(root, 'links', 'outside-dir'));
  symlinkSync(join(outside, 'outside.js'), join(root, 'links', 'outside-file.js'));
  symlinkSync(join(root, 'links', 'missing.js'), join(root, 'links', 'dangling.js'));

  main = await run();
}, 60_000);

afterAll(() => {
  denied.clear();
  for (const dir of [root, outside]) rmSync(dir, { recursive: true, force: true });
});

describe('hostile content', () => {
  it('completes and keeps the healthy file findings', () => {
    expect(found(main, 'healthy.js')).toEqual(HEALTHY_FINDING);
  });

  it('keeps lines and columns right across encodings and line endings', () => {
    for (const file of ['crlf.js', 'lone-cr.js', 'utf8-bom.js', 'utf16le.js', 'utf16be.js']) {
      expect(found(main, `encoding/${file}`), file).toEqual(HEALTHY_FINDING);
    }
    expect(found(main, 'encoding/invalid-utf8.js')).toEqual(['3:11 weak-secret']);
    expect(found(main, 'encoding/late-nul.js')).toEqual(['803:11 weak-secret']);
  });

  it('skips binary content and a 50 MB file with a reason', () => {
    expect(reasonOf(main, 'encoding/binary.js')).toBe('binary content');
    expect(reasonOf(main, 'encoding/binary.py')).toBe('binary content');
    expect(reasonOf(main, 'huge/bundle.js')).toBe('larger than 1 MiB (50 MiB)');
  });

  it('survives syntax errors, empty files and 10,000-deep brackets in every front end', () => {
    for (const path of Object.keys(BROKEN)) {
      const reason = reasonOf(main, path);
      // Analysed (recovering from the error) or skipped with a readable, one-line reason.
      if (reason !== undefined) expect(reason, path).toMatch(/^[^\n]{5,200}$/);
    }
    // Skipped before any parser recurses into them (a regex first compiled near the end of
    // the stack used to abort the whole process): same note in every front end.
    for (const path of Object.keys(BROKEN).filter((p) => /^deep\/deep\./i.test(p))) {
      expect(reasonOf(main, path), path).toMatch(/^(analysis|config parse) failed: code nested too deeply to analyse$/);
    }
    expect(reasonOf(main, 'deep/deep.js')).toBe('analysis failed: code nested too deeply to analyse');
    // Nesting real code reaches is analysed.
    expect(found(main, 'deep/nested-400.js')).toEqual(HEALTHY_FINDING);
    for (const path of Object.keys(BROKEN).filter((p) => p.startsWith('empty/'))) {
      expect(reasonOf(main, path), path).toBeUndefined();
      expect(found(main, path), path).toEqual([]);
    }
  });

  it('every skip reason is one printable line', () => {
    for (const { reason } of main.skipped) expect(reason).toMatch(/^[^\n\r]{1,200}$/);
  });
});

describe('file names', () => {
  it('reports files whose names hold spaces, unicode, shell metacharacters and control characters', () => {
    for (const name of [...ODD_NAMES, CONTROL_NAME]) expect(found(main, `names/${name}`), name).toEqual(HEALTHY_FINDING);
  });

  it('escapes control characters in text output, keeps JSON and SARIF valid', () => {
    const options = { rules: loadRuleDocs(), toolVersion: '0.0.0', color: false, quiet: false, verbose: true, failOn: 'high' as const };
    const text = renderReport('text', main, options);
    expect(text).toContain('names/evil\\x0a\\x1b[31mred\\u202e.js');
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    for (const format of REPORT_FORMATS) {
      const report = renderReport(format, main, options);
      if (format === 'json') expect(JSON.parse(report).findings.map((f: { file: string }) => f.file)).toContain(`names/${CONTROL_NAME}`);
      if (format === 'sarif') expect(validateSarif(JSON.parse(report))).toEqual([]);
    }
  });

  it('skips a directory whose path is too long for the system, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-long-'));
    const cwd = process.cwd();
    const segment = 'd'.repeat(250);
    try {
      // Each call uses a short relative path; only the absolute path exceeds PATH_MAX (4096).
      process.chdir(dir);
      for (let depth = 0; depth < 18; depth++) {
        mkdirSync(segment);
        process.chdir(segment);
      }
      writeFileSync('deep.js', WEAK_VERIFY);
      process.chdir(dir);
      writeFileSync('short.js', WEAK_VERIFY);
      const result = await scan({ targets: ['.'], root: dir, useGitignore: false });
      expect(found(result, 'short.js')).toEqual(HEALTHY_FINDING);
      const long = result.skipped.filter((s) => s.reason === 'directory not scanned: path too long for the file system');
      expect(long).toHaveLength(1);
      expect(long[0]!.file.endsWith(`${segment}/`)).toBe(true);
    } finally {
      process.chdir(cwd);
      execFileSync('rm', ['-rf', dir]);
    }
  });
});

describe('symbolic links', () => {
  it('are not followed by default: no loop, nothing outside the root', () => {
    expect(found(main, 'links/real/inside.js')).toEqual(HEALTHY_FINDING);
    expect(main.findings.filter((f) => f.file.startsWith('links/') && f.file !== 'links/real/inside.js')).toEqual([]);
    expect(main.skipped.filter((s) => s.file.startsWith('links/'))).toEqual([]);
  });

  it('are followed with followSymlinks: outside targets scanned once, loops end, broken links noted', async () => {
    const result = await run({ targets: ['links'], followSymlinks: true });
    const files = [...new Set(result.findings.map((f) => f.file))].sort();
    // outside-dir/outside.js is the file outside-file.js links to: scanned once.
    expect(files).toEqual(['links/outside-dir/other.js', 'links/outside-file.js', 'links/real/inside.js']);
    expect(result.skipped).toEqual([
      { file: 'links/dangling.js', reason: 'symbolic link not followed: no longer exists (deleted or moved during the scan)' },
      { file: 'links/self-loop', reason: 'symbolic link not followed: symbolic link loop' },
    ]);
  });
});

describe('permissions', () => {
  it.skipIf(isRoot)('notes unreadable files and directories (chmod)', async () => {
    write('locked/secret.js', WEAK_VERIFY);
    write('locked-file.js', WEAK_VERIFY);
    chmodSync(join(root, 'locked'), 0o000);
    chmodSync(join(root, 'locked-file.js'), 0o000);
    try {
      const result = await run();
      expect(reasonOf(result, 'locked/')).toBe('directory not scanned: permission denied');
      expect(reasonOf(result, 'locked-file.js')).toBe('permission denied');
      expect(found(result, 'healthy.js')).toEqual(HEALTHY_FINDING);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
      rmSync(join(root, 'locked'), { recursive: true });
      rmSync(join(root, 'locked-file.js'));
    }
  });

  it('notes unreadable files and directories (EACCES from the file system)', async () => {
    write('denied/secret.js', WEAK_VERIFY);
    write('denied-file.js', WEAK_VERIFY);
    denied.add(join(root, 'denied'));
    denied.add(join(root, 'denied-file.js'));
    try {
      const result = await run();
      expect(reasonOf(result, 'denied/')).toBe('directory not scanned: permission denied');
      expect(reasonOf(result, 'denied-file.js')).toBe('permission denied');
      expect(found(result, 'denied/secret.js')).toEqual([]);
      expect(found(result, 'healthy.js')).toEqual(HEALTHY_FINDING);
    } finally {
      denied.clear();
      rmSync(join(root, 'denied'), { recursive: true });
      rmSync(join(root, 'denied-file.js'));
    }
  });
});

describe('files that change during the scan', () => {
  /** Runs a scan on a small tree, changing it between discovery and reading. */
  async function raced(change: (dir: string) => void): Promise<ScanResult> {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-race-'));
    writeFileSync(join(dir, 'healthy.js'), WEAK_VERIFY);
    writeFileSync(join(dir, 'victim.js'), WEAK_VERIFY);
    try {
      // `select` runs after discovery and before any file is read: a real race window.
      return await scan({ targets: ['.'], root: dir, useGitignore: false, select: (files) => { change(dir); return files; } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('notes a file deleted after discovery', async () => {
    const result = await raced((dir) => unlinkSync(join(dir, 'victim.js')));
    expect(result.skipped).toEqual([{ file: 'victim.js', reason: 'no longer exists (deleted or moved during the scan)' }]);
    expect(found(result, 'healthy.js')).toEqual(HEALTHY_FINDING);
  });

  it('does not read a file that grew past the size limit', async () => {
    const result = await raced((dir) => writeFileSync(join(dir, 'victim.js'), Buffer.alloc(2 * 1024 * 1024, 'jwt ')));
    expect(result.skipped).toEqual([{ file: 'victim.js', reason: 'larger than 1 MiB (2 MiB)' }]);
  });

  it('does not block on a file replaced by a FIFO', async () => {
    const result = await raced((dir) => {
      unlinkSync(join(dir, 'victim.js'));
      execFileSync('mkfifo', [join(dir, 'victim.js')]);
    });
    expect(result.skipped).toEqual([{ file: 'victim.js', reason: 'no longer a regular file' }]);
    expect(found(result, 'healthy.js')).toEqual(HEALTHY_FINDING);
  });
});

describe('time limits', () => {
  it('skips a file that exceeds the per-file time budget, with a note', async () => {
    const result = await run({ targets: ['healthy.js', 'encoding/late-nul.js'], fileTimeBudgetMs: 0 });
    expect(result.skipped).toEqual([
      { file: 'encoding/late-nul.js', reason: 'analysis exceeded the per-file time budget (0s)' },
      { file: 'healthy.js', reason: 'analysis exceeded the per-file time budget (0s)' },
    ]);
    expect(result.incomplete).toBeUndefined();
  });

  it('stops at the global timeout: every file not analysed is listed, the result says incomplete', async () => {
    const result = await run({ targets: ['healthy.js', 'encoding', 'names'], timeoutMs: 0 });
    expect(result.incomplete).toBe('the --timeout of 0ms was reached');
    expect(result.findings.filter((f) => f.engine === 'ast')).toEqual([]);
    expect(result.skipped.filter((s) => s.reason === 'not analysed: the scan --timeout was reached').length).toBeGreaterThan(10);
    const sarif = JSON.parse(renderReport('sarif', result, {
      rules: loadRuleDocs(), toolVersion: '0.0.0', color: false, quiet: false, verbose: false, failOn: 'high',
    }));
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('rejects with the abort reason when interrupted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(run({ signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('targets', () => {
  it('a missing target is a clear error', async () => {
    await expect(run({ targets: ['does/not/exist'] })).rejects.toThrow('path not found: does/not/exist');
  });
});
