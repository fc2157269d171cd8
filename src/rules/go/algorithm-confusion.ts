/**
 * algorithm-confusion (Go): an allowlist mixing HMAC with public-key methods
 * (`jwt.WithValidMethods([]string{"HS256", "RS256"})`, v4 `Parser{ValidMethods: ...}`), a keyfunc
 * whose method check lets both `*jwt.SigningMethodHMAC` and `*jwt.SigningMethodRSA` (or ECDSA...)
 * through to the same key, and a keyfunc that accepts only HMAC but returns public key bytes.
 * Either way the public key becomes an HMAC secret that anyone can use to forge tokens.
 */
import { methodList, type MethodList } from '../../analyze/go/algorithms.js';
import type { GoFacts } from '../../analyze/go/facts.js';
import { assertedFamilies, mixedMethodCheck, resolveKeyfunc, returnedKeys, type Keyfunc } from '../../analyze/go/keyfuncs.js';
import { argumentsOf, calleeLabel, type ParseCall } from '../../analyze/go/libraries.js';
import { unwrap } from '../../analyze/go/values.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import { nameWords } from '../../analyze/secret-names.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule, TreeRuleContext } from '../tree-rule.js';

export const algorithmConfusion: TreeRule<GoFacts> = {
  id: 'algorithm-confusion',
  fix: 'Use one algorithm family per key and pin it: jwt.WithValidMethods([]string{"RS256"}) (or ES256/EdDSA) with a public key, ' +
    'jwt.WithValidMethods([]string{"HS256"}) with an HMAC secret.',
  create(context) {
    const { facts } = context;
    if (!facts.importsJwt) return {};
    return {
      nodes: {
        call_expression(node) {
          const callee = field(node, 'function');
          if (facts.jwtReference(callee)?.member !== 'WithValidMethods') return;
          reportMixedList(context, methodList(argumentsOf(node)[0], facts), calleeLabel(callee!, facts));
        },
        keyed_element(node) {
          // v3/v4 `jwt.Parser{ValidMethods: []string{...}}`
          const key = field(node, 'key');
          const literal = node.parent?.parent;
          if (!key || facts.textOf(key) !== 'ValidMethods' || literal?.type !== 'composite_literal') return;
          if (facts.jwtReference(field(literal, 'type'))?.member !== 'Parser') return;
          reportMixedList(context, methodList(field(node, 'value'), facts), 'jwt.Parser ValidMethods');
        },
      },
      end() {
        for (const parse of facts.jwt.parses) {
          if (parse.unverified || pinnedToOneFamily(parse)) continue;
          const keyfunc = resolveKeyfunc(parse.keyfunc, facts);
          if (!keyfunc) continue;
          const mixed = mixedMethodCheck(keyfunc);
          if (mixed) {
            context.report({
              node: mixed,
              in: keyfunc.facts.syntax,
              message: `The keyfunc of ${parse.api} accepts both HMAC (*jwt.SigningMethodHMAC) and public-key signing methods: ` +
                'a token signed with HS256 using the public key as the HMAC secret is accepted, so anyone can forge tokens',
            });
            continue;
          }
          const evidence = publicKeyReturned(keyfunc);
          if (evidence) {
            context.report({
              node: evidence.node,
              in: keyfunc.facts.syntax,
              message: `The keyfunc of ${parse.api} uses HMAC (*jwt.SigningMethodHMAC) with a public key (${evidence.label}): ` +
                'anyone who has the public key can sign tokens that pass',
              fix: 'Check for the public-key method that matches the key (*jwt.SigningMethodRSA or *jwt.SigningMethodECDSA) and return the parsed public key.',
            });
          }
        }
      },
    };
  },
};

function reportMixedList(context: TreeRuleContext<GoFacts>, list: MethodList | undefined, api: string): void {
  const hmac = list?.entries.find((entry) => entry.family === 'hmac');
  const publicKey = list?.entries.find((entry) => entry.family === 'public-key');
  if (!list || !hmac || !publicKey) return;
  context.report({
    node: list.node,
    in: list.file,
    message: `${api} accepts both ${hmac.name} and ${publicKey.name}: a token signed with ${hmac.name} using ` +
      'the public key as the HMAC secret is accepted, so anyone can forge tokens',
  });
}

/** `jwt.WithValidMethods` naming one family only: the keyfunc's own checks no longer matter. */
function pinnedToOneFamily(parse: ParseCall): boolean {
  const option = parse.options?.find((candidate) => candidate.name === 'WithValidMethods');
  if (!option) return false;
  const list = methodList(option.args[0], option.facts);
  if (!list?.complete || list.entries.length === 0) return false;
  return new Set(list.entries.map((entry) => entry.family)).size === 1;
}

/** A keyfunc that asserts HMAC only and returns public key text: a PEM public key, or bytes of a value named public. */
function publicKeyReturned(keyfunc: Keyfunc): { node: SyntaxNode; label: string } | undefined {
  const families = assertedFamilies(keyfunc);
  if (!families.has('hmac') || families.has('public-key')) return undefined;
  for (const key of returnedKeys(keyfunc)) {
    const value = keyfunc.facts.resolve(key);
    if (value?.kind === 'string' && classifyKeyText(value.value).kind === 'pem-public') {
      return { node: key, label: 'PEM PUBLIC KEY' };
    }
    // `[]byte(publicKeyPEM)`: an HMAC key must be bytes, so only bytes of a public key reach the check.
    const expression = unwrap(key);
    const inner = expression.type === 'type_conversion_expression' ? field(expression, 'operand') : expression;
    const bytes = expression.type === 'type_conversion_expression' || value?.kind === 'string';
    const name = inner ? lastName(inner, keyfunc.facts) : undefined;
    if (bytes && name && nameWords(name).some((word) => word === 'public' || word === 'pub')) return { node: key, label: name };
  }
  return undefined;
}

function lastName(node: SyntaxNode, facts: GoFacts): string | undefined {
  if (node.type === 'identifier') return facts.textOf(node);
  if (node.type === 'selector_expression') return facts.textOf(field(node, 'field')!);
  return undefined;
}
