/**
 * ignore-expiration (Python): expiry checks turned off: PyJWT/python-jose
 * `options={"verify_exp": False}`, PyJWT 1.x `verify_expiration=False`, flask-jwt-extended
 * `decode_token(..., allow_expired=True)`, and authlib `jwt.decode` whose claims are read
 * without ever calling `claims.validate()` (authlib checks `exp` only there).
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import { optionEntry, type PyJwtCall } from '../../analyze/python/libraries.js';
import { scopeNodes } from '../../analyze/python/syntax.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { functionOrModule, type PyContext } from './shared.js';

export const ignoreExpiration: TreeRule<PythonFacts> = {
  id: 'ignore-expiration',
  fix: 'Remove "verify_exp": False so that expired tokens are rejected, and give clients a refresh flow instead.',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        for (const call of facts.jwtCalls()) {
          if (call.kind !== 'verify') continue;
          if (call.library === 'authlib') {
            unvalidatedAuthlibClaims(context, call);
            continue;
          }
          const option = optionEntry(facts, call, 'verify_exp');
          const optionValue = option ? option.facts.value(option.value) : undefined;
          if (option && optionValue?.kind === 'boolean' && !optionValue.value) {
            context.report({
              node: option.facts === facts ? option.pair : call.callee,
              message: `"verify_exp": False turns off the expiry check of ${call.api}, so expired tokens are still accepted`,
            });
          }
          for (const name of ['verify_expiration', 'allow_expired']) {
            const argument = call.args.get(name);
            const value = facts.value(argument);
            const off = name === 'allow_expired' ? value?.kind === 'boolean' && value.value : value?.kind === 'boolean' && !value.value;
            if (!argument || !off) continue;
            context.report({
              node: call.keywordNodes.get(name) ?? argument,
              message: `"${facts.syntax.textOf(call.keywordNodes.get(name) ?? argument)}" turns off the expiry check of ${call.api}, so expired tokens are still accepted`,
              fix: `Remove "${name}" so that expired tokens are rejected.`,
            });
          }
        }
      },
    };
  },
};

/**
 * `claims = jwt.decode(s, key)` then `claims["sub"]` with no `claims.validate()` in the
 * function: authlib returns the claims without checking `exp`, `nbf` or `iat`.
 * A result that is returned (the caller may validate) is not judged.
 */
function unvalidatedAuthlibClaims(context: PyContext, call: PyJwtCall): void {
  const syntax = context.syntax;
  const assignment = call.node.parent;
  if (assignment?.type !== 'assignment' || field(assignment, 'right') !== call.node) return;
  const target = field(assignment, 'left');
  if (target?.type !== 'identifier') return;
  const name = syntax.textOf(target);
  let read = false;
  let validated = false;
  let escapes = false;
  scopeNodes(functionOrModule(call.node), (node) => {
    if (node.type !== 'identifier' || node === target || syntax.textOf(node) !== name) return;
    const parent = node.parent!;
    if (parent.type === 'attribute' && field(parent, 'object') === node) {
      const member = syntax.textOf(field(parent, 'attribute')!);
      if (member === 'validate' || member.startsWith('validate_')) validated = true;
      else if (member === 'get') read = true;
    } else if (parent.type === 'subscript' && field(parent, 'value') === node) {
      read = true;
    } else if (parent.type === 'return_statement' || parent.type === 'argument_list' || parent.type === 'keyword_argument' ||
               parent.type === 'assignment') {
      escapes = true;
    }
  });
  if (!read || validated || escapes) return;
  context.report({
    node: call.callee,
    message: `${call.api} (authlib) returns claims without checking "exp"; "${name}" is read without ${name}.validate(), so expired tokens are still accepted`,
    fix: `Call ${name}.validate() (with claims_options for "exp", "iss" and "aud") before reading the claims.`,
  });
}
