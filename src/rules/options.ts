/**
 * Option schemas and defaults of the rules that take options. Kept as data, apart from
 * the rule modules, so that config validation and `--list-rules` never load a parser.
 */
import type { RuleOptionSpec } from '../config.js';

export const RULE_OPTIONS: Record<string, Record<string, RuleOptionSpec>> = {
  'long-expiration': {
    maxAccessTokenSeconds: {
      type: 'number',
      default: 3600,
      description: 'Longest accepted access-token lifetime, in seconds (default 1 hour).',
    },
    maxRefreshTokenSeconds: {
      type: 'number',
      default: 14 * 24 * 3600,
      description: 'Longest accepted refresh-token lifetime, in seconds (default 14 days).',
    },
  },
  'excessive-clock-tolerance': {
    maxSeconds: {
      type: 'number',
      default: 60,
      description: 'Largest accepted clock skew tolerance, in seconds.',
    },
  },
  'jwt-literal': {
    crackingBudget: {
      type: 'number',
      default: 1_000_000,
      description: 'Most candidate secrets tried per HMAC-signed JWT literal (the built-in list, the --weak-secrets list, ' +
        'then the secret-looking literals of the scanned files); 0 turns cracking off.',
    },
    crackingTimeLimit: {
      type: 'number',
      default: 2,
      description: 'Seconds spent on the secret-looking literals of the scanned files, for all JWT literals together ' +
        '(the built-in and --weak-secrets lists are always tried in full, within crackingBudget).',
    },
  },
  'weak-secret': {
    minLength: {
      type: 'number',
      default: 32,
      description: 'Shortest accepted HMAC secret, in bytes (HS256 needs 32).',
    },
  },
};

/** The weak-secret rule's minimum HMAC secret length in bytes, from its (merged) options. */
export function weakSecretMinLength(options: Readonly<Record<string, unknown>>): number {
  return typeof options.minLength === 'number' ? options.minLength : Number(RULE_OPTIONS['weak-secret']!.minLength!.default);
}
