#!/usr/bin/env node
/**
 * `npm run bench`: jwt-lint against the I/O-and-regex floor (ripgrep with jwt-lint's own
 * prefilter keywords) and against ESLint with eslint-plugin-jwt, on the same warm tree.
 * Prints a Markdown table (wall time median/min/max, files/s, MB/s, max RSS, findings, ratios)
 * for jwt-lint with 1 worker, the default and a read worker per core, on the corpus, on the
 * corpus doubled and on a small repository (jwt-lint's fixtures), then jwt-lint's per-stage
 * times and the HMAC check rate.
 *
 *   npm run bench                 full run (3 runs each, 6 for variants whose ratios are targets)
 *   npm run bench -- --repeat 5   more repeats
 *   npm run bench -- --no-eslint  skip ESLint (it takes minutes)
 *
 * Benchmarks are never unit tests: nothing here runs in CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, measureTree } from './build-corpus.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = join(benchDir, '..');
const cli = join(repoDir, 'bin', 'jwt-lint.js');
const args = process.argv.slice(2);
const repeat = Number(args[args.indexOf('--repeat') + 1]) || 3;
const withEslint = !args.includes('--no-eslint');
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (!existsSync(join(repoDir, 'dist', 'cli.js'))) {
  console.error('dist/ is missing: run `npm install` (it builds) or `npm run build` first.');
  process.exit(2);
}
const { PREFILTER_KEYWORDS } = await import(join(repoDir, 'dist', 'prefilter.js'));

const tree = buildCorpus();
const size = measureTree(tree);
const doubled = doubledTree(tree);
const out = mkdtempSync(join(tmpdir(), 'jwt-lint-bench-'));

/**
 * Runs each variant ({ label, command, args, cwd, countFindings }) `runs` times after one
 * warm-up each, interleaved and rotated (A B C, B C A, C A B, ...): a machine that speeds up
 * or slows down during the run, or a run slowed by the one before it, affects every variant
 * alike. Wall seconds and max RSS (KB) per run.
 */
