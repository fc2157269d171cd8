/**
 * token-over-http: an Authorization header or token header sent to a plain http:// URL
 * off this machine. Follows URLs through constants and templates, and client instances
 * through their base URL (`axios.create({ baseURL })`, `axios.defaults.baseURL`), including
 * auth set once on the client (`defaults.headers.common.Authorization`, request interceptors).
 */
import ts from '../../analyze/js/typescript.cjs';
import {
  findProperty, objectLiteralOf, propertyValue, staticPropertyName, unwrapExpression,
} from '../../analyze/js/expressions.js';
import { httpClientOf, recogniseHttpRequest, type HttpClient } from '../../analyze/js/http-clients.js';
import { findDeclaration } from '../../analyze/js/scope.js';
import { stringParts } from '../../analyze/js/string-parts.js';
import { isTokenLikeName } from '../../analyze/js/token-names.js';
import { plainHttpRemoteHost } from '../../analyze/js/urls.js';
import type { Value } from '../../analyze/js/values.js';
import { forEachDescendant } from '../../analyze/js/walk.js';
import type { JsRule, JsRuleContext } from '../rule.js';

/** Auth set on a client once, judged against the client's base URL at the end of the file. */
interface ClientAuth {
  client: ts.Expression;
  header: string;
  node: ts.Node;
  /** The client as the request saw it (with a per-call `baseURL`), when known. */
  instance?: HttpClient;
}

export const tokenOverHttp: JsRule = {
  id: 'token-over-http',
  fix: 'Send tokens only over https:// (and enable HSTS); read base URLs from configuration that is validated to use HTTPS.',
  create(context) {
    const clientAuth: ClientAuth[] = [];
    /** `axios.defaults.baseURL = '...'`, by client expression text. */
    const assignedBaseUrls = new Map<string, ts.Expression>();

    const reportHost = (where: ts.Node, host: string, header: string): void => {
      context.report({
        node: where,
        message: `${headerLabel(header)} sent over plain HTTP to ${host}, where anyone on the network path can copy the token`,
      });
    };

    /** Judges a URL expression; reports at it when it is plain HTTP to a remote host. */
    const judgeUrl = (url: ts.Expression, header: string): boolean => {
      const host = hostOfUrl(context, url);
      if (host === undefined) return false;
      reportHost(url, host, header);
      return true;
    };

    const judgeClientBase = (client: HttpClient, clientText: string, header: string, fallback: ts.Node): void => {
      const assigned = assignedBaseUrls.get(clientText);
      if (assigned) {
        judgeUrl(assigned, header);
        return;
      }
      if (client.baseUrlNode) {
        judgeUrl(client.baseUrlNode, header);
        return;
      }
      if (client.baseUrl?.kind === 'string') {
        const host = plainHttpRemoteHost(client.baseUrl.value);
        if (host !== undefined) reportHost(fallback, host, header);
      }
    };

    return {
      nodes: {
        [ts.SyntaxKind.CallExpression]: (node) => {
          const call = node as ts.CallExpression;
          const request = recogniseHttpRequest(call, context.resolver);
          if (request) {
            const header = authHeaderIn(headersOf(request.config)) ?? authHeaderIn(headersOf(request.nodeOptions)) ??
              authHeaderIn(headersOf(request.client?.config));
            if (!header) return;
            if (request.library === 'http' && !request.url) {
              const host = nodeOptionsHost(request.nodeOptions);
              if (host !== undefined) reportHost(call, host, header);
              return;
            }
            if (request.url && isAbsoluteUrl(context, request.url)) {
              judgeUrl(request.url, header);
              return;
            }
            if (request.client) {
              const client = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : call.expression;
              clientAuth.push({ client, header, node: call, instance: request.client });
            }
            return;
          }
          checkSocketIo(context, call);
          checkInstanceConfig(context, call, judgeUrl);
          checkInterceptor(call, clientAuth);
          checkSuperagent(context, call, judgeUrl);
          checkXhrHeader(context, call, judgeUrl);
        },
        [ts.SyntaxKind.BinaryExpression]: (node) => {
          const assignment = node as ts.BinaryExpression;
          if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
          const chain = accessChain(assignment.left);
          if (!chain || chain.names[0] !== 'defaults') return;
          if (chain.names.length === 2 && chain.names[1] === 'baseURL') {
            assignedBaseUrls.set(chain.root.getText(), assignment.right);
          } else if (chain.names[1] === 'headers') {
            const header = chain.names[chain.names.length - 1]!;
            if (isAuthHeaderName(header)) clientAuth.push({ client: chain.root, header, node: assignment });
          }
        },
      },
      end() {
        for (const auth of clientAuth) {
          const client = auth.instance ?? httpClientOf(auth.client, context.resolver);
          if (client) judgeClientBase(client, auth.client.getText(), auth.header, auth.node);
        }
      },
    };
  },
};

