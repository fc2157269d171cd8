/**
 * Secret hygiene end to end: distinctive secrets, tokens and a private key are planted in
 * every kind of file the scanner reads (including files that fail to parse, where error
 * messages could quote them), then the CLI runs in every format and verbosity. No output
 * (stdout, stderr, --output files) may contain a full secret, a token's signature or any
 * line of the private key body.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';

const LONG_SECRET = 'Lk9-planted-long-secret-value-d0-not-print-7Qx2';
const WEAK_SECRET = 'qz7weak';
const PY_SECRET = 'Py4-planted-python-secret-d0-not-print-8Wv';
const ENV_SECRET = 'Env5-planted-env-secret-d0-not-print-3Rt9';
const YAML_SECRET = 'Yml6-planted-yaml-secret-d0-not-print-2Ks7';
const JSON_SECRET = 'Jsn7-planted-json-secret-d0-not-print-5Hp3';
const BROKEN_SECRET = 'Brk8-planted-broken-file-secret-d0-not-print';
const B64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const SIGNATURE = 'Sg9plantedSignatureDoNotPrint_abcdefghijklmnopqrstuv';
const TOKEN = `${B64({ alg: 'HS256', typ: 'JWT' })}.${B64({ sub: 'planted-user', admin: true })}.${SIGNATURE}`;
const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** The base64 lines of a key body. */
const keyLines = (key: string): string[] => key.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
const KEY_LINES = keyLines(PRIVATE_KEY);
/** A second key, written only on one line with `\n` escapes (as a Java or JS string literal holds it). */
const ONE_LINE_KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const FILES: Record<string, string> = {
  'src/auth.js': `const jwt = require('jsonwebtoken');
const signingSecret = '${LONG_SECRET}';
const weak = '${WEAK_SECRET}';
const token = '${TOKEN}';
console.log('secret is', signingSecret, weak);
jwt.sign({ sub: 1 }, signingSecret, { algorithm: 'none' });
jwt.verify(token, weak, { algorithms: ['HS256'], audience: 'a', issuer: 'i' });
const privateKey = \`${PRIVATE_KEY}\`;
jwt.sign({ sub: 1 }, privateKey, { algorithm: 'RS256', expiresIn: '30d' });
`,
  'src/app.py': `import jwt
SECRET_KEY = "${PY_SECRET}"
token = jwt.encode({"sub": 1}, SECRET_KEY, algorithm="HS256")
print("jwt secret", SECRET_KEY, "${TOKEN}")
jwt.decode(token, "${WEAK_SECRET}", algorithms=["HS256"])
`,
  '.env': `JWT_SECRET=${ENV_SECRET}\nJWT_ACCESS_TOKEN=${TOKEN}\n`,
  'config/app.yml': `jwt:\n  secret: ${YAML_SECRET}\n  token: ${TOKEN}\n  algorithm: none\n`,
  'config/app.json': JSON.stringify({ jwt: { secret: JSON_SECRET, token: TOKEN, privateKey: PRIVATE_KEY } }, null, 2),
  'config/key.pem': PRIVATE_KEY,
  // Code frames show the literal with its escapes, not the value the rule read.
  'src/Keys.java': `class Keys {\n  static final String JWT_PRIVATE_KEY = "${ONE_LINE_KEY.trim().replace(/\n/g, '\\n')}";\n}\n`,
  // Files that fail to parse, with secrets right where a parser error message would quote them.
  'broken/bad.json': `{"jwtSecret": "${BROKEN_SECRET}" "token": "${TOKEN}"`,
  'broken/bad.yml': `jwt:\n  secret: "${BROKEN_SECRET}\n  - : [\n token: ${TOKEN}`,
  'broken/bad.js': `const jwt = require('jsonwebtoken');\njwt.sign({}, '${BROKEN_SECRET}' ((( {{\n`,
  'broken/bad.py': `import jwt\njwt.encode({}, "${BROKEN_SECRET}", algorithm=\n  def (:\n`,
};

const PLANTED = [LONG_SECRET, WEAK_SECRET, PY_SECRET, ENV_SECRET, YAML_SECRET, JSON_SECRET, BROKEN_SECRET, SIGNATURE, TOKEN, ...KEY_LINES, ...keyLines(ONE_LINE_KEY)];

let project: string;
let cwd: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'jwt-lint-leak-'));
  for (const [path, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), content);
  }
  cwd = process.cwd();
  process.chdir(project);
});

afterAll(() => {
  process.chdir(cwd);
  rmSync(project, { recursive: true, force: true });
});

/** Runs the CLI in this process, capturing what it writes. */
async function runCli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const capture = (chunk: string | Uint8Array): boolean => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);
  try {
    const code = await main(['node', 'jwt-lint', ...args]);
    return { code, out };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

function leaksIn(text: string): string[] {
  return PLANTED.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 6)}… (${secret.length} chars)`);
}

describe('secret hygiene', () => {
  it('the planted files produce findings, so the outputs below are not trivially clean', async () => {
    const { code, out } = await runCli(['--format', 'json', '--no-gitignore']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { findings: { file: string; ruleId: string }[] };
    const files = new Set(report.findings.map((finding) => finding.file));
    expect(files.has('src/auth.js')).toBe(true);
    expect(report.findings.some((finding) => finding.ruleId === 'secret-logged')).toBe(true);
  });

  const verbosities: string[][] = [[], ['--verbose'], ['--quiet'], ['--verbose', '--strict'], ['--min-severity', 'note', '--verbose']];
  for (const format of ['text', 'json', 'sarif', 'markdown']) {
    it(`prints no full secret, signature or key line in ${format}, at every verbosity, to stdout, stderr or --output`, async () => {
      for (const extra of verbosities) {
        const run = await runCli(['--format', format, '--no-gitignore', ...extra]);
        expect(leaksIn(run.out), `${format} ${extra.join(' ')}`).toEqual([]);
        const output = join(project, `report-${format}.out`);
        const written = await runCli(['--format', format, '--no-gitignore', '--output', output, ...extra]);
        expect(leaksIn(written.out), `${format} --output ${extra.join(' ')} (stderr)`).toEqual([]);
        expect(leaksIn(readFileSync(output, 'utf8')), `${format} --output ${extra.join(' ')} (file)`).toEqual([]);
        rmSync(output);
      }
    });
  }

  it('prints no secret in errors: a bad config file that quotes one, an explicit broken target', async () => {
    writeFileSync(join(project, '.jwtlintrc.json'), `{"rules": {"weak-secret": {"options": {"minLength": "${BROKEN_SECRET}"}}}}`);
    try {
      const bad = await runCli(['--format', 'json']);
      expect(bad.code).toBe(2);
      expect(leaksIn(bad.out)).toEqual([]);
    } finally {
      rmSync(join(project, '.jwtlintrc.json'));
    }
    writeFileSync(join(project, '.jwtlintrc.json'), `{"rules": {"${BROKEN_SECRET}": "off"`);
    try {
      const broken = await runCli(['--verbose']);
      expect(broken.code).toBe(2);
      expect(leaksIn(broken.out)).toEqual([]);
    } finally {
      rmSync(join(project, '.jwtlintrc.json'));
    }
    const explicit = await runCli(['broken/bad.json', 'broken/bad.yml', '--verbose', '--format', 'text']);
    expect(leaksIn(explicit.out)).toEqual([]);
  });
});
