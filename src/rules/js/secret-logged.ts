/**
 * secret-logged: a JWT secret, private key or token passed to a log call (console.*,
 * logger.*, this.logger.*, req.log.*, winston/pino/bunyan-style objects), directly, in a
 * template literal, a concatenation, an object or an array.
 *
 * Secrets: env values named `*SECRET*`/`*PRIVATE_KEY*`, names that say JWT secret, and the
 * very expressions this file passes as a JWT key. Tokens: the result of a sign call, names
 * such as `token`/`accessToken`/`jwt`/`idToken` (in files that deal with JWTs), and the
 * Authorization header. Facts about them (`token.length`, `decoded.sub`, `!!token`,
 * `err.message`, literal text that mentions a token) are not findings.
 */
import ts from '../../analyze/js/typescript.cjs';
import { isClientSideFile } from '../../analyze/js/client-code.js';
import { findDeclaration, type Declaration } from '../../analyze/js/scope.js';
import { isJwtSecretName, isSecretLikeName, tokenNameKind } from '../../analyze/secret-names.js';
import type { JsRule, JsRuleContext } from '../rule.js';
import { LOGGED_CONSEQUENCE, type LoggedValue } from '../secret-messages.js';

const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice']);
const LOGGER_NAMES = /^(console|_?log|_?logger|winston|pino|bunyan|consola|signale)$|logger$/i;
const JWT_FILE = /jwt|jsonwebtoken|jose|bearer|passport|authorization/i;
const MAX_SHOWN = 60;

interface Hit {
  node: ts.Node;
  what: LoggedValue;
}

export const secretLogged: JsRule = {
  id: 'secret-logged',
  fix: 'Log facts about the token instead (user id, jti, expiry, err.name); never log secrets, keys or tokens, ' +
    'and redact Authorization headers in request loggers.',
  create(context) {
    const keyDeclarations = new Set<ts.Node>();
    const keyTexts = new Set<string>();
    const logCalls: { call: ts.CallExpression; logger: string }[] = [];
    return {
      jwtCall(call) {
        const expression = call.settings.get('key')?.expression;
        if (!expression) return;
        const target = unwrap(expression);
        if (ts.isIdentifier(target)) {
          const declaration = findDeclaration(target);
          if (declaration) keyDeclarations.add(declaration.node);
        } else if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
          keyTexts.add(target.getText(context.sourceFile));
        }
      },
      nodes: {
        [ts.SyntaxKind.CallExpression]: (node) => {
          const call = node as ts.CallExpression;
          const logger = loggerName(call);
          if (logger) logCalls.push({ call, logger });
        },
      },
      end() {
        if (logCalls.length === 0) return;
        const finder = new SensitiveFinder(context, keyDeclarations, keyTexts);
        for (const { call, logger } of logCalls) {
          const hit = firstHit(call.arguments.map((arg) => () => finder.find(arg)));
          if (!hit) continue;
          const shown = shownText(hit.node, context.sourceFile);
          // In browser code the "log" is the console, which error-reporting and session-replay tools record.
          const browser = logger.startsWith('console.') && isClientSideFile(context.sourceFile, context.file);
          context.report({
            node: hit.node,
            message: browser
              ? `${hit.what} \`${shown}\` is written to the browser console by ${logger}; error-reporting and ` +
                `session-replay tools record console output, and anyone who can read it ${LOGGED_CONSEQUENCE[hit.what]}`
              : `${hit.what} \`${shown}\` is written to the log by ${logger}; ` +
                `anyone who can read the logs ${LOGGED_CONSEQUENCE[hit.what]}`,
          });
        }
      },
    };
  },
};

/** `console.log`, `logger.info`, `this.logger.debug`, `req.log.warn`: the callee as written, or undefined. */
function loggerName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_METHODS.has(callee.name.text)) return undefined;
  const receiver = callee.expression;
  const receiverName = ts.isIdentifier(receiver) ? receiver.text
    : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
  if (!receiverName || !LOGGER_NAMES.test(receiverName)) return undefined;
  if (ts.isIdentifier(receiver) && receiver.text === 'console') return `console.${callee.name.text}`;
  return shorten(callee.getText());
}

class SensitiveFinder {
  private readonly jwtFile: boolean;

  constructor(
    private readonly context: JsRuleContext,
    private readonly keyDeclarations: Set<ts.Node>,
    private readonly keyTexts: Set<string>,
  ) {
    this.jwtFile = JWT_FILE.test(context.sourceFile.text) || keyDeclarations.size > 0 || keyTexts.size > 0;
  }

