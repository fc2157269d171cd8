/**
 * Access or refresh token, for a Java token-creating chain: the variable or field it is
 * stored in, then the chain's own text (a `"refresh"` claim, a `REFRESH_EXPIRATION`
 * constant), then the enclosing method (`generateRefreshToken`). The names are judged by the
 * language-neutral rules of src/analyze/names/token-role.ts, as in the other front ends.
 */
import { tokenRoleFromNames, type TokenRole } from '../names/token-role.js';
import type { SyntaxNode } from '../tree/parser.js';
import { field, type SyntaxFile } from '../tree/syntax.js';
import { enclosingMethod } from './values.js';

export function javaTokenRole(chainTop: SyntaxNode, syntax: SyntaxFile): TokenRole {
  return tokenRoleFromNames({
    binding: bindingName(chainTop, syntax),
    ownText: () => syntax.textOf(chainTop),
    functionName: () => {
      const method = enclosingMethod(chainTop);
      return method && field(method, 'name') ? syntax.textOf(field(method, 'name')!) : undefined;
    },
  });
}

function bindingName(node: SyntaxNode, syntax: SyntaxFile): string | undefined {
  let current = node;
  while (current.parent && (current.parent.type === 'parenthesized_expression' || current.parent.type === 'cast_expression')) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === 'variable_declarator') return syntax.textOf(field(parent, 'name')!);
  if (parent?.type === 'assignment_expression') return syntax.textOf(field(parent, 'left')!);
  return undefined;
}
