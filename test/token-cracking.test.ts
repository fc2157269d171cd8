/** Offline cracking of HMAC-signed JWT literals, and what the findings say (and never say). */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fg from 'fast-glob';
import { defaultConfig } from '../src/config.js';
import { knownRules } from '../src/rules/catalog.js';
import { loadRuleDocs } from '../src/rules/docs.js';
import { REPORT_FORMATS, renderReport } from '../src/report/index.js';
import { scan } from '../src/scan.js';
import { JWT_PATTERN, decodeToken } from '../src/analyze/text/jwt-token.js';
import { collectLiteralCandidates, crackHmac, crackTokens, hmacTarget, noteStoppedCracking, verifiesWith } from '../src/analyze/text/token-cracking.js';

const HASHES = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function signToken(alg: keyof typeof HASHES, payload: object, secret: string | Buffer): string {
  const input = `${part({ alg, typ: 'JWT' })}.${part(payload)}`;
  return `${input}.${createHmac(HASHES[alg], secret).update(input).digest('base64url')}`;
}

const temps: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-crack-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('HMAC checks', () => {
  it('verify HS256, HS384 and HS512 signatures, and nothing else', () => {
    for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
      const token = signToken(alg, { sub: '1' }, 'right-secret');
      const target = hmacTarget(token, decodeToken(token)!)!;
      expect(verifiesWith(target, 'right-secret'), alg).toBe(true);
      expect(verifiesWith(target, 'wrong-secret'), alg).toBe(false);
    }
    const rs = `${part({ alg: 'RS256' })}.${part({ sub: '1' })}.c2ln`;
    expect(hmacTarget(rs, decodeToken(rs)!)).toBeUndefined();
    const unsigned = `${part({ alg: 'HS256' })}.${part({ sub: '1' })}.`;
    expect(hmacTarget(unsigned, decodeToken(unsigned)!)).toBeUndefined();
  });

  it('stop at the budget', () => {
    const token = signToken('HS256', { sub: '1' }, 'candidate-9');
    const target = hmacTarget(token, decodeToken(token)!)!;
    const candidates = Array.from({ length: 10 }, (_, i) => ({ secret: `candidate-${i}` }));
    expect(crackHmac(target, candidates, 10)?.secret).toBe('candidate-9');
    expect(crackHmac(target, candidates, 9)).toBeUndefined();
  });
});

