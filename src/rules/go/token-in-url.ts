/**
 * token-in-url (Go): a token placed in a URL query string, where access logs, proxies,
 * browser history and Referer headers keep it: `base + "?token=" + token`,
 * `fmt.Sprintf("%s?access_token=%s", base, token)`, `q.Set("token", token)` on `url.Values`
 * (`u.Query()`, `url.Values{}`), and `url.Values{"token": {token}}`.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { argumentsOf } from '../../analyze/go/libraries.js';
import { isSprintf, operatorOf, stringParts } from '../../analyze/go/strings.js';
import { unwrap } from '../../analyze/go/values.js';
import { isTokenParam, NOT_AUTH_VALUE_WORDS, tokenParamInUrl } from '../../analyze/names/token-names.js';
import { nameWords } from '../../analyze/secret-names.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const MENTIONS_TOKEN = /token|jwt|bearer/i;

export const tokenInUrl: TreeRule<GoFacts> = {
  id: 'token-in-url',
  fix: 'Send the token in the Authorization header (or an HttpOnly cookie); for WebSockets, authenticate with the first message or a short-lived one-time ticket.',
  create(context) {
    const { facts } = context;
    const report = (node: SyntaxNode, param: string): void => {
      context.report({
        node,
        message: `Token placed in the URL query string ("${param}="), where server logs, proxies, browser history and Referer headers keep it`,
      });
    };
    const checkBuilding = (node: SyntaxNode): void => {
      if (!MENTIONS_TOKEN.test(facts.textOf(node))) return;
      const param = tokenParamIn(node, facts);
      if (param) report(node, param);
    };
    return {
      nodes: {
        binary_expression(node) {
          if (operatorOf(node) !== '+' || isInsideConcatenation(node)) return;
          checkBuilding(node);
        },
        call_expression(node) {
          if (isSprintf(node, facts)) return checkBuilding(node);
          const callee = field(node, 'function');
          if (callee?.type !== 'selector_expression' || !/^(Set|Add)$/.test(facts.textOf(field(callee, 'field')!))) return;
          if (!isUrlValues(field(callee, 'operand')!, facts)) return;
          const [nameArg, value] = argumentsOf(node);
          const param = facts.resolveString(nameArg);
          if (param !== undefined && isTokenParam(param) && value && isRuntimeAuthValue(value, facts)) report(node, param);
        },
        keyed_element(node) {
          // url.Values{"token": {token}}
          const literal = node.parent?.parent;
          if (literal?.type !== 'composite_literal' || facts.textOf(field(literal, 'type') ?? literal) !== 'url.Values') return;
          const param = facts.resolveString(field(node, 'key'));
          const value = field(node, 'value');
          const first = value ? namedChildren(namedChildren(value)[0] ?? value)[0] : undefined;
          if (param !== undefined && isTokenParam(param) && first && isRuntimeAuthValue(first, facts)) report(node, param);
        },
      },
    };
  },
};

function isInsideConcatenation(node: SyntaxNode): boolean {
  let current = node.parent;
  while (current?.type === 'parenthesized_expression') current = current.parent;
  return current?.type === 'binary_expression' && operatorOf(current) === '+';
}

/** The token parameter a built URL carries with a runtime value, if any. */
function tokenParamIn(node: SyntaxNode, facts: GoFacts): string | undefined {
  const parts = stringParts(node, facts);
  return parts ? tokenParamInUrl(parts, (value) => isAuthValue(value, facts)) : undefined;
}

function isAuthValue(node: SyntaxNode, facts: GoFacts): boolean {
  const expression = unwrap(node);
  const name = expression.type === 'identifier' ? facts.textOf(expression)
    : expression.type === 'selector_expression' ? facts.textOf(field(expression, 'field')!) : undefined;
  return name === undefined || !nameWords(name).some((word) => NOT_AUTH_VALUE_WORDS.has(word));
}

function isRuntimeAuthValue(node: SyntaxNode, facts: GoFacts): boolean {
  const value = facts.resolve(node);
  return (value === undefined || value.kind === 'env') && isAuthValue(node, facts);
}

/** `q` from `u.Query()`, `url.Values{}` or `make(url.Values)`. */
function isUrlValues(receiver: SyntaxNode, facts: GoFacts): boolean {
  const behind = facts.expressionBehind(receiver);
  const expression = behind?.node ?? receiver;
  const where = behind?.facts ?? facts;
  if (expression.type === 'composite_literal') return where.textOf(field(expression, 'type') ?? expression) === 'url.Values';
  if (expression.type !== 'call_expression') return false;
  const callee = field(expression, 'function');
  if (callee?.type === 'selector_expression') return where.textOf(field(callee, 'field')!) === 'Query' && argumentsOf(expression).length === 0;
  return callee?.type === 'identifier' && where.textOf(callee) === 'make' && where.textOf(argumentsOf(expression)[0] ?? callee) === 'url.Values';
}