  find(node: ts.Expression, depth = 0): Hit | undefined {
    if (depth > 8) return undefined;
    const expression = unwrap(node);
    if (ts.isTemplateExpression(expression)) {
      return firstHit(expression.templateSpans.map((span) => () => this.find(span.expression, depth + 1)));
    }
    if (ts.isBinaryExpression(expression)) {
      // Concatenation and defaults log their operands (`'Bearer ' + token`, `token ?? 'none'`);
      // `a && b` logs b; comparisons and `in` log a boolean.
      const op = expression.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        return this.find(expression.left, depth + 1) ?? this.find(expression.right, depth + 1);
      }
      return op === ts.SyntaxKind.AmpersandAmpersandToken ? this.find(expression.right, depth + 1) : undefined;
    }
    if (ts.isConditionalExpression(expression)) {
      return this.find(expression.whenTrue, depth + 1) ?? this.find(expression.whenFalse, depth + 1);
    }
    if (ts.isObjectLiteralExpression(expression)) {
      return firstHit(expression.properties.map((prop) => () => {
        if (ts.isPropertyAssignment(prop)) return this.find(prop.initializer, depth + 1);
        if (ts.isShorthandPropertyAssignment(prop)) return this.find(prop.name, depth + 1);
        if (ts.isSpreadAssignment(prop)) return this.find(prop.expression, depth + 1);
        return undefined;
      }));
    }
    if (ts.isArrayLiteralExpression(expression)) {
      return firstHit(expression.elements.map((element) => () => this.find(element, depth + 1)));
    }
    if (ts.isCallExpression(expression)) return this.inCall(expression, depth);
    if (ts.isIdentifier(expression)) return this.identifier(expression);
    if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) return this.member(expression);
    return undefined;
  }

  /** `JSON.stringify(x)`/`String(x)` pass x through; a sign call is a token; `req.get('authorization')`. */
  private inCall(call: ts.CallExpression, depth: number): Hit | undefined {
    const callee = call.expression;
    const first = call.arguments[0];
    const text = callee.getText(this.context.sourceFile);
    if ((text === 'JSON.stringify' || text === 'String') && first) return this.find(first, depth + 1);
    const jwtCall = this.context.jwtCall(call);
    if (jwtCall?.kind === 'sign') return { node: call, what: 'Token' };
    if (ts.isPropertyAccessExpression(callee) && ['get', 'header', 'getHeader'].includes(callee.name.text) && first &&
        ts.isStringLiteralLike(first) && first.text.toLowerCase() === 'authorization') {
      return { node: call, what: 'Authorization header' };
    }
    return undefined;
  }

  private identifier(node: ts.Identifier): Hit | undefined {
    const declaration = findDeclaration(node);
    if (declaration && this.keyDeclarations.has(declaration.node)) return { node, what: 'JWT secret' };
    if (declaration && this.isSignResult(declaration)) return { node, what: 'Token' };
    const value = this.context.resolver.resolve(node);
    if (value?.kind === 'module' || value?.kind === 'function') return undefined; // `jwt` the library
    if (value?.kind === 'env' && isSecretLikeName(value.name)) return { node, what: secretKind(value.name) };
    return this.byName(node.text, node);
  }

  private member(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): Hit | undefined {
    const text = node.getText(this.context.sourceFile);
    if (this.keyTexts.has(text)) return { node, what: 'JWT secret' };
    const name = ts.isPropertyAccessExpression(node) ? node.name.text
      : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
    if (name === undefined) return undefined;
    const value = this.context.resolver.resolve(node);
    if (value?.kind === 'env') return isSecretLikeName(value.name) ? { node, what: secretKind(value.name) } : this.byName(name, node);
    if (name.toLowerCase() === 'authorization') return { node, what: 'Authorization header' };
    if (isJwtSecretName(text.replace(/^this\./, ''))) return { node, what: 'JWT secret' };
    return this.byName(name, node);
  }

  /** What a name alone says; ambiguous names (`token`, `secret`) only in files that deal with JWTs. */
  private byName(name: string, node: ts.Node): Hit | undefined {
    if (isJwtSecretName(name)) return { node, what: secretKind(name) };
    const tokenKind = tokenNameKind(name);
    // Only names that say header (`authorization`, `authHeader`) are the header; `authToken` is a token.
    const what: Hit['what'] = /^auth(?:orization)?_?(?:header)?$/i.test(name) ? 'Authorization header' : 'Token';
    if (tokenKind === 'specific') return { node, what };
    if (!this.jwtFile) return undefined;
    if (isSecretLikeName(name)) return { node, what: secretKind(name) };
    return tokenKind === 'generic' ? { node, what } : undefined;
  }

  /** `const token = jwt.sign(...)` / `= await new SignJWT(...).sign(key)`. */
  private isSignResult(declaration: Declaration): boolean {
    if (declaration.kind !== 'variable' || declaration.path.length > 0) return false;
    const init = declaration.node.initializer ? unwrap(declaration.node.initializer) : undefined;
    return init !== undefined && ts.isCallExpression(init) && this.context.jwtCall(init)?.kind === 'sign';
  }
}

function secretKind(name: string): Hit['what'] {
  if (/private_?key/i.test(name.replace(/[^A-Za-z_]/g, ''))) return 'Private key';
  return isJwtSecretName(name, { envName: true }) || /jwt/i.test(name) ? 'JWT secret' : 'Secret';
}

function firstHit(thunks: (() => Hit | undefined)[]): Hit | undefined {
  for (const thunk of thunks) {
    const hit = thunk();
    if (hit) return hit;
  }
  return undefined;
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) ||
         ts.isAwaitExpression(current) || ts.isTypeAssertionExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

/**
 * How a hit is named in the message: a call as its callee (`jwt.sign(…)`), since its arguments
 * may be the very secret; string literals elsewhere as `…`, except the key of `headers['authorization']`.
 */
function shownText(node: ts.Node, sourceFile: ts.SourceFile): string {
  const target = ts.isCallExpression(node) ? node.expression : node;
  const start = target.getStart(sourceFile);
  let text = '';
  let at = start;
  const stack: ts.Node[] = [target];
  const literals: ts.Node[] = [];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const isKey = ts.isElementAccessExpression(current.parent) && current.parent.argumentExpression === current &&
      ts.isStringLiteralLike(current);
    if (!isKey && (ts.isStringLiteralLike(current) || ts.isTemplateExpression(current))) {
      literals.push(current);
      continue;
    }
    stack.push(...current.getChildren(sourceFile));
  }
  literals.sort((a, b) => a.getStart(sourceFile) - b.getStart(sourceFile));
  for (const literal of literals) {
    text += sourceFile.text.slice(at, literal.getStart(sourceFile)) + '…';
    at = literal.getEnd();
  }
  text += sourceFile.text.slice(at, target.getEnd());
  return shorten(text) + (target === node ? '' : '(…)');
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}
