/**
 * The pre-commit hook (.pre-commit-hooks.yaml): the framework installs the package with
 * `language: node` and runs `entry` with the staged file names appended.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseArguments } from '../src/cli.js';

const repoRoot = join(import.meta.dirname, '..');
const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
  id: string; name: string; entry: string; language: string; types?: string[]; args?: string[]; pass_filenames?: boolean;
}>;
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks.find((candidate) => candidate.id === 'jwt-lint')!;

  it('defines a node hook whose entry is the package executable, run on staged text files', () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe('node');
    const [command, ...entryArgs] = hook.entry.split(/\s+/);
    expect(Object.keys(pkg.bin)).toContain(command);
    expect(hook.pass_filenames ?? true).toBe(true);
    expect(hook.types).toEqual(['text']);
    const { paths } = parseArguments([...entryArgs, ...(hook.args ?? []), 'src/a.ts', 'config/app.yaml']);
    expect(paths).toEqual(['src/a.ts', 'config/app.yaml']);
  });

  it('blocks a commit whose staged files have findings, and reports only those files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-hook-'));
    writeFileSync(join(dir, 'staged.js'), "const jwt = require('jsonwebtoken');\nexports.t = jwt.sign({ sub: 1 }, 'qz7weak', { algorithm: 'none' });\n");
    writeFileSync(join(dir, 'clean.js'), 'exports.a = 1;\n');
    writeFileSync(join(dir, 'not-staged.js'), "const jwt = require('jsonwebtoken');\nexports.t = jwt.sign({ sub: 1 }, 'qz7weak', { algorithm: 'none' });\n");
    const [, ...entryArgs] = hook.entry.split(/\s+/);
    const run = (files: string[]) =>
      spawnSync(process.execPath, [join(repoRoot, 'bin', 'jwt-lint.js'), ...entryArgs, ...(hook.args ?? []), ...files], { cwd: dir, encoding: 'utf8' });
    const blocked = run(['staged.js', 'clean.js']);
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('staged.js');
    expect(blocked.stdout).not.toContain('not-staged.js');
    expect(run(['clean.js']).status).toBe(0);
  });
});
