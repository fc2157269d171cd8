/**
 * The paths that make large scans cheap must not change results: the keyword prefilter per
 * front end, read workers, import-only modules and lazily loaded grammars.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscoveredFile } from '../src/discover.js';
import { passesPrefilter } from '../src/prefilter.js';
import { readWorkerCount, WORKER_MIN_FILES } from '../src/read-pool.js';
import { loadedLanguages } from '../src/analyze/tree/parser.js';
import { scan } from '../src/scan.js';

const repoRoot = join(import.meta.dirname, '..');
const bin = join(repoRoot, 'bin', 'jwt-lint.js');

describe('keyword prefilter', () => {
  it('lets JWT code through and keeps unrelated code out', () => {
    expect(passesPrefilter(Buffer.from("import jwt from 'jsonwebtoken';"), 'a.ts')).toBe(true);
    expect(passesPrefilter(Buffer.from("import { sign } from 'jsonwebtoken';"), 'a.ts')).toBe(true);
    expect(passesPrefilter(Buffer.from('const tokens = scanner.nextToken();'), 'a.ts')).toBe(false);
    expect(passesPrefilter(Buffer.from('export const secret = 42;'), 'a.ts')).toBe(false);
  });

  it('needs a token name next to storage, cookie and URL words', () => {
    expect(passesPrefilter(Buffer.from("localStorage.setItem('theme', dark);"), 'a.js')).toBe(false);
    expect(passesPrefilter(Buffer.from("localStorage.setItem('accessToken', t);"), 'a.js')).toBe(true);
    expect(passesPrefilter(Buffer.from("request.log.info({ refreshToken }, 'refresh');"), 'a.ts')).toBe(true);
  });

  it('wants the storage or cookie word and the token word in the same few lines', () => {
    const farApart = `document.cookie = 'theme=' + theme;\n${'// unrelated\n'.repeat(80)}const tokenizer = new Tokenizer();`;
    expect(passesPrefilter(Buffer.from(farApart), 'a.js')).toBe(false);
    expect(passesPrefilter(Buffer.from("const COOKIE_NAME = 'session';\nres.cookie(COOKIE_NAME, value, { secure: false });"), 'a.js')).toBe(true);
    expect(passesPrefilter(Buffer.from("sessionStorage.setItem(KEY, data.auth);"), 'a.ts')).toBe(true);
    const nameOnTop = `const NAME = 'token';\n${'// unrelated\n'.repeat(80)}res.cookie(NAME, value, { httpOnly: false });`;
    expect(passesPrefilter(Buffer.from(nameOnTop), 'a.js')).toBe(true);
  });

  it('takes `token=` only as a query parameter', () => {
    expect(passesPrefilter(Buffer.from('fetch(`/api/items?token=${t}`);'), 'a.js')).toBe(true);
    expect(passesPrefilter(Buffer.from("url + '&access_token=' + t"), 'a.js')).toBe(true);
    expect(passesPrefilter(Buffer.from('requests.get(f"{base}/x?token={tok}")'), 'a.py')).toBe(true);
    expect(passesPrefilter(Buffer.from('let token=next(); if (token===end) return;'), 'a.js')).toBe(false);
    // The separator is added at run time: the name opens a string or follows an interpolation.
    expect(passesPrefilter(Buffer.from("export const ws = (b, t) => b + (b.includes('?') ? '&' : '?') + 'token=' + t;"), 'a.js')).toBe(true);
    expect(passesPrefilter(Buffer.from('return `${url}${separator}token=${t}`;'), 'a.ts')).toBe(true);
    expect(passesPrefilter(Buffer.from('u = f"{url}?oauth2_token={tok}"'), 'a.py')).toBe(true);
    expect(passesPrefilter(Buffer.from('client.get(url, token=tok)'), 'a.py')).toBe(false);
  });

  it('ignores short keywords inside embedded base64 data', () => {
    const blob = 'AGFzbQEAAAAB'.repeat(40);
    expect(passesPrefilter(Buffer.from(`var wasm = "${blob}Jwt${blob}";`), 'a.js')).toBe(false);
    expect(passesPrefilter(Buffer.from(`var wasm = "${blob}"; const jwt = require('jsonwebtoken');`), 'a.js')).toBe(true);
    expect(passesPrefilter(Buffer.from('const JWT_ACCESS_TOKEN_SECRET_FOR_THE_ADMIN_API = process.env.X;'), 'a.js')).toBe(true);
  });

  it('reads lifetime keys in config files, not words that merely start like them', () => {
    expect(passesPrefilter(Buffer.from('ACCESS_TOKEN_EXPIRE_MINUTES=100000'), '.env')).toBe(true);
    expect(passesPrefilter(Buffer.from('auth:\n  tokenExp: 30d\n'), 'app.yml')).toBe(true);
    expect(passesPrefilter(Buffer.from('{ "auth": { "accessTokenExpMs": 2592000000 } }'), 'default.json')).toBe(true);
    expect(passesPrefilter(Buffer.from('refreshTokenExpDays: 365'), 'app.yml')).toBe(true);
    expect(passesPrefilter(Buffer.from('REFRESH_TOKEN_EXP_DAYS=365'), '.env')).toBe(true);
    expect(passesPrefilter(Buffer.from('{ "Unexpected_token_expected_1179": "x" }'), 'messages.json')).toBe(false);
    expect(passesPrefilter(Buffer.from('MESSAGE=TOKEN_EXPECTED'), '.env')).toBe(false);
  });

  it('reads RSA key generation per language', () => {
    expect(passesPrefilter(Buffer.from('key = RSA.generate(1024)'), 'keys.py')).toBe(true);
    expect(passesPrefilter(Buffer.from('kpg.initialize(1024); KeyPairGenerator g;'), 'Keys.java')).toBe(true);
    expect(passesPrefilter(Buffer.from('rsa.GenerateKey(rand.Reader, 1024)'), 'keys.go')).toBe(true);
    expect(passesPrefilter(Buffer.from('openssl genrsa -out k.pem 1024'), 'keys.sh')).toBe(true);
    expect(passesPrefilter(Buffer.from('openssl genrsa -out k.pem 1024'), 'keys.py')).toBe(false);
  });

  it('lets a declaration file through only for a JWT literal', () => {
    expect(passesPrefilter(Buffer.from('export declare function verify(token: string, secret: string): JwtPayload;'), 'index.d.ts')).toBe(false);
    expect(passesPrefilter(Buffer.from('/** e.g. eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig */'), 'index.d.ts')).toBe(true);
  });

  it('matches a long keyword whole, though it searches a few of its characters', () => {
    // `modulusLength` and `redux-persist` are searched by a short needle and checked around it.
    expect(passesPrefilter(Buffer.from('generateKeyPairSync("rsa", { modulusLength: 1024 })'), 'keys.js')).toBe(true);
    expect(passesPrefilter(Buffer.from('const modulusLengths = [1]; const LengthOf = 2;'), 'keys.js')).toBe(true);
    expect(passesPrefilter(Buffer.from('const modulusLengt = 1; odulusLength(); ulusLength = 2;'), 'keys.js')).toBe(false);
    expect(passesPrefilter(Buffer.from("import { persistStore } from 'redux-persist';"), 'store.js')).toBe(true);
    expect(passesPrefilter(Buffer.from("import { persistStore } from 'redux-persis';"), 'store.js')).toBe(false);
    // A keyword cut off by the end of the file is no match.
    expect(passesPrefilter(Buffer.from('x = modulusLen'), 'keys.js')).toBe(false);
  });

  it('searches each storage or cookie word once for both ways a token word confirms it', () => {
    expect(passesPrefilter(Buffer.from("document.cookie = 'a=b';\n" + '\n'.repeat(2000) + "const KEY = 'session';"), 'a.js')).toBe(true);
    expect(passesPrefilter(Buffer.from("document.cookie = 'a=b';\n" + '\n'.repeat(2000) + 'const sessionKey = 1;'), 'a.js')).toBe(false);
    expect(passesPrefilter(Buffer.from("sessionStorage.getItem('x'); const sessionId = 1;"), 'a.js')).toBe(true);
  });
});

