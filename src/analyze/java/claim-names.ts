/**
 * Which claim and entity names are sensitive, for the Java front end. The same lists as the
 * JS/TS sensitive-payload rule, kept here so the Java front end does not load the TypeScript
 * compiler: passwords, hashes, card data, national ids, API keys in a token payload.
 */
import { nameWords } from '../secret-names.js';

const SENSITIVE_FIELDS = new Set([
  'password', 'passwd', 'pwd', 'passwordhash', 'hashedpassword', 'pwdhash', 'salt', 'passwordsalt',
  'ssn', 'socialsecurity', 'socialsecuritynumber', 'creditcard', 'creditcardnumber', 'cardnumber', 'ccnumber',
  'cvv', 'cvc', 'cvv2', 'pincode', 'secret', 'clientsecret', 'apikey', 'apisecret', 'privatekey', 'secretkey',
  'dateofbirth', 'dob', 'birthdate', 'otpsecret', 'totpsecret', 'mfasecret', 'twofactorsecret',
]);
const SENSITIVE_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'ssn', 'cvv', 'cvc']);
const FLAG_FIRST_WORDS = new Set([
  'is', 'has', 'needs', 'need', 'requires', 'require', 'should', 'must', 'can', 'force', 'did', 'was', 'show', 'allow',
  'enable', 'use', 'last', 'no',
]);
const METADATA_LAST_WORDS = new Set([
  'required', 'set', 'changed', 'at', 'expires', 'expiry', 'expired', 'updated', 'version', 'length', 'policy', 'count',
  'attempts', 'date', 'time', 'enabled', 'exists', 'strength', 'hint', 'rules', 'type', 'reset', 'id', 'ids', 'name',
]);
const ENTITY_WORDS = new Set(['user', 'account', 'member', 'customer', 'profile', 'person', 'employee', 'patient', 'student']);
const ENTITY_SUFFIXES = new Set(['doc', 'document', 'record', 'model', 'entity', 'row', 'obj', 'object', 'instance']);
const CURATED_WORDS = new Set([
  'payload', 'claims', 'claim', 'token', 'jwt', 'safe', 'public', 'sanitized', 'sanitised', 'clean', 'filtered',
  'minimal', 'basic', 'summary', 'dto', 'info', 'data', 'id', 'ids', 'identity', 'session', 'ref', 'reference', 'decoded',
  'verified', 'details', 'name', 'email', 'role', 'roles',
]);

export function isSensitiveClaim(key: string): boolean {
  const words = nameWords(key);
  if (words.length === 0) return false;
  if (SENSITIVE_FIELDS.has(words.join(''))) return true;
  if (FLAG_FIRST_WORDS.has(words[0]!) || METADATA_LAST_WORDS.has(words[words.length - 1]!)) return false;
  if (words.some((word) => SENSITIVE_WORDS.has(word))) return true;
  return /\b(?:credit card|card number|api key|private key|date of birth|social security)\b/.test(words.join(' '));
}

/** `user`, `dbUser`, `userEntity`, `account`: a whole entity object, not a curated DTO. */
export function isEntityName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || words.some((word) => CURATED_WORDS.has(word))) return false;
  if (ENTITY_WORDS.has(last)) return true;
  return ENTITY_SUFFIXES.has(last) && words.slice(0, -1).some((word) => ENTITY_WORDS.has(word));
}
