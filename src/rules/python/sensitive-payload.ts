/**
 * sensitive-payload (Python): secrets or personal data signed into a token: fields named like
 * passwords, hashes, card data or API keys in the payload of PyJWT/python-jose/authlib
 * `encode` or flask-jwt-extended `additional_claims` (including `payload["password"] = ...`
 * and `.update({...})` before signing), and whole user objects used as the payload
 * (`user.__dict__`, `vars(user)`, `model_to_dict(user)`, `asdict(user)`, `user.to_dict()`).
 */
import { isEntityName, isSensitiveField } from '../../analyze/names/claim-names.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { payloadClaims } from '../../analyze/python/payload.js';
import { argumentsOf, unwrap } from '../../analyze/python/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { nameOf, type PyContext } from './shared.js';

const WHOLE_OBJECT_CALLS = new Set(['vars', 'dataclasses.asdict', 'django.forms.models.model_to_dict', 'model_to_dict', 'asdict']);
const SERIALIZER_METHODS = new Set(['to_dict', 'dict', 'model_dump', 'as_dict', 'to_json', 'serialize', '__dict__']);

export const sensitivePayload: TreeRule<PythonFacts> = {
  id: 'sensitive-payload',
  fix: 'Sign only what the receiver needs (a user id in "sub", roles or scopes) and look up everything else on the server; encrypt (JWE) if a token must carry confidential data.',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        for (const call of facts.jwtCalls()) {
          if (call.kind !== 'sign') continue;
          const payloadNode = call.args.get(call.library === 'flask-jwt-extended' ? 'additional_claims' : 'payload');
          if (!payloadNode) continue;
          const whole = wholeObject(context, payloadNode);
          if (whole) {
            context.report({
              node: payloadNode,
              message: `Token payload is the whole "${whole}" object, so every field it holds is readable by anyone who has the token`,
            });
            continue;
          }
          for (const splat of spreads(payloadNode)) {
            const spread = wholeObject(context, splat) ?? entityName(context, splat);
            if (!spread) continue;
            context.report({
              node: splat,
              message: `Token payload spreads the whole "${spread}" object, so every field it holds is readable by anyone who has the token`,
            });
          }
          const payload = payloadClaims(facts, payloadNode, call.node);
          for (const entry of payload?.entries.values() ?? []) {
            if (entry.facts !== facts || !isSensitiveField(entry.key)) continue;
            context.report({
              node: entry.pair,
              message: `Token payload carries "${entry.key}", readable by anyone who has the token (a JWT payload is only base64-encoded, not encrypted)`,
            });
          }
        }
      },
    };
  },
};

/** `user.__dict__`, `vars(user)`, `user.to_dict()`: the entity's name, when the expression serialises a whole user-like object. */
function wholeObject(context: PyContext, node: SyntaxNode): string | undefined {
  const inner = unwrap(node);
  if (!inner) return undefined;
  if (inner.type === 'attribute' && context.syntax.textOf(field(inner, 'attribute')!) === '__dict__') {
    return entityName(context, field(inner, 'object'));
  }
  if (inner.type !== 'call') return undefined;
  const callee = field(inner, 'function');
  if (callee?.type === 'attribute' && SERIALIZER_METHODS.has(context.syntax.textOf(field(callee, 'attribute')!))) {
    return entityName(context, field(callee, 'object'));
  }
  const qualified = context.facts.qualify(callee);
  if (qualified && WHOLE_OBJECT_CALLS.has(qualified)) return entityName(context, argumentsOf(context.syntax, inner).positional[0]);
  return undefined;
}

function entityName(context: PyContext, node: SyntaxNode | undefined): string | undefined {
  const name = nameOf(context.facts, node);
  return name && isEntityName(name) ? name : undefined;
}

/** The `**x` items of a dict literal payload. */
function spreads(node: SyntaxNode): SyntaxNode[] {
  const inner = unwrap(node);
  if (inner?.type !== 'dictionary') return [];
  return namedChildren(inner).filter((child) => child.type === 'dictionary_splat').map((child) => namedChildren(child)[0]!).filter(Boolean);
}
