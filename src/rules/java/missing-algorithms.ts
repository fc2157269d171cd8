/**
 * missing-algorithms (Java): jjwt `parse(token)` on a parser that accepts unsigned tokens
 * (jjwt before 0.12: `Jwts.parser()` without `build()`, `parserBuilder()`; or `unsecured()`),
 * although it has a key: the token header decides whether a signature is checked at all.
 * `parseClaimsJws`/`parseSignedClaims`, auth0 `JWT.require(alg)` and Nimbus verifiers pin the
 * algorithm family and are not findings.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { TreeRule } from '../tree-rule.js';

export const missingAlgorithms: TreeRule<JavaFacts> = {
  id: 'missing-algorithms',
  fix: 'Use parseClaimsJws (parseSignedClaims in jjwt 0.12) so that only signed tokens are accepted, and do not call unsecured().',
  create(context) {
    return {
      end() {
        const libraries = context.facts.libraries;
        for (const call of libraries.jwtCalls()) {
          if (call.library !== 'jjwt' || call.kind !== 'verify' || call.api !== 'parse') continue;
          const names = new Set(call.calls.map((entry) => entry.name));
          const acceptsUnsigned = names.has('unsecured') || names.has('parserBuilder') || (call.complete && !names.has('build'));
          if (!acceptsUnsigned) continue;
          context.report({
            node: call.nameNode,
            message: 'parse() on this jjwt parser also accepts unsigned tokens (alg "none"), so the token header chooses whether the signature is checked',
          });
        }
      },
    };
  },
};
