/**
 * token-in-url (Java): a token placed in a URL query string: `"...?token=" + token`,
 * `String.format("...?access_token=%s", token)`, `UriComponentsBuilder...queryParam("token", token)`.
 * One-time links (password reset, email verification, invitations) and values named as
 * pagination cursors or CSRF tokens are not findings.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import { argumentsOf } from '../../analyze/java/values.js';
import {
  isTokenParam, NOT_AUTH_VALUE_WORDS, ONE_TIME_LINK_PATH, PARAM_AT_END,
} from '../../analyze/names/token-names.js';
import { nameWords } from '../../analyze/secret-names.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export const tokenInUrl: TreeRule<JavaFacts> = {
  id: 'token-in-url',
  fix: 'Send the token in the Authorization header (or an HttpOnly cookie); for WebSockets, authenticate with the first message or a short-lived one-time ticket.',
  create(context) {
    const { facts, syntax } = context;
    const report = (node: SyntaxNode, param: string): void => {
      context.report({
        node,
        message: `Token placed in the URL query string ("${param}="), where server logs, proxies, browser history and Referer headers keep it`,
      });
    };
    const isAuthValue = (node: SyntaxNode): boolean => {
      if (facts.values.resolve(node)) return facts.values.resolve(node)?.kind === 'env';
      const name = node.type === 'identifier' ? syntax.textOf(node) : node.type === 'method_invocation'
        ? syntax.textOf(field(node, 'name')!) : node.type === 'field_access' ? syntax.textOf(field(node, 'field')!) : undefined;
      return name === undefined || !nameWords(name).some((word) => NOT_AUTH_VALUE_WORDS.has(word));
    };
    /** The token parameter of `text` (ending in `?token=`) followed by a runtime value. */
    const tokenParam = (seen: string, value: SyntaxNode): string | undefined => {
      const match = PARAM_AT_END.exec(seen);
      if (!match || !isTokenParam(match[1]!)) return undefined;
      const queryStart = seen.lastIndexOf('?');
      if (queryStart === -1 || /\s/.test(seen.slice(queryStart))) return undefined;
      if (ONE_TIME_LINK_PATH.test(seen.slice(0, queryStart))) return undefined;
      return isAuthValue(value) ? match[1] : undefined;
    };
    return {
      nodes: {
        binary_expression(node) {
          if (facts.values.operator(node) !== '+') return;
          if (node.parent?.type === 'binary_expression' && facts.values.operator(node.parent) === '+') return;
          if (!/token|jwt|bearer/i.test(syntax.textOf(node))) return;
          const parts = facts.values.stringParts(node);
          let seen = '';
          for (let index = 0; index < parts.length - 1; index++) {
            const part = parts[index]!;
            const next = parts[index + 1]!;
            if (part.kind !== 'text') continue;
            seen += part.text;
            if (next.kind !== 'dynamic') continue;
            const param = tokenParam(part.text.includes('?') ? part.text : seen, next.node);
            if (param) return report(node, param);
          }
        },
        method_invocation(node) {
          const name = syntax.textOf(field(node, 'name')!);
          const args = argumentsOf(node);
          if ((name === 'queryParam' || name === 'queryParams') && args.length >= 2) {
            const param = facts.values.resolveString(args[0]);
            if (param !== undefined && isTokenParam(param) && !facts.values.resolve(args[1]) && isAuthValue(args[1]!)) report(node, param);
          } else if (name === 'format' && syntax.textOf(field(node, 'object') ?? node) === 'String' && args.length >= 2) {
            const format = facts.values.resolveString(args[0]);
            if (format === undefined) return;
            const placeholders = [...format.matchAll(/%[sd]/g)];
            placeholders.forEach((match, index) => {
              const value = args[index + 1];
              const param = value ? tokenParam(format.slice(0, match.index), value) : undefined;
              if (param) report(node, param);
            });
          }
        },
      },
    };
  },
};
