/**
 * sensitive-payload: secrets or personal data signed into a token. Looks at the payload
 * of every sign call (and of fast-jwt signer functions): fields named like passwords,
 * hashes, card data, national ids, API keys; and whole user/account/request objects used
 * as, spread into or nested in the payload.
 */
import ts from '../../analyze/js/typescript.cjs';
import {
  initializerOf, objectLiteralOf, propertyValue, staticPropertyName, unwrapExpression,
} from '../../analyze/js/expressions.js';
import { findDeclaration } from '../../analyze/js/scope.js';
import { someNode } from '../../analyze/js/walk.js';
import { isCuratedName, isEntityName, isSensitiveField } from '../../analyze/names/claim-names.js';
import { nameWords } from '../../analyze/names/words.js';
import type { Value } from '../../analyze/js/values.js';
import type { JsRule, JsRuleContext } from '../rule.js';

const MAX_DEPTH = 3;

/**
 * Bare names that are sensitive only when the value says so: `hash: user.passwordHash`,
 * `hash: await bcrypt.hash(pw, 10)`, `pin: req.body.pin`; not `hash: commit.sha` or `pin: post.pinned`.
 */
const CONTEXT_FIELDS: Record<string, ReadonlySet<string>> = {
  hash: new Set(['password', 'passwd', 'pwd', 'passphrase', 'bcrypt', 'bcryptjs', 'argon2', 'argon', 'scrypt', 'pbkdf2',
    'credential', 'credentials']),
  pin: new Set(['pin', 'pincode', 'passcode', 'password', 'passwd', 'pwd']),
};
const MAX_CONTEXT_HOPS = 2;
const SERIALIZERS = new Set(['toJSON', 'toObject', 'toJson', 'get']);

export const sensitivePayload: JsRule = {
  id: 'sensitive-payload',
  fix: 'Sign only what the receiver needs (a user id in "sub", roles or scopes) and look up everything else on the server; encrypt (JWE) if a token must carry confidential data.',
  create(context) {
    const fastJwtFile = context.sourceFile.text.includes('fast-jwt');
    return {
      jwtCall(call) {
        if (call.kind === 'sign' && call.payload) checkPayload(context, call.payload, 0);
      },
      nodes: {
        [ts.SyntaxKind.CallExpression]: (node) => {
          // `const sign = createSigner({...}); sign(payload)`
          if (!fastJwtFile) return;
          const call = node as ts.CallExpression;
          if (!ts.isIdentifier(call.expression) || !call.arguments[0]) return;
          const init = initializerOf(call.expression);
          const factory = init ? unwrapExpression(init) : undefined;
          if (!factory || !ts.isCallExpression(factory)) return;
          const signer = context.jwtCall(factory);
          if (signer?.library === 'fast-jwt' && signer.kind === 'sign') checkPayload(context, call.arguments[0], 0);
        },
      },
    };
  },
};

function checkPayload(context: JsRuleContext, node: ts.Expression, depth: number): void {
  const expression = unwrapExpression(node);
  const whole = wholeObjectName(context, expression);
  if (whole) {
    context.report({
      node: expression,
      message: `Token payload is the whole "${whole}" object, so every field it holds is readable by anyone who has the token`,
    });
    return;
  }
  const literal = objectLiteralOf(expression);
  if (literal) return checkLiteral(context, literal, depth);
  const value = context.resolver.resolve(expression);
  if (value?.kind === 'object') checkResolvedFields(context, value, depth);
}

function checkLiteral(context: JsRuleContext, literal: ts.ObjectLiteralExpression, depth: number): void {
  for (const prop of literal.properties) {
    if (ts.isSpreadAssignment(prop)) {
      const spread = unwrapExpression(prop.expression);
      const whole = wholeObjectName(context, spread);
      if (whole) {
        context.report({
          node: prop,
          message: `Token payload spreads the whole "${whole}" object, so every field it holds is readable by anyone who has the token`,
        });
      } else if (depth < MAX_DEPTH) {
        checkPayload(context, spread, depth + 1);
      }
      continue;
    }
    const key = prop.name ? staticPropertyName(prop.name) : undefined;
    const value = propertyValue(prop);
    if (key !== undefined && (isSensitiveField(key) || hasSensitiveContext(key, value)) && !holdsFlag(context, value)) {
      context.report({ node: prop, message: sensitiveFieldMessage(key) });
      continue;
    }
    if (!value) continue;
    const whole = wholeObjectName(context, unwrapExpression(value));
    if (whole) {
      context.report({
        node: prop,
        message: `Token payload embeds the whole "${whole}" object in "${key ?? '?'}", so every field it holds is readable by anyone who has the token`,
      });
    } else if (depth < MAX_DEPTH) {
      const nested = objectLiteralOf(value);
      if (nested) checkLiteral(context, nested, depth + 1);
    }
  }
}

/** Fields of a payload object resolved from elsewhere (an imported object, a spread of one). */
function checkResolvedFields(context: JsRuleContext, value: Extract<Value, { kind: 'object' }>, depth: number): void {
  for (const [key, entry] of value.props) {
    const fieldValue = entry.value;
    const contextWords = CONTEXT_FIELDS[nameWords(key).join('')];
    const inContext = contextWords !== undefined && fieldValue?.kind === 'string' &&
      fieldValue.names.some((name) => nameWords(name).some((word) => contextWords.has(word)));
    if ((isSensitiveField(key) || inContext) && fieldValue?.kind !== 'boolean') {
      context.report({ origin: entry.origin, message: sensitiveFieldMessage(key) });
    } else if (fieldValue?.kind === 'object' && depth < MAX_DEPTH) {
      checkResolvedFields(context, fieldValue, depth + 1);
    }
  }
}

