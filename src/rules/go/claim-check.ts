/**
 * What missing-audience and missing-issuer share (Go): golang-jwt v5 verification with no
 * `jwt.WithAudience`/`jwt.WithIssuer` option. Conservative: silent when the options cannot be
 * read, when the function doing the parse (or its keyfunc) checks the claim by hand
 * (`VerifyAudience`, `GetIssuer`, `claims.Issuer != ...`), or when the claims are a custom type
 * of a package that defines a `Validate` method (v5 runs it during parsing). v4 and older have
 * no such options and check these claims only by hand, so they are not judged.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { resolveKeyfunc } from '../../analyze/go/keyfuncs.js';
import type { ParseCall } from '../../analyze/go/libraries.js';
import { enclosingFunction } from '../../analyze/go/scope.js';
import { unwrap } from '../../analyze/go/values.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export interface ClaimCheck {
  id: string;
  option: 'WithAudience' | 'WithIssuer';
  claim: string;
  /** Code that checks the claim by hand. */
  manual: RegExp;
  consequence: string;
  fix: string;
}

const STANDARD_CLAIMS = new Set(['MapClaims', 'RegisteredClaims']);

export function claimCheckRule(check: ClaimCheck): TreeRule<GoFacts> {
  return {
    id: check.id,
    fix: check.fix,
    create(context) {
      const { facts } = context;
      return {
        end() {
          for (const parse of facts.jwt.parses) {
            if (parse.unverified || parse.version !== 'v5' || !parse.options) continue;
            if (parse.options.some((option) => option.name === check.option)) continue;
            if (checkedByHand(parse, facts, check.manual) || hasCustomValidation(parse, facts)) continue;
            context.report({
              node: parse.callee,
              message: `${parse.api} does not check the token ${check.claim} ("jwt.${check.option}" option), so ${check.consequence}`,
            });
          }
        },
      };
    },
  };
}

function checkedByHand(parse: ParseCall, facts: GoFacts, manual: RegExp): boolean {
  const fn = enclosingFunction(parse.node);
  if (manual.test(facts.textOf(fn ?? facts.syntax.root))) return true;
  const keyfunc = resolveKeyfunc(parse.keyfunc, facts);
  return keyfunc !== undefined && manual.test(keyfunc.facts.textOf(keyfunc.body));
}

/** Custom claims in a package that defines `Validate()`: v5 calls it, and it may check the claim. */
function hasCustomValidation(parse: ParseCall, facts: GoFacts): boolean {
  if (!parse.claims) return false;
  const claims = facts.expressionBehind(parse.claims);
  if (claims?.node.type === 'composite_literal') {
    const type = unwrap(field(claims.node, 'type') ?? claims.node);
    const reference = facts.jwtReference(type);
    if (reference && STANDARD_CLAIMS.has(reference.member)) return false;
  }
  return facts.packageMethods('Validate').length > 0;
}
