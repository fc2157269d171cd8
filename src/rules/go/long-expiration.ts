/**
 * long-expiration (Go): an expiry computed from the current time that lies beyond the limit,
 * in golang-jwt claims: `"exp": time.Now().Add(time.Hour * 72).Unix()` in `jwt.MapClaims`,
 * `ExpiresAt: jwt.NewNumericDate(time.Now().Add(ttl))` in `jwt.RegisteredClaims` (or a custom
 * claims struct), v3/v4 `ExpiresAt: time.Now().Add(...).Unix()`, `time.Now().AddDate(0, 0, 30)`,
 * and `claims["exp"] = ...` / `claims.ExpiresAt = ...` assignments. Refresh tokens (named so)
 * get the refresh limit.
 */
import { claimsKind, expiryLifetime } from '../../analyze/go/claims.js';
import type { GoFacts } from '../../analyze/go/facts.js';
import { enclosingFunction, functionName } from '../../analyze/go/scope.js';
import { formatSeconds } from '../../analyze/js/durations.js';
import { tokenRoleFromNames, type TokenRole } from '../../analyze/names/token-role.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export const longExpiration: TreeRule<GoFacts> = {
  id: 'long-expiration',
  fix: 'Keep access tokens to minutes (at most an hour) and renew them with a rotated refresh token that lives days, not months.',
  create(context) {
    const { facts } = context;
    // context.options always holds the defaults of src/rules/options.ts, merged with the config.
    const limits: Record<TokenRole, number> = {
      access: Number(context.options.maxAccessTokenSeconds),
      refresh: Number(context.options.maxRefreshTokenSeconds),
      'single-use': Number(context.options.maxRefreshTokenSeconds),
    };
    const judge = (value: SyntaxNode, holder: SyntaxNode): void => {
      const seconds = expiryLifetime(value, facts);
      if (seconds === undefined) return;
      const role = roleOf(holder, value, facts);
      const limit = limits[role];
      if (!(seconds > limit)) return;
      const label = role === 'refresh' ? 'Refresh' : role === 'single-use' ? 'Single-use' : 'Access';
      context.report({ node: value, message: `${label} token lifetime is ${formatSeconds(seconds)} (limit ${formatSeconds(limit)})` });
    };
    if (!facts.importsJwt) return {};
    return {
      nodes: {
        keyed_element(node) {
          const literal = node.parent?.parent;
          const key = field(node, 'key');
          const value = field(node, 'value');
          if (literal?.type !== 'composite_literal' || !key || !value) return;
          const kind = claimsKind(literal, facts);
          if (!kind) return;
          const isExp = kind === 'map' ? facts.resolveString(key) === 'exp' : facts.textOf(key) === 'ExpiresAt';
          if (isExp) judge(value, literal);
        },
        assignment_statement(node) {
          const left = namedChildren(field(node, 'left') ?? node);
          const right = namedChildren(field(node, 'right') ?? node);
          if (left.length !== 1 || right.length !== 1) return;
          const target = left[0]!;
          const isExp = (target.type === 'index_expression' && facts.resolveString(field(target, 'index')) === 'exp') ||
            (target.type === 'selector_expression' && facts.textOf(field(target, 'field')!) === 'ExpiresAt');
          if (isExp) judge(right[0]!, node);
        },
      },
    };
  },
};

/** Refresh or access token? The variable holding the claims, the expiry expression, then the function name. */
function roleOf(holder: SyntaxNode, value: SyntaxNode, facts: GoFacts): TokenRole {
  return tokenRoleFromNames({
    binding: bindingName(holder, facts),
    ownText: () => facts.textOf(value),
    functionName: () => functionName(enclosingFunction(holder), (node) => facts.textOf(node)),
  });
}

/** `refreshClaims := jwt.MapClaims{...}` / `refreshClaims["exp"] = ...`: the name the claims are kept under. */
function bindingName(holder: SyntaxNode, facts: GoFacts): string | undefined {
  if (holder.type === 'assignment_statement') {
    const target = namedChildren(field(holder, 'left')!)[0];
    const operand = target ? field(target, 'operand') : undefined;
    return operand ? facts.textOf(operand) : undefined;
  }
  let current = holder;
  while (current.parent && (current.parent.type === 'unary_expression' || current.parent.type === 'parenthesized_expression' ||
         current.parent.type === 'literal_element' || current.parent.type === 'keyed_element' || current.parent.type === 'literal_value' ||
         current.parent.type === 'composite_literal')) {
    current = current.parent;
  }
  const list = current.parent;
  const declaration = list?.type === 'expression_list' ? list.parent : undefined;
  if (declaration?.type === 'short_var_declaration' || declaration?.type === 'assignment_statement') {
    const name = namedChildren(field(declaration, 'left')!)[0];
    return name ? facts.textOf(name) : undefined;
  }
  if (declaration?.type === 'var_spec') {
    const name = field(declaration, 'name');
    return name ? facts.textOf(name) : undefined;
  }
  return undefined;
}
