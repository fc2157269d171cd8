/** Reading plain syntax trees: fields, children, text and ranges of a parsed file. */
import type { SourceRange } from '../../types.js';
import { LineIndex } from '../text/line-index.js';
import type { SyntaxNode } from './parser.js';

/** A parsed file: its text, its tree and line positions. */
export class SyntaxFile {
  private lineIndex: LineIndex | undefined;

  constructor(
    /** Path relative to the scan root. */
    readonly file: string,
    readonly text: string,
    readonly root: SyntaxNode,
  ) {}

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.start, node.end);
  }

  range(node: SyntaxNode): SourceRange {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex.range(node.start, node.end);
  }
}

/** The first child with this grammar field name (`function`, `arguments`, `name`, ...). */
export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === name);
}

export function fields(node: SyntaxNode, name: string): SyntaxNode[] {
  return node.children.filter((child) => child.field === name);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child) => child.named && !isComment(child));
}

export function isComment(node: SyntaxNode): boolean {
  return node.type === 'comment' || node.type === 'line_comment' || node.type === 'block_comment';
}

/** The nearest ancestor of one of these types, or undefined. */
export function ancestor(node: SyntaxNode, types: ReadonlySet<string> | readonly string[]): SyntaxNode | undefined {
  const wanted = types instanceof Set ? types : new Set(types);
  for (let current = node.parent; current; current = current.parent) {
    if (wanted.has(current.type)) return current;
  }
  return undefined;
}

/** Every node in source order (pre-order), without recursion. */
export function walkTree(root: SyntaxNode, visit: (node: SyntaxNode) => void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
}

/** Every descendant of these types, in source order. */
export function descendants(root: SyntaxNode, type: string | ReadonlySet<string>): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const matches = typeof type === 'string' ? (node: SyntaxNode) => node.type === type : (node: SyntaxNode) => type.has(node.type);
  walkTree(root, (node) => {
    if (node !== root && matches(node)) found.push(node);
  });
  return found;
}