describe('literal candidates', () => {
  it('are strings bound to secret-like names, passed to signing calls or set in secret-like entries', () => {
    const token = signToken('HS256', { sub: '1' }, 'x'.repeat(32));
    const text = [
      "const signingKey = 'k3y-for-signing'; const label = 'random-literal-1';",
      'const config = { jwtSecret: "bound-in-object-2", name: \'not-bound-3\' };',
      "const token = jwt.sign(payload, 'passed-to-sign-4'); const alg = Algorithm.HMAC256(\"java-hmac-5\");",
      "app.config['SECRET_KEY'] = 'python-config-6'",
      'secret := []byte("go-bytes-7")',
      `const t = '${token}'; const apiKey = 'https://example.com/x'; const password = '\${JWT_SECRET}';`,
      "const secretPath = './keys/dev-8.pem'; const keyName = 'JWT_SECRET'; const secret = 'two words-9'; const key = 'config.jwt.secret';",
      "const jwtSecret = 'plainword'; const message = `signed-${'k'.repeat(513)}`;",
      '// signing key: "from-a-comment-10"',
      'JWT_SECRET=unquoted-value-11',
      'name=not-a-secret-setting',
    ].join('\n');
    const found = collectLiteralCandidates([{ relPath: 'a.js', text }]);
    expect([...found.keys()]).toEqual(['k3y-for-signing', 'bound-in-object-2', 'passed-to-sign-4', 'java-hmac-5', 'python-config-6',
      'go-bytes-7', 'from-a-comment-10', 'unquoted-value-11']);
    expect(found.get('from-a-comment-10')).toMatchObject({ inComment: true, likelihood: 3 });
    expect(found.get('bound-in-object-2')).toMatchObject({ inComment: false, likelihood: 1 });
    expect(found.get('k3y-for-signing')).toMatchObject({ inComment: false, likelihood: 2 });
    expect(collectLiteralCandidates([{ relPath: 'README.md', text: 'JWT_SECRET="doc-secret-1"' }]).get('doc-secret-1')!.inComment).toBe(true);
    // A settings block written from code, in a multi-line string: no quote on the secret's line.
    const writesEnv = "fs.writeFileSync('.env', `\nJWT_SECRET=dev-secret-123456\nPORT=3000\n`);\n";
    expect([...collectLiteralCandidates([{ relPath: 'test/setup.js', text: writesEnv }]).keys()]).toEqual(['dev-secret-123456']);
  });

  it('find unquoted secret settings on whole lines, whatever ends the lines', () => {
    const lines = ['  export API_KEY=first-unquoted-1', 'tokenizer(key) = 1', 'keys.token_pass: second-unquoted-2 ',
      'x JWT_SECRET=not-at-line-start-3', 'JWT_SECRET = third-unquoted-4 # comment', 'SIGNING_KEY=fourth-unquoted-5'];
    for (const eol of ['\n', '\r\n', '\r', '\u2028']) {
      const found = collectLiteralCandidates([{ relPath: `settings${JSON.stringify(eol)}.env`, text: lines.join(eol) }]);
      expect([...found.keys()], JSON.stringify(eol)).toEqual(['first-unquoted-1', 'second-unquoted-2', 'fourth-unquoted-5']);
      const text = lines.join(eol);
      expect(found.get('second-unquoted-2')!.offset).toBe(text.indexOf('second-unquoted-2'));
    }
  });

  it('include values a rule registered as key material, wherever they are written', () => {
    const text = "module.exports = ['registeredword', 'unregistered-1'];";
    const found = collectLiteralCandidates([{ relPath: 'a.js', text }], new Set(['registeredword']));
    expect([...found.entries()].map(([value, place]) => `${value} ${place.likelihood}`)).toEqual(['registeredword 0']);
  });

  it('stay linear on a minified line of many literals', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `secret:"value-${i}"`).join(',');
    expect(collectLiteralCandidates([{ relPath: 'bundle.min.js', text }]).size).toBe(50_000);
    const settings = Array.from({ length: 100_000 }, (_, i) => `key_${i}=v`).join('\n');
    expect(collectLiteralCandidates([{ relPath: 'many.env', text: settings }]).size).toBe(0);
  });
});

describe('cracking budgets', () => {
  const sighting = (token: string) => ({ token, finding: { ruleId: 'jwt-literal', severity: 'medium' as const, file: 'a.js',
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, message: 'JWT', fix: '', engine: 'pattern' as const } });
  const files = [{ relPath: 'keys.js', text: "const signingKey = 'tree-secret-55';\n" }];

  it('hash each candidate once per signing input, for every token of that input', () => {
    const a = signToken('HS256', { sub: '1' }, 'tree-secret-55');
    const b = signToken('HS256', { sub: '1' }, 'other-secret-66');
    const c = signToken('HS512', { sub: '2' }, 'shhhhh');
    const result = crackTokens({ sightings: [a, b, c].map(sighting), files, userList: undefined, budget: 1_000_000 });
    expect(result.cracked.map(({ sighting: s, candidate }) => `${[a, b, c].indexOf(s.token)} ${candidate.from}`).sort())
      .toEqual(['0 literal', '2 built-in']);
    expect(result.stopped).toBeUndefined();
  });

  it('try the lists in full but stop on the tree literals at the time limit, and say so', () => {
    const token = signToken('HS256', { sub: '1' }, 'tree-secret-55');
    const listed = signToken('HS256', { sub: '2' }, 'shhhhh');
    const result = crackTokens({ sightings: [sighting(token), sighting(listed)], files, userList: undefined, budget: 1_000_000, timeLimitMs: 0 });
    expect(result.cracked.map((c) => c.candidate.secret)).toEqual(['shhhhh']);
    expect(result.stopped).toMatchObject({ reason: 'time', sightings: [{ token }] });
    const findings = [sighting(token).finding];
    noteStoppedCracking(result, findings, 0);
    expect(findings[0]!.message).toMatch(/^JWT; jwt-lint stopped guessing its secret after \d+ of \d+ candidates \(crackingTimeLimit of 0s reached\)$/);
    const budgeted = crackTokens({ sightings: [sighting(token)], files, userList: undefined, budget: 3 });
    expect(budgeted).toMatchObject({ cracked: [], stopped: { reason: 'budget', tried: 3 } });
  });
});

