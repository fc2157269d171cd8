/**
 * Claim names that hold secrets or sensitive personal data, for sensitive-payload. The same
 * word lists and judgement as the JS/TS rule (src/rules/js/sensitive-payload.ts), kept here
 * so that Go scans do not load the TypeScript compiler.
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

export function isSensitiveClaimName(key: string): boolean {
  const words = nameWords(key);
  if (words.length === 0) return false;
  if (SENSITIVE_FIELDS.has(words.join(''))) return true;
  if (FLAG_FIRST_WORDS.has(words[0]!) || METADATA_LAST_WORDS.has(words[words.length - 1]!)) return false;
  if (words.some((word) => SENSITIVE_WORDS.has(word))) return true;
  return /\b(?:credit card|card number|api key|private key|date of birth|social security)\b/.test(words.join(' '));
}
