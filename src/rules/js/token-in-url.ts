/**
 * token-in-url: a token placed in a URL query string, where access logs, proxies,
 * browser history and Referer headers keep it. Reads URLs built with template literals
 * and concatenation (`?token=${token}`, `'&access_token=' + t`), `url.searchParams.set`,
 * axios `params` and socket.io `query` options.
 */
import ts from '../../analyze/js/typescript.cjs';
import {
  expressionName, findProperty, initializerOf, objectLiteralOf, propertyValue, staticPropertyName, unwrapExpression,
} from '../../analyze/js/expressions.js';
import { recogniseHttpRequest } from '../../analyze/js/http-clients.js';
import { isStringBuilding, stringParts, type StringPart } from '../../analyze/js/string-parts.js';
import { isTokenParam, NOT_AUTH_VALUE_WORDS, tokenParamInUrl } from '../../analyze/names/token-names.js';
import { nameWords } from '../../analyze/names/words.js';
import type { JsRule, JsRuleContext } from '../rule.js';

const MENTIONS_TOKEN = /token|jwt/i;
const SOCKET_IO_MODULES = new Set(['socket.io-client']);

export const tokenInUrl: JsRule = {
  id: 'token-in-url',
  fix: 'Send the token in the Authorization header (or an HttpOnly cookie); for WebSockets, authenticate with the first message or a short-lived one-time ticket.',
  create(context) {
    const report = (node: ts.Node, param: string): void => {
      context.report({
        node,
        message: `Token placed in the URL query string ("${param}="), where server logs, proxies, browser history and Referer headers keep it`,
      });
    };
    const checkStringBuilding = (node: ts.Expression): void => {
      // Only the outermost template or concatenation is read (it includes the inner ones).
      if (isInsideStringBuilding(node)) return;
      // Cheap guard before resolving every part: the parameter or the value is named in the code.
      if (!MENTIONS_TOKEN.test(node.getText())) return;
      const param = tokenParamIn(context, node);
      if (param) report(node, param);
    };
    return {
      nodes: {
        [ts.SyntaxKind.TemplateExpression]: (node) => checkStringBuilding(node as ts.TemplateExpression),
        [ts.SyntaxKind.BinaryExpression]: (node) => {
          const binary = node as ts.BinaryExpression;
          if (binary.operatorToken.kind === ts.SyntaxKind.PlusToken) checkStringBuilding(binary);
        },
        [ts.SyntaxKind.CallExpression]: (node) => {
          const call = node as ts.CallExpression;
          checkSearchParams(context, call, report);
          checkQueryOptions(context, call, report);
        },
      },
    };
  },
};

function isInsideStringBuilding(node: ts.Node): boolean {
  let current = node.parent;
  while (current && ts.isParenthesizedExpression(current)) current = current.parent;
  return current !== undefined && (ts.isTemplateSpan(current) ||
    (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken));
}

/** The token parameter a built URL carries with a runtime value, if any. */
function tokenParamIn(context: JsRuleContext, node: ts.Expression): string | undefined {
  if (!isStringBuilding(node)) return undefined;
  return tokenParamInUrl(withQuerySeparators(stringParts(node, context.resolver)), isAuthValue);
}

/**
 * `${url}${separator}token=${t}` with `const separator = url.includes('?') ? '&' : '?'`: a runtime
 * part that is always "?" or "&" starts or continues a query string, so it reads as "?".
 */
function withQuerySeparators(parts: StringPart[]): StringPart[] {
  const result: StringPart[] = [];
  for (const part of parts) {
    const piece: StringPart = part.kind === 'dynamic' && isQuerySeparator(part.node) ? { kind: 'text', text: '?' } : part;
    const last = result[result.length - 1];
    if (piece.kind === 'text' && last?.kind === 'text') result[result.length - 1] = { kind: 'text', text: last.text + piece.text };
    else result.push(piece);
  }
  return result;
}

function isQuerySeparator(node: ts.Expression): boolean {
  let expression = unwrapExpression(node);
  if (ts.isIdentifier(expression)) {
    const init = initializerOf(expression);
    if (!init) return false;
    expression = unwrapExpression(init);
  }
  if (!ts.isConditionalExpression(expression)) return false;
  return [expression.whenTrue, expression.whenFalse].every((branch) => {
    const literal = unwrapExpression(branch);
    return ts.isStringLiteralLike(literal) && (literal.text === '?' || literal.text === '&');
  });
}

/** A value known only at run time (a constant written in the code is not a live token). */
function isRuntimeValue(context: JsRuleContext, node: ts.Expression): boolean {
  const value = context.resolver.resolve(node);
  return value === undefined || value.kind === 'env';
}

function isAuthValue(node: ts.Expression): boolean {
  const name = expressionName(node);
  return name === undefined || !nameWords(name).some((word) => NOT_AUTH_VALUE_WORDS.has(word));
}

/** `url.searchParams.set('token', token)` / `.append('access_token', t)`. */
function checkSearchParams(context: JsRuleContext, call: ts.CallExpression, report: (node: ts.Node, param: string) => void): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !['set', 'append'].includes(callee.name.text)) return;
  const receiver = unwrapExpression(callee.expression);
  if (!ts.isPropertyAccessExpression(receiver) || receiver.name.text !== 'searchParams') return;
  const [nameArg, valueArg] = call.arguments;
  const param = context.resolver.resolveString(nameArg);
  if (param === undefined || !isTokenParam(param) || !valueArg) return;
  if (!isRuntimeValue(context, valueArg) || !isAuthValue(valueArg)) return;
  report(call, param);
}

/** axios `{ params: { token } }` and socket.io `io(url, { query: { token } })`: query strings by another name. */
function checkQueryOptions(context: JsRuleContext, call: ts.CallExpression, report: (node: ts.Node, param: string) => void): void {
  let query: ts.ObjectLiteralExpression | undefined;
  const ref = context.resolver.resolve(call.expression);
  if (ref?.kind === 'module' && SOCKET_IO_MODULES.has(ref.module) && (ref.member === undefined || ref.member === 'io' ||
      ref.member === 'connect')) {
    const options = objectLiteralOf(call.arguments[1]);
    query = objectLiteralOf(options ? propertyValue(findProperty(options, 'query')) : undefined);
  } else {
    const request = recogniseHttpRequest(call, context.resolver);
    if (request?.library !== 'axios' || request.config?.kind !== 'object') return;
    const configNode = call.arguments.find((arg) => {
      const literal = objectLiteralOf(arg);
      return literal !== undefined && findProperty(literal, 'params') !== undefined;
    });
    const config = objectLiteralOf(configNode);
    query = objectLiteralOf(config ? propertyValue(findProperty(config, 'params')) : undefined);
  }
  if (!query) return;
  for (const prop of query.properties) {
    const key = prop.name ? staticPropertyName(prop.name) : undefined;
    const value = propertyValue(prop);
    if (key === undefined || !isTokenParam(key) || !value) continue;
    if (!isRuntimeValue(context, value) || !isAuthValue(value)) continue;
    report(prop, key);
  }
}
