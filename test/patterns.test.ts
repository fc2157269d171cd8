/** The seed patterns and the config front end on config files: precise about which keys are JWT secrets. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { knownRules } from '../src/rules/catalog.js';
import { scan } from '../src/scan.js';

async function findingsOf(files: Record<string, string>, configure?: (config: ReturnType<typeof defaultConfig>) => void) {
  const root = mkdtempSync(join(tmpdir(), 'jwt-lint-patterns-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  const config = defaultConfig(knownRules());
  configure?.(config);
  const result = await scan({ targets: ['.'], root, config, useGitignore: false });
  return { result, ids: result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`) };
}

const token = (payload: object): string =>
  `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;

describe('seed patterns', () => {
  it('survives a token whose exp is far beyond what a date can hold', async () => {
    const { result, ids } = await findingsOf({ 'tokens.yml': `token: ${token({ sub: '1', exp: 1_700_000_000_000_000 })}\n` });
    expect(ids).toEqual(['tokens.yml:1 jwt-literal']);
    expect(result.findings[0]!.message).toContain('not a valid date');
    expect(result.skipped).toEqual([]);
  });
});

describe('config front end (what the seed patterns used to catch in config files)', () => {
  it('reports short JWT secrets by name, and not other services\' secret keys', async () => {
    const { ids } = await findingsOf({
      'app.yml': "jwt:\n  APP_JWT_SECRET: 'not-long-enough'\noauth:\n  client_secret: 'admin'\n",
      '.env': 'JWT_ALGORITHM=HS256\nSECRET_KEY=short-key\nSTRIPE_SECRET_KEY=sk_test_abcdef\nRECAPTCHA_SECRET_KEY=recaptcha\nDB_PASSWORD=admin\n',
      // Without JWT settings in the file, a bare SECRET_KEY is some framework's, not a JWT key.
      'django.env': 'SECRET_KEY=django-only\n',
    });
    expect(ids).toEqual(['.env:2 weak-secret', 'app.yml:2 weak-secret']);
  });

  it('calls a long hardcoded JWT secret hardcoded, not weak, and points at the value', async () => {
    const secret = '4cbYirt07JUjtXJlZmXcMGr7bAxL0tPIghfouhKtHjAu';
    const { result, ids } = await findingsOf({ '.env': `# auth\nexport JWT_SECRET="${secret}" # rotated\n` });
    expect(ids).toEqual(['.env:2 hardcoded-secret']);
    expect(result.findings[0]!.range).toEqual({ start: { line: 2, column: 20 }, end: { line: 2, column: 64 } });
    expect(result.findings[0]!.snippet).not.toContain(secret.slice(0, 10));
  });

  it('finds "alg": "none" in a JSON file with no other JWT word', async () => {
    const { ids } = await findingsOf({ 'header.json': '{"alg": "none", "typ": "x"}\n' });
    expect(ids).toEqual(['header.json:1 alg-none']);
  });

  it('is silent on references, empty values, key paths and public keys', async () => {
    const { ids } = await findingsOf({
      '.env': 'JWT_SECRET=${JWT_SECRET}\nJWT_REFRESH_SECRET=\nJWT_PRIVATE_KEY_PATH=/run/secrets/jwt.pem\n' +
        'JWT_PUBLIC_KEY="-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkq\\n-----END PUBLIC KEY-----"\nJWT_ALGORITHM=RS256\n',
      'docker-compose.yml': 'services:\n  api:\n    environment:\n      JWT_SECRET: ${JWT_SECRET:?set it}\n      JWT_KEY_FILE: /run/secrets/jwt\n',
      // node-config maps settings to variable names; a value that is a variable name is a lookup key.
      'config/custom-environment-variables.json': '{ "jwt": { "secret": "JWT_SECRET" } }\n',
      'config/production.json': '{ "jwt": { "secret": "JWT_SECRET", "secretFile": "/run/secrets/jwt" } }\n',
      '.github/workflows/ci.yml': 'env:\n  JWT_SECRET: ${{ secrets.JWT_SECRET }}\n',
    });
    expect(ids).toEqual([]);
  });

  it('skips placeholders in templates and reports real-looking template and CI values low', async () => {
    const { result, ids } = await findingsOf({
      '.env.example': 'JWT_SECRET=change-me-in-production\nJWT_REFRESH_SECRET=<your-secret>\nACCESS_TOKEN_SECRET=mysecret\n',
      '.env': 'JWT_SECRET=changeme\n',
      '.github/workflows/ci.yml': 'jobs:\n  test:\n    env:\n      JWT_SECRET: ci-only-secret\n',
    });
    expect(ids).toEqual(['.env:1 weak-secret', '.env.example:3 weak-secret', '.github/workflows/ci.yml:4 weak-secret']);
    expect(result.findings.map((f) => f.severity)).toEqual(['critical', 'low', 'low']);
  });

  it('decodes Kubernetes Secret data and masks both the encoded and the decoded value', async () => {
    const encoded = Buffer.from('hunter2-jwt').toString('base64');
    const { result, ids } = await findingsOf({
      'k8s-secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  JWT_SECRET: ${encoded}\n  JWT_KEY_PATH: ${Buffer.from('/etc/jwt/key.pem').toString('base64')}\n`,
    });
    expect(ids).toEqual(['k8s-secret.yaml:6 weak-secret']);
    expect(result.findings[0]!.message).toContain('hu…(11 chars)');
    expect(result.findings[0]!.snippet).not.toContain(encoded);
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
