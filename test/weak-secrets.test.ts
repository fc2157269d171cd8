/** The weak-secret list: the built-in data file, user word lists, and the reasons messages give. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { knownRules } from '../src/rules/catalog.js';
import { scan } from '../src/scan.js';
import {
  describeWeakness, isPublishedWeakSecret, isUserListedSecret, loadSecretWordlist, parseSecretWordlist, publishedWeakSecrets,
  secretWeakness, useUserWeakSecrets,
} from '../src/analyze/secret-strength.js';

const DATA_FILE = join(import.meta.dirname, '..', 'data', 'weak-secrets.txt');
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-weak-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  useUserWeakSecrets(undefined);
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the built-in list', () => {
  it('holds hundreds of entries, every group under its sources', () => {
    const groups = readFileSync(DATA_FILE, 'utf8').split(/\n\s*\n/).slice(1);
    expect(groups.length).toBeGreaterThan(5);
    for (const group of groups) {
      const lines = group.trim().split('\n');
      expect(lines.some((line) => line.startsWith('# source:')), lines[0]).toBe(true);
      expect(lines.some((line) => !line.startsWith('#')), lines[0]).toBe(true);
    }
    expect(publishedWeakSecrets().length).toBeGreaterThan(300);
  });

  it('has the examples of library docs and tutorials, compared case-insensitively', () => {
    for (const secret of ['secretKey', 'supersecret', 'your-256-bit-secret', 'secret', 'shhhhh', 'changeme', 'mysecret',
      'jwt_secret', 'my-super-secret-key', '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7', 'AllYourBase',
      'my$ecretK3y', 'super-secret-jwt-token-with-at-least-32-characters-long', 'qwertyuiop', '1q2w3e4r', '123456789']) {
      expect(isPublishedWeakSecret(secret), secret).toBe(true);
    }
    expect(isPublishedWeakSecret('SECRETKEY')).toBe(true);
    expect(isPublishedWeakSecret('pyw-EysKZkQPAurMAz2by4tts4qTjtjm3uYs_hR9RTJu')).toBe(false);
  });
});

describe('weakness messages', () => {
  it('say why a secret is guessable', () => {
    expect(describeWeakness(secretWeakness('supersecret', 32)!)).toContain('on the list of published example secrets');
    expect(describeWeakness(secretWeakness('dev-key-2019', 32)!)).toBe('is 12 bytes; HS256 needs at least 32');
    expect(describeWeakness(secretWeakness('ab'.repeat(20), 32)!)).toMatch(/^has low entropy/);
    expect(describeWeakness({ reason: 'derived', detail: 'it is computed from the current time' })).toBe(
      'is predictable: it is computed from the current time');
  });

  it('leaves long random secrets to hardcoded-secret', () => {
    expect(secretWeakness('Xq3vL9pT2mK8wR4nZ7bY1cF6hJ0sD5gA', 32)).toBeUndefined();
  });
});

describe('user word lists', () => {
  it('parse one secret per line, skipping comments and blank lines, with CRLF line ends', () => {
    const list = parseSecretWordlist('# my list\r\nAlpha-Secret-One\r\n\r\n  spaced secret  \r\nalpha-secret-one\n', 'mine.txt');
    expect(list.entries).toEqual(['Alpha-Secret-One', '  spaced secret  ', 'alpha-secret-one']);
    expect(list.lowerCased.has('alpha-secret-one')).toBe(true);
    expect(list.label).toBe('mine.txt');
  });

  it('look up every entry of a 200,000-line list', () => {
    const dir = tempDir();
    const path = join(dir, 'big-list.txt');
    const lines = Array.from({ length: 200_000 }, (_, i) => `company-wide-signing-secret-number-${i}`);
    writeFileSync(path, `# generated\n${lines.join('\n')}\n`);
    const list = loadSecretWordlist(path);
    expect(list.entries.length).toBe(200_000);
    useUserWeakSecrets(list);
    expect(lines.every((line) => isUserListedSecret(line))).toBe(true);
    expect(isUserListedSecret('COMPANY-WIDE-SIGNING-SECRET-NUMBER-199999')).toBe(true);
    expect(isUserListedSecret('company-wide-signing-secret-number-200000')).toBe(false);
    expect(secretWeakness('company-wide-signing-secret-number-123456', 32)).toEqual({ reason: 'user-list', list: 'big-list.txt' });
    expect(describeWeakness(secretWeakness('company-wide-signing-secret-number-7', 32)!)).toBe('is on the weak-secret list big-list.txt');
  });

  it('turn a long hardcoded secret into a weak one in a scan, and only for that scan', async () => {
    const dir = tempDir();
    const secret = 'Xq3vL9pT2mK8wR4nZ7bY1cF6hJ0sD5gA-leaked';
    writeFileSync(join(dir, 'auth.js'),
      `const jwt = require('jsonwebtoken');\nconst JWT_SECRET = '${secret}';\n` +
      `module.exports = (user) => jwt.sign({ sub: user.id }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });\n`);
    writeFileSync(join(dir, 'leaked.txt'), `${secret}\n`);
    const rulesAt = async (weakSecrets?: string): Promise<string[]> => {
      const result = await scan({ targets: [dir], root: dir, useGitignore: false, weakSecrets });
      return result.findings.filter((f) => f.file === 'auth.js').map((f) => `${f.range.start.line} ${f.ruleId}`);
    };
    expect(await rulesAt()).toEqual(['2 hardcoded-secret']);
    expect(await rulesAt(join(dir, 'leaked.txt'))).toEqual(['2 weak-secret']);
    expect(await rulesAt()).toEqual(['2 hardcoded-secret']);
  });

  it('fail the scan with a clear error when the file cannot be read', async () => {
    const dir = tempDir();
    await expect(scan({ targets: [dir], root: dir, weakSecrets: join(dir, 'missing.txt') })).rejects.toThrow(ConfigError);
    await expect(scan({ targets: [dir], root: dir, weakSecrets: join(dir, 'missing.txt') })).rejects.toThrow(/missing\.txt.*ENOENT/);
  });

  it('come from the config key "weakSecrets", relative to the config file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.jwtlintrc.json'), JSON.stringify({ weakSecrets: 'lists/secrets.txt' }));
    expect(loadConfig(join(dir, '.jwtlintrc.json'), knownRules()).weakSecrets).toBe(join(dir, 'lists', 'secrets.txt'));
    writeFileSync(join(dir, '.jwtlintrc.json'), JSON.stringify({ weakSecrets: 42 }));
    expect(() => loadConfig(join(dir, '.jwtlintrc.json'), knownRules())).toThrow(/weakSecrets: expected a file path, got 42/);
  });
});
