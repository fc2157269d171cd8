/**
 * Iterative tree walking for the rules' small searches (names in an expression, writes
 * in a function body). An explicit stack instead of recursion, so a 10 000-term `+` chain
 * or a deeply nested literal cannot overflow the call stack and lose a file's findings.
 */
import ts from './typescript.cjs';

/**
 * Visits the descendants of `node` (not `node` itself) in source order, depth first.
 * `visit` returns false to skip the children of the node it was given, or `'stop'` to end
 * the walk; anything else descends.
 */
export function forEachDescendant(node: ts.Node, visit: (child: ts.Node) => boolean | 'stop' | void): void {
  const stack: ts.Node[] = [];
  pushChildren(node, stack);
  while (stack.length > 0) {
    const current = stack.pop()!;
    const verdict = visit(current);
    if (verdict === 'stop') return;
    if (verdict !== false) pushChildren(current, stack);
  }
}

/** True when `predicate` holds for `node` or one of its descendants. */
export function someNode(node: ts.Node, predicate: (child: ts.Node) => boolean): boolean {
  if (predicate(node)) return true;
  let found = false;
  forEachDescendant(node, (child) => {
    if (!predicate(child)) return true;
    found = true;
    return 'stop';
  });
  return found;
}

/** Children pushed last-first, so that popping visits them in source order. */
function pushChildren(node: ts.Node, stack: ts.Node[]): void {
  const children: ts.Node[] = [];
  ts.forEachChild(node, (child) => {
    children.push(child);
  });
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
}
