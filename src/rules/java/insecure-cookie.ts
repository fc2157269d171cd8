/**
 * insecure-cookie (Java): a token put in a cookie that scripts can read or that travels in
 * clear. Servlet `new Cookie(name, token)` without `setHttpOnly(true)` and `setSecure(true)`
 * in the same method, and Spring `ResponseCookie.from(name, token)...build()` without
 * `httpOnly(true)`, `secure(true)` and `sameSite(...)`. Cookies that clear a token
 * (`setMaxAge(0)`, `maxAge(0)`, empty value) and cookies returned to a caller that may set the
 * flags are not findings.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import { isTokenName } from '../../analyze/java/token-names.js';
import { argumentsOf, enclosingScope, unwrap } from '../../analyze/java/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

export const insecureCookie: TreeRule<JavaFacts> = {
  id: 'insecure-cookie',
  fix: 'Set token cookies with HttpOnly, Secure and SameSite=Strict (or Lax): cookie.setHttpOnly(true); cookie.setSecure(true), or ResponseCookie.from(...).httpOnly(true).secure(true).sameSite("Strict").',
  create(context) {
    const { facts, syntax } = context;
    const label = (nameNode: SyntaxNode | undefined): string => {
      const name = nameNode ? facts.values.resolveString(nameNode) : undefined;
      return name !== undefined ? `"${name}"` : nameNode ? syntax.textOf(nameNode) : 'cookie';
    };
    /** Named like a token cookie, or holding a token-named value or a freshly signed token. */
    const holdsToken = (nameNode: SyntaxNode | undefined, valueNode: SyntaxNode | undefined): boolean => {
      if (!valueNode) return false;
      const value = facts.values.resolve(valueNode);
      if (value && value.kind !== 'env') return false; // a constant (often "" or null to clear) is no live token
      if (unwrap(valueNode).type === 'null_literal') return false;
      const name = nameNode ? facts.values.resolveString(nameNode) : undefined;
      if (name !== undefined && isTokenName(name)) return true;
      const valueName = valueNode.type === 'identifier' ? syntax.textOf(valueNode)
        : valueNode.type === 'method_invocation' ? syntax.textOf(field(valueNode, 'name')!) : undefined;
      return valueName !== undefined && (isTokenName(valueName) || /^(generate|create|issue)\w*Token$/.test(valueName));
    };
    /** A boolean flag call: absent, false, or set (true or unknown). */
    const flag = (calls: SyntaxNode[], name: string): 'set' | 'off' => {
      const call = calls.find((entry) => syntax.textOf(field(entry, 'name')!) === name);
      if (!call) return 'off';
      const value = facts.values.resolve(argumentsOf(call)[0]);
      return value?.kind === 'boolean' && !value.value ? 'off' : 'set';
    };
    /** Per method: calls by receiver text, returned and passed-on names (one walk, not one per cookie). */
    const scopeUses = new Map<SyntaxNode, { callsOn: Map<string, SyntaxNode[]>; returned: Set<string>; passedOn: Set<string> }>();
    const usesIn = (scope: SyntaxNode) => {
      let uses = scopeUses.get(scope);
      if (uses) return uses;
      uses = { callsOn: new Map<string, SyntaxNode[]>(), returned: new Set<string>(), passedOn: new Set<string>() };
      const identifiersOf = (node: SyntaxNode): string[] =>
        node.children.filter((child) => child.type === 'identifier').map((child) => syntax.textOf(child));
      for (const node of descendants(scope, new Set(['method_invocation', 'return_statement', 'argument_list']))) {
        if (node.type === 'method_invocation') {
          const object = field(node, 'object');
          if (object === undefined) continue;
          const list = uses.callsOn.get(syntax.textOf(object)) ?? [];
          list.push(node);
          uses.callsOn.set(syntax.textOf(object), list);
        } else if (node.type === 'return_statement') {
          for (const name of identifiersOf(node)) uses.returned.add(name);
        } else if (node.parent?.type === 'method_invocation' && syntax.textOf(field(node.parent, 'name')!) !== 'addCookie') {
          for (const name of identifiersOf(node)) uses.passedOn.add(name);
        }
      }
      scopeUses.set(scope, uses);
      return uses;
    };
    return {
      nodes: {
        object_creation_expression(node) {
          if (!/^(javax\.servlet\.http\.|jakarta\.servlet\.http\.)?Cookie$/.test(syntax.textOf(field(node, 'type') ?? node))) return;
          const [nameNode, valueNode] = argumentsOf(node);
          if (!holdsToken(nameNode, valueNode)) return;
          const variable = node.parent?.type === 'variable_declarator' ? syntax.textOf(field(node.parent, 'name')!)
            : node.parent?.type === 'assignment_expression' ? syntax.textOf(field(node.parent, 'left')!) : undefined;
          const scope = enclosingScope(node);
          if (!variable || !scope) return;
          const uses = usesIn(scope);
          const calls = uses.callsOn.get(variable) ?? [];
          const returned = uses.returned.has(variable);
          // Handed to a helper (`cookieUtils.harden(cookie)`) that may set the flags.
          const passedOn = uses.passedOn.has(variable);
          if (returned || passedOn || clears(calls, facts)) return;
          const missing = [flag(calls, 'setHttpOnly') === 'off' ? 'HttpOnly' : '', flag(calls, 'setSecure') === 'off' ? 'Secure' : '']
            .filter(Boolean);
          if (missing.length === 0) return;
          context.report({ node, message: `Cookie ${label(nameNode)} holding a token is set without ${missing.join(', ')}` });
        },
        method_invocation(node) {
          if (syntax.textOf(field(node, 'name')!) !== 'build') return;
          if (node.parent?.type === 'method_invocation' && field(node.parent, 'object') === node) return;
          const calls: SyntaxNode[] = [];
          let current: SyntaxNode | undefined = node;
          while (current?.type === 'method_invocation') {
            calls.unshift(current);
            const object = field(current, 'object');
            current = object ? unwrap(object) : undefined;
          }
          const entry = calls[0];
          if (!current || !entry || !/^(org\.springframework\.http\.)?ResponseCookie$/.test(syntax.textOf(current))) return;
          const entryName = syntax.textOf(field(entry, 'name')!);
          if (entryName !== 'from' && entryName !== 'fromClientResponse') return;
          const [nameNode, valueNode] = argumentsOf(entry);
          if (!holdsToken(nameNode, valueNode) || clears(calls, facts)) return;
          const missing = [flag(calls, 'httpOnly') === 'off' ? 'httpOnly' : '', flag(calls, 'secure') === 'off' ? 'secure' : '',
            calls.some((call) => syntax.textOf(field(call, 'name')!) === 'sameSite') ? '' : 'sameSite'].filter(Boolean);
          if (missing.length === 0) return;
          context.report({ node: entry, message: `Cookie ${label(nameNode)} holding a token is set without ${missing.join(', ')}` });
        },
      },
    };
  },
};

/** `setMaxAge(0)` / `maxAge(0)`: a logout cookie that deletes the token. */
function clears(calls: SyntaxNode[], facts: JavaFacts): boolean {
  return calls.some((call) => {
    const name = facts.syntax.textOf(field(call, 'name')!);
    if (name !== 'setMaxAge' && name !== 'maxAge') return false;
    const value = facts.values.resolve(argumentsOf(call)[0]);
    return value?.kind === 'number' ? value.value <= 0 : value?.kind === 'duration' ? value.seconds <= 0 : false;
  });
}
