/** The language-independent knowledge behind the secret rules: key material, weakness, names. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyKeyText, isPlaceholderSecret, publishedWeakSecrets, secretWeakness } from '../src/analyze/secret-strength.js';
import { isJwtSecretName, isSecretLikeName, publicEnvPrefix, tokenNameKind } from '../src/analyze/secret-names.js';
import { JWT_PATTERN, decodeToken, findPublishedHmacSecret } from '../src/analyze/text/jwt-token.js';

describe('secret strength', () => {
  it('loads the published list once, with the documented entries', () => {
    const list = publishedWeakSecrets();
    expect(list).toContain('shhhhh');
    expect(list).toContain('your-256-bit-secret');
    expect(list).toContain('keyboard cat');
    expect(list.some((entry) => entry.startsWith('#'))).toBe(false);
    expect(publishedWeakSecrets()).toBe(list);
  });

  it('says why a secret is guessable, published first', () => {
    expect(secretWeakness('Secret', 32)).toEqual({ reason: 'published' });
    expect(secretWeakness('dev-secret-2024', 32)).toEqual({ reason: 'short', bytes: 15, minLength: 32 });
    expect(secretWeakness('x'.repeat(40), 32)).toMatchObject({ reason: 'low-entropy' });
    expect(secretWeakness('abcd'.repeat(10), 32)).toMatchObject({ reason: 'low-entropy' });
    expect(secretWeakness('pyw-EysKZkQPAurMAz2by4tts4qTjtjm3uYs_hR9RTJu', 32)).toBeUndefined();
    expect(secretWeakness('this-is-my-long-and-boring-jwt-signing-passphrase', 32)).toBeUndefined();
    // Bytes, not characters: 7 two-byte characters and 17 ASCII ones.
    expect(secretWeakness('é'.repeat(7) + 'abcdefghijklmnopq', 32)).toEqual({ reason: 'short', bytes: 31, minLength: 32 });
  });

  it('tells private key material from public keys and placeholders', () => {
    expect(classifyKeyText('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----').kind).toBe('pem-private');
    expect(classifyKeyText('-----BEGIN ENCRYPTED PRIVATE KEY-----\n...').kind).toBe('pem-private');
    expect(classifyKeyText('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----').kind).toBe('pem-public');
    expect(classifyKeyText('-----BEGIN CERTIFICATE-----\nMIIB').kind).toBe('pem-public');
    expect(classifyKeyText('{"kty":"oct","k":"c2VjcmV0"}')).toEqual({ kind: 'jwk-private', secret: 'c2VjcmV0' });
    expect(classifyKeyText('{"kty":"RSA","n":"AQAB","e":"AQAB"}').kind).toBe('jwk-public');
    expect(classifyKeyText('plain-secret').kind).toBe('secret');
    for (const placeholder of ['', '  ', '${JWT_SECRET}', '<your-secret>', 'xxxx', '***', '{{ jwt_secret }}']) {
      expect(isPlaceholderSecret(placeholder)).toBe(true);
    }
    expect(isPlaceholderSecret('secret')).toBe(false);
  });
});

describe('secret names', () => {
  it('recognises names that can only mean a JWT signing secret', () => {
    for (const name of ['JWT_SECRET', 'jwtSecret', 'JWTSecret', 'jwt.secret', 'config.jwt.accessSecret', 'JWT_SECRET_KEY',
      'JWT_PRIVATE_KEY', 'jwtSigningKey', 'ACCESS_TOKEN_SECRET', 'REFRESH_TOKEN_SECRET', 'tokenSecret',
      'JWT_REFRESH_SECRET', 'JWT_SECRET_DEV', 'TOKEN_SECRET_VALUE', 'jwtConstants.secret', 'JWT_SECRET_V2', 'jwtSecretV2',
      'JWT_SECRET_2', 'ACCESS_TOKEN_SECRET_V1', 'ID_TOKEN_SECRET', 'config.tokenSecret', 'MYAPP_REFRESH_TOKEN_SECRET']) {
      expect(isJwtSecretName(name), name).toBe(true);
    }
  });

  it('leaves out names about secrets, other secrets and storage keys', () => {
    for (const name of ['password', 'SESSION_SECRET', 'secret', 'SECRET_KEY', 'JWT_PUBLIC_KEY', 'JWT_SECRET_PATH',
      'jwtSecretName', 'JWT_SECRET_LENGTH', 'jwtKeyId', 'JWT_EXPIRES_IN', 'TOKEN_KEY', 'JWT_KEY', 'jwtCookieSecret',
      'csrfTokenSecret', 'TWITTER_ACCESS_TOKEN_SECRET', 'oauth_token_secret', 'secretOrKey', 'jwtStorageKey',
      'GITHUB_TOKEN_SECRET', 'apiTokenSecret', 'config.githubTokenSecret', 'SECRET_V2']) {
      expect(isJwtSecretName(name), name).toBe(false);
    }
    expect(isJwtSecretName('TOKEN_KEY', { envName: true })).toBe(true);
    expect(isJwtSecretName('JWT_KEY', { envName: true })).toBe(true);
  });

  it('knows secret-like names for logging, and token names', () => {
    expect(isSecretLikeName('STRIPE_SECRET_KEY')).toBe(true);
    expect(isSecretLikeName('privateKey')).toBe(true);
    expect(isSecretLikeName('isSecret')).toBe(false);
    expect(isSecretLikeName('secretName')).toBe(false);
    expect(isSecretLikeName('publicKey')).toBe(false);
    expect(tokenNameKind('accessToken')).toBe('specific');
    expect(tokenNameKind('refresh_token')).toBe('specific');
    expect(tokenNameKind('token')).toBe('generic');
    expect(tokenNameKind('tokens')).toBeUndefined();
    expect(tokenNameKind('csrfToken')).toBeUndefined();
    expect(publicEnvPrefix('NEXT_PUBLIC_JWT_SECRET')?.bundler).toBe('Next.js');
    expect(publicEnvPrefix('NUXT_PUBLIC_X')?.prefix).toBe('NUXT_PUBLIC_');
    expect(publicEnvPrefix('JWT_SECRET')).toBeUndefined();
  });
});

describe('JWT literals', () => {
  const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const hs256 = (secret: string): string => {
    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1' })}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };

  it('finds a token that ends a sentence, but not a prefix of a longer blob', () => {
    const token = hs256('x');
    expect([...`Use ${token}. Then`.matchAll(JWT_PATTERN)].map((m) => m[0])).toEqual([token]);
    expect([...`${token}.more`.matchAll(JWT_PATTERN)]).toEqual([]);
  });

  it('recognises tokens signed with a published secret, in its original case', () => {
    for (const secret of ['your-256-bit-secret', 'NeverShareYourSecret']) {
      const token = hs256(secret);
      expect(findPublishedHmacSecret(token, decodeToken(token)!)).toBe(secret);
    }
    const random = hs256('pyw-EysKZkQPAurMAz2by4tts4qTjtjm3uYs_hR9RTJu');
    expect(findPublishedHmacSecret(random, decodeToken(random)!)).toBeUndefined();
  });
});
