/**
 * token-in-url (Python): a token placed in a URL query string: f-strings and concatenation
 * (`f"{API}/me?token={token}"`, `"...&access_token=" + jwt`) and `params={"token": token}`
 * of requests/httpx calls. The links of emailed one-time tokens (password reset, email
 * verification, invitations) can only travel in the URL and are not findings.
 */
import {
  isTokenParam, NOT_AUTH_VALUE_WORDS, ONE_TIME_LINK_PATH, PARAM_AT_END,
} from '../../analyze/names/token-names.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { nameWords } from '../../analyze/secret-names.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { httpCalls } from './http-calls.js';
import { nameOf, type PyContext } from './shared.js';

/**
 * Python code is judged a little more broadly than the shared lists: any `verify`/`confirm`
 * word in the value's name, and any `verif...` last path segment, marks an emailed one-time link.
 */
const NOT_AUTH_VALUE_WORDS_HERE: ReadonlySet<string> = new Set([...NOT_AUTH_VALUE_WORDS, 'verify', 'confirm']);
const VERIFY_LINK_PATH = /verif[^/?]*\/?$/i;
const MESSAGE = (param: string): string =>
  `Token placed in the URL query string ("${param}="), where server logs, proxies, browser history and Referer headers keep it`;

export const tokenInUrl: TreeRule<PythonFacts> = {
  id: 'token-in-url',
  fix: 'Send the token in the Authorization header (or an HttpOnly cookie); for WebSockets, authenticate with the first message or a short-lived one-time ticket.',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        for (const string of descendants(context.syntax.root, 'string')) checkFString(context, string);
        for (const binary of descendants(context.syntax.root, 'binary_operator')) checkConcatenation(context, binary);
        for (const call of httpCalls(facts)) {
          const params = facts.value(call.params);
          if (params?.kind !== 'dict') continue;
          for (const entry of params.entries.values()) {
            if (!isTokenParam(entry.key)) continue;
            const value = entry.facts.value(entry.value);
            if (value?.kind === 'string' && value.complete) continue; // a fixed literal is not a user's token
            if (!isAuthValue(context, entry.facts === facts ? entry.value : undefined)) continue;
            context.report({ node: entry.facts === facts ? entry.pair : call.node, message: MESSAGE(entry.key) });
          }
        }
      },
    };
  },
};

/** `f"...?token={token}"`: a string part ending in `?token=` followed by an interpolation. */
function checkFString(context: PyContext, string: SyntaxNode): void {
  const parts = string.children;
  let before = '';
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (part.type === 'string_content') before += context.syntax.textOf(part);
    if (part.type !== 'interpolation') continue;
    const param = tokenParam(before);
    const value = field(part, 'expression');
    if (param && isAuthValue(context, value)) context.report({ node: string, message: MESSAGE(param) });
    before += '{}';
  }
}

/** `"...?token=" + token` (the left side a literal or an f-string ending in the parameter). */
function checkConcatenation(context: PyContext, binary: SyntaxNode): void {
  const operator = binary.children.find((child) => !child.named);
  if (!operator || context.syntax.textOf(operator) !== '+') return;
  const left = context.facts.value(field(binary, 'left'));
  if (left?.kind !== 'string') return;
  const param = tokenParam(left.value);
  if (param && isAuthValue(context, field(binary, 'right'))) context.report({ node: binary, message: MESSAGE(param) });
}

function tokenParam(before: string): string | undefined {
  const match = PARAM_AT_END.exec(before);
  if (!match || !isTokenParam(match[1]!)) return undefined;
  const path = before.slice(0, match.index);
  return ONE_TIME_LINK_PATH.test(path) || VERIFY_LINK_PATH.test(path) ? undefined : match[1];
}

/** The value is not a fixed literal nor named like a one-time or non-auth token. */
function isAuthValue(context: PyContext, node: SyntaxNode | undefined): boolean {
  if (!node) return true;
  const value = context.facts.value(node);
  if (value?.kind === 'string' && value.complete) return false;
  const name = nameOf(context.facts, node);
  return !name || !nameWords(name).some((word) => NOT_AUTH_VALUE_WORDS_HERE.has(word));
}
