/**
 * hardcoded-secret (Java): key material written as a literal (HMAC secret, PEM private key,
 * private JWK) that reaches a JWT key (`signWith`, `Keys.hmacShaKeyFor`, `Algorithm.HMAC256`,
 * `new MACSigner`, `setSigningKey`, `verifyWith`), through constants, fields, `.getBytes()` and
 * other classes, or is declared under a JWT-secret name. Reported at the literal.
 */
import { javaKeyMaterial, placeOf, type JavaKeyLiteral } from '../../analyze/java/key-material.js';
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { TreeRule } from '../tree-rule.js';
import { describeSecret, describeUse } from './key-findings.js';
import { HARDCODED_SECRET_FIX, hardcodedKeyMessage } from '../secret-messages.js';

export const hardcodedSecret: TreeRule<JavaFacts> = {
  id: 'hardcoded-secret',
  fix: HARDCODED_SECRET_FIX,
  create(context) {
    return {
      end() {
        for (const candidate of javaKeyMaterial(context.facts)) {
          const text = candidate.kind === 'literal' ? message(candidate) : undefined;
          if (!text) continue;
          context.markSensitive(candidate.text);
          context.report({ ...placeOf(candidate.at, context.facts), message: text });
        }
      },
    };
  },
};

function message(candidate: JavaKeyLiteral): string | undefined {
  return hardcodedKeyMessage(candidate.keyText, candidate.text, {
    use: () => describeUse(candidate),
    secret: () => describeSecret(candidate),
  });
}