function sensitiveFieldMessage(key: string): string {
  return `Token payload carries "${key}", readable by anyone who has the token (a JWT payload is only base64-encoded, not encrypted)`;
}

/**
 * A bare `hash`/`pin` whose value is reached through a password or PIN name: the names and
 * callees written in the value, and in the initializers of the consts it uses (two hops).
 */
function hasSensitiveContext(key: string, value: ts.Expression | undefined): boolean {
  const words = CONTEXT_FIELDS[nameWords(key).join('')];
  if (!words || !value) return false;
  const matches = (name: string): boolean => nameWords(name).some((word) => words.has(word));
  let found = false;
  const seen = new Set<ts.Node>();
  let frontier: ts.Expression[] = [value];
  for (let hop = 0; hop <= MAX_CONTEXT_HOPS && frontier.length > 0 && !found; hop++) {
    const next: ts.Expression[] = [];
    for (const expression of frontier) {
      if (seen.has(expression)) continue;
      seen.add(expression);
      someNode(expression, (node) => {
        if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
          // The shorthand `{ pin }` names the field, not its source: only its initializer counts.
          const isShorthandOfKey = node === value && ts.isShorthandPropertyAssignment(node.parent);
          if (!isShorthandOfKey && matches(node.text)) return (found = true);
          const isMemberName = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node;
          if (ts.isIdentifier(node) && !isMemberName) {
            const init = initializerOf(node);
            if (init) next.push(init);
          }
        } else if (ts.isStringLiteralLike(node) && ts.isElementAccessExpression(node.parent) && matches(node.text)) {
          return (found = true);
        }
        return false;
      });
      if (found) break;
    }
    frontier = next;
  }
  return found;
}

/** `{ password: true }` is a flag, not a password. */
function holdsFlag(context: JsRuleContext, value: ts.Expression | undefined): boolean {
  return context.resolver.resolve(value)?.kind === 'boolean';
}

/**
 * The name of a whole entity or request object, when the expression is one whose fields
 * cannot be known: `user`, `req.user`, `req.body`, `user.toJSON()`, `user._doc`.
 */
function wholeObjectName(context: JsRuleContext, expression: ts.Expression): string | undefined {
  const known = context.resolver.resolve(expression);
  if (known && known.kind !== 'env' && known.kind !== 'module') return undefined;
  if (ts.isIdentifier(expression)) {
    return isEntityName(expression.text) && !declaredAsCurated(expression) ? expression.text : undefined;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const name = expression.name.text;
    const receiver = unwrapExpression(expression.expression);
    if (name === 'body' && isRequest(receiver)) return expression.getText();
    if ((name === '_doc' || name === 'dataValues') && isEntityReceiver(receiver)) return expression.getText();
    const receiverName = ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver)
      ? (ts.isIdentifier(receiver) ? receiver.text : receiver.name.text) : '';
    if (isCuratedName(receiverName)) return undefined;
    return isEntityName(name) ? expression.getText() : undefined;
  }
  if (ts.isCallExpression(expression)) {
    const callee = expression.expression;
    // user.toJSON(), user.toObject(), user.get({ plain: true })
    if (ts.isPropertyAccessExpression(callee) && SERIALIZERS.has(callee.name.text) &&
        isEntityReceiver(unwrapExpression(callee.expression)) &&
        (callee.name.text !== 'get' || expression.arguments.length === 0 || isPlainOption(expression.arguments[0]))) {
      return `${callee.expression.getText()}.${callee.name.text}()`;
    }
    // JSON.parse(JSON.stringify(user))
    const inner = expression.arguments[0];
    if (isJsonCall(callee, 'parse') && inner && ts.isCallExpression(unwrapExpression(inner))) {
      const stringify = unwrapExpression(inner) as ts.CallExpression;
      const target = stringify.arguments[0];
      if (isJsonCall(stringify.expression, 'stringify') && target) return wholeObjectName(context, unwrapExpression(target));
    }
  }
  return undefined;
}

/**
 * `user: TokenPayload` or `user: { id: string; role: string }`: the declared type says the
 * object was shaped for the token (an inline shape counts unless it lists a sensitive field).
 */
function declaredAsCurated(identifier: ts.Identifier): boolean {
  const declaration = findDeclaration(identifier);
  const node = declaration?.kind === 'parameter' ? declaration.node
    : declaration?.kind === 'variable' && declaration.path.length === 0 ? declaration.node : undefined;
  const type = node?.type;
  if (!type) return false;
  if (ts.isTypeLiteralNode(type)) {
    return !type.members.some((member) => member.name !== undefined && isSensitiveField(staticPropertyName(member.name) ?? ''));
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    return isCuratedName(name);
  }
  return false;
}

function isEntityReceiver(node: ts.Expression): boolean {
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isIdentifier(node)) return isEntityName(node.text);
  if (ts.isPropertyAccessExpression(node)) return isEntityName(node.name.text);
  return false;
}

function isRequest(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return ['req', 'request'].includes(node.text);
  // ctx.request.body (Koa)
  return ts.isPropertyAccessExpression(node) && node.name.text === 'request';
}

function isPlainOption(node: ts.Expression | undefined): boolean {
  const literal = node ? objectLiteralOf(node) : undefined;
  return literal !== undefined && literal.properties.some((prop) => prop.name && staticPropertyName(prop.name) === 'plain');
}

function isJsonCall(callee: ts.Expression, method: string): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === method &&
    ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON';
}
