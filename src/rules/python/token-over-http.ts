/**
 * token-over-http (Python): an Authorization bearer header or a token header sent with
 * requests, httpx, aiohttp or urllib to a plain http:// URL off this machine, including
 * through URL constants, f-strings and a client's `base_url`.
 */
import { plainHttpRemoteHost } from '../../analyze/js/urls.js';
import { isTokenLikeName } from '../../analyze/names/token-names.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import type { DictEntry } from '../../analyze/python/values.js';
import type { TreeRule } from '../tree-rule.js';
import { httpCalls } from './http-calls.js';
import { nameOf } from './shared.js';

export const tokenOverHttp: TreeRule<PythonFacts> = {
  id: 'token-over-http',
  fix: 'Send tokens only over https:// (and enable HSTS); read base URLs from configuration that is validated to use HTTPS.',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        for (const call of httpCalls(facts)) {
          if (call.url?.kind !== 'string') continue;
          const host = plainHttpRemoteHost(call.url.value, call.url.complete);
          if (!host) continue;
          const headers = facts.value(call.headers);
          if (headers?.kind !== 'dict') continue;
          const header = [...headers.entries.values()].find((entry) => carriesToken(entry));
          if (!header) continue;
          const label = /^authorization$/i.test(header.key) ? 'Authorization header' : `Token header "${header.key}"`;
          context.report({
            node: header.facts === facts ? header.pair : call.node,
            message: `${label} sent over plain HTTP to ${host}, where anyone on the network path can copy the token`,
          });
        }
      },
    };
  },
};

/** `"Authorization": f"Bearer {token}"`, `"Authorization": auth_header`, `"X-Access-Token": token`. */
function carriesToken(entry: DictEntry): boolean {
  const value = entry.facts.value(entry.value);
  if (/^authorization$/i.test(entry.key)) {
    if (value?.kind === 'string') return /^(bearer|jwt|token)\s/i.test(value.value) && (!value.complete || value.value.length > 12);
    return true; // a variable holding the header
  }
  if (!isTokenLikeName(entry.key)) return false;
  const name = nameOf(entry.facts, entry.value);
  return value?.kind !== 'string' || !value.complete ? name !== undefined || value === undefined : false;
}
