import { describe, expect, it } from 'vitest';
import { maskSecret, maskToken, redactText } from '../src/mask.js';

describe('masking', () => {
  it('keeps the first two characters and the length of a secret', () => {
    expect(maskSecret('my-super-secret')).toBe('my…(15 chars)');
    expect(maskSecret('ab')).toBe('ab…(2 chars)');
  });

  it('keeps only the header of a token', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(maskToken(token)).toBe(`eyJhbGciOiJIUzI1NiJ9.…(${token.length} chars)`);
    expect(maskToken(token)).not.toContain('c2lnbmF0dXJl');
  });

  it('masks long secrets anywhere in a code line', () => {
    const line = 'const key = Buffer.from(K9-long-secret-value) // K9-long-secret-value';
    expect(redactText(line, ['K9-long-secret-value'])).toBe('const key = Buffer.from(K9…(20 chars)) // K9…(20 chars)');
  });

  it('masks short secrets in strings and config values but not in identifiers', () => {
    expect(redactText("  secret: 'secret',", ['secret'])).toBe("  secret: 'se…(6 chars)',");
    expect(redactText('JWT_SECRET=shhhhh', ['shhhhh'])).toBe('JWT_SECRET=sh…(6 chars)');
    expect(redactText('const { secret } = config;', ['secret'])).toBe('const { secret } = config;');
  });

  it('masks a longer secret whole even when a shorter secret is part of it', () => {
    const line = "const a = 'abcdefgh'; const b = 'abcdefgh-and-the-rest-of-a-long-secret';";
    const masked = redactText(line, ['abcdefgh', 'abcdefgh-and-the-rest-of-a-long-secret']);
    expect(masked).not.toContain('the-rest');
    expect(masked).toBe("const a = 'ab…(8 chars)'; const b = 'ab…(38 chars)';");
  });

  it('masks every token on a line', () => {
    const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.';
    expect(redactText(`const t = "${token}";`, [token])).not.toContain('eyJzdWIiOiIxIn0');
  });
});
