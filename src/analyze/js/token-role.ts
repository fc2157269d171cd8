/**
 * Access or refresh token, for a JS/TS sign or configure call: the names around it are
 * judged by the language-neutral rules of src/analyze/names/token-role.ts.
 */
import ts from './typescript.cjs';
import { tokenRoleFromNames, type TokenRole } from '../names/token-role.js';
import { enclosingFunctionName, staticPropertyName } from './expressions.js';

export type { TokenRole } from '../names/token-role.js';

/** The role of the token created by a sign or configure call. */
export function tokenRoleOf(call: ts.Node): TokenRole {
  return tokenRoleFromNames({
    binding: bindingName(call),
    ownText: () => call.getText(),
    functionName: () => enclosingFunctionName(call),
  });
}

/** The name the created token is stored under: `const refreshToken = ...`, `{ accessToken: ... }`, `this.refresh = ...`. */
function bindingName(node: ts.Node): string | undefined {
  let current: ts.Node = node;
  let parent = current.parent;
  while (parent && (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) ||
         ts.isNonNullExpression(parent) || ts.isConditionalExpression(parent))) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && parent.initializer === current) return staticPropertyName(parent.name);
  if (ts.isPropertyDeclaration(parent) && parent.initializer === current) return staticPropertyName(parent.name);
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === current) {
    return parent.left.getText();
  }
  return undefined;
}
