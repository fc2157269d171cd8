/**
 * Access or refresh token, for a Java token-creating chain: the variable or field it is
 * stored in, then the chain's own text (a `"refresh"` claim, a `REFRESH_EXPIRATION`
 * constant), then the enclosing method (`generateRefreshToken`). Same rules as the JS/TS
 * front end: single-use tokens (reset, verification, invitation) get the refresh limit.
 */
import type { TokenRole } from '../js/token-role.js';
import type { SyntaxNode } from '../tree/parser.js';
import { field, type SyntaxFile } from '../tree/syntax.js';
import { enclosingMethod } from './values.js';

const SINGLE_USE = /verif|confirm|reset|invit|activat|magic|unsubscribe|download|share/i;

function roleNamedIn(text: string): TokenRole | undefined {
  const refresh = /refresh/i.test(text);
  const access = /access/i.test(text);
  if (refresh === access) return undefined;
  return refresh ? 'refresh' : 'access';
}

export function javaTokenRole(chainTop: SyntaxNode, syntax: SyntaxFile): TokenRole {
  const binding = bindingName(chainTop, syntax);
  const fromBinding = binding === undefined ? undefined : roleNamedIn(binding);
  if (fromBinding) return fromBinding;
  if (binding !== undefined && SINGLE_USE.test(binding)) return 'single-use';
  const fromChain = roleNamedIn(syntax.textOf(chainTop));
  if (fromChain) return fromChain;
  const method = enclosingMethod(chainTop);
  const methodName = method && field(method, 'name') ? syntax.textOf(field(method, 'name')!) : undefined;
  if (methodName === undefined) return 'access';
  return roleNamedIn(methodName) ?? (SINGLE_USE.test(methodName) ? 'single-use' : 'access');
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
