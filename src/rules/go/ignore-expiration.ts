/**
 * ignore-expiration (Go): golang-jwt claims validation (expiry included) switched off:
 * `jwt.WithoutClaimsValidation()` (v5, v4) and `SkipClaimsValidation: true` on a v3/v4
 * `jwt.Parser` (a struct literal or a field assignment).
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { calleeLabel } from '../../analyze/go/libraries.js';
import { field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const CONSEQUENCE = 'so expired tokens are still accepted';

export const ignoreExpiration: TreeRule<GoFacts> = {
  id: 'ignore-expiration',
  fix: 'Remove jwt.WithoutClaimsValidation() (or SkipClaimsValidation) so that expired tokens are rejected, and give clients a refresh flow instead.',
  create(context) {
    const { facts } = context;
    if (!facts.importsJwt) return {};
    return {
      nodes: {
        call_expression(node) {
          const callee = field(node, 'function');
          if (facts.jwtReference(callee)?.member !== 'WithoutClaimsValidation') return;
          const user = node.parent?.type === 'argument_list' ? field(node.parent.parent!, 'function') : undefined;
          const api = user ? calleeLabel(user, facts) : 'the parser';
          context.report({
            node,
            message: `"${facts.textOf(node)}" turns off the expiry check of ${api}, ${CONSEQUENCE}`,
          });
        },
        keyed_element(node) {
          const key = field(node, 'key');
          const literal = node.parent?.parent;
          if (!key || facts.textOf(key) !== 'SkipClaimsValidation' || literal?.type !== 'composite_literal') return;
          if (facts.jwtReference(field(literal, 'type'))?.member !== 'Parser') return;
          const value = facts.resolve(field(node, 'value'));
          if (value?.kind !== 'bool' || !value.value) return;
          context.report({ node, message: `"SkipClaimsValidation: true" turns off the expiry check of jwt.Parser, ${CONSEQUENCE}` });
        },
        assignment_statement(node) {
          // parser.SkipClaimsValidation = true
          const left = namedChildren(field(node, 'left') ?? node);
          const right = namedChildren(field(node, 'right') ?? node);
          if (left.length !== 1 || left[0]!.type !== 'selector_expression') return;
          if (facts.textOf(field(left[0]!, 'field')!) !== 'SkipClaimsValidation') return;
          const value = facts.resolve(right[0]);
          if (value?.kind !== 'bool' || !value.value) return;
          context.report({ node, message: `"SkipClaimsValidation = true" turns off the expiry check of jwt.Parser, ${CONSEQUENCE}` });
        },
      },
    };
  },
};