describe('read workers', () => {
  const files = (count: number): DiscoveredFile[] =>
    Array.from({ length: count }, (_, i) => ({ absPath: `/x/${i}.ts`, relPath: `${i}.ts` }));

  it('reads small trees and 2-core machines on the main thread, and honours an explicit count', () => {
    expect(readWorkerCount(files(WORKER_MIN_FILES - 1), undefined, 8)).toBe(0);
    expect(readWorkerCount(files(WORKER_MIN_FILES), undefined, 2)).toBe(0);
    expect(readWorkerCount(files(WORKER_MIN_FILES), undefined, 4)).toBe(2);
    expect(readWorkerCount(files(WORKER_MIN_FILES), undefined, 32)).toBe(4);
    expect(readWorkerCount(files(10), 1, 8)).toBe(0);
    expect(readWorkerCount(files(10), 3, 2)).toBe(3);
  });

  it('analyses a file imported before the workers deliver it once, with its own findings (built CLI)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-early-import-'));
    // a.js comes first in discovery order; z.js comes after more than one batch of files.
    writeFileSync(join(dir, 'a.js'), "const jwt = require('jsonwebtoken');\nconst { jwtSecret } = require('./z.js');\n" +
      "jwt.verify(t, jwtSecret, { audience: 'a', issuer: 'i' });\n");
    for (let index = 0; index < 600; index++) writeFileSync(join(dir, `m${String(index).padStart(3, '0')}.js`), `export const n${index} = ${index};\n`);
    // z.js passes the prefilter on its own and has a finding of its own.
    writeFileSync(join(dir, 'z.js'), "const jwt = require('jsonwebtoken');\nexports.jwtSecret = 'shhhhh';\n" +
      "exports.issue = (user) => jwt.sign({ sub: user.id }, exports.jwtSecret, { algorithm: 'HS256' });\n");
    const run = (workers: string) => {
      const report = join(dir, `w${workers}.json`);
      const result = spawnSync(process.execPath, [bin, '.', '--no-gitignore', '--format', 'json', '--output', report, '--workers', workers],
        { cwd: dir, encoding: 'utf8' });
      expect(result.status).toBe(1);
      return (JSON.parse(readFileSync(report, 'utf8')).findings as { ruleId: string; file: string; startLine: number }[])
        .map((finding) => `${finding.file}:${finding.startLine} ${finding.ruleId}`);
    };
    const single = run('1');
    // The secret is reported where it is written (z.js), the verify call where it is made.
    expect(single).toEqual(['a.js:3 missing-algorithms', 'z.js:2 weak-secret', 'z.js:3 missing-expiration']);
    expect(run('2')).toEqual(single);
  });

  it('find exactly what the main thread finds (built CLI)', () => {
    const out = mkdtempSync(join(tmpdir(), 'jwt-lint-workers-'));
    const run = (workers: string) => {
      const report = join(out, `w${workers}.json`);
      const result = spawnSync(process.execPath, [bin, 'fixtures', '--no-gitignore', '--format', 'json', '--output', report, '--workers', workers, '--timing'],
        { cwd: repoRoot, encoding: 'utf8' });
      expect(result.status).toBe(1);
      return { findings: JSON.parse(readFileSync(report, 'utf8')).findings, stderr: result.stderr };
    };
    const single = run('1');
    const pooled = run('3');
    expect(pooled.findings.length).toBeGreaterThan(100);
    expect(pooled.findings).toEqual(single.findings);
    expect(single.stderr).toContain('read on the main thread');
    expect(pooled.stderr).toMatch(/[23] read workers/); // one per batch of files, at most 3
    expect(pooled.stderr).toMatch(/analyze\s+\d+ ms/);
  });
});

