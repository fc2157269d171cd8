/**
 * token-over-http (Go): a request built with `http.NewRequest(...)`/`http.NewRequestWithContext(...)`
 * to a plain `http://` URL off this machine (resolved through constants, also package-level
 * ones in other files, and concatenation), that then gets an Authorization or token header
 * (`req.Header.Set("Authorization", "Bearer "+token)`, `.Add`, `req.Header["Authorization"] = ...`).
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { argumentsOf } from '../../analyze/go/libraries.js';
import { enclosingFunction, findLocal } from '../../analyze/go/scope.js';
import { urlText } from '../../analyze/go/strings.js';
import { plainHttpRemoteHost } from '../../analyze/js/urls.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const AUTH_HEADER = /^(authorization|x-(?:auth|access|api|jwt)-token|x-jwt|x-token|token|jwt)$/i;

export const tokenOverHttp: TreeRule<GoFacts> = {
  id: 'token-over-http',
  fix: 'Send tokens only over https:// (and enable HSTS); read base URLs from configuration that is validated to use HTTPS.',
  create(context) {
    const { facts } = context;
    return {
      nodes: {
        call_expression(node) {
          const reference = facts.packageMember(field(node, 'function'));
          if (reference?.path !== 'net/http') return;
          const method = reference.member;
          const urlIndex = method === 'NewRequest' ? 1 : method === 'NewRequestWithContext' ? 2 : -1;
          const url = argumentsOf(node)[urlIndex];
          if (!url) return;
          const request = requestVariable(node, facts);
          if (!request) return;
          const header = authHeaderSet(request, facts);
          if (!header) return;
          const text = urlText(url, facts);
          const host = text ? plainHttpRemoteHost(text.text, text.complete) : undefined;
          if (!host) return;
          const label = /^authorization$/i.test(header) ? 'Authorization header' : `Token header "${header}"`;
          context.report({
            node: url,
            message: `${label} sent over plain HTTP to ${host}, where anyone on the network path can copy the token`,
          });
        },
      },
    };
  },
};

/** `req` in `req, err := http.NewRequest(...)`. */
function requestVariable(call: SyntaxNode, facts: GoFacts): SyntaxNode | undefined {
  const list = call.parent;
  const declaration = list?.parent;
  if (list?.type !== 'expression_list' || !declaration || field(declaration, 'right') !== list) return undefined;
  if (declaration.type !== 'short_var_declaration' && declaration.type !== 'assignment_statement') return undefined;
  const first = namedChildren(field(declaration, 'left')!)[0];
  return first?.type === 'identifier' && facts.textOf(first) !== '_' ? first : undefined;
}

/** The auth header name set on the request in the same function, with a bearer-like value (not Basic credentials). */
function authHeaderSet(request: SyntaxNode, facts: GoFacts): string | undefined {
  const fn = enclosingFunction(request);
  if (!fn) return undefined;
  const name = facts.textOf(request);
  const sameRequest = (node: SyntaxNode | undefined): boolean => {
    if (node?.type !== 'selector_expression' || facts.textOf(field(node, 'field')!) !== 'Header') return false;
    const receiver = field(node, 'operand');
    if (receiver?.type !== 'identifier' || facts.textOf(receiver) !== name) return false;
    const binding = findLocal(receiver, name, (n) => facts.textOf(n));
    return binding?.nameNode === request || (binding === undefined && request.parent?.parent?.type === 'assignment_statement');
  };
  for (const call of descendants(fn, 'call_expression')) {
    const callee = field(call, 'function');
    if (callee?.type !== 'selector_expression' || !/^(Set|Add)$/.test(facts.textOf(field(callee, 'field')!))) continue;
    if (!sameRequest(field(callee, 'operand'))) continue;
    const [headerArg, value] = argumentsOf(call);
    const header = facts.resolveString(headerArg);
    if (header !== undefined && AUTH_HEADER.test(header) && value && !/basic/i.test(facts.textOf(value))) return header;
  }
  for (const assignment of descendants(fn, 'assignment_statement')) {
    const target = namedChildren(field(assignment, 'left')!)[0];
    if (target?.type !== 'index_expression' || !sameRequest(field(target, 'operand'))) continue;
    const header = facts.resolveString(field(target, 'index'));
    const value = namedChildren(field(assignment, 'right')!)[0];
    if (header !== undefined && AUTH_HEADER.test(header) && value && !/basic/i.test(facts.textOf(value))) return header;
  }
  return undefined;
}
