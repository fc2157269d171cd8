/**
 * HTTP client calls of requests, httpx, aiohttp and urllib, for the transport rules: the URL
 * (with a client's `base_url`), the headers and the query parameters.
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import { argumentsOf, unwrap } from '../../analyze/python/syntax.js';
import type { PyValue } from '../../analyze/python/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field } from '../../analyze/tree/syntax.js';

export interface HttpCall {
  node: SyntaxNode;
  /** `requests.get`, `client.post`, `httpx.Client`. */
  api: string;
  url: PyValue | undefined;
  headers: SyntaxNode | undefined;
  params: SyntaxNode | undefined;
}

const MODULES = ['requests', 'httpx', 'aiohttp'];
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);
const CLIENTS = /^(requests\.(Session|session)|httpx\.(Client|AsyncClient)|aiohttp\.ClientSession)\(\)$/;

export function httpCalls(facts: PythonFacts): HttpCall[] {
  const calls: HttpCall[] = [];
  for (const node of descendants(facts.syntax.root, 'call')) {
    const callee = field(node, 'function');
    const qualified = facts.qualify(callee);
    if (!callee || !qualified) continue;
    const args = argumentsOf(facts.syntax, node);
    const api = facts.syntax.textOf(callee);
    const match = /^(.*)\.(\w+)$/.exec(qualified);
    const base = match?.[1];
    const method = match?.[2];
    const urlArgument = (): SyntaxNode | undefined => args.keywords.get('url') ??
      (method === 'request' || method === 'stream' ? args.positional[1] : args.positional[0]);
    if (base && method && METHODS.has(method) && (MODULES.includes(base) || CLIENTS.test(base))) {
      let url = facts.value(urlArgument());
      // `client.get("/me")` on `httpx.Client(base_url="http://...")`: the base URL decides the transport.
      const baseUrl = CLIENTS.test(base) ? clientBaseUrl(facts, field(callee, 'object')) : undefined;
      if (baseUrl?.kind === 'string' && (url?.kind !== 'string' || !/^[a-z]+:\/\//i.test(url.value))) url = baseUrl;
      calls.push({ node, api, url, headers: args.keywords.get('headers'), params: args.keywords.get('params') });
    } else if (CLIENTS.test(`${qualified}()`)) {
      calls.push({ node, api, url: facts.value(args.keywords.get('base_url')), headers: args.keywords.get('headers'), params: args.keywords.get('params') });
    } else if (qualified === 'urllib.request.Request') {
      calls.push({ node, api, url: facts.value(args.positional[0] ?? args.keywords.get('url')), headers: args.keywords.get('headers') ?? args.positional[2], params: undefined });
    }
  }
  return calls;
}

function clientBaseUrl(facts: PythonFacts, object: SyntaxNode | undefined): PyValue | undefined {
  const inner = unwrap(object);
  let construction: SyntaxNode | undefined;
  if (inner?.type === 'call') construction = inner;
  else if (inner?.type === 'identifier') {
    const site = facts.bindingOf(facts.syntax.textOf(inner), inner);
    if (site?.kind === 'assign' && unwrap(site.value)?.type === 'call') construction = unwrap(site.value);
  }
  return construction ? facts.value(argumentsOf(facts.syntax, construction).keywords.get('base_url')) : undefined;
}