function headerLabel(header: string): string {
  return /^authorization$/i.test(header) ? 'Authorization header' : `Token header "${header}"`;
}

function isAuthHeaderName(name: string): boolean {
  return /^authorization$/i.test(name) || isTokenLikeName(name);
}

/** The `headers` object of a config value. */
function headersOf(config: Value | undefined): Value | undefined {
  return config?.kind === 'object' ? config.props.get('headers')?.value : undefined;
}

/** The auth header a headers object sends: `Authorization` or a token header such as `x-access-token`. */
function authHeaderIn(headers: Value | undefined): string | undefined {
  if (headers?.kind !== 'object') return undefined;
  for (const [name, entry] of headers.props) {
    if (!isAuthHeaderName(name)) continue;
    const value = entry.value;
    if (value?.kind === 'string' && value.value.trim() === '') continue;
    if (value && ['null', 'undefined', 'boolean', 'number'].includes(value.kind)) continue;
    return name;
  }
  return undefined;
}

function isAbsoluteUrl(context: JsRuleContext, url: ts.Expression): boolean {
  const parts = stringParts(url, context.resolver);
  const first = parts[0];
  return first?.kind === 'text' && /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(first.text);
}

/** The remote host of a plain-HTTP URL expression, if it is one. */
function hostOfUrl(context: JsRuleContext, url: ts.Expression): string | undefined {
  const parts = stringParts(url, context.resolver);
  const first = parts[0];
  if (first?.kind !== 'text') return undefined;
  const host = plainHttpRemoteHost(first.text, parts.length === 1);
  return host !== undefined && !first.text.trim().toLowerCase().startsWith('ws') ? host : undefined;
}

/**
 * socket.io: `io('http://chat.example.com', { auth: { token } })`. The handshake (and the WebSocket it
 * upgrades to, ws://) carries the `auth` payload, `extraHeaders` and `query` in clear.
 */
function checkSocketIo(context: JsRuleContext, call: ts.CallExpression): void {
  const ref = context.resolver.resolve(call.expression);
  if (ref?.kind !== 'module' || ref.module !== 'socket.io-client' ||
      !(ref.member === undefined || ref.member === 'io' || ref.member === 'connect')) {
    return;
  }
  const [url, optionsNode] = call.arguments;
  const options = objectLiteralOf(optionsNode);
  if (!url || !options) return;
  const part = (name: string) => objectLiteralOf(propertyValue(findProperty(options, name)));
  const carried = tokenKeyIn(part('auth'), isTokenLikeName) ?? tokenKeyIn(part('extraHeaders'), isAuthHeaderName) ??
    tokenKeyIn(part('query'), isTokenLikeName);
  if (!carried) return;
  const parts = stringParts(url, context.resolver);
  const first = parts[0];
  if (first?.kind !== 'text') return;
  const host = plainHttpRemoteHost(first.text, parts.length === 1);
  if (host === undefined) return;
  context.report({
    node: url,
    message: `socket.io sends the token ("${carried}") over plain HTTP to ${host}, where anyone on the network path can copy it`,
  });
}

/** The first key of an options object that names a token and has a runtime value. */
function tokenKeyIn(object: ts.ObjectLiteralExpression | undefined, isToken: (name: string) => boolean): string | undefined {
  if (!object) return undefined;
  for (const prop of object.properties) {
    if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
    const key = staticPropertyName(prop.name);
    const value = propertyValue(prop);
    if (key === undefined || !value || !isToken(key)) continue;
    const inner = unwrapExpression(value);
    if (ts.isStringLiteralLike(inner) || inner.kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(inner) && inner.text === 'undefined')) {
      continue;
    }
    return key;
  }
  return undefined;
}