describe('cracking in a scan', () => {
  const jsFile = (token: string): string => `// JWT used by the QA scripts\nexport const QA_TOKEN = '${token}';\n`;

  it('finds the secret written elsewhere in the tree, and links both ways', async () => {
    const token = signToken('HS256', { sub: 'qa', exp: 4102444800 }, 'team-dev-secret-77');
    const dir = project({
      'qa-token.js': jsFile(token),
      'settings.js': "// JWT signing for local runs\nmodule.exports = { signing: 'team-dev-secret-77' };\n",
    });
    const { findings } = await scan({ targets: [dir], root: dir, useGitignore: false });
    const literal = findings.find((f) => f.ruleId === 'jwt-literal')!;
    expect(literal.severity).toBe('critical');
    expect(literal.message).toContain('signed with a secret jwt-lint guessed, te…(18 chars) (written at settings.js:2)');
    expect(literal.related).toEqual([expect.objectContaining({ file: 'settings.js', range: expect.objectContaining({ start: { line: 2, column: 30 } }) })]);
    const secret = findings.find((f) => f.file === 'settings.js')!;
    expect(secret.ruleId).toBe('weak-secret');
    expect(secret.message).toContain('18 bytes; HS256 needs at least 32');
    expect(secret.related).toEqual([expect.objectContaining({ file: 'qa-token.js', range: expect.objectContaining({ start: { line: 2, column: 26 } }) })]);
  });

  it('tries a literal bound to a secret-like name in another file, and not a random literal', async () => {
    const bound = signToken('HS256', { sub: 'a' }, 'Kx9-local-signing-77');
    const unbound = signToken('HS256', { sub: 'b' }, 'Qz4-button-label-88');
    const dir = project({
      'a.js': jsFile(bound),
      'b.js': jsFile(unbound),
      'keys.js': "// JWT helpers\nconst signingKey = 'Kx9-local-signing-77';\nconst buttonLabel = 'Qz4-button-label-88';\n" +
        'module.exports = { signingKey, buttonLabel };\n',
    });
    const { findings } = await scan({ targets: [dir], root: dir, useGitignore: false });
    const literals = findings.filter((f) => f.ruleId === 'jwt-literal');
    expect(literals.map((f) => `${f.file} ${f.severity}`)).toEqual(['a.js critical', 'b.js medium']);
    expect(literals[0]!.message).toContain('Kx…(20 chars) (written at keys.js:2)');
    expect(findings.filter((f) => f.file === 'keys.js').map((f) => `${f.ruleId} ${f.range.start.line}`)).toEqual(['weak-secret 2']);
  });

  it('notes on a token when the time limit stopped the guessing', async () => {
    const token = signToken('HS256', { sub: 'a' }, 'Kx9-local-signing-77');
    const dir = project({ 'a.js': jsFile(token), 'keys.js': "// JWT helpers\nexport const signingKey = 'Kx9-local-signing-77';\n" });
    const config = defaultConfig(knownRules());
    config.rules.get('jwt-literal')!.options.crackingTimeLimit = 0;
    const { findings } = await scan({ targets: [dir], root: dir, useGitignore: false, config });
    const literal = findings.find((f) => f.ruleId === 'jwt-literal')!;
    expect(literal.severity).toBe('medium');
    expect(literal.message).toContain('(crackingTimeLimit of 0s reached)');
  });

  it('credits a listed secret to its list, and links it only to a place a rule reported', async () => {
    const token = signToken('HS256', { sub: 'qa' }, 'shhhhh');
    const dir = project({
      'qa-token.js': jsFile(token),
      'auth.js': "const jwt = require('jsonwebtoken');\nconst JWT_SECRET = 'shhhhh';\n" +
        "module.exports = (u) => jwt.sign({ sub: u }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });\n",
      'labels.js': "// JWT screen labels\nmodule.exports = { quiet: 'shhhhh' };\n",
    });
    const { findings } = await scan({ targets: [dir], root: dir, useGitignore: false });
    const literal = findings.find((f) => f.ruleId === 'jwt-literal')!;
    expect(literal.message).toContain('(on the list of published example secrets, written at auth.js:2)');
    const secret = findings.find((f) => f.file === 'auth.js' && f.ruleId === 'weak-secret')!;
    expect(secret.related?.some((r) => r.file === 'qa-token.js')).toBe(true);
    expect(findings.filter((f) => f.file === 'labels.js')).toEqual([]);
    // Without the declaration, the unrelated place is not named and gets no finding.
    rmSync(join(dir, 'auth.js'));
    const again = await scan({ targets: [dir], root: dir, useGitignore: false });
    expect(again.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual(['qa-token.js jwt-literal critical']);
    expect(again.findings[0]!.message).toContain('(on the list of published example secrets)');
  });

  it('uses the built-in list and the user list, and respects a budget of 0', async () => {
    const listed = signToken('HS512', { sub: 'a' }, 'shhhhh');
    const userListed = signToken('HS384', { sub: 'b' }, 'only-on-my-list-42');
    const dir = project({ 'a.js': jsFile(listed), 'b.js': jsFile(userListed), 'list.txt': 'only-on-my-list-42\n' });
    const severities = async (options: object = {}, budget?: number): Promise<string[]> => {
      const config = defaultConfig(knownRules());
      if (budget !== undefined) config.rules.get('jwt-literal')!.options.crackingBudget = budget;
      const { findings } = await scan({ targets: [dir], root: dir, useGitignore: false, config, ...options });
      return findings.filter((f) => f.ruleId === 'jwt-literal').map((f) => `${f.file} ${f.severity}`);
    };
    expect(await severities()).toEqual(['a.js critical', 'b.js medium']);
    expect(await severities({ weakSecrets: join(dir, 'list.txt') })).toEqual(['a.js critical', 'b.js critical']);
    expect(await severities({ weakSecrets: join(dir, 'list.txt') }, 0)).toEqual(['a.js medium', 'b.js medium']);
  });

  it('leaves a token signed with a strong secret uncracked, and reports claims without sensitive values', async () => {
    const token = signToken('HS256', { sub: 'u1', password: 'hunter2-value', iat: 1577836800, exp: 1577840400, iss: 'https://idp', aud: ['api', 'web'] },
      randomBytes(32));
    const { findings } = await scan({ targets: [project({ 'a.js': jsFile(token) })], useGitignore: false });
    const [finding] = findings;
    expect(finding!.severity).toBe('medium');
    expect(finding!.message).toContain('alg HS256; expired 2020-01-01; lifetime 60m; iss "https://idp"; aud "api", "web"');
    expect(finding!.message).toContain('claims: sub, password (sensitive), iat, exp, iss, aud');
    expect(finding!.message).not.toContain('hunter2');
  });
});

describe('masked output', () => {
  it('never prints a full token signature or a reported secret, in any format', async () => {
    const repoRoot = join(import.meta.dirname, '..');
    const docs = loadRuleDocs();
    const ruleDocsText = [...docs.values()].map((doc) => doc.body).join('\n');
    for (const folder of ['jwt-literal', 'weak-secret']) {
      const dir = join(repoRoot, 'fixtures', folder);
      const result = await scan({ targets: [dir], root: repoRoot, useGitignore: false });
      const files = await fg('**/*', { cwd: dir, absolute: true });
      const signatures = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(JWT_PATTERN)])
        .map((match) => match[0].slice(match[0].lastIndexOf('.') + 1)).filter((signature) => signature.length > 0);
      const secrets = result.findings.filter((f) => ['weak-secret', 'hardcoded-secret'].includes(f.ruleId) && f.range.start.line === f.range.end.line)
        .map((f) => readFileSync(join(repoRoot, f.file), 'utf8').split(/\r?\n/)[f.range.start.line - 1]!
          .slice(f.range.start.column - 1, f.range.end.column - 1).replace(/^['"`]|['"`]$/g, ''))
        // Literals only: a template's text is not the value it resolves to.
        .filter((secret) => secret.length >= 8 && !/[\s(]|\$\{/.test(secret));
      if (folder === 'jwt-literal') {
        expect(signatures.length).toBeGreaterThan(5);
        expect(secrets).toEqual(expect.arrayContaining(['acme-api-dev-2023', 'partner-sandbox-key-7781']));
      } else {
        expect(secrets.length).toBeGreaterThan(3);
      }
      for (const format of REPORT_FORMATS) {
        const output = renderReport(format, result, { rules: docs, toolVersion: '0.0.0', color: false, quiet: false, verbose: true, failOn: 'high' });
        for (const signature of signatures) expect(output.includes(signature), `${folder} ${format} signature`).toBe(false);
        // SARIF carries the rule pages, whose examples quote published secrets such as `changeme`.
        for (const secret of secrets.filter((value) => !ruleDocsText.includes(value))) {
          expect(output.includes(secret), `${folder} ${format} ${secret}`).toBe(false);
        }
      }
    }
  });
});
