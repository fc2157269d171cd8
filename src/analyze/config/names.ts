/**
 * What config keys say about their values: a JWT signing secret (`JWT_SECRET`, `jwt.secret`,
 * `auth.jwtSecret`, `Jwt.Key`), a token lifetime with its unit (`JWT_EXPIRES_IN`,
 * `ACCESS_TOKEN_EXPIRE_MINUTES`, `jwt.expiration-ms`), a JWT algorithm (`JWT_ALGORITHM`,
 * `"alg"`), and what template values say (`changeme`, `your-secret-here`).
 */
import { isJwtSecretName, nameWords, publicEnvPrefix, type PublicEnvPrefix } from '../secret-names.js';
import type { TokenRole } from '../names/token-role.js';
import type { ConfigEntry } from './entries.js';

/** The last segments of a dotted key: `spring.security.jwt.secret-key` -> `security.jwt.secret-key`. */
function nearKey(key: string, segments = 3): string {
  return key.split('.').slice(-segments).join('.');
}

/**
 * Words anywhere in a key path that make its value something other than a plain secret: the name of
 * a Kubernetes Secret to use (Helm's `jwt.existingSecret`), or a value encrypted for committing
 * (SealedSecret `encryptedData`).
 */
const NOT_A_PLAIN_SECRET = new Set(['existing', 'encrypted', 'sealed']);

/** `JWT_SECRET`, `jwt.secret`, `JWT_PRIVATE_KEY`, and keys named only `key` under a jwt segment (`Jwt.Key`, `JWT_KEY`). */
export function isJwtSecretKey(key: string): boolean {
  if (nameWords(key).some((word) => NOT_A_PLAIN_SECRET.has(word))) return false;
  const near = nearKey(key);
  if (isJwtSecretName(near)) return true;
  return isJwtSecretName(near, { envName: true }) && nameWords(near).includes('jwt');
}

/**
 * A JWT secret key behind a bundler's public prefix (`NEXT_PUBLIC_JWT_SECRET`, `VITE_JWT_KEY`): the
 * prefix says where the value goes, not what it is. After the bare `PUBLIC_` prefix, a `*_KEY` name
 * must say secret, private or signing: `PUBLIC_JWT_KEY` more likely names a public key.
 */
export function publicPrefixedSecretKey(key: string): PublicEnvPrefix | undefined {
  const prefix = publicEnvPrefix(key);
  if (!prefix) return undefined;
  const rest = key.slice(prefix.prefix.length);
  return (prefix.prefix === 'PUBLIC_' ? isJwtSecretName(rest) : isJwtSecretKey(rest)) ? prefix : undefined;
}

/** The bare `SECRET_KEY` of Django and Flask, which their JWT libraries sign with unless given a JWT key. */
export function isBareSecretKey(key: string): boolean {
  const words = nameWords(key);
  return words.length === 2 && words[0] === 'secret' && words[1] === 'key';
}

/** Keys about JWTs: `JWT_*`, `jwt.*`, an algorithm set to a JWT algorithm, an access/refresh token lifetime. */
export function isJwtSettingKey(entry: ConfigEntry): boolean {
  const words = nameWords(nearKey(entry.key));
  if (words.includes('jwt') || words.includes('jws')) return true;
  if (lifetimeKey(entry.key) !== undefined && (words.includes('access') || words.includes('refresh'))) return true;
  return algorithmKey(entry.key, false) && /^(HS|RS|ES|PS)(256|384|512)$/i.test(entry.value.trim());
}

const LIFETIME_WORDS = new Set(['expires', 'expire', 'expiry', 'expiration', 'exp', 'ttl', 'lifetime', 'lifespan', 'validity']);
/** Words that make a lifetime-like key about something else: cookies, caches, clock skew, renewal timing. */
const NOT_A_LIFETIME = new Set(['cookie', 'session', 'cache', 'clock', 'leeway', 'skew', 'grace', 'threshold', 'margin',
  'buffer', 'before', 'warning', 'warn', 'interval', 'cleanup', 'check', 'nbf', 'not', 'csrf', 'xsrf', 'oauth', 'otp', 'code',
  'renew', 'rotation', 'remaining', 'verify', 'ignore', 'validate', 'require', 'skip', 'enabled', 'enable', 'disable',
  'disabled', 'allow']);
/** Words before `token` that make it a JWT-style token of an app (`ACCESS_TOKEN_TTL`), not another service's. */
const TOKEN_KINDS = new Set(['access', 'refresh', 'id', 'auth', 'bearer', 'jwt', 'user', 'login']);
const SINGLE_USE = /^(verif|confirm|reset|invit|activat|magic|unsubscribe|download|share)/;

const UNIT_WORDS: Record<string, number> = {
  ms: 0.001, msec: 0.001, millis: 0.001, millisecond: 0.001, milliseconds: 0.001,
  sec: 1, secs: 1, second: 1, seconds: 1,
  min: 60, mins: 60, minute: 60, minutes: 60,
  hour: 3600, hours: 3600, hrs: 3600,
  day: 86400, days: 86400,
  week: 604800, weeks: 604800,
};

