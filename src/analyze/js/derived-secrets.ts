/**
 * Secrets computed at run time from inputs an attacker can know or enumerate:
 * `process.env.APP_NAME + '-secret'`, `` `${Date.now()}` ``, `Math.random().toString(36)`.
 * The value resolver cannot give them a value (they are not constant), but the way they
 * are built is enough to say they are guessable. Everything in the expression must be
 * understood; one unknown part (a call to crypto, a secret env variable) means silence.
 */
import ts from './typescript.cjs';
import { nameWords } from '../secret-names.js';
import { findDeclaration, isReassigned } from './scope.js';

export interface Derivation {
  /** The expression the secret is built by (after following constants). */
  node: ts.Expression;
  /** The predictable inputs, for messages: `process.env.APP_NAME`, `the current time (Date.now())`. */
  inputs: string[];
}

const MAX_DEPTH = 8;
/** String and number methods that only reshape their receiver. */
const RESHAPING_METHODS = new Set(['toString', 'slice', 'substring', 'substr', 'toUpperCase', 'toLowerCase', 'padStart',
  'padEnd', 'repeat', 'trim', 'toFixed', 'concat', 'getTime', 'valueOf', 'toISOString', 'toUTCString', 'toJSON',
  'toDateString', 'toLocaleString']);
/** Calls that only convert or round their arguments. */
const CONVERTING_CALLS = new Set(['String', 'Number', 'parseInt', 'parseFloat', 'Math.floor', 'Math.round', 'Math.ceil',
  'Math.trunc', 'Math.abs']);
/** Words of an env name that may hold a real secret: such a variable is not a public input. */
const SECRET_WORDS = new Set(['secret', 'key', 'token', 'pass', 'password', 'private', 'salt', 'pepper', 'seed', 'jwt', 'hmac']);

const TIME = 'the current time';
const RANDOM = 'Math.random() (not a cryptographic generator: its output can be predicted)';

/** How `expression` is built, when it is built only from constants and predictable inputs (at least one). */
export function predictableDerivation(expression: ts.Expression): Derivation | undefined {
  const followed = followConstant(expression, 0);
  const inputs = new Set<string>();
  if (!isPredictable(followed, inputs, 0) || inputs.size === 0) return undefined;
  return { node: followed, inputs: [...inputs] };
}

/** `SECRET` -> the initializer of `const SECRET = ...` (or a never-reassigned let). */
function followConstant(expression: ts.Expression, depth: number): ts.Expression {
  const inner = skipWrappers(expression);
  if (!ts.isIdentifier(inner) || depth > MAX_DEPTH) return inner;
  const declaration = findDeclaration(inner);
  if (declaration?.kind !== 'variable' || declaration.path.length > 0 || !declaration.node.initializer) return inner;
  if (!declaration.isConst && isReassigned(inner.getSourceFile(), inner.text)) return inner;
  return followConstant(declaration.node.initializer, depth + 1);
}

function skipWrappers(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) ||
      ts.isSatisfiesExpression(current)) {
      current = current.expression;
      continue;
    }
    // new TextEncoder().encode(x), Buffer.from(x): the key bytes are the string's.
    if (ts.isCallExpression(current) && current.arguments.length >= 1 && /^(new TextEncoder\(\)\.encode|Buffer\.from)$/.test(
      current.expression.getText())) {
      current = current.arguments[0]!;
      continue;
    }
    return current;
  }
}

function isPredictable(node: ts.Expression, inputs: Set<string>, depth: number): boolean {
  if (depth > MAX_DEPTH * 4) return false;
  const expression = skipWrappers(node);
  const next = (child: ts.Expression): boolean => isPredictable(child, inputs, depth + 1);
  if (ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression)) return true;
  if (ts.isTemplateExpression(expression)) return expression.templateSpans.every((span) => next(span.expression));
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    const arithmetic = op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.AsteriskToken || op === ts.SyntaxKind.MinusToken;
    return arithmetic && next(expression.left) && next(expression.right);
  }
  if (ts.isIdentifier(expression)) {
    const followed = followConstant(expression, depth);
    return followed !== expression && next(followed);
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const envName = publicEnvName(expression);
    if (envName) {
      inputs.add(`process.env.${envName}`);
      return true;
    }
    if (expression.getText() === 'process.pid') {
      inputs.add('the process id');
      return true;
    }
    return false;
  }
  if (ts.isNewExpression(expression)) {
    if (expression.expression.getText() !== 'Date' || (expression.arguments?.length ?? 0) > 0) return false;
    inputs.add(TIME);
    return true;
  }
  if (ts.isArrayLiteralExpression(expression)) return false;
  if (!ts.isCallExpression(expression)) return false;
  const callee = expression.expression.getText();
  if (callee === 'Date.now' || callee === 'performance.now' || callee === 'Date') {
    inputs.add(TIME);
    return true;
  }
  if (callee === 'Math.random') {
    inputs.add(RANDOM);
    return true;
  }
  if (CONVERTING_CALLS.has(callee)) return expression.arguments.length >= 1 && next(expression.arguments[0]!);
  // [a, b].join(''): every item must be predictable.
  if (ts.isPropertyAccessExpression(expression.expression)) {
    const method = expression.expression.name.text;
    const receiver = expression.expression.expression;
    if (method === 'join' && ts.isArrayLiteralExpression(receiver)) {
      return receiver.elements.every((item) => !ts.isSpreadElement(item) && next(item));
    }
    if (RESHAPING_METHODS.has(method)) {
      const argumentsKnown = expression.arguments.every((argument) => method === 'concat' ? next(argument) : ts.isNumericLiteral(argument) ||
        ts.isStringLiteralLike(argument) || ts.isPrefixUnaryExpression(argument));
      return argumentsKnown && next(receiver);
    }
  }
  return false;
}

/** `process.env.APP_NAME` when the name cannot hold a secret (no secret, key, token, ... word). */
function publicEnvName(expression: ts.PropertyAccessExpression): string | undefined {
  if (!/^(process|import\.meta)\.env$/.test(expression.expression.getText())) return undefined;
  const name = expression.name.text;
  return nameWords(name).some((word) => SECRET_WORDS.has(word)) ? undefined : name;
}

/** One line for a message: `is built from process.env.APP_NAME and constant text`. */
export function describeDerivation(derivation: Derivation): string {
  const list = derivation.inputs.length === 1 ? derivation.inputs[0]!
    : `${derivation.inputs.slice(0, -1).join(', ')} and ${derivation.inputs.at(-1)!}`;
  return `it is computed from ${list}, which anyone can know or enumerate`;
}
