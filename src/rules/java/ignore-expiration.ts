/**
 * ignore-expiration (Java): jjwt's expiry check undone by hand: a `catch (ExpiredJwtException e)`
 * that returns or keeps `e.getClaims()`, so the expired token's claims are used as if it
 * were valid.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const KEEPS_VALUE = new Set(['return_statement', 'variable_declarator', 'assignment_expression']);

export const ignoreExpiration: TreeRule<JavaFacts> = {
  id: 'ignore-expiration',
  fix: 'Let ExpiredJwtException reject the request, and give clients a refresh flow instead of reading the expired token\'s claims.',
  create(context) {
    const { syntax } = context;
    return {
      nodes: {
        catch_clause(node) {
          if (!context.facts.libraries.uses.has('jjwt')) return;
          const parameter = descendants(node, 'catch_formal_parameter')[0];
          const name = parameter ? field(parameter, 'name') : undefined;
          if (!parameter || !name || !/\bExpiredJwtException\b/.test(syntax.textOf(parameter))) return;
          const variable = syntax.textOf(name);
          for (const call of descendants(node, 'method_invocation')) {
            const object = field(call, 'object');
            if (!object || syntax.textOf(object) !== variable || syntax.textOf(field(call, 'name')!) !== 'getClaims') continue;
            if (!keepsValue(call)) continue;
            context.report({
              node: call,
              message: `${variable}.getClaims() uses the claims of a token jjwt rejected as expired, so expired tokens are still accepted`,
            });
          }
        },
      },
    };
  },
};

/** The claims are returned or stored (possibly after a getter: `e.getClaims().getSubject()`), not only logged. */
function keepsValue(call: SyntaxNode): boolean {
  let current = call;
  while (current.parent && (current.parent.type === 'method_invocation' && field(current.parent, 'object') === current)) current = current.parent;
  return current.parent !== null && KEEPS_VALUE.has(current.parent.type);
}
