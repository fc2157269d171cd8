/**
 * algorithm-confusion (Python): a decode allowlist mixing HMAC with public-key algorithms
 * (PyJWT, python-jose, flask-jwt-extended `JWT_DECODE_ALGORITHMS`), or an HMAC algorithm
 * used with a public key (a PEM public key, a name like `public_key`, `open("public.pem")`).
 */
import { nameWords } from '../../analyze/secret-names.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import type { PyJwtCall } from '../../analyze/python/libraries.js';
import { argumentsOf, unwrap } from '../../analyze/python/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { algorithmsOf, at, nameOf, type AlgorithmEntry, type PyContext } from './shared.js';

export const algorithmConfusion: TreeRule<PythonFacts> = {
  id: 'algorithm-confusion',
  fix: 'Use one algorithm family per key and pin it: algorithms=["RS256"] (or ES256/EdDSA) with a public key, algorithms=["HS256"] with an HMAC secret.',
  create(context) {
    return {
      end() {
        for (const call of context.facts.jwtCalls()) {
          if (call.library === 'authlib' || call.library === 'flask-jwt-extended') continue;
          if (!mixedAllowlist(context, call.api, call.args.get('algorithms'))) hmacWithPublicKey(context, call);
        }
        for (const entry of context.facts.configEntries()) {
          if (entry.key === 'JWT_DECODE_ALGORITHMS') mixedAllowlist(context, entry.label, entry.value);
        }
      },
    };
  },
};

function mixedAllowlist(context: PyContext, api: string, node: SyntaxNode | undefined): boolean {
  const value = context.facts.value(node);
  const list = algorithmsOf(value);
  const hmac = list?.entries.find((entry) => entry.family === 'hmac');
  const publicKey = list?.entries.find((entry) => entry.family === 'public-key');
  if (!value || !hmac || !publicKey || !('at' in value)) return false;
  context.report({
    ...at(context, value.at),
    message: `${api} accepts both ${hmac.name} and ${publicKey.name}: a token signed with ${hmac.name} using ` +
      'the public key as the HMAC secret is accepted, so anyone can forge tokens',
  });
  return true;
}

function hmacWithPublicKey(context: PyContext, call: PyJwtCall): void {
  const facts = context.facts;
  const list = algorithmsOf(facts.value(call.args.get(call.kind === 'sign' ? 'algorithm' : 'algorithms')));
  if (!list?.complete || list.entries.length === 0 || !list.entries.every((entry) => entry.family === 'hmac')) return;
  const evidence = publicKeyEvidence(facts, call.args.get('key'));
  if (!evidence) return;
  const hmac: AlgorithmEntry = list.entries[0]!;
  context.report({
    ...at(context, hmac.at),
    message: `${call.api} uses ${hmac.name} with a public key (${evidence}): anyone who has the public key can sign tokens that pass`,
    fix: `Use the public-key algorithm that matches the key (for example RS256 or ES256) instead of ${hmac.name}.`,
  });
}

/** Why a key expression is a public key: its PEM text, its name, or the file it is read from. */
function publicKeyEvidence(facts: PythonFacts, node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  const value = facts.value(node);
  if (value?.kind === 'string' && classifyKeyText(value.value).kind === 'pem-public') return 'a PEM public key';
  const name = nameOf(facts, node);
  if (name && nameWords(name).some((word) => word === 'public' || word === 'pub')) return `"${name}"`;
  const path = readFilePath(facts, node);
  if (path && /(^|[/\\._-])pub(lic)?([._-]|$)|\.pub$/i.test(path)) return `read from ${path}`;
  return undefined;
}

/** `open("public.pem").read()`, `Path("keys/public.pem").read_text()`: the path read. */
function readFilePath(facts: PythonFacts, node: SyntaxNode): string | undefined {
  let call = unwrap(node);
  if (call?.type === 'identifier') {
    const site = facts.bindingOf(facts.syntax.textOf(call), call);
    call = site?.kind === 'assign' ? unwrap(site.value) : undefined;
  }
  if (call?.type !== 'call') return undefined;
  const callee = field(call, 'function');
  if (callee?.type !== 'attribute') return undefined;
  const opener = unwrap(field(callee, 'object'));
  if (opener?.type !== 'call') return undefined;
  return facts.string(argumentsOf(facts.syntax, opener).positional[0]);
}
