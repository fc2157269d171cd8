/**
 * The analysis worker must not change results: it analyses the Python, Java, Go and config
 * files and, on large trees, reads the file list from the back while the main thread reads it
 * from the front. The two threads split the list through `FileClaims`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { FileClaims } from '../src/file-claims.js';
import { BACK_READER_MIN_FILES } from '../src/read-pool.js';

const repoRoot = join(import.meta.dirname, '..');
const bin = join(repoRoot, 'bin', 'jwt-lint.js');

describe('file claims', () => {
  it('hand out each position once, from the front and from the back, until they meet', () => {
    const claims = FileClaims.create(10);
    expect(claims.fromFront(3)).toEqual([0, 3]);
    expect(claims.fromBack(4)).toEqual([6, 10]);
    expect(claims.fromFront(5)).toEqual([3, 6]);
    expect(claims.fromBack(4)).toEqual([6, 6]);
    expect(claims.fromFront(1)).toEqual([6, 6]);
    expect(FileClaims.create(0).fromBack(64)).toEqual([0, 0]);
  });

  it('never give a position to both threads when they claim at the same time (built module)', async () => {
    const count = 300_000;
    const claims = FileClaims.create(count);
    const taken = new Int32Array(new SharedArrayBuffer(count * Int32Array.BYTES_PER_ELEMENT));
    // The other thread takes batches from the back, as the analysis worker does.
    const script = join(mkdtempSync(join(tmpdir(), 'jwt-lint-claims-')), 'back.mjs');
    writeFileSync(script, `import { workerData, parentPort } from 'node:worker_threads';
const { FileClaims } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'file-claims.js')).href)});
const claims = new FileClaims(workerData.claims);
const taken = new Int32Array(workerData.taken);
let mine = 0;
for (let [start, end] = claims.fromBack(64); start < end; [start, end] = claims.fromBack(64)) {
  for (let i = start; i < end; i++) Atomics.add(taken, i, 1);
  mine += end - start;
}
parentPort.postMessage(mine);`);
    const worker = new Worker(script, { workerData: { claims: claims.buffer, taken: taken.buffer } });
    const theirs = new Promise<number>((resolve, reject) => worker.on('message', resolve).on('error', reject));
    let mine = 0;
    for (let [start, end] = claims.fromFront(16); start < end; [start, end] = claims.fromFront(16)) {
      for (let i = start; i < end; i++) Atomics.add(taken, i, 1);
      mine += end - start;
    }
    const workerShare = await theirs;
    await worker.terminate();
    expect(mine + workerShare).toBe(count);
    expect(taken.every((times) => times === 1)).toBe(true);
  });
});

// The worker needs a second core.
describe.skipIf(availableParallelism() < 2)('analysis worker (built CLI)', () => {
  const run = (dir: string, args: string[]) => {
    const report = join(dir, `report-${args.join('_').replace(/\W/g, '')}.json`);
    const result = spawnSync(process.execPath, [bin, 'tree', '--no-gitignore', '--format', 'json', '--output', report,
      '--max-file-size', '64k', '--timing', ...args], { cwd: dir, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { findings: unknown[]; skipped: unknown[] };
    return { findings: json.findings, skipped: json.skipped, stderr: result.stderr };
  };

  it('finds exactly what the main thread alone finds, on a tree both threads read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-analysis-worker-'));
    const tree = join(dir, 'tree');
    // The fixtures at both ends of the file list (every language, imports, suppressions), enough
    // files in between for the worker to join while the main thread analyses the front ones,
    // and files each thread must skip.
    cpSync(join(repoRoot, 'fixtures'), join(tree, 'a-front'), { recursive: true });
    cpSync(join(repoRoot, 'fixtures'), join(tree, 'z-back'), { recursive: true });
    mkdirSync(join(tree, 'm-filler'));
    for (let index = 0; index < BACK_READER_MIN_FILES + 500; index++) {
      writeFileSync(join(tree, 'm-filler', `f${String(index).padStart(4, '0')}.js`), `export const n${index} = ${index};\n`);
    }
    for (const end of ['a-front', 'z-back']) {
      writeFileSync(join(tree, end, 'binary.js'), Buffer.from([0x6a, 0x77, 0x74, 0x00, 0x01]));
      writeFileSync(join(tree, end, 'large.py'), `# jwt\n${'x = 1\n'.repeat(20_000)}`);
      // A Go package whose middle file cannot be parsed: both other files read it, then it gets its own turn.
      mkdirSync(join(tree, end, 'gopkg'));
      const goFile = (body: string) => `package auth\n\nimport "github.com/golang-jwt/jwt/v5"\n\n${body}\n`;
      writeFileSync(join(tree, end, 'gopkg', 'a.go'), goFile('func A(t string) { jwt.Parse(t, nil) }'));
      writeFileSync(join(tree, end, 'gopkg', 'b.go'), goFile(`var B = ${'('.repeat(600)}1${')'.repeat(600)}`));
      writeFileSync(join(tree, end, 'gopkg', 'c.go'), goFile('var key = []byte("secret")\nfunc C(t string) { jwt.Parse(t, func(*jwt.Token) (any, error) { return key, nil }) }'));
    }

    const single = run(dir, ['--workers', '1']);
    const shared = run(dir, []);
    expect(single.stderr).toContain('(read on the main thread)');
    expect(shared.stderr).toContain('read on the main thread and the analysis worker; Python, Java, Go and config files analysed on the analysis worker');
    expect(shared.findings.length).toBeGreaterThan(200);
    expect(shared.findings).toEqual(single.findings);
    expect(shared.skipped).toEqual(single.skipped);
    expect(shared.skipped).toEqual(expect.arrayContaining([
      { file: 'tree/a-front/binary.js', reason: 'binary content' },
      { file: 'tree/z-back/binary.js', reason: 'binary content' },
      expect.objectContaining({ file: 'tree/z-back/large.py', reason: expect.stringMatching(/^larger than 64 KiB/) }),
      { file: 'tree/z-back/gopkg/b.go', reason: 'analysis failed: code nested too deeply to analyse' },
    ]));

    // Out of time: every file not analysed is listed once, whichever thread read it.
    const report = join(dir, 'timeout.json');
    const timedOut = spawnSync(process.execPath, [bin, 'tree', '--no-gitignore', '--format', 'json', '--output', report, '--timeout', '0.001'],
      { cwd: dir, encoding: 'utf8' });
    expect(timedOut.stderr).toContain('the --timeout of 1ms was reached');
    const skippedFiles = (JSON.parse(readFileSync(report, 'utf8')).skipped as { file: string }[]).map((entry) => entry.file);
    expect(skippedFiles.length).toBeGreaterThan(100);
    expect(new Set(skippedFiles).size).toBe(skippedFiles.length);
    expect(skippedFiles).toContain('tree/z-back/alg-none/python/bad-none.py');
  });

  it('leaves a few Python, Java, Go or config files to the main thread: they do not pay for a thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-analysis-worker-few-'));
    cpSync(join(repoRoot, 'fixtures', 'weak-secret'), join(dir, 'tree'), { recursive: true });
    writeFileSync(join(dir, 'tree', '.env'), 'JWT_SECRET=changeme\n');
    const single = run(dir, ['--workers', '1']);
    const alone = run(dir, []);
    expect(alone.stderr).toContain('(read on the main thread)');
    expect(alone.findings).toEqual(single.findings);
    expect(alone.findings).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'tree/.env', ruleId: 'weak-secret' })]));
  });

  it('analyses the other languages of a small tree beside the main thread, with the same findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-analysis-worker-small-'));
    cpSync(join(repoRoot, 'fixtures'), join(dir, 'tree'), { recursive: true });
    const single = run(dir, ['--workers', '1']);
    const beside = run(dir, []);
    expect(beside.stderr).toContain('(read on the main thread; Python, Java, Go and config files analysed on the analysis worker)');
    expect(beside.findings).toEqual(single.findings);
    expect(beside.skipped).toEqual(single.skipped);
  });
});
