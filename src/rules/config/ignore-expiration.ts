/**
 * ignore-expiration (config): settings that turn the expiry check off by name:
 * `JWT_IGNORE_EXPIRATION=true`, `jwt.ignore-expiration: true`, `"ignoreExpiration": true`,
 * `JWT_VERIFY_EXP=false`, `"ValidateLifetime": false`, `RequireExpirationTime: false`.
 */
import { nameWords } from '../../analyze/secret-names.js';
import type { ConfigRule } from './rule.js';

/** Word sequences that end a key, and the value that turns the expiry check off. */
const SWITCHES: { words: string[]; off: 'true' | 'false' }[] = [
  { words: ['ignore', 'expiration'], off: 'true' },
  { words: ['ignore', 'exp'], off: 'true' },
  { words: ['ignore', 'expiry'], off: 'true' },
  { words: ['verify', 'exp'], off: 'false' },
  { words: ['verify', 'expiration'], off: 'false' },
  { words: ['validate', 'lifetime'], off: 'false' },
  { words: ['require', 'expiration', 'time'], off: 'false' },
];

export const ignoreExpiration: ConfigRule = {
  id: 'ignore-expiration',
  fix: 'Remove the setting so that expired tokens are rejected, and give clients a refresh flow instead.',
  check(context) {
    for (const entry of context.file.entries) {
      const value = entry.value.trim().toLowerCase();
      if (!entry.literal || (value !== 'true' && value !== 'false')) continue;
      const words = nameWords(entry.key.split('.').pop()!);
      const aboutJwt = /jwt|token/i.test(entry.key) || context.facts.hasJwtSettings();
      const match = SWITCHES.find((candidate) => candidate.off === value && endsWith(words, candidate.words));
      if (!match || !aboutJwt) continue;
      context.report({
        start: entry.start,
        end: entry.end,
        message: `${entry.key} is ${value}: expired tokens are accepted, so a stolen token works forever`,
      });
    }
  },
};

function endsWith(words: string[], tail: string[]): boolean {
  return words.length >= tail.length && tail.every((word, i) => words[words.length - tail.length + i] === word);
}