describe('import-only modules and lazy grammars', () => {
  it('resolves a secret from a module the prefilter passed over, and reports nothing in that module itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-import-only-'));
    // config.js has no prefilter keyword; it is read only because auth.js imports it.
    writeFileSync(join(dir, 'config.js'), "module.exports = { signing: 'abc123', audience: 'api' };\n");
    writeFileSync(join(dir, 'auth.js'), "const jwt = require('jsonwebtoken');\nconst { signing } = require('./config');\n" +
      "module.exports = (p) => jwt.sign(p, signing, { algorithm: 'HS256', expiresIn: '15m' });\n");
    const result = await scan({ targets: [dir], root: dir, useGitignore: false });
    const weak = result.findings.filter((finding) => finding.ruleId === 'weak-secret');
    expect(weak.map((finding) => finding.file)).toEqual(['config.js']);
    expect(result.stats.filesAnalysed).toBe(2);
  });

  it('loads no tree-sitter grammar for a JavaScript-only tree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-lazy-'));
    writeFileSync(join(dir, 'auth.js'), "const jwt = require('jsonwebtoken');\njwt.verify(t, k);\n");
    const before = loadedLanguages();
    await scan({ targets: [dir], root: dir, useGitignore: false });
    expect(loadedLanguages()).toEqual(before);
    writeFileSync(join(dir, 'auth.py'), 'import jwt\nclaims = jwt.decode(token, key)\n');
    await scan({ targets: [dir], root: dir, useGitignore: false });
    expect(loadedLanguages()).toContain('python');
  });
});

