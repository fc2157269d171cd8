/**
 * hardcoded-secret (config): a JWT secret, PEM private key or private JWK written as a literal
 * value in committed config: `.env`, compose `environment:`, a Kubernetes Secret (decoded) or
 * ConfigMap, Spring properties, JSON config, `export JWT_SECRET=...` in a script. Where
 * weak-secret reports the same value, the pipeline keeps only weak-secret.
 */
import { maskSecret } from '../../mask.js';
import { literalValueSeverity, type ConfigRule } from './rule.js';
import { HARDCODED_SECRET_FIX, hardcodedKeyMessage } from '../secret-messages.js';

export const hardcodedSecret: ConfigRule = {
  id: 'hardcoded-secret',
  fix: HARDCODED_SECRET_FIX,
  check(context) {
    for (const secret of context.facts.secrets()) {
      if (secret.kind !== 'literal') continue;
      const where = context.file.template ? ' in a template (an example value, but one that gets copied)'
        : context.file.ci ? ' in CI config' : '';
      const message = hardcodedKeyMessage(secret.keyText, secret.text, {
        use: () => `assigned to ${secret.name}`,
        secret: () => `${secret.name} ${maskSecret(secret.text)}`,
      }, where);
      if (!message) continue;
      context.report({ start: secret.start, end: secret.end, message, severity: literalValueSeverity(context) });
    }
  },
};
