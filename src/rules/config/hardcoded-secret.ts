/**
 * hardcoded-secret (config): a JWT secret, PEM private key or private JWK written as a literal
 * value in committed config: `.env`, compose `environment:`, a Kubernetes Secret (decoded) or
 * ConfigMap, Spring properties, JSON config, `export JWT_SECRET=...` in a script. Where
 * weak-secret reports the same value, the pipeline keeps only weak-secret.
 */
import { maskSecret } from '../../mask.js';
import { literalValueSeverity, type ConfigRule } from './rule.js';

const CONSEQUENCE = 'anyone who can read the repository can forge tokens';

export const hardcodedSecret: ConfigRule = {
  id: 'hardcoded-secret',
  fix: 'Load the key at runtime (environment, mounted secret file or secrets manager) and rotate it: ' +
    'the committed value must be treated as known.',
  check(context) {
    for (const secret of context.facts.secrets()) {
      if (secret.kind !== 'literal') continue;
      const where = context.file.template ? ' in a template (an example value, but one that gets copied)'
        : context.file.ci ? ' in CI config' : '';
      const what = secret.keyText.kind === 'pem-private' ? `Hardcoded PEM private key (${secret.keyText.label}) assigned to ${secret.name}`
        : secret.keyText.kind === 'jwk-private' ? `Hardcoded private JWK (${maskSecret(secret.text)}) assigned to ${secret.name}`
          : `${secret.name} ${maskSecret(secret.text)} is hardcoded`;
      context.report({ start: secret.start, end: secret.end, message: `${what}${where}; ${CONSEQUENCE}`, severity: literalValueSeverity(context) });
    }
  },
};
