/**
 * Rules on pathological but valid code: an 8 000-term `+` chain must not overflow a rule's
 * recursion and cost the file its other findings. And messages never quote a secret literal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';

const chain = (head: string, terms = 8000): string => `${head} + t${Array.from({ length: terms }, (_, i) => ` + a${i}`).join('')}`;
const WEAK_SIGN = "jwt.sign(p, 'shhhhh', { algorithm: 'HS256', expiresIn: '15m' });";
const HEADER = "const jwt = require('jsonwebtoken');\n";

let result: ScanResult;
let files: Record<string, string>;
/** The line of the weak `jwt.sign` in a generated file. */
const weakLine = (file: string): number => files[file]!.split('\n').indexOf(WEAK_SIGN) + 1;
const rules = (file: string): string[] =>
  result.findings.filter((f) => f.file === file).map((f) => `${f.range.start.line} ${f.ruleId}`);

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'jwt-lint-rules-'));
  files = {
    // token-in-url, token-over-http (string parts, token names)
    'url-chain.js': `${HEADER}const url = ${chain('"https://x/?token="')};\nfetch(url);\n${WEAK_SIGN}\n`,
    'url-long.js': `${HEADER}const url = ${chain('"https://x/?token="', 900)};\nfetch(url);\n`,
    'http-chain.js': `${HEADER}fetch('http://api.example.com/me', { headers: { Authorization: ${chain("'Bearer '")} } });\n${WEAK_SIGN}\n`,
    // insecure-cookie, token-in-web-storage
    'cookie-chain.js': `${HEADER}document.cookie = ${chain("'token='")};\nlocalStorage.setItem('token', ${chain("'x'")});\n${WEAK_SIGN}\n`,
    // secret-logged
    'log-chain.js': `${HEADER}console.log(${chain("'token: '")});\n${WEAK_SIGN}\n`,
    'logged-sign.js': `${HEADER}console.log(jwt.sign(payload, 'correct-horse-battery-staple-9', { algorithm: 'HS256', expiresIn: '15m' }));\n`,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  result = await scan({ targets: ['.'], root, useGitignore: false });
}, 120_000);

describe('long + chains', () => {
  it('keep the findings of the rest of the file', () => {
    expect(result.skipped).toEqual([]);
    for (const file of ['url-chain.js', 'http-chain.js', 'cookie-chain.js', 'log-chain.js']) {
      expect(rules(file), file).toContain(`${weakLine(file)} weak-secret`);
    }
  });

  it('are judged up to a thousand operands, and beyond are one unknown value', () => {
    expect(rules('url-long.js')).toEqual(['2 token-in-url']);
    expect(rules('url-chain.js')).toEqual(['4 weak-secret']);
  });
});

describe('messages', () => {
  it('name a logged sign call by its callee, not its secret argument', () => {
    const logged = result.findings.find((f) => f.file === 'logged-sign.js' && f.ruleId === 'secret-logged');
    expect(logged?.message).toContain('`jwt.sign(…)`');
    for (const finding of result.findings) expect(finding.message).not.toContain('correct-horse-battery-staple-9');
  });
});
