/**
 * secret-fallback (Java): a JWT secret read from the environment or a Spring property with a
 * literal default: `@Value("${jwt.secret:dev-secret}")`, `System.getenv().getOrDefault("X", "dev")`,
 * `Optional.ofNullable(System.getenv("X")).orElse("dev")`, `env.getProperty("jwt.secret", "dev")`.
 * Reported at the default.
 */
import { javaKeyMaterial, placeOf, type JavaKeyFallback } from '../../analyze/java/key-material.js';
import type { JavaFacts } from '../../analyze/java/facts.js';
import { classifyKeyText, isPublishedWeakSecret } from '../../analyze/secret-strength.js';
import { maskSecret } from '../../mask.js';
import type { TreeRule } from '../tree-rule.js';

export const secretFallback: TreeRule<JavaFacts> = {
  id: 'secret-fallback',
  fix: 'Read the secret without a default and refuse to start when it is missing or shorter than 32 bytes.',
  create(context) {
    return {
      end() {
        for (const candidate of javaKeyMaterial(context.facts)) {
          if (candidate.kind !== 'fallback') continue;
          context.markSensitive(candidate.text);
          context.report({ ...placeOf(candidate.at, context.facts), message: message(candidate) });
        }
      },
    };
  },
};

function message(candidate: JavaKeyFallback): string {
  const keyText = classifyKeyText(candidate.text);
  const what = keyText.kind === 'pem-private' ? `a hardcoded PEM private key (${keyText.label})`
    : `the hardcoded secret ${maskSecret(candidate.text)}`;
  const use = candidate.firstApi ? ` (key of ${candidate.firstApi})` : '';
  const published = keyText.kind === 'secret' && isPublishedWeakSecret(candidate.text) ? ', a published example secret' : '';
  return `${candidate.envName}${use} falls back to ${what}${published} when the variable is not set; ` +
    'a deployment that misses it signs tokens anyone can forge';
}
