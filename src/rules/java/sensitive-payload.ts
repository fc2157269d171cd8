/**
 * sensitive-payload (Java): secrets or personal data signed into a token: jjwt
 * `.claim("password", ...)`, auth0 `.withClaim("ssn", ...)`, Nimbus `.claim(...)`, claims maps
 * (`Map.of(...)`, a `HashMap` filled with `put`) passed to `setClaims`/`claims`/`addClaims`/
 * `withPayload`, and a whole user/account entity put in a claim (`.claim("user", user)`).
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import { placeOf } from '../../analyze/java/key-material.js';
import { argumentsOf, unwrap } from '../../analyze/java/values.js';
import { isEntityName, isSensitiveField, JAVA_CURATED_WORDS } from '../../analyze/names/claim-names.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, walkTree } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const CLAIM_SETTERS = new Set(['claim', 'withClaim', 'add']);
const CLAIM_MAPS = new Set(['setClaims', 'claims', 'addClaims', 'withPayload', 'add']);
/** Roots of the chains whose `claim(...)` builds a token payload. */
const TOKEN_BUILDERS = /^(Jwts\.builder|JWT\.create|new JWTClaimsSet\.Builder|Jwt\.withTokenValue|JwtClaimsSet\.builder)/;

export const sensitivePayload: TreeRule<JavaFacts> = {
  id: 'sensitive-payload',
  fix: 'Sign only what the receiver needs (a user id in "sub", roles or scopes) and look up everything else on the server; encrypt (JWE) if a token must carry confidential data.',
  create(context) {
    const { facts, syntax } = context;
    const fieldMessage = (key: string): string =>
      `Token payload carries "${key}", readable by anyone who has the token (a JWT payload is only base64-encoded, not encrypted)`;
    return {
      end() {
        if (!facts.libraries.isJwtFile) return;
        walkTree(syntax.root, (node) => {
          if (node.type !== 'method_invocation' || !field(node, 'object')) return;
          const name = syntax.textOf(field(node, 'name')!);
          if (!CLAIM_SETTERS.has(name) && !CLAIM_MAPS.has(name)) return;
          if (!isTokenBuilderChain(node, facts)) return;
          const args = argumentsOf(node);
          if (CLAIM_SETTERS.has(name) && args.length === 2) {
            const key = facts.values.resolveString(args[0]);
            if (key === undefined) return;
            const value = unwrap(args[1]!);
            if (isSensitiveField(key) && facts.values.resolve(value)?.kind !== 'boolean') {
              context.report({ node: args[0]!, message: fieldMessage(key) });
            } else if (value.type === 'identifier' && isEntityName(syntax.textOf(value), JAVA_CURATED_WORDS) && !facts.values.resolve(value)) {
              context.report({
                node: value,
                message: `Token payload embeds the whole "${syntax.textOf(value)}" object in "${key}", so every field it holds is readable by anyone who has the token`,
              });
            }
          } else if (CLAIM_MAPS.has(name) && args.length === 1) {
            const map = facts.values.resolve(args[0]);
            if (map?.kind !== 'map') return;
            for (const [key, entry] of map.entries) {
              if (!isSensitiveField(key) || facts.values.resolve(entry.value)?.kind === 'boolean') continue;
              context.report({ ...placeOf(entry, facts), message: fieldMessage(key) });
            }
          }
        });
      },
    };
  },
};

/** The call belongs to a chain started by a token builder (directly or through a builder variable). */
function isTokenBuilderChain(node: SyntaxNode, facts: JavaFacts): boolean {
  const chain = facts.libraries.chainOf(node);
  const first = chain.calls[0];
  const rootText = chain.root ? facts.syntax.textOf(chain.root).replace(/\s+/g, ' ') : '';
  const entry = chain.root?.type === 'object_creation_expression' ? rootText.replace(/\(.*$/s, '')
    : `${rootText}.${first?.name ?? ''}`;
  return TOKEN_BUILDERS.test(entry);
}
