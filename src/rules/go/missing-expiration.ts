/**
 * missing-expiration (Go): a token created with claims that carry no expiry:
 * `jwt.NewWithClaims(method, claims)` where the claims literal (`jwt.MapClaims` without "exp",
 * `jwt.RegisteredClaims`/`jwt.StandardClaims` without `ExpiresAt`, a custom struct whose embedded
 * claims have none) is known, and `jwt.New(method)` whose claims are never set. Claims that
 * cannot be resolved, or that are written to later, keep the call silent.
 */
import { expClaim, isChangedLater } from '../../analyze/go/claims.js';
import type { GoFacts } from '../../analyze/go/facts.js';
import type { SignCall } from '../../analyze/go/libraries.js';
import { enclosingFunction } from '../../analyze/go/scope.js';
import { unwrap } from '../../analyze/go/values.js';
import { field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export const missingExpiration: TreeRule<GoFacts> = {
  id: 'missing-expiration',
  fix: 'Give the token an expiry that matches its purpose, for example ExpiresAt: jwt.NewNumericDate(time.Now().Add(15 * time.Minute)) for an access token.',
  create(context) {
    const { facts } = context;
    return {
      end() {
        for (const sign of facts.jwt.signs) {
          if (!lacksExpiry(sign, facts)) continue;
          context.report({
            node: sign.node,
            message: `${sign.api} creates a token without an expiry (no "exp" claim or ExpiresAt), so a stolen token works forever`,
          });
        }
      },
    };
  },
};

function lacksExpiry(sign: SignCall, facts: GoFacts): boolean {
  if (!sign.claims) return sign.api.endsWith('.New') && claimsNeverSet(sign, facts);
  const claims = unwrap(sign.claims);
  if (claims.type === 'identifier' && isChangedLater(facts.textOf(claims), sign.node, facts)) return false;
  const literal = facts.expressionBehind(claims);
  if (literal?.node.type !== 'composite_literal') return false;
  return expClaim(literal.node, literal.facts) === 'absent';
}

/** `token := jwt.New(method)` whose `token.Claims` is never touched, or `jwt.New(method).SignedString(key)`. */
function claimsNeverSet(sign: SignCall, facts: GoFacts): boolean {
  const parent = sign.node.parent;
  if (parent?.type === 'selector_expression' && facts.textOf(field(parent, 'field')!) === 'SignedString') return true;
  const list = parent?.type === 'expression_list' ? parent : undefined;
  const declaration = list?.parent;
  if (!declaration || declaration.type !== 'short_var_declaration' || field(declaration, 'right') !== list) return false;
  const names = namedChildren(field(declaration, 'left')!);
  if (names.length !== 1) return false;
  const name = facts.textOf(names[0]!);
  const scope = enclosingFunction(sign.node);
  if (!scope) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const text = facts.textOf(scope);
  // Only SignedString may use the token: returning or passing it lets other code set claims.
  const uses = text.match(new RegExp(`\\b${escaped}\\b(\\.\\w+)?`, 'g')) ?? [];
  return uses.length > 1 && uses.slice(1).every((use) => use === `${name}.SignedString`);
}
