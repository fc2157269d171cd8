/**
 * `--changed-since REF` in a real temporary git repository: committed, staged, modified and
 * untracked changes count; files importing a changed file are analysed too; errors are clear.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changedFilesSince, changedFileSelector, GitError, importNames } from '../src/changed-files.js';
import { scan } from '../src/scan.js';

const WEAK = (name: string) => `const jwt = require('jsonwebtoken');\nexports.${name} = (p) => jwt.sign(p, 'qz7weak', { algorithm: 'none' });\n`;

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

function write(dir: string, name: string, content: string): void {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), content);
}

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'jwt-lint-changed-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'jwt-lint test');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'commit.gpgsign', 'false');
  write(repo, 'src/old.js', WEAK('old'));
  write(repo, 'src/config.js', "module.exports = { audience: 'api' };\n");
  write(repo, 'src/verify.js', "const jwt = require('jsonwebtoken');\nconst { audience } = require('./config');\nexports.v = (t) => jwt.verify(t, process.env.KEY, { audience });\n");
  write(repo, 'src/staged.js', "exports.x = 1; // token\n");
  write(repo, 'src/modified.js', "exports.y = 1; // token\n");
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  git(repo, 'checkout', '-q', '-b', 'feature');
  write(repo, 'src/config.js', "module.exports = { audience: 'api', issuer: 'auth' };\n");
  write(repo, 'src/new.js', WEAK('fresh'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'feature');
  write(repo, 'src/staged.js', WEAK('staged'));
  git(repo, 'add', 'src/staged.js');
  write(repo, 'src/modified.js', WEAK('modified'));
  write(repo, 'src/untracked.js', WEAK('untracked'));
});

describe('changedFilesSince', () => {
  it('lists committed, staged, modified and untracked changes, not unchanged files', async () => {
    const changed = await changedFilesSince('main', repo);
    const names = [...changed.files].map((path) => path.slice(repo.length + 1)).sort();
    expect(names).toEqual(['src/config.js', 'src/modified.js', 'src/new.js', 'src/staged.js', 'src/untracked.js']);
  });

  it('finds the repository root from a subdirectory', async () => {
    const changed = await changedFilesSince('main', join(repo, 'src'));
    expect(changed.repoRoot).toBe(repo);
  });

  it('fails clearly outside a repository, on an unknown ref and on an option-like ref', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'jwt-lint-nogit-'));
    await expect(changedFilesSince('main', outside)).rejects.toThrow(/not inside a git repository/);
    await expect(changedFilesSince('no-such-branch', repo)).rejects.toThrow(/unknown git ref/);
    await expect(changedFilesSince('--output=/tmp/x', repo)).rejects.toBeInstanceOf(GitError);
  });
});

describe('changed-files selection', () => {
  it('analyses changed files and their importers only', async () => {
    const changed = await changedFilesSince('main', repo);
    const selector = changedFileSelector(changed.files);
    const result = await scan({ targets: ['.'], root: repo, select: selector.select });
    const files = new Set(result.findings.map((f) => f.file));
    expect([...files].sort()).toEqual(['src/modified.js', 'src/new.js', 'src/staged.js', 'src/untracked.js', 'src/verify.js']);
    expect(files.has('src/old.js')).toBe(false); // unchanged, imports nothing changed
    expect(selector.selected.has(join(repo, 'src/verify.js'))).toBe(true); // imports ./config
  });

  it('names a module as importers write it', () => {
    expect(importNames('/r/src/config.ts')).toEqual(['config']);
    expect(importNames('/r/src/auth/index.ts')).toEqual(['index', 'auth']);
    expect(importNames('/r/internal/tokens/sign.go')).toEqual(['sign', 'tokens']);
  });

  it('does not take a longer name for an import of the changed file', () => {
    const changed = new Set([join(repo, 'src/config.js')]);
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-importers-'));
    write(dir, 'a.js', "import x from './app-config';\n");
    write(dir, 'b.py', 'from settings.config import JWT_SECRET\n');
    write(dir, 'c.js', "// config is mentioned, but not imported\nconst config = 1;\n");
    const files = ['a.js', 'b.py', 'c.js'].map((name) => ({ absPath: join(dir, name), relPath: name }));
    expect(changedFileSelector(changed).select(files).map((file) => file.relPath)).toEqual(['b.py']);
  });

  it('does not read an importer over the scan size cap (it is not scanned either)', () => {
    const changed = new Set([join(repo, 'src/config.js')]);
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-importers-'));
    write(dir, 'small.js', "const config = require('./config');\n");
    write(dir, 'huge.js', `const config = require('./config');\n${'// filler\n'.repeat(20_000)}`);
    const files = ['huge.js', 'small.js'].map((name) => ({ absPath: join(dir, name), relPath: name }));
    expect(changedFileSelector(changed).select(files, 64 * 1024).map((file) => file.relPath)).toEqual(['small.js']);
    expect(changedFileSelector(changed).select(files).map((file) => file.relPath)).toEqual(['huge.js', 'small.js']);
  });
});

describe('--changed-since on the command line', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'jwt-lint.js');
  const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

  it('reports findings of changed files only', () => {
    const run = cli(['.', '--changed-since', 'main', '--format', 'json'], repo);
    expect(run.status).toBe(1);
    const files = new Set((JSON.parse(run.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file));
    expect(files.has('src/new.js')).toBe(true);
    expect(files.has('src/old.js')).toBe(false);
  });

  it('exits 2 with a clear message outside a git repository or with a bad ref', () => {
    const outside = mkdtempSync(join(tmpdir(), 'jwt-lint-nogit-'));
    write(outside, 'a.js', WEAK('a'));
    const noRepo = cli(['.', '--changed-since', 'main'], outside);
    expect(noRepo.status).toBe(2);
    expect(noRepo.stderr).toMatch(/jwt-lint: error: --changed-since: .* is not inside a git repository/);
    const badRef = cli(['.', '--changed-since', 'nope'], repo);
    expect(badRef.status).toBe(2);
    expect(badRef.stderr).toContain('unknown git ref');
  });
});
