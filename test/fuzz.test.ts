/**
 * Seeded fuzzing of the whole pipeline: random files and mutated fixture files, in every
 * language the scanner reads, go through scan() and every reporter. No case may crash the
 * scan, leave an unhandled rejection, produce JSON that does not parse or SARIF that does
 * not validate. A failure prints the seed and round to reproduce it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, REPORT_FORMATS } from '../src/report/index.js';
import { loadRuleDocs } from '../src/rules/docs.js';
import { scan } from '../src/scan.js';
import { validateSarif } from './helpers/sarif-schema.js';

const SEED = Number(process.env.JWT_LINT_FUZZ_SEED ?? 20261122);
const ROUNDS = 40;
const FILES_PER_ROUND = 50;
const EXTENSIONS = ['.js', '.ts', '.tsx', '.mjs', '.vue', '.html', '.py', '.java', '.go', '.yml', '.yaml', '.json', '.env', '.sh', '.properties', '.txt', ''];
/** Fragments that steer mutations toward what the analyzers look for. */
const TOKENS = [
  'jwt', 'jsonwebtoken', "require('jsonwebtoken')", 'import jwt\n', 'jwt.sign(', 'jwt.verify(', 'jwt.decode(', 'Jwts.parser()',
  'jwt.Parse(', 'secret', 'JWT_SECRET=', '"alg": "none"', 'algorithms: [', "'none'", 'expiresIn', 'Bearer ', 'eyJhbGciOiJIUzI1NiJ9.',
  'eyJzdWIiOiIxIn0.', '-----BEGIN PRIVATE KEY-----\n', '"', "'", '`', '${', '(', ')', '[', ']', '{', '}', '<script>', '</script>',
  '\\', '\n', '\r', '\r\n', '\0', '\ufeff', '\u202e', '\ud800', '🔑', '/*', '*/', '//', '#', '"""', 'jwt-lint-disable-next-line ',
  ':', '=', ',', ';', '\t', '    ', 'localStorage.setItem(', 'httpOnly: false', 'process.env.',
];

/** mulberry32: small, fast, good enough to drive a fuzzer deterministically. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fixtureFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fixtureFiles(path, found);
    else if (statSync(path).size < 20_000) found.push(path);
  }
  return found;
}

const corpus = fixtureFiles(join(import.meta.dirname, '..', 'fixtures')).map((path) => readFileSync(path));
const docs = loadRuleDocs();
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'jwt-lint-fuzz-'));
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  rmSync(workDir, { recursive: true, force: true });
});

function makeCase(random: () => number): { name: string; content: Buffer } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (max: number): number => Math.floor(random() * max);
  let content: Buffer;
  const kind = random();
  if (kind < 0.15) {
    content = Buffer.from(Array.from({ length: int(2000) }, () => int(256)));
  } else if (kind < 0.3) {
    content = Buffer.from(Array.from({ length: int(200) }, () => pick(TOKENS)).join(''));
  } else {
    content = Buffer.from(corpus.length > 0 ? pick(corpus) : Buffer.from(pick(TOKENS)));
    for (let mutations = int(8); mutations > 0; mutations--) {
      const at = int(content.length + 1);
      const op = int(6);
      if (op === 0) content = Buffer.concat([content.subarray(0, at), Buffer.from(pick(TOKENS)), content.subarray(at)]);
      else if (op === 1) content = Buffer.concat([content.subarray(0, at), content.subarray(at + int(50))]);
      else if (op === 2 && content.length > 0) content[Math.min(at, content.length - 1)] = int(256);
      else if (op === 3) content = content.subarray(0, at);
      else if (op === 4) content = Buffer.concat([content.subarray(0, at), Buffer.from(pick(TOKENS).repeat(1 + int(300))), content.subarray(at)]);
      else content = Buffer.concat([content, corpus.length > 0 ? pick(corpus) : Buffer.alloc(0)]);
    }
    if (random() < 0.05) content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content.toString('latin1'), 'utf16le')]);
  }
  const stem = pick(['a', 'auth', 'config', 'jwt', 'token', 'with space', 'ünï', "q'uote", 'ctrl\u001b', 'new\nline', 'test/x', 'src/deep/y']);
  return { name: `${stem}${int(1000)}${pick(EXTENSIONS)}`, content };
}

describe('fuzzing the pipeline', () => {
  it(`${ROUNDS * FILES_PER_ROUND} random and mutated files scan and report cleanly (seed ${SEED})`, async () => {
    const random = prng(SEED);
    let cases = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = join(workDir, `round-${round}`);
      mkdirSync(dir);
      for (let i = 0; i < FILES_PER_ROUND; i++) {
        const { name, content } = makeCase(random);
        const path = join(dir, `${i}-${name}`);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, content);
        cases++;
      }
      const where = `seed ${SEED}, round ${round}`;
      const result = await scan({ targets: ['.'], root: dir, useGitignore: false });
      expect(result.stats.filesScanned + result.skipped.length, where).toBeGreaterThan(0);
      for (const format of REPORT_FORMATS) {
        const report = renderReport(format, result, {
          rules: docs, toolVersion: '0.0.0', color: round % 2 === 0, quiet: round % 3 === 0, verbose: true, failOn: 'high',
        });
        expect(typeof report, where).toBe('string');
        if (format === 'json') expect(JSON.parse(report).findings, where).toHaveLength(result.findings.length);
        if (format === 'sarif') expect(validateSarif(JSON.parse(report)), where).toEqual([]);
        if (format === 'text') expect(report, where).not.toMatch(/[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(rejections).toEqual([]);
    expect(cases).toBe(ROUNDS * FILES_PER_ROUND);
  }, 120_000);
});
