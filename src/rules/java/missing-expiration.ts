/**
 * missing-expiration (Java): a token built with no expiry, judged only on chains read from
 * their entry point: jjwt `Jwts.builder()...compact()` without `setExpiration`/`expiration`,
 * auth0 `JWT.create()...sign(alg)` without `withExpiresAt`, Nimbus `new JWTClaimsSet.Builder()...build()`
 * without `expirationTime`. A claims map that is not fully known (`setClaims(claims)` built
 * elsewhere) may carry `exp`: silent.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import type { ChainCall } from '../../analyze/java/libraries.js';
import { argumentsOf } from '../../analyze/java/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, walkTree } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

type ExpClaim = 'present' | 'absent' | 'unknown';

const EXPIRY_SETTERS = new Set(['setExpiration', 'expiration', 'withExpiresAt', 'expirationTime']);
const CLAIM_SETTERS = new Set(['claim', 'withClaim', 'add']);
const CLAIM_MAPS = new Set(['setClaims', 'claims', 'addClaims', 'withPayload', 'add']);

export const missingExpiration: TreeRule<JavaFacts> = {
  id: 'missing-expiration',
  fix: 'Give the token an expiry that matches its purpose, for example setExpiration(Date.from(Instant.now().plus(15, ChronoUnit.MINUTES))) or withExpiresAt(...).',
  create(context) {
    const { facts, syntax } = context;
    const expClaim = (calls: ChainCall[]): ExpClaim => {
      let result: ExpClaim = 'absent';
      for (const call of calls) {
        if (EXPIRY_SETTERS.has(call.name)) return 'present';
        if (CLAIM_SETTERS.has(call.name) && call.args.length === 2) {
          const name = facts.values.resolveString(call.args[0]);
          if (name === 'exp' || syntax.textOf(call.args[0]!).endsWith('EXPIRATION')) return 'present';
          if (name === undefined) result = 'unknown';
        } else if (CLAIM_MAPS.has(call.name) && call.args.length === 1) {
          const map = facts.values.resolve(call.args[0]);
          if (map?.kind !== 'map') result = 'unknown';
          else if (map.entries.has('exp')) return 'present';
          else if (!map.complete) result = 'unknown';
        }
      }
      return result;
    };
    const report = (entry: SyntaxNode, api: string, spelling: string): void => {
      context.report({ node: entry, message: `${api} creates a token without an expiry (${spelling}), so a stolen token works forever` });
    };
    return {
      end() {
        const libraries = facts.libraries;
        for (const call of libraries.jwtCalls()) {
          if (call.kind !== 'sign' || !call.complete || expClaim(call.calls) !== 'absent') continue;
          report(call.entry, call.api, call.library === 'jjwt' ? 'setExpiration' : 'withExpiresAt');
        }
        if (!libraries.uses.has('nimbus')) return;
        walkTree(syntax.root, (node) => {
          if (node.type !== 'method_invocation' || syntax.textOf(field(node, 'name')!) !== 'build') return;
          const chain = libraries.chainOf(node);
          const root = chain.root;
          if (root?.type !== 'object_creation_expression' || !/^(JWTClaimsSet\.)?Builder$/.test(syntax.textOf(field(root, 'type') ?? root))) return;
          if (!/JWTClaimsSet\.Builder/.test(syntax.textOf(root)) || argumentsOf(root).length > 0) return;
          if (expClaim(chain.calls) === 'absent') report(root, 'new JWTClaimsSet.Builder()', 'expirationTime');
        });
      },
    };
  },
};
