/**
 * Token names in JS/TS expressions. The judgement of a single name is language-neutral
 * (src/analyze/names/token-names.ts) and re-exported here for the JS/TS rules.
 */
import ts from './typescript.cjs';
import { isTokenLikeName } from '../names/token-names.js';
import { expressionName, unwrapExpression } from './expressions.js';

export { isTokenLikeName, looksLikeJwt } from '../names/token-names.js';

/**
 * The token-like name an expression carries, if any: `token`, `res.data.accessToken`,
 * `JSON.stringify(auth)`, `getToken()`, `'Bearer ' + jwt`, `` `Bearer ${token}` ``.
 */
export function tokenLikeNameIn(node: ts.Expression): string | undefined {
  // An explicit stack (left operands first), so a long `+` chain cannot overflow the call stack.
  const pending: ts.Expression[] = [node];
  while (pending.length > 0) {
    const expression = unwrapExpression(pending.pop()!);
    if (ts.isCallExpression(expression) && isJsonStringify(expression.expression) && expression.arguments[0]) {
      pending.push(expression.arguments[0]);
      continue;
    }
    if (ts.isTemplateExpression(expression)) {
      for (let i = expression.templateSpans.length - 1; i >= 0; i--) pending.push(expression.templateSpans[i]!.expression);
      continue;
    }
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      pending.push(expression.right, expression.left);
      continue;
    }
    if (ts.isBinaryExpression(expression) &&
        (expression.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
         expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      pending.push(expression.left);
      continue;
    }
    const name = expressionName(expression);
    if (name !== undefined && isTokenLikeName(name)) return name;
  }
  return undefined;
}

function isJsonStringify(callee: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'stringify' &&
    ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON';
}
