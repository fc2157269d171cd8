/**
 * HTTP client knowledge: which calls send a request, to which URL, with which per-call
 * config, through which client instance (and its base URL). Covers fetch, axios (and
 * `axios.create` instances), got (`got.extend`), ky (`ky.create`/`ky.extend`) and Node's
 * `http.request`/`http.get`. Rules read the normalised `HttpRequest`.
 */
import ts from './typescript.cjs';
import { findProperty, initializerOf, objectLiteralOf, propertyValue, unwrapExpression } from './expressions.js';
import { findDeclaration } from './scope.js';
import type { Value, ValueResolver } from './values.js';

export type HttpClientLibrary = 'fetch' | 'axios' | 'got' | 'ky' | 'http';

/** A client that requests go through: the library itself or an instance with its own config. */
export interface HttpClient {
  library: Exclude<HttpClientLibrary, 'fetch' | 'http'>;
  /** The instance config (`axios.create(config)`), undefined for the library itself. */
  config?: Value;
  /** The base URL as written in this file (`baseURL` / `prefixUrl` of an instance config literal). */
  baseUrlNode?: ts.Expression;
  /** The base URL's resolved value, when the config comes from elsewhere. */
  baseUrl?: Value;
}

export interface HttpRequest {
  library: HttpClientLibrary;
  call: ts.CallExpression;
  /** The URL argument as written (absolute, or relative to the client's base URL). */
  url?: ts.Expression;
  /** The per-call config or init object (headers, params). */
  config?: Value;
  /** For `http.request(options)`: the options object, holding host and headers. */
  nodeOptions?: Value;
  client?: HttpClient;
}

const CLIENT_MODULES: Record<string, HttpClient['library']> = { axios: 'axios', got: 'got', ky: 'ky' };
const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici']);
const INSTANCE_FACTORIES: Record<HttpClient['library'], string[]> = {
  axios: ['create'], got: ['extend'], ky: ['create', 'extend'],
};
const BASE_URL_KEYS: Record<HttpClient['library'], string> = { axios: 'baseURL', got: 'prefixUrl', ky: 'prefixUrl' };
/** Methods whose arguments are (url, config); the others listed are (url, data, config). */
const URL_CONFIG_METHODS = new Set(['get', 'delete', 'head', 'options']);
const URL_DATA_CONFIG_METHODS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

/** `axios`, `got`, `ky` themselves, or an instance made from one in this file. */
export function httpClientOf(node: ts.Expression, resolver: ValueResolver, depth = 0): HttpClient | undefined {
  const expression = unwrapExpression(node);
  const ref = resolver.resolve(expression);
  if (ref?.kind === 'module' && ref.member === undefined) {
    const library = CLIENT_MODULES[ref.module];
    return library ? { library } : undefined;
  }
  if (depth > 3 || !ts.isIdentifier(expression)) return undefined;
  const init = initializerOf(expression);
  const factoryCall = init ? unwrapExpression(init) : undefined;
  if (!factoryCall || !ts.isCallExpression(factoryCall) || !ts.isPropertyAccessExpression(factoryCall.expression)) {
    return undefined;
  }
  const parent = httpClientOf(factoryCall.expression.expression, resolver, depth + 1);
  if (!parent || !INSTANCE_FACTORIES[parent.library].includes(factoryCall.expression.name.text)) return undefined;
  const configArg = factoryCall.arguments[0];
  const config = resolver.resolve(configArg);
  const key = BASE_URL_KEYS[parent.library];
  const literal = objectLiteralOf(configArg);
  const baseUrlNode = literal ? propertyValue(findProperty(literal, key)) : undefined;
  const baseUrl = config?.kind === 'object' ? config.props.get(key)?.value : undefined;
  return {
    library: parent.library,
    config,
    baseUrlNode: baseUrlNode ?? parent.baseUrlNode,
    baseUrl: baseUrl ?? parent.baseUrl,
  };
}

