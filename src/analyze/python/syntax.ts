/** Small readers of tree-sitter-python nodes: strings, calls and their arguments, scopes. */
import type { SyntaxNode } from '../tree/parser.js';
import { field, namedChildren, type SyntaxFile } from '../tree/syntax.js';

/** The nodes that open a new scope for local names. */
export const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

/** Drops parentheses, `await` and type-hint wrappers around an expression. */
export function unwrap(node: SyntaxNode | undefined): SyntaxNode | undefined {
  let current = node;
  while (current && (current.type === 'parenthesized_expression' || current.type === 'await')) {
    current = namedChildren(current)[0];
  }
  return current;
}

/** The prefix letters of a string literal, lowercase: `f`, `b`, `rb`, ''. */
export function stringPrefix(syntax: SyntaxFile, node: SyntaxNode): string {
  const start = node.children.find((child) => child.type === 'string_start');
  return start ? syntax.textOf(start).replace(/["']/g, '').toLowerCase() : '';
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

/** The text of a `string_content` part, with the common escapes decoded (not in raw strings). */
export function contentText(syntax: SyntaxFile, node: SyntaxNode, raw: boolean): string {
  const text = syntax.textOf(node);
  if (raw) return text;
  return text.replace(/\\(\n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (match, escape: string) => {
    if (escape === '\n') return '';
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ESCAPES[escape] ?? match;
  });
}

export interface CallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
  /** The keyword argument nodes (`name=value`), for reporting at the whole `name=value`. */
  keywordNodes: Map<string, SyntaxNode>;
  /** `*args` or `**kwargs` passed: arguments beyond those written. */
  splat: boolean;
}

export function argumentsOf(syntax: SyntaxFile, call: SyntaxNode): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map(), keywordNodes: new Map(), splat: false };
  const list = field(call, 'arguments');
  if (!list) return result;
  if (list.type === 'generator_expression') {
    result.positional.push(list);
    return result;
  }
  for (const argument of namedChildren(list)) {
    if (argument.type === 'keyword_argument') {
      const name = field(argument, 'name');
      const value = field(argument, 'value');
      if (!name || !value) continue;
      result.keywords.set(syntax.textOf(name), value);
      result.keywordNodes.set(syntax.textOf(name), argument);
    } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
      result.splat = true;
    } else {
      result.positional.push(argument);
    }
  }
  return result;
}

/** The nearest enclosing function definition (or lambda), or undefined at module or class level. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return undefined;
}

/** The nearest enclosing class definition. */
export function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'class_definition') return current;
  }
  return undefined;
}

/** Every node under `root` that belongs to the same scope (nested functions and classes are skipped). */
export function scopeNodes(root: SyntaxNode, visit: (node: SyntaxNode) => void): void {
  const stack: SyntaxNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if (FUNCTION_TYPES.has(node.type) || node.type === 'class_definition') continue;
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
}

/** The last name of a dotted expression: `settings.JWT_SECRET` -> `JWT_SECRET`, `self.key` -> `key`. */
export function lastName(syntax: SyntaxFile, node: SyntaxNode | undefined): string | undefined {
  const inner = unwrap(node);
  if (!inner) return undefined;
  if (inner.type === 'identifier') return syntax.textOf(inner);
  if (inner.type === 'attribute') {
    const attribute = field(inner, 'attribute');
    return attribute ? syntax.textOf(attribute) : undefined;
  }
  if (inner.type === 'subscript') {
    const key = field(inner, 'subscript');
    if (key?.type === 'string') return syntax.textOf(key).replace(/^[a-z]*["']+|["']+$/gi, '');
  }
  return undefined;
}

/** Is `node` inside `outer` (or the same)? */
export function within(node: SyntaxNode, outer: SyntaxNode): boolean {
  return node.start >= outer.start && node.end <= outer.end;
}
