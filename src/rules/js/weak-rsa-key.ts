/**
 * weak-rsa-key: RSA key pairs generated with a modulus under 2048 bits:
 * node:crypto `generateKeyPair(Sync)('rsa' | 'rsa-pss', { modulusLength })`, jose
 * `generateKeyPair('RS256' | 'PS256' | ..., { modulusLength })`, WebCrypto
 * `crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS', modulusLength })`,
 * node-forge `pki.rsa.generateKeyPair(bits | { bits })` and node-rsa `new NodeRSA({ b })` /
 * `key.generateKeyPair(bits)`. The size is resolved like any value; reported at its literal.
 */
import ts from '../../analyze/js/typescript.cjs';
import { memberOf, type Origin, type Value } from '../../analyze/js/values.js';
import { findDeclaration } from '../../analyze/js/scope.js';
import type { JsRule, JsRuleContext } from '../rule.js';

const MIN_BITS = 2048;

export const weakRsaKey: JsRule = {
  id: 'weak-rsa-key',
  fix: 'Generate RSA keys of at least 2048 bits (3072 for long-lived keys), or use ES256/EdDSA.',
  create(context) {
    const reported = new Set<string>();
    const check = (bits: Value | undefined, call: ts.Node, api: string): void => {
      if (bits?.kind !== 'number' || !(bits.value > 0) || bits.value >= MIN_BITS) return;
      const key = `${bits.origin.file}:${bits.origin.range.start.line}:${bits.origin.range.start.column}`;
      if (reported.has(key)) return;
      reported.add(key);
      const callOrigin = context.resolver.originOf(call);
      context.report({
        origin: bits.origin,
        message: `${api} generates an RSA key with a ${bits.value}-bit modulus; ` +
          `RSA keys for signing tokens need at least ${MIN_BITS} bits`,
        // A size defined elsewhere (a constant) points back at the generation.
        related: contains(callOrigin, bits.origin) ? undefined
          : [{ file: callOrigin.file, range: callOrigin.range, message: 'key pair generated here' }],
      });
    };
    return {
      nodes: {
        [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context, check),
        [ts.SyntaxKind.NewExpression]: (node) => {
          // new NodeRSA({ b: 1024 })
          const call = node as ts.NewExpression;
          if (!isNodeRsa(context.resolver.resolve(call.expression))) return;
          const options = context.resolver.resolve(call.arguments?.[0]);
          check(propertyValue(options, 'b'), call, 'new NodeRSA');
        },
      },
    };
  },
};

type Check = (bits: Value | undefined, call: ts.Node, api: string) => void;

function checkCall(call: ts.CallExpression, context: JsRuleContext, check: Check): void {
  const callee = call.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (method !== 'generateKeyPair' && method !== 'generateKeyPairSync' && method !== 'generateKey') return;
  const { resolver } = context;
  const [first, second] = call.arguments;

  if (method === 'generateKey') {
    // crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, ... }, true, ['sign'])
    if (!ts.isPropertyAccessExpression(callee) || !/(^|\.)subtle$/.test(callee.expression.getText())) return;
    const algorithm = resolver.resolve(first);
    const name = propertyValue(algorithm, 'name');
    if (name?.kind === 'string' && /^RSA/i.test(name.value)) {
      check(propertyValue(algorithm, 'modulusLength'), call, 'crypto.subtle.generateKey');
    }
    return;
  }

  // key.generateKeyPair(1024) on a node-rsa instance
  if (method === 'generateKeyPair' && ts.isPropertyAccessExpression(callee) && isNodeRsaInstance(callee.expression, context)) {
    check(resolver.resolve(first), call, 'NodeRSA.generateKeyPair');
    return;
  }

  const fn = resolver.resolve(callee);
  if (fn?.kind !== 'module') return;
  const module = fn.module.replace(/^node:/, '');
  if (module === 'crypto' && (fn.member === 'generateKeyPair' || fn.member === 'generateKeyPairSync')) {
    const type = resolver.resolveString(first);
    if (type === 'rsa' || type === 'rsa-pss') {
      check(propertyValue(resolver.resolve(second), 'modulusLength'), call, `crypto.${fn.member}('${type}')`);
    }
  } else if (module === 'jose' && fn.member === 'generateKeyPair') {
    const alg = resolver.resolveString(first);
    if (alg && /^(RS|PS)\d+$|^RSA-OAEP/.test(alg)) {
      check(propertyValue(resolver.resolve(second), 'modulusLength'), call, `jose generateKeyPair('${alg}')`);
    }
  } else if (module === 'node-forge' && fn.member?.endsWith('rsa.generateKeyPair')) {
    const arg = resolver.resolve(first);
    check(arg?.kind === 'object' ? propertyValue(arg, 'bits') : arg, call, 'forge.pki.rsa.generateKeyPair');
  }
}

function contains(outer: Origin, inner: Origin): boolean {
  const before = (a: Origin['range']['start'], b: Origin['range']['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return outer.file === inner.file && before(outer.range.start, inner.range.start) && before(inner.range.end, outer.range.end);
}

function propertyValue(value: Value | undefined, key: string): Value | undefined {
  return value?.kind === 'object' ? memberOf(value, key, value.origin) : undefined;
}

function isNodeRsa(value: Value | undefined): boolean {
  return value?.kind === 'module' && value.module === 'node-rsa' && value.member === undefined;
}

/** `key` in `const key = new NodeRSA(); key.generateKeyPair(1024)`. */
function isNodeRsaInstance(receiver: ts.Expression, context: JsRuleContext): boolean {
  let target = receiver;
  if (ts.isIdentifier(receiver)) {
    const declaration = findDeclaration(receiver);
    if (declaration?.kind !== 'variable' || declaration.path.length > 0 || !declaration.node.initializer) return false;
    target = declaration.node.initializer;
  }
  while (ts.isParenthesizedExpression(target)) target = target.expression;
  return ts.isNewExpression(target) && isNodeRsa(context.resolver.resolve(target.expression));
}
