/**
 * weak-rsa-key (config): RSA keys under 2048 bits generated in shell scripts:
 * `openssl genrsa [-out k.pem] 1024`, `openssl req -newkey rsa:1024`,
 * `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024`. Reported at the size.
 */
import type { CommandWord, ShellCommand } from '../../analyze/config/entries.js';
import type { ConfigRule } from './rule.js';

const MIN_BITS = 2048;
/** `openssl genrsa` options that take a value (the key size is the positional argument). */
const GENRSA_OPTIONS_WITH_VALUE = new Set(['-out', '-passout', '-engine', '-rand', '-writerand', '-primes', '-provider',
  '-provider-path', '-propquery']);

export const weakRsaKey: ConfigRule = {
  id: 'weak-rsa-key',
  fix: 'Generate RSA keys of at least 2048 bits (3072 for long-lived keys), or use ES256/EdDSA.',
  check(context) {
    for (const command of context.file.commands) {
      const size = opensslRsaSize(command);
      if (!size || !(size.bits > 0) || size.bits >= MIN_BITS) continue;
      context.report({
        start: size.word.start,
        end: size.word.end,
        message: `openssl ${command.args[0]!.text} generates an RSA key with a ${size.bits}-bit modulus; ` +
          `RSA keys for signing tokens need at least ${MIN_BITS} bits`,
      });
    }
  },
};

function opensslRsaSize(command: ShellCommand): { bits: number; word: CommandWord } | undefined {
  if (command.name !== 'openssl' && !command.name.endsWith('/openssl')) return undefined;
  const [subcommand, ...args] = command.args;
  switch (subcommand?.text) {
    case 'genrsa': {
      let positional: CommandWord | undefined;
      for (let i = 0; i < args.length; i++) {
        const text = args[i]!.text;
        if (text === undefined) return undefined;
        if (GENRSA_OPTIONS_WITH_VALUE.has(text)) i++;
        else if (!text.startsWith('-')) positional = args[i];
      }
      return positional && /^\d+$/.test(positional.text!) ? { bits: Number(positional.text), word: positional } : undefined;
    }
    case 'req':
      return optionValueSize(args, '-newkey', /^rsa:(\d+)$/i);
    case 'genpkey':
      return optionValueSize(args, '-pkeyopt', /^rsa_keygen_bits:(\d+)$/i);
    default:
      return undefined;
  }
}

function optionValueSize(args: CommandWord[], option: string, pattern: RegExp): { bits: number; word: CommandWord } | undefined {
  for (let i = 0; i + 1 < args.length; i++) {
    if (args[i]!.text !== option) continue;
    const match = pattern.exec(args[i + 1]!.text ?? '');
    if (match) return { bits: Number(match[1]), word: args[i + 1]! };
  }
  return undefined;
}
