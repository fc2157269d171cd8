/**
 * alg-none (Go): `jwt.SigningMethodNone` used to create tokens, `jwt.UnsafeAllowNoneSignatureType`
 * passed to `SignedString` or returned by a keyfunc (which makes golang-jwt accept unsigned
 * tokens), and "none" in `jwt.WithValidMethods`. Comparisons (`t.Method == jwt.SigningMethodNone`)
 * are checks against none, not uses.
 */
import { methodList } from '../../analyze/go/algorithms.js';
import type { GoFacts } from '../../analyze/go/facts.js';
import { argumentsOf, calleeLabel } from '../../analyze/go/libraries.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export const algNone: TreeRule<GoFacts> = {
  id: 'alg-none',
  fix: 'Sign with a real algorithm (RS256, ES256, EdDSA, or HS256 with a strong secret) and verify with an allowlist that never contains "none".',
  create(context) {
    const { facts } = context;
    if (!facts.importsJwt) return {};
    return {
      nodes: {
        selector_expression(node) {
          const reference = facts.jwtReference(node);
          if (reference?.member !== 'SigningMethodNone' && reference?.member !== 'UnsafeAllowNoneSignatureType') return;
          if (isComparison(node)) return;
          context.report({ node, message: noneMessage(node, reference.member, facts) });
        },
        call_expression(node) {
          if (facts.jwtReference(field(node, 'function'))?.member !== 'WithValidMethods') return;
          const list = methodList(argumentsOf(node)[0], facts);
          const none = list?.entries.find((entry) => entry.family === 'none');
          if (!list || !none) return;
          context.report({
            node: none.node,
            in: list.file,
            message: `${calleeLabel(field(node, 'function')!, facts)} accepts "${none.name}" in its algorithms allowlist, so unsigned tokens pass verification`,
          });
        },
      },
    };
  },
};

/** `t.Method == jwt.SigningMethodNone`, `alg == jwt.SigningMethodNone.Alg()`, `case jwt.SigningMethodNone:`. */
function isComparison(selector: SyntaxNode): boolean {
  let node = selector;
  while ((node.parent?.type === 'selector_expression' && node.field === 'operand') ||
         (node.parent?.type === 'call_expression' && node.field === 'function')) {
    node = node.parent;
  }
  const parent = node.parent;
  if (parent?.type === 'binary_expression') return /^(==|!=)$/.test(parent.children.find((child) => !child.named)?.type ?? '');
  return parent?.type === 'expression_list' && parent.parent?.type === 'expression_case';
}

function noneMessage(node: SyntaxNode, member: string, facts: GoFacts): string {
  const written = facts.textOf(node);
  const call = node.parent?.type === 'argument_list' ? node.parent.parent : undefined;
  const callee = call ? field(call, 'function') : undefined;
  const api = callee ? calleeLabel(callee, facts) : undefined;
  if (member === 'SigningMethodNone') {
    return api
      ? `${api} signs tokens with ${written} (alg "none"), so they carry no signature and anyone can forge them`
      : `${written} (alg "none") is used, so tokens carry no signature and anyone can forge them`;
  }
  if (api?.endsWith('SignedString')) {
    return `${api}(${written}) creates an unsigned token (alg "none"): anyone can forge its claims`;
  }
  if (inReturn(node)) {
    return `A keyfunc returns ${written}, so golang-jwt accepts unsigned tokens (alg "none") and anyone can forge them`;
  }
  return `${written} lets golang-jwt sign or accept unsigned tokens (alg "none"), so anyone can forge them`;
}

function inReturn(node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'return_statement') return true;
    if (current.type.endsWith('_statement') || current.type === 'block') return false;
  }
  return false;
}
