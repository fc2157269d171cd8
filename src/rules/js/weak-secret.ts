/**
 * weak-secret: an HMAC secret that reaches a JWT call's key, or is declared under a
 * JWT-secret name, and is guessable: shorter than `minLength` bytes, on the built-in list of
 * published example secrets or the user's `--weak-secrets` list, low in entropy, or computed
 * from predictable inputs (`process.env.APP_NAME + '-secret'`, `Date.now()`, `Math.random()`).
 * Reported at the literal (or the computing expression). PEM and JWK keys are never judged by length.
 */
import ts from '../../analyze/js/typescript.cjs';
import { describeDerivation, predictableDerivation } from '../../analyze/js/derived-secrets.js';
import { propertyNameText } from '../../analyze/js/values.js';
import { describeWeakness, secretWeakness } from '../../analyze/secret-strength.js';
import { isJwtSecretName } from '../../analyze/secret-names.js';
import type { RelatedLocation } from '../../types.js';
import { RULE_OPTIONS, weakSecretMinLength } from '../options.js';
import type { JsRule } from '../rule.js';
import { describeSecret } from './key-findings.js';
import { WEAK_SECRET_FIX } from '../secret-messages.js';

export const weakSecret: JsRule = {
  id: 'weak-secret',
  fix: WEAK_SECRET_FIX,
  options: RULE_OPTIONS['weak-secret'],
  create(context) {
    const minLength = weakSecretMinLength(context.options);
    /** Derived secrets by the expression that computes them: one finding each, with every use. */
    const derived = new Map<ts.Node, { what: string; inputs: string; uses: RelatedLocation[] }>();
    const checkDerived = (expression: ts.Expression | undefined, what: string, use?: RelatedLocation): void => {
      if (!expression) return;
      const derivation = predictableDerivation(expression);
      if (!derivation) return;
      let entry = derived.get(derivation.node);
      if (!entry) derived.set(derivation.node, (entry = { what, inputs: describeDerivation(derivation), uses: [] }));
      if (use) entry.uses.push(use);
    };
    /** `secret` inside `jwt: { secret: ... }` reads as `jwt.secret`. */
    const propertyName = (node: ts.PropertyAssignment): string | undefined => {
      const own = propertyNameText(node.name);
      const outer = node.parent.parent;
      const parentName = ts.isPropertyAssignment(outer) ? propertyNameText(outer.name)
        : ts.isVariableDeclaration(outer) && ts.isIdentifier(outer.name) ? outer.name.text : undefined;
      return own && parentName ? `${parentName}.${own}` : own;
    };
    return {
      jwtCall(call) {
        const key = call.settings.get('key');
        if (key?.expression) {
          checkDerived(key.expression, `JWT secret used by ${call.api}`, {
            file: key.origin.file, range: key.origin.range, message: `used as the key of ${call.api} here`,
          });
        }
      },
      nodes: {
        [ts.SyntaxKind.VariableDeclaration]: (node) => {
          const declaration = node as ts.VariableDeclaration;
          if (ts.isIdentifier(declaration.name) && isJwtSecretName(declaration.name.text)) {
            checkDerived(declaration.initializer, declaration.name.text);
          }
        },
        [ts.SyntaxKind.PropertyAssignment]: (node) => {
          const property = node as ts.PropertyAssignment;
          const name = propertyName(property);
          if (name && isJwtSecretName(name)) checkDerived(property.initializer, name);
        },
      },
      end() {
        for (const candidate of context.keyMaterial()) {
          if (candidate.kind !== 'literal') continue;
          if (candidate.keyText.kind !== 'secret') continue;
          const weakness = secretWeakness(candidate.text, minLength);
          if (!weakness) continue;
          context.report({
            origin: candidate.origin,
            message: `${describeSecret(candidate)} ${describeWeakness(weakness)}`,
            related: candidate.uses.length > 0 ? candidate.uses : undefined,
          });
        }
        for (const [node, { what, inputs, uses }] of derived) {
          context.report({
            node,
            message: `${what} ${describeWeakness({ reason: 'derived', detail: inputs })}`,
            related: uses.length > 0 ? uses : undefined,
          });
        }
      },
    };
  },
};