export interface LifetimeKey {
  role: TokenRole;
  /** Seconds per unit when the key names its unit (`_MS`, `_MINUTES`, `-in-seconds`). */
  unitSeconds?: number;
}

/** A key that holds a JWT lifetime, with the role and unit its name says; undefined for anything else. */
export function lifetimeKey(key: string): LifetimeKey | undefined {
  const words = nameWords(nearKey(key));
  if (!words.some((word) => LIFETIME_WORDS.has(word)) || words.some((word) => NOT_A_LIFETIME.has(word))) return undefined;
  const token = words.indexOf('token');
  const before = words[token - 1];
  const aboutJwt = words.includes('jwt') || (token >= 0 && (before === undefined || TOKEN_KINDS.has(before) || SINGLE_USE.test(before)));
  if (!aboutJwt) return undefined;
  const refresh = words.includes('refresh');
  const access = words.includes('access');
  const role: TokenRole = refresh !== access ? (refresh ? 'refresh' : 'access')
    : words.some((word) => SINGLE_USE.test(word)) ? 'single-use' : 'access';
  const unit = words.map((word) => UNIT_WORDS[word]).find((seconds) => seconds !== undefined);
  return unit === undefined ? { role } : { role, unitSeconds: unit };
}

/** Seconds per unit named by a key (`_MS`, `-seconds`, `Minutes`), or undefined. */
export function keyUnitSeconds(key: string): number | undefined {
  return nameWords(nearKey(key)).map((word) => UNIT_WORDS[word]).find((seconds) => seconds !== undefined);
}

const ALGORITHM_WORDS = new Set(['alg', 'algs', 'algorithm', 'algorithms']);
/** Algorithms of other things than JWT signatures. */
const OTHER_ALGORITHMS = new Set(['compression', 'compress', 'hash', 'hashing', 'digest', 'cipher', 'encryption', 'enc',
  'password', 'ssh', 'ssl', 'tls', 'sort', 'cache', 'checksum', 'gzip', 'crypt', 'bcrypt', 'pbkdf', 'kdf', 'mac']);

/**
 * A key naming JWT algorithms: `JWT_ALGORITHM`, `jwt.algorithms`, the JOSE header name `alg`;
 * a bare `ALGORITHM` only in a file with JWT settings (`jwtFile`).
 */
export function algorithmKey(key: string, jwtFile: boolean): boolean {
  const words = nameWords(nearKey(key));
  if (!words.some((word) => ALGORITHM_WORDS.has(word)) || words.some((word) => OTHER_ALGORITHMS.has(word))) return false;
  if (words.includes('jwt') || words.includes('jws') || words.includes('jose') || words.includes('token')) return true;
  return key.split('.').pop() === 'alg' || jwtFile;
}

/**
 * Values people put in templates for someone to replace: `changeme`, `change-me-in-production`,
 * `your-secret-here`, `replace_me`, `xxx`, `TODO`. In a template they are not secrets; in a
 * real config file they are (weak) secrets that may well be deployed.
 */
const TEMPLATE_PLACEHOLDER = new RegExp('^(?:' + [
  'change[-_ .]?(?:me|it|this)(?:\\b.*)?',
  'replace[-_ .]?(?:me|this|with)(?:\\b.*)?',
  'your[-_ .].*',
  '.*[-_ .]here',
  'todo|tbd|fixme|placeholder|dummy|example|sample|none|null|undefined',
  'x+|\\*+|\\.+|-+|_+|\\?+',
].join('|') + ')$', 'i');

export function isTemplatePlaceholder(value: string): boolean {
  return TEMPLATE_PLACEHOLDER.test(value.trim());
}

/** Template files: `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `config.example.yml`, `app.sample.json`. */
export function isTemplatePath(path: string): boolean {
  const name = path.split('/').pop()!.toLowerCase();
  return /(^|[.-])(example|examples|sample|samples|template|templates|tmpl|tpl|dist)([.-]|$)/.test(name);
}

/** CI pipelines, whose `env:` literals are usually throwaway values for the test run. */
export function isCiConfigPath(path: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$|(^|\/)\.circleci\/|(^|\/)(\.gitlab-ci|\.travis|bitbucket-pipelines|azure-pipelines|\.drone|cloudbuild|buildspec)\.ya?ml$/i.test(path);
}

/**
 * Values that say where a secret is, not what it is: file paths, URLs, vault and cloud secret
 * references (`/run/secrets/jwt`, `file:./jwt.key`, `vault:secret/jwt`, `arn:aws:...`), and values
 * encrypted for committing (SOPS `ENC[...]`, Ansible Vault).
 */
export function isReferenceValue(value: string): boolean {
  const trimmed = value.trim();
  return /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|(?:file|classpath|vault|arn|ssm|sm|op|secretsmanager|azure-keyvault|gcp|env|https?):)/i.test(trimmed) ||
    /\.(?:pem|key|crt|cer|der|p12|pfx|jks|jwk|jwks|json|txt)$/i.test(trimmed) ||
    /^(?:@Microsoft\.KeyVault\(|ENC\[|\$ANSIBLE_VAULT;)/.test(trimmed);
}
