/**
 * Which claim and object names are sensitive in a token payload, whatever the language:
 * fields named like passwords, hashes, card data, national ids or API keys, and names of
 * whole entity objects (`user`, `dbUser`, `accountDoc`) rather than curated DTOs.
 */
import { nameWords } from './words.js';

/** Field names (words joined, lowercase) that hold secrets or sensitive personal data. */
const SENSITIVE_FIELDS = new Set([
  'password', 'passwd', 'pwd', 'passwordhash', 'hashedpassword', 'pwdhash', 'salt', 'passwordsalt',
  'ssn', 'socialsecurity', 'socialsecuritynumber', 'creditcard', 'creditcardnumber', 'cardnumber', 'ccnumber',
  'cvv', 'cvc', 'cvv2', 'pincode', 'secret', 'clientsecret', 'apikey', 'apisecret', 'privatekey', 'secretkey',
  'dateofbirth', 'dob', 'birthdate', 'otpsecret', 'totpsecret', 'mfasecret', 'twofactorsecret',
]);
/** A field containing one of these words is sensitive whatever else it says (`newPassword`, `mfaSecret`). */
const SENSITIVE_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'ssn', 'cvv', 'cvc']);
/** Words that make a field a flag or metadata about a secret rather than the secret itself. */
const FLAG_FIRST_WORDS = new Set([
  'is', 'has', 'needs', 'need', 'requires', 'require', 'should', 'must', 'can', 'force', 'did', 'was', 'show', 'allow',
  'enable', 'use', 'last', 'no',
]);
const METADATA_LAST_WORDS = new Set([
  'required', 'set', 'changed', 'at', 'expires', 'expiry', 'expired', 'updated', 'version', 'length', 'policy', 'count',
  'attempts', 'date', 'time', 'enabled', 'exists', 'strength', 'hint', 'rules', 'type', 'reset', 'id', 'ids', 'name',
]);

/** True when a payload field of this name holds a secret or sensitive personal data. */
export function isSensitiveField(key: string): boolean {
  const words = nameWords(key);
  if (words.length === 0) return false;
  if (SENSITIVE_FIELDS.has(words.join(''))) return true;
  if (FLAG_FIRST_WORDS.has(words[0]!) || METADATA_LAST_WORDS.has(words[words.length - 1]!)) return false;
  if (words.some((word) => SENSITIVE_WORDS.has(word))) return true;
  const joined = words.join(' ');
  return /\b(?:credit card|card number|api key|private key|date of birth|social security)\b/.test(joined);
}

/** Names of whole-entity objects: `user`, `dbUser`, `userDoc`, `existingAccount`. */
const ENTITY_WORDS = new Set(['user', 'account', 'member', 'customer', 'profile', 'person', 'employee', 'patient', 'student']);
const ENTITY_SUFFIXES = new Set(['doc', 'document', 'record', 'model', 'entity', 'row', 'obj', 'object', 'instance']);
/** Names that say the object was already reduced to what a token may carry. */
const CURATED_WORDS = new Set([
  'payload', 'claims', 'claim', 'token', 'jwt', 'safe', 'public', 'sanitized', 'sanitised', 'clean', 'filtered',
  'minimal', 'basic', 'summary', 'dto', 'info', 'data', 'id', 'ids', 'identity', 'session', 'ref', 'reference', 'decoded',
  'verified',
]);
/**
 * Further words the Java front end counts as curated: there, a `userDetails` (Spring Security's
 * UserDetails), `userEmail` or `userRoles` variable is a projection, not the entity.
 */
export const JAVA_CURATED_WORDS: ReadonlySet<string> = new Set(['details', 'name', 'email', 'role', 'roles']);

/** True when one of the name's words says the object was reduced to what a token may carry (`safeUser`, `UserDto`). */
export function isCuratedName(name: string, moreCuratedWords?: ReadonlySet<string>): boolean {
  return hasCuratedWord(nameWords(name), moreCuratedWords);
}

function hasCuratedWord(words: string[], moreCuratedWords: ReadonlySet<string> | undefined): boolean {
  return words.some((word) => CURATED_WORDS.has(word) || moreCuratedWords?.has(word) === true);
}

/** `user`, `dbUser`, `userEntity`, `account`: a whole entity object, not a curated DTO. */
export function isEntityName(name: string, moreCuratedWords?: ReadonlySet<string>): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || hasCuratedWord(words, moreCuratedWords)) return false;
  if (ENTITY_WORDS.has(last)) return true;
  return ENTITY_SUFFIXES.has(last) && words.slice(0, -1).some((word) => ENTITY_WORDS.has(word));
}
