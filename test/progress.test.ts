/** The progress line: drawn only on an interactive terminal outside CI, formatted, throttled, erased. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatProgress, shouldShowProgress, type ProgressStream } from '../src/progress.js';

function fakeStream(isTTY: boolean, columns = 80): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => { written.push(text); return true; } };
}

const TERMINAL_ENV = { TERM: 'xterm-256color' };

describe('progress line', () => {
  it('formats files scanned of total and findings so far', () => {
    expect(formatProgress({ filesScanned: 120, filesTotal: 4310, findings: 3 })).toBe('jwt-lint: 120/4,310 files, 3 findings');
    expect(formatProgress({ filesScanned: 1, filesTotal: 1, findings: 1 })).toBe('jwt-lint: 1/1 files, 1 finding');
    // Never shows more scanned than total, never wraps a narrow terminal.
    expect(formatProgress({ filesScanned: 5, filesTotal: 2, findings: 0 })).toBe('jwt-lint: 5/5 files, 0 findings');
    expect(formatProgress({ filesScanned: 120, filesTotal: 4310, findings: 3 }, 20)).toHaveLength(19);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const stream = fakeStream(false);
    const reporter = createProgressReporter(stream, { env: TERMINAL_ENV });
    reporter.update({ filesScanned: 1, filesTotal: 2, findings: 0 });
    reporter.done();
    expect(stream.written).toEqual([]);
  });

  it('writes nothing in CI, even on a terminal', () => {
    for (const env of [{ CI: 'true' }, { GITHUB_ACTIONS: 'true' }, { GITLAB_CI: 'true' }, { TERM: 'dumb' }]) {
      expect(shouldShowProgress(fakeStream(true), env), JSON.stringify(env)).toBe(false);
      const stream = fakeStream(true);
      createProgressReporter(stream, { env }).update({ filesScanned: 1, filesTotal: 2, findings: 0 });
      expect(stream.written).toEqual([]);
    }
    expect(shouldShowProgress(fakeStream(true), { CI: 'false', ...TERMINAL_ENV })).toBe(true);
  });

  it('assumes 80 columns when the terminal does not say', () => {
    const stream = fakeStream(true, 0);
    createProgressReporter(stream, { env: TERMINAL_ENV }).update({ filesScanned: 1, filesTotal: 2, findings: 0 });
    expect(stream.written).toEqual(['\rjwt-lint: 1/2 files, 0 findings\u001b[K']);
  });

  it('redraws in place at most every 100 ms and erases the line at the end', () => {
    const stream = fakeStream(true);
    let time = 0;
    const reporter = createProgressReporter(stream, { env: TERMINAL_ENV, now: () => time });
    reporter.update({ filesScanned: 1, filesTotal: 3, findings: 0 });
    time = 50;
    reporter.update({ filesScanned: 2, filesTotal: 3, findings: 1 }); // too soon: skipped
    time = 150;
    reporter.update({ filesScanned: 3, filesTotal: 3, findings: 2 });
    reporter.done();
    expect(stream.written).toEqual([
      '\rjwt-lint: 1/3 files, 0 findings\u001b[K',
      '\rjwt-lint: 3/3 files, 2 findings\u001b[K',
      '\r\u001b[K',
    ]);
  });

  // util-linux `script` gives the CLI a pseudo-terminal, as a person at a terminal would.
  const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('is drawn by the CLI on a terminal and erased at the end', () => {
    const repoRoot = join(import.meta.dirname, '..');
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    for (const name of ['CI', 'GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'TF_BUILD']) delete env[name];
    const command = `${JSON.stringify(process.execPath)} bin/jwt-lint.js fixtures --fail-on none > /dev/null`;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, encoding: 'utf8', env });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\rjwt-lint: \d+\/[\d,]+ files, [\d,]+ findings?\u001b\[K/);
    expect(run.stdout.endsWith('\r\u001b[K')).toBe(true);
  });

  it('never reaches redirected stderr of the CLI', () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'jwt-lint.js');
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    for (const name of ['CI', 'GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'TF_BUILD']) delete env[name];
    const run = spawnSync(process.execPath, [bin, 'examples'], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', env });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('files, ');
    expect(run.stderr).not.toContain('\r');
  });
});