/** `http.request({ hostname: 'api.example.com', headers })`: plain HTTP by construction. */
function nodeOptionsHost(options: Value | undefined): string | undefined {
  if (options?.kind !== 'object') return undefined;
  const protocol = options.props.get('protocol')?.value;
  if (protocol && (protocol.kind !== 'string' || protocol.value !== 'http:')) return undefined;
  const host = options.props.get('hostname')?.value ?? options.props.get('host')?.value;
  if (host?.kind !== 'string') return undefined;
  return plainHttpRemoteHost(`http://${host.value}`);
}

/** `axios.create({ baseURL: 'http://...', headers: { Authorization } })`: every request of the instance. */
function checkInstanceConfig(context: JsRuleContext, call: ts.CallExpression,
  judgeUrl: (url: ts.Expression, header: string) => boolean): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !['create', 'extend'].includes(callee.name.text)) return;
  const parent = call.parent;
  const holder = parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name : undefined;
  const instance = holder ? httpClientOf(holder, context.resolver) : undefined;
  if (!instance?.baseUrlNode) return;
  const header = authHeaderIn(headersOf(instance.config));
  if (header) judgeUrl(instance.baseUrlNode, header);
}

/** `api.interceptors.request.use((config) => { config.headers.Authorization = ... })`. */
function checkInterceptor(call: ts.CallExpression, clientAuth: ClientAuth[]): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'use') return;
  const chain = accessChain(callee);
  if (!chain || chain.names.join('.') !== 'interceptors.request.use') return;
  const handler = call.arguments[0];
  if (!handler) return;
  const text = handler.getText();
  const header = /\bauthorization\b/i.test(text) ? 'Authorization' : /x-(?:access|auth)-token/i.exec(text)?.[0];
  if (header) clientAuth.push({ client: chain.root, header, node: call });
}

/** superagent: `request.get(url).set('Authorization', 'Bearer ' + token)`. */
function checkSuperagent(context: JsRuleContext, call: ts.CallExpression,
  judgeUrl: (url: ts.Expression, header: string) => boolean): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'set') return;
  const header = context.resolver.resolveString(call.arguments[0]);
  if (header === undefined || !isAuthHeaderName(header) || !call.arguments[1]) return;
  let receiver: ts.Expression = callee.expression;
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) {
    const ref = context.resolver.resolve(receiver.expression);
    if (ref?.kind === 'module' && ref.module === 'superagent') {
      const url = receiver.arguments[0];
      if (url) judgeUrl(url, header);
      return;
    }
    receiver = receiver.expression.expression;
  }
}

/** `xhr.open('GET', url); xhr.setRequestHeader('Authorization', ...)` on a `new XMLHttpRequest()`. */
function checkXhrHeader(context: JsRuleContext, call: ts.CallExpression,
  judgeUrl: (url: ts.Expression, header: string) => boolean): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'setRequestHeader') return;
  const xhr = callee.expression;
  if (!ts.isIdentifier(xhr)) return;
  const header = context.resolver.resolveString(call.arguments[0]);
  if (header === undefined || !isAuthHeaderName(header)) return;
  const declaration = findDeclaration(xhr);
  if (declaration?.kind !== 'variable') return;
  const init = declaration.node.initializer;
  if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'XMLHttpRequest') {
    return;
  }
  const scope = declaration.node.parent?.parent?.parent ?? declaration.node;
  const visit = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'open' &&
        ts.isIdentifier(node.expression.expression) && node.expression.expression.text === xhr.text && node.arguments[1]) {
      judgeUrl(node.arguments[1], header);
      return false;
    }
    return true;
  };
  if (visit(scope)) forEachDescendant(scope, visit);
}

/** `api.defaults.headers.common['Authorization']` -> root `api`, names ['defaults', 'headers', 'common', 'Authorization']. */
function accessChain(node: ts.Expression): { root: ts.Expression; names: string[] } | undefined {
  const names: string[] = [];
  let current = node;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current) && ts.isStringLiteralLike(current.argumentExpression)) {
      names.unshift(current.argumentExpression.text);
      current = current.expression;
    } else {
      break;
    }
  }
  if (names.length === 0) return undefined;
  return { root: current, names };
}