describe('value resolution stays bounded', () => {
  it('gives up on a Python chain that doubles at every line instead of running out of time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-doubling-'));
    const lines = ['import jwt', 'a0 = "k"'];
    for (let i = 1; i <= 40; i++) lines.push(`a${i} = a${i - 1} + a${i - 1}`);
    lines.push('token = jwt.encode({"sub": "1"}, a40, algorithm="HS256")');
    writeFileSync(join(dir, 'chain.py'), `${lines.join('\n')}\n`);
    const result = await scan({ targets: [dir], root: dir, useGitignore: false, fileTimeBudgetMs: 5_000 });
    expect(result.skipped).toEqual([]);
    expect(result.findings.filter((finding) => finding.ruleId === 'weak-secret' || finding.ruleId === 'hardcoded-secret')).toEqual([]);
  });
});

describe('TypeScript code cache (built dist/)', () => {
  const loader = join(repoRoot, 'dist', 'analyze', 'js', 'typescript-loader.cjs');
  const flags = join(repoRoot, 'dist', 'v8-flags.js');

  /** Loads the compiler in a fresh Node under the CLI's V8 flags: the cache state, and a parse. */
  function loadInChild(cacheFile?: string): { codeCache: string; statements: number } {
    const script = `
      const { setFlagsFromString } = await import('node:v8');
      const { CLI_V8_FLAGS } = await import(${JSON.stringify(flags)});
      for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
      const { createRequire } = await import('node:module');
      const { compileTypeScript } = createRequire(import.meta.url)(${JSON.stringify(loader)});
      const { ts, codeCache } = compileTypeScript(${cacheFile ? `{ cacheFile: ${JSON.stringify(cacheFile)} }` : ''});
      const source = ts.createSourceFile('a.ts', 'const a = 1; verify(a);', ts.ScriptTarget.Latest, true);
      console.log(JSON.stringify({ codeCache, statements: source.statements.length }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    return JSON.parse(child.stdout) as { codeCache: string; statements: number };
  }

  it('is used by the CLI for the compiler it was made from', () => {
    expect(loadInChild()).toEqual({ codeCache: 'used', statements: 2 });
  });

  it('is ignored when made for another compiler file, and a corrupt one is refused without harm', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-code-cache-'));
    const real = readFileSync(join(repoRoot, 'dist', 'analyze', 'js', 'typescript.cache'));
    const newline = real.indexOf(0x0a);
    const header = JSON.parse(real.subarray(0, newline).toString('utf8')) as { source: string; v8: string };
    const otherCompiler = join(dir, 'other.cache');
    writeFileSync(otherCompiler, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, source: '0'.repeat(64) })}\n`), real.subarray(newline + 1)]));
    expect(loadInChild(otherCompiler)).toEqual({ codeCache: 'none', statements: 2 });
    const corrupt = join(dir, 'corrupt.cache');
    writeFileSync(corrupt, Buffer.concat([real.subarray(0, newline + 1), Buffer.alloc(4096, 7)]));
    expect(loadInChild(corrupt)).toEqual({ codeCache: 'refused', statements: 2 });
    expect(loadInChild(join(dir, 'missing.cache'))).toEqual({ codeCache: 'none', statements: 2 });
  });
});
