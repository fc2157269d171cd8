/**
 * missing-algorithms (Go): golang-jwt verification that lets the token header pick the
 * method: `jwt.Parse`/`jwt.ParseWithClaims` or `Parse*` on a parser, with no
 * `jwt.WithValidMethods(...)` (on the call or its `jwt.NewParser`/`jwt.Parser{ValidMethods}`) and
 * a keyfunc that never looks at `t.Method`. Silent when the options or the keyfunc cannot be
 * read, or when the keyfunc hands the token to a helper.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { checksMethod, resolveKeyfunc } from '../../analyze/go/keyfuncs.js';
import type { TreeRule } from '../tree-rule.js';

export const missingAlgorithms: TreeRule<GoFacts> = {
  id: 'missing-algorithms',
  fix: 'Pass the exact methods you issue, usually one: jwt.WithValidMethods([]string{"RS256"}) (or "HS256" for an HMAC secret), ' +
    'or check t.Method in the keyfunc and return an error for anything else.',
  create(context) {
    const { facts } = context;
    return {
      end() {
        for (const parse of facts.jwt.parses) {
          if (parse.unverified || !parse.options) continue;
          if (parse.options.some((option) => option.name === 'WithValidMethods')) continue;
          const keyfunc = resolveKeyfunc(parse.keyfunc, facts);
          if (!keyfunc || checksMethod(keyfunc) !== 'no') continue;
          // v3 and dgrijalva/jwt-go have no parser options: the allowlist is the Parser's ValidMethods field.
          const allowlist = parse.version === 'v5' || parse.version === 'v4' ? 'jwt.WithValidMethods' : 'a Parser ValidMethods allowlist';
          context.report({
            node: parse.callee,
            message: `${parse.api} is called without ${allowlist} and its keyfunc never checks t.Method, ` +
              'so the token header chooses the algorithm',
          });
        }
      },
    };
  },
};
