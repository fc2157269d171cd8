/**
 * secret-in-client-code (config): an environment variable with a bundler's public prefix
 * (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `PUBLIC_`, ...) whose name says it holds a JWT
 * secret, given a value in config. The bundler inlines it into browser code. Empty values
 * are not reported; placeholders are (the name alone shows where the secret will go).
 */
import { isReferenceValue, publicPrefixedSecretKey } from '../../analyze/config/names.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import type { ConfigRule } from './rule.js';

export const secretInClientCode: ConfigRule = {
  id: 'secret-in-client-code',
  fix: 'Sign and verify tokens only on the server: drop the public prefix from the variable, move the code to a ' +
    'server route, and rotate the secret.',
  check(context) {
    for (const entry of context.file.entries) {
      const prefix = publicPrefixedSecretKey(entry.key);
      if (!prefix || entry.value.trim() === '' || !holdsSecret(entry.value)) continue;
      context.report({
        start: entry.start,
        end: entry.end,
        message: `${entry.key} holds a JWT secret, but ${prefix.prefix}* variables are inlined into the browser bundle by ` +
          `${prefix.bundler}: every visitor can read the secret and forge tokens`,
      });
    }
  },
};

/** A public key, a JWKS URL or a key path is not a secret, whatever the variable is called. */
function holdsSecret(value: string): boolean {
  const kind = classifyKeyText(value).kind;
  return kind !== 'pem-public' && kind !== 'jwk-public' && !isReferenceValue(value);
}
