/**
 * Small syntactic helpers shared by rules that need the expression behind a value
 * rather than the value itself (an object literal to walk, the initializer of a const,
 * the name an expression is reached through).
 */
import ts from './typescript.cjs';
import { findDeclaration, isReassigned } from './scope.js';

/** Strips parentheses, type assertions, `!` and `await`. */
export function unwrapExpression(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) ||
        ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current) || ts.isAwaitExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * The expression a plain identifier is bound to: `const x = <init>` (or a `let` never
 * reassigned). Destructured bindings, parameters and imports give undefined.
 */
export function initializerOf(identifier: ts.Identifier): ts.Expression | undefined {
  const declaration = findDeclaration(identifier);
  if (declaration?.kind !== 'variable' || declaration.path.length > 0) return undefined;
  if (!declaration.isConst && isReassigned(identifier.getSourceFile(), identifier.text)) return undefined;
  return declaration.node.initializer;
}

/** The object literal an expression is written as, directly or through a same-file const. */
export function objectLiteralOf(node: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
  if (!node || depth > 5) return undefined;
  const expression = unwrapExpression(node);
  if (ts.isObjectLiteralExpression(expression)) return expression;
  if (ts.isIdentifier(expression)) return objectLiteralOf(initializerOf(expression), depth + 1);
  return undefined;
}

/** The property of an object literal with the given key (case-sensitive), if written there. */
export function findProperty(object: ts.ObjectLiteralExpression, key: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((prop) => prop.name !== undefined && staticPropertyName(prop.name) === key);
}

/** The expression a property assignment or shorthand holds. */
export function propertyValue(prop: ts.ObjectLiteralElementLike | undefined): ts.Expression | undefined {
  if (!prop) return undefined;
  if (ts.isPropertyAssignment(prop)) return prop.initializer;
  if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
  return undefined;
}

export function staticPropertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/**
 * The name an expression is reached through, for naming heuristics: `token` for
 * `token`, `accessToken` for `res.data.accessToken`, `token` for `data['token']`,
 * `getToken` for `getToken()` / `auth.getToken()`.
 */
export function expressionName(node: ts.Expression): string | undefined {
  const expression = unwrapExpression(node);
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  if (ts.isElementAccessExpression(expression) && ts.isStringLiteralLike(expression.argumentExpression)) {
    return expression.argumentExpression.text;
  }
  if (ts.isCallExpression(expression)) return expressionName(expression.expression);
  return undefined;
}

/** The name of the nearest enclosing function: declaration, method, or the variable/property holding it. */
export function enclosingFunctionName(node: ts.Node): string | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isFunctionLike(current)) current = current.parent;
  if (!current) return undefined;
  if ((ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current) || ts.isFunctionExpression(current)) &&
      current.name && !ts.isComputedPropertyName(current.name)) {
    const name = staticPropertyName(current.name);
    if (name) return name;
  }
  const holder = current.parent;
  if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
  if (holder && ts.isPropertyAssignment(holder)) return staticPropertyName(holder.name);
  if (holder && ts.isPropertyDeclaration(holder)) return staticPropertyName(holder.name);
  return undefined;
}
