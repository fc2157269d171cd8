/**
 * token-over-http (Java): an Authorization header set in a method (or a client definition)
 * that sends requests to a plain http:// URL off this machine: Spring `HttpHeaders.setBearerAuth`
 * / `set("Authorization", ...)` with `RestTemplate`, `WebClient` (`.uri`, `.baseUrl`,
 * `WebClient.create`, `.defaultHeader`), `RestClient`, `java.net.http.HttpRequest`
 * (`URI.create`), `HttpURLConnection` (`new URL` + `setRequestProperty`) and OkHttp
 * (`new Request.Builder().url(...)`). URLs are resolved through constants and concatenation
 * (`BASE_URL + "/api"`); a WebClient field is followed to its base URL.
 */
import { plainHttpRemoteHost } from '../../analyze/js/urls.js';
import type { JavaFacts } from '../../analyze/java/facts.js';
import { argumentsOf, enclosingMethod, unwrap } from '../../analyze/java/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field, walkTree } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const HEADER_SETTERS = new Set(['set', 'add', 'header', 'setRequestProperty', 'addRequestProperty', 'addHeader', 'setHeader',
  'defaultHeader']);
const REST_TEMPLATE_METHODS = new Set(['exchange', 'getForObject', 'getForEntity', 'postForObject', 'postForEntity', 'put',
  'delete', 'patchForObject', 'postForLocation']);
const URL_METHODS = new Set(['uri', 'baseUrl', 'url']);

export const tokenOverHttp: TreeRule<JavaFacts> = {
  id: 'token-over-http',
  fix: 'Send tokens only over https:// (and enable HSTS); read base URLs from configuration that is validated to use HTTPS.',
  create(context) {
    const { facts, syntax } = context;

    /** The remote host of a plain-HTTP URL expression. */
    const hostOf = (url: SyntaxNode): string | undefined => {
      const parts = facts.values.stringParts(url);
      const first = parts[0];
      if (first?.kind !== 'text') return undefined;
      const host = plainHttpRemoteHost(first.text, parts.length === 1);
      return host !== undefined && !first.text.trim().toLowerCase().startsWith('ws') ? host : undefined;
    };

    const isAuthHeaderCall = (call: SyntaxNode): boolean => {
      const name = syntax.textOf(field(call, 'name')!);
      if (name === 'setBearerAuth') return true;
      if (!HEADER_SETTERS.has(name)) return false;
      const [header, value] = argumentsOf(call);
      if (!header || !value) return false;
      const headerName = facts.values.resolveString(header) ?? (/\bAUTHORIZATION$/.test(syntax.textOf(header)) ? 'authorization' : undefined);
      if (headerName?.toLowerCase() !== 'authorization') return false;
      const headerValue = facts.values.resolve(value);
      return !(headerValue?.kind === 'string' && headerValue.value.trim() === '');
    };

    /** URL arguments of request APIs within a scope. */
    const urlsIn = (scope: SyntaxNode): SyntaxNode[] => {
      const urls: SyntaxNode[] = [];
      for (const node of [scope, ...descendants(scope, new Set(['method_invocation', 'object_creation_expression']))]) {
        const [first] = argumentsOf(node);
        if (!first) continue;
        if (node.type === 'object_creation_expression') {
          const type = syntax.textOf(field(node, 'type') ?? node);
          if (type === 'URL' || type === 'URI') urls.push(first);
          continue;
        }
        if (node.type !== 'method_invocation') continue;
        const name = syntax.textOf(field(node, 'name')!);
        const object = field(node, 'object');
        const objectText = object ? syntax.textOf(object) : '';
        if (objectText === 'URI' && name === 'create') urls.push(first);
        else if (objectText === 'WebClient' && name === 'create') urls.push(first);
        else if (URL_METHODS.has(name) && object) urls.push(first);
        else if (REST_TEMPLATE_METHODS.has(name) && /rest|template/i.test(objectText)) urls.push(first);
      }
      return urls;
    };

    return {
      end() {
        const scopes = new Set<SyntaxNode>();
        walkTree(syntax.root, (node) => {
          if (node.type !== 'method_invocation' || !isAuthHeaderCall(node)) return;
          // The whole method: the header is often set in a lambda (`headers(h -> h.setBearerAuth(token))`).
          const scope = enclosingMethod(node) ?? fieldOrClass(node);
          if (scope) scopes.add(scope);
        });
        const reported = new Set<SyntaxNode>();
        for (const scope of scopes) {
          for (const url of urlsIn(scope)) {
            const target = baseUrlOf(url, facts) ?? url;
            if (reported.has(target)) continue;
            const host = hostOf(target);
            if (host === undefined) continue;
            reported.add(target);
            context.report({
              node: target,
              message: `Authorization header sent over plain HTTP to ${host}, where anyone on the network path can copy the token`,
            });
          }
        }
      },
    };
  },
};

function fieldOrClass(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'field_declaration') return current;
  }
  return undefined;
}

/**
 * A relative `.uri("/users")` on a WebClient field: the base URL of the field's initializer
 * (`WebClient.create(BASE_URL)`, `WebClient.builder().baseUrl(BASE_URL)...build()`).
 */
function baseUrlOf(url: SyntaxNode, facts: JavaFacts): SyntaxNode | undefined {
  const call = url.parent?.parent;
  if (call?.type !== 'method_invocation' || facts.syntax.textOf(field(call, 'name')!) !== 'uri') return undefined;
  const first = facts.values.stringParts(url)[0];
  if (first?.kind === 'text' && /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(first.text)) return undefined;
  let root: SyntaxNode | undefined = call;
  while (root?.type === 'method_invocation') {
    const object = field(root, 'object');
    root = object ? unwrap(object) : undefined;
  }
  if (!root || (root.type !== 'identifier' && root.type !== 'field_access')) return undefined;
  const name = root.type === 'identifier' ? root : field(root, 'field')!;
  const declaration = facts.classes.fieldInEnclosingClass(root, facts.syntax.textOf(name));
  const initializer = declaration?.initializer ?? declaration?.assignedOnce;
  if (!initializer || declaration?.values !== facts.values) return undefined;
  for (const node of [initializer, ...descendants(initializer, 'method_invocation')]) {
    if (node.type !== 'method_invocation') continue;
    const method = facts.syntax.textOf(field(node, 'name')!);
    const object = field(node, 'object');
    if (method === 'baseUrl' || (method === 'create' && object && facts.syntax.textOf(object) === 'WebClient')) return argumentsOf(node)[0];
  }
  return undefined;
}
