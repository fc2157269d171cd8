/**
 * The npm package as users get it: `npm pack` holds only what runs (built JS, types, rule
 * pages, the weak-secret list), installs into an empty project with no dev dependencies and
 * no build step, and `npx jwt-lint` and the README's library example work from there.
 * Dependencies come from the npm cache when present, else from the registry.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string; engines: { node: string }; files: string[]; bin: Record<string, string>; devDependencies: Record<string, string>;
};

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', npm_config_update_notifier: 'false' } });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

let packed: string[];
let project: string;

beforeAll(() => {
  expect(existsSync(join(repoRoot, 'dist', 'cli.js')), 'run `npm run build` first').toBe(true);
  const out = mkdtempSync(join(tmpdir(), 'jwt-lint-pack-'));
  // --ignore-scripts: package the dist/ that `npm test` just built instead of building again.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], repoRoot);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = info!.files.map((file) => file.path);

  project = mkdtempSync(join(tmpdir(), 'jwt-lint-install-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'jwt-lint-install-check', private: true, type: 'module' }));
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(out, info!.filename)], project);
  expect(install.code, install.stderr).toBe(0);
}, 120_000);

describe('the npm package', () => {
  it('declares Node 20 or newer', () => {
    expect(pkg.engines.node).toBe('>=20');
  });

  it('ships built code, types, rule pages and the weak-secret list, and nothing else', () => {
    expect(packed).toContain('bin/jwt-lint.js');
    expect(packed).toContain('dist/index.js');
    expect(packed).toContain('dist/index.d.ts');
    expect(packed).toContain('dist/cli.js');
    expect(packed).toContain('dist/analyze/js/typescript.cjs');
    expect(packed).toContain('dist/analyze/js/typescript-loader.cjs');
    expect(packed).toContain('dist/analyze/js/typescript.cache');
    expect(packed).toContain('rules/alg-none.md');
    expect(packed).toContain('data/weak-secrets.txt');
    const unexpected = packed.filter((path) =>
      !/^(bin\/jwt-lint\.js|dist\/.+\.(c?js|d\.c?ts)|dist\/analyze\/js\/typescript\.cache|rules\/[a-z-]+\.md|data\/.+|package\.json|README\.md|LICENSE)$/.test(path));
    expect(unexpected).toEqual([]);
    expect(packed.some((path) => path.startsWith('src/') || path.startsWith('test/') || path.startsWith('fixtures/'))).toBe(false);
  });

  it('installs without dev dependencies', () => {
    const installed = readdirSync(join(project, 'node_modules'));
    for (const dev of Object.keys(pkg.devDependencies)) expect(installed, dev).not.toContain(dev.split('/')[0]);
  });

  it('runs `npx jwt-lint` from the installed package: exit 1 and the finding', () => {
    mkdirSync(join(project, 'sample'));
    writeFileSync(join(project, 'sample', 'auth.js'), "const jwt = require('jsonwebtoken');\nexports.t = jwt.sign({ sub: 1 }, 'qz7weak', { algorithm: 'none' });\n");
    const scan = run('npx', ['--no-install', 'jwt-lint', 'sample', '--format', 'json'], project);
    expect(scan.code, scan.stderr).toBe(1);
    const report = JSON.parse(scan.stdout) as { tool: { version?: string }; findings: Array<{ ruleId: string; file: string }> };
    expect(report.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(expect.arrayContaining(['sample/auth.js alg-none', 'sample/auth.js weak-secret']));
    expect(run('npx', ['--no-install', 'jwt-lint', '--version'], project).stdout.trim()).toBe(pkg.version);
  });

  it('runs the README library example against the installed package', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Library API'));
    const example = /```js\n([\s\S]*?)```/.exec(section)![1]!;
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'src', 'auth.js'), "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: 1 }, 'qz7weak', { algorithm: 'none' });\n");
    writeFileSync(join(project, 'example.mjs'), example);
    const result = run(process.execPath, ['example.mjs'], project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/alg-none critical src\/auth\.js:2/);
    expect(result.stdout).not.toContain('qz7weak');
  });
});