const recognised = new WeakMap<ts.CallExpression, HttpRequest | null>();

/** Recognises a request-sending call; memoised, since token-over-http and token-in-url both ask for every call. */
export function recogniseHttpRequest(call: ts.CallExpression, resolver: ValueResolver): HttpRequest | undefined {
  let request = recognised.get(call);
  if (request === undefined) {
    request = recogniseUncached(call, resolver) ?? null;
    recognised.set(call, request);
  }
  return request ?? undefined;
}

function recogniseUncached(call: ts.CallExpression, resolver: ValueResolver): HttpRequest | undefined {
  const callee = unwrapExpression(call.expression);
  const args = call.arguments;
  if (isFetch(callee, resolver)) {
    return { library: 'fetch', call, url: args[0], config: resolver.resolve(args[1]) };
  }
  // axios(config) / axios(url, config) / got(url, options) / ky(url, options)
  const direct = httpClientOf(callee, resolver);
  if (direct) return requestWithUrlAndConfig(direct, call, args[0], args[1], resolver);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const nodeHttp = resolver.resolve(callee.expression);
  if (nodeHttp?.kind === 'module' && /^(node:)?http$/.test(nodeHttp.module) && nodeHttp.member === undefined &&
      (method === 'request' || method === 'get')) {
    return nodeHttpRequest(call, resolver);
  }
  const client = httpClientOf(callee.expression, resolver);
  if (!client) return undefined;
  if (client.library === 'axios' && method === 'request') {
    return requestWithUrlAndConfig(client, call, args[0], undefined, resolver);
  }
  if (URL_CONFIG_METHODS.has(method)) return requestWithUrlAndConfig(client, call, args[0], args[1], resolver);
  if (URL_DATA_CONFIG_METHODS.has(method)) {
    // got and ky take (url, options) for every method; axios takes (url, data, config).
    return requestWithUrlAndConfig(client, call, args[0], client.library === 'axios' ? args[2] : args[1], resolver);
  }
  return undefined;
}

function requestWithUrlAndConfig(client: HttpClient, call: ts.CallExpression, first: ts.Expression | undefined,
  second: ts.Expression | undefined, resolver: ValueResolver): HttpRequest {
  const firstValue = resolver.resolve(first);
  // axios(config) / axios.request(config): the URL lives in the config.
  if (client.library === 'axios' && firstValue?.kind === 'object') {
    const literal = objectLiteralOf(first);
    const url = literal ? propertyValue(findProperty(literal, 'url')) : undefined;
    const ownBase = literal ? propertyValue(findProperty(literal, 'baseURL')) : undefined;
    return {
      library: client.library, call, url, config: firstValue,
      client: ownBase ? { ...client, baseUrlNode: ownBase, baseUrl: undefined } : client,
    };
  }
  return { library: client.library, call, url: first, config: resolver.resolve(second), client };
}

function nodeHttpRequest(call: ts.CallExpression, resolver: ValueResolver): HttpRequest {
  const [first, second] = call.arguments;
  const firstValue = resolver.resolve(first);
  if (firstValue?.kind === 'object') return { library: 'http', call, nodeOptions: firstValue };
  const secondValue = resolver.resolve(second);
  return { library: 'http', call, url: first, nodeOptions: secondValue?.kind === 'object' ? secondValue : undefined };
}

function isFetch(callee: ts.Expression, resolver: ValueResolver): boolean {
  if (ts.isIdentifier(callee) && callee.text === 'fetch') {
    if (!findDeclaration(callee)) return true;
    const ref = resolver.resolve(callee);
    return ref?.kind === 'module' && FETCH_MODULES.has(ref.module) && (ref.member === undefined || ref.member === 'fetch');
  }
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch' && ts.isIdentifier(callee.expression) &&
    ['window', 'globalThis', 'self'].includes(callee.expression.text);
}