function measure(variants, { runs = repeat, warmUp = true } = {}) {
  const samples = variants.map(() => []);
  for (let run = warmUp ? -1 : 0; run < runs; run++) {
    const rotation = variants.map((_, position) => (position + Math.max(run, 0)) % variants.length);
    rotation.forEach((index) => {
      const variant = variants[index];
      const timed = timeBinary ? [timeBinary, ['-f', '%e %M', variant.command, ...variant.args]] : [variant.command, variant.args];
      const started = performance.now();
      const result = spawnSync(timed[0], timed[1], { cwd: variant.cwd ?? repoDir, encoding: 'utf8', maxBuffer: 1 << 30 });
      const wall = (performance.now() - started) / 1000;
      if (result.status !== 0 && result.status !== 1) {
        throw new Error(`${variant.label} failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
      }
      const timeLine = timeBinary ? result.stderr.trim().split('\n').pop() : '';
      const rssKb = timeBinary ? Number(timeLine.split(' ')[1]) : NaN;
      if (run >= 0) samples[index].push({ wall, rssKb, findings: variant.countFindings?.(result) });
      process.stderr.write(`  ${variant.label}: run ${run < 0 ? 'warm-up' : run + 1} ${wall.toFixed(2)} s\n`);
    });
  }
  return variants.map((variant, index) => {
    const walls = samples[index].map((sample) => sample.wall).sort((a, b) => a - b);
    return {
      label: variant.label,
      median: walls[Math.floor(walls.length / 2)],
      min: walls[0],
      max: walls[walls.length - 1],
      rssMb: Math.max(...samples[index].map((sample) => sample.rssKb)) / 1024,
      findings: samples[index][0].findings,
    };
  });
}

/** A jwt-lint run on `target` with extra flags, as a variant for `measure`. */
function jwtLint(label, target, extra) {
  const report = join(out, `${label.replace(/\W+/g, '-')}.json`);
  return {
    label,
    command: process.execPath,
    args: [cli, target, '--no-gitignore', '--format', 'json', '--output', report, ...extra],
    countFindings: () => JSON.parse(readFileSync(report, 'utf8')).findings.length,
  };
}

function doubledTree(source) {
  const target = join(benchDir, '.corpus', 'doubled');
  // Made again each run, so that it holds the fixtures just copied into the corpus. Hard
  // links: the same bytes twice without copying the corpus.
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const half of ['a', 'b']) execFileSync('cp', ['-al', source, join(target, half)]);
  return target;
}

const rows = [];
const rgAvailable = spawnSync('rg', ['--version']).status === 0;
let rg;
if (rgAvailable) {
  const rgArgs = ['-l', '-uu', '-F', ...PREFILTER_KEYWORDS.flatMap((keyword) => ['-e', keyword]), '--max-filesize', '1M', '.'];
  [rg] = measure([{ label: 'ripgrep (prefilter keywords)', command: 'rg', args: rgArgs, cwd: tree,
    countFindings: (r) => `${r.stdout.split('\n').filter(Boolean).length} files` }]);
  rows.push(rg);
} else {
  console.error('ripgrep (rg) is not installed: the I/O floor row is skipped (apt-get install ripgrep).');
}
// The pool the default leaves out below 4 cores, measured anyway: one read worker per core.
const pooledCount = Math.max(2, cpus().length);
// Variants compared with each other get twice the runs: their ratios are targets.
const [single, defaults, pooled] = measure([
  jwtLint('jwt-lint, 1 worker', tree, ['--workers', '1']),
  jwtLint('jwt-lint, default workers', tree, []),
  jwtLint(`jwt-lint, ${pooledCount} read workers`, tree, ['--workers', String(pooledCount)]),
], { runs: 2 * repeat });
rows.push(single, defaults, pooled);
const [doubledRun] = measure([jwtLint('jwt-lint, doubled corpus', doubled, [])]);
rows.push(doubledRun);
// A small repository: jwt-lint's own fixtures (a few hundred JWT-dense files) on their own.
const smallRepo = join(tree, 'jwt-lint-fixtures');
const smallSize = measureTree(smallRepo);
const [smallSingle, smallDefaults] = measure([
  jwtLint('small repo (fixtures), 1 worker', smallRepo, ['--workers', '1']),
  jwtLint('small repo (fixtures), default workers', smallRepo, []),
], { runs: 2 * repeat });
rows.push(smallSingle, smallDefaults);
let eslint;
const eslintBin = join(repoDir, 'node_modules', 'eslint', 'bin', 'eslint.js');
if (withEslint && existsSync(eslintBin) && existsSync(join(repoDir, 'node_modules', 'eslint-plugin-jwt'))) {
  [eslint] = measure([{
    label: 'ESLint + eslint-plugin-jwt (all rules)',
    command: process.execPath,
    args: [eslintBin, '--no-config-lookup', '-c', join(benchDir, 'eslint.config.mjs'), '--no-ignore', '--format', 'json',
      '--no-warn-ignored', tree],
    countFindings: (r) => JSON.parse(r.stdout).reduce((sum, file) =>
      sum + file.messages.filter((message) => message.ruleId?.startsWith('jwt/')).length, 0),
  }], { warmUp: false }); // the tree is warm from the runs above, and one ESLint run takes minutes
  rows.push(eslint);
} else if (withEslint) {
  console.error('ESLint or eslint-plugin-jwt is not installed (dev dependencies): its row is skipped.');
}

const mb = size.bytes / 1e6;
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
console.log(`\nCorpus: ${size.files} files (${size.jsFiles} JS/TS), ${fmt(mb, 1)} MB; doubled: twice that.`);
console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log('| run | median s | min s | max s | files/s | MB/s | max RSS MB | findings |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const small = row === smallSingle || row === smallDefaults;
  const factor = row === doubledRun ? 2 : 1;
  const files = small ? smallSize.files : size.files * factor;
  const megabytes = small ? smallSize.bytes / 1e6 : mb * factor;
  const mbPerSecond = megabytes / row.median;
  console.log(`| ${row.label} | ${fmt(row.median)} | ${fmt(row.min)} | ${fmt(row.max)} | ${fmt(files / row.median, 0)} | ${fmt(mbPerSecond, mbPerSecond < 10 ? 1 : 0)} | ${fmt(row.rssMb, 0)} | ${row.findings ?? ''} |`);
}
console.log('');
if (rg) console.log(`jwt-lint (default) / ripgrep: ${fmt(defaults.median / rg.median, 1)}x (target: at most 8x)`);
if (eslint) console.log(`ESLint + eslint-plugin-jwt / jwt-lint (default): ${fmt(eslint.median / defaults.median, 1)}x (target: at least 20x)`);
console.log(`doubled / single corpus: ${fmt(doubledRun.median / defaults.median)}x (target: at most 2.2x)`);
console.log(`default workers / 1 worker: ${fmt(defaults.median / single.median)}x on the corpus, ${fmt(smallDefaults.median / smallSingle.median)}x on the small repo (target: at most 1.05x)`);
console.log(`${pooledCount} read workers / 1 worker: ${fmt(pooled.median / single.median)}x on the corpus`);

// Per-stage times and the HMAC check rate, from jwt-lint's own --timing report.
const timing = spawnSync(process.execPath, [cli, tree, '--no-gitignore', '--format', 'json', '--output', join(out, 'timing.json'), '--timing'], { encoding: 'utf8' });
console.log(`\njwt-lint --timing on the corpus:\n${timing.stderr.trim()}`);
const hmac = spawnSync(process.execPath, [join(benchDir, 'hmac-rate.mjs'), '100000'], { encoding: 'utf8' });
console.log(`\nCracking stage, HMAC candidate checks per second (one token):\n${hmac.stdout.trim()}`);
rmSync(out, { recursive: true, force: true });
