/** The seed patterns on config and non-JS files: precise about which keys are JWT secrets. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { knownRules } from '../src/rules/catalog.js';
import { scan } from '../src/scan.js';

async function findingsOf(files: Record<string, string>, configure?: (config: ReturnType<typeof defaultConfig>) => void) {
  const root = mkdtempSync(join(tmpdir(), 'jwt-lint-patterns-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  const config = defaultConfig(knownRules());
  configure?.(config);
  const result = await scan({ targets: ['.'], root, config, useGitignore: false });
  return { result, ids: result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`) };
}

const token = (payload: object): string =>
  `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;

describe('seed patterns', () => {
  it('reports short JWT secrets by name, and not other services\' secret keys', async () => {
    const { ids } = await findingsOf({
      'settings.py': "import jwt\nSECRET_KEY = 'short-key'\nSTRIPE_SECRET_KEY = 'sk_test_abcdef'\nRECAPTCHA_SECRET_KEY = 'recaptcha'\n",
      'app.yml': "jwt:\n  APP_JWT_SECRET: 'not-long-enough'\noauth:\n  client_secret: 'admin'\n",
      'other.py': "SECRET_KEY = 'django-only'\n",
    });
    expect(ids).toEqual(['app.yml:2 weak-secret', 'settings.py:2 weak-secret']);
  });

  it('calls a long hardcoded JWT secret hardcoded, not weak', async () => {
    const { ids } = await findingsOf({ 'auth.py': `import jwt\nJWT_SECRET = '${'k7'.repeat(20)}'\n` });
    expect(ids).toEqual(['auth.py:2 hardcoded-secret']);
  });

  it('survives a token whose exp is far beyond what a date can hold', async () => {
    const { result, ids } = await findingsOf({ 'tokens.yml': `token: ${token({ sub: '1', exp: 1_700_000_000_000_000 })}\n` });
    expect(ids).toEqual(['tokens.yml:1 jwt-literal']);
    expect(result.findings[0]!.message).toContain('not a valid date');
    expect(result.skipped).toEqual([]);
  });

  it('finds "alg": "none" in a JSON file with no other JWT word', async () => {
    const { ids } = await findingsOf({ 'header.json': '{"alg": "none", "typ": "x"}\n' });
    expect(ids).toEqual(['header.json:1 alg-none']);
  });
});

describe('code frames', () => {
  it('mask key material even when the rules about it are disabled', async () => {
    const fallback = 'dev-fallback-secret-value-9';
    const { result } = await findingsOf({
      'auth.js': `const jwt = require('jsonwebtoken');\nexport const sign = (p) => jwt.sign(p, process.env.JWT_SECRET || '${fallback}', { expiresIn: '30d' });\n`,
    }, (config) => {
      for (const id of ['secret-fallback', 'hardcoded-secret', 'weak-secret']) config.rules.get(id)!.enabled = false;
    });
    const long = result.findings.find((f) => f.ruleId === 'long-expiration');
    expect(long?.snippet).toBeDefined();
    expect(long!.snippet).not.toContain(fallback);
  });

  it('mask a short secret only in its own file', async () => {
    const { result } = await findingsOf({
      'a.js': "const jwt = require('jsonwebtoken');\nconst k = 'jwt';\nexport const t = jwt.sign({ sub: 1 }, k, { expiresIn: '5m' });\n",
      'b.js': "export function save(token) { localStorage.setItem('jwt', token); }\n",
    });
    const storage = result.findings.find((f) => f.ruleId === 'token-in-web-storage');
    expect(storage?.snippet).toContain("localStorage.setItem('jwt', token)");
  });
});
