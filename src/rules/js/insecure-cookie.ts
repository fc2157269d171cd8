/**
 * insecure-cookie: a token put in a cookie that scripts can read or that travels in
 * clear. Server APIs (Express/fastify `res.cookie`/`reply.setCookie`, Koa and Next.js
 * `cookies.set`, Hono/nookies `setCookie`, `cookie.serialize`) are judged on their flags,
 * with each framework's defaults; client-side writes (`document.cookie`, js-cookie) are
 * always script-readable.
 */
import { ts } from 'ts-morph';
import { expressionName, initializerOf, unwrapExpression } from '../../analyze/js/expressions.js';
import { findDeclaration } from '../../analyze/js/scope.js';
import { stringParts } from '../../analyze/js/string-parts.js';
import { isTokenLikeName, looksLikeJwt, tokenLikeNameIn } from '../../analyze/js/token-names.js';
import type { Value } from '../../analyze/js/values.js';
import type { JsRule, JsRuleContext } from '../rule.js';

type Flag = 'httpOnly' | 'secure' | 'sameSite';
const FLAGS: Flag[] = ['httpOnly', 'secure', 'sameSite'];

/** Flags a framework sets by itself when the option is absent. */
type Defaults = ReadonlySet<Flag>;
const NO_DEFAULTS: Defaults = new Set();
/** Koa (`cookies` module): httpOnly by default; secure follows the connection. */
const KOA_DEFAULTS: Defaults = new Set<Flag>(['httpOnly', 'secure']);
/** SvelteKit `cookies.set`: httpOnly, secure and sameSite=lax by default. */
const SVELTEKIT_DEFAULTS: Defaults = new Set<Flag>(FLAGS);

const RESPONSE_NAMES = new Set(['res', 'response', 'resp', 'reply']);
const SET_COOKIE_MODULES = new Set(['hono/cookie', 'nookies']);

interface CookieWrite {
  call: ts.CallExpression;
  name: ts.Expression | undefined;
  value: ts.Expression | undefined;
  /** The options argument; undefined when the call passes none. */
  options: ts.Expression | undefined;
  defaults: Defaults;
  /** Next.js `cookies().set({ name, value, httpOnly })`: everything in one object. */
  single?: ts.Expression;
}

export const insecureCookie: JsRule = {
  id: 'insecure-cookie',
  fix: 'Set token cookies on the server with httpOnly: true, secure: true and sameSite: \'strict\' (or \'lax\'), and never write them from client-side script.',
  create(context) {
    return {
      nodes: {
        [ts.SyntaxKind.CallExpression]: (node) => {
          const call = node as ts.CallExpression;
          const write = serverCookieWrite(context, call);
          if (write) return checkServerCookie(context, write);
          checkJsCookie(context, call);
        },
        [ts.SyntaxKind.BinaryExpression]: (node) => checkDocumentCookie(context, node as ts.BinaryExpression),
      },
    };
  },
};

/** Recognises a server-side cookie write and the defaults of its framework. */
function serverCookieWrite(context: JsRuleContext, call: ts.CallExpression): CookieWrite | undefined {
  const callee = call.expression;
  const [first, second, third, fourth] = call.arguments;
  if (ts.isIdentifier(callee)) {
    // setCookie(c, name, value, opts) from hono/cookie or nookies
    const ref = context.resolver.resolve(callee);
    if (ref?.kind === 'module' && SET_COOKIE_MODULES.has(ref.module) && ref.member === 'setCookie') {
      return { call, name: second, value: third, options: fourth, defaults: NO_DEFAULTS };
    }
    if (ref?.kind === 'module' && ref.module === 'cookie' && ref.member === 'serialize') {
      return { call, name: first, value: second, options: third, defaults: NO_DEFAULTS };
    }
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const receiver = unwrapExpression(callee.expression);
  if (method === 'serialize') {
    const ref = context.resolver.resolve(receiver);
    if (ref?.kind === 'module' && ref.module === 'cookie' && ref.member === undefined) {
      return { call, name: first, value: second, options: third, defaults: NO_DEFAULTS };
    }
    return undefined;
  }
  if (method === 'cookie' || method === 'setCookie') {
    // res.cookie(name, value, opts) (Express), reply.setCookie(name, value, opts) (fastify)
    const receiverName = expressionName(receiver);
    if (receiverName === undefined || !RESPONSE_NAMES.has(receiverName) || call.arguments.length < 2) return undefined;
    return { call, name: first, value: second, options: third, defaults: NO_DEFAULTS };
  }
  if (method !== 'set') return undefined;
  const defaults = cookieJarDefaults(receiver);
  if (!defaults) return undefined;
  if (call.arguments.length === 1 && first) return { call, name: undefined, value: undefined, options: undefined, defaults, single: first };
  if (call.arguments.length < 2) return undefined;
  return { call, name: first, value: second, options: third, defaults };
}

/**
 * The defaults of a cookie jar's `set`: `ctx.cookies` (Koa), `cookies()` / `response.cookies`
 * (Next.js, Astro), the `cookies` of a SvelteKit request event.
 */
function cookieJarDefaults(receiver: ts.Expression): Defaults | undefined {
  if (ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'cookies') {
    const owner = expressionName(unwrapExpression(receiver.expression));
    if (owner === 'ctx' || receiver.expression.kind === ts.SyntaxKind.ThisKeyword) return KOA_DEFAULTS;
    if (owner === 'event') return SVELTEKIT_DEFAULTS;
    return NO_DEFAULTS;
  }
  if (isNextCookiesCall(receiver)) return NO_DEFAULTS;
  if (ts.isIdentifier(receiver)) {
    const declaration = findDeclaration(receiver);
    // `export async function load({ cookies })`: SvelteKit hands the jar in.
    if (declaration?.kind === 'parameter' && receiver.text === 'cookies') return SVELTEKIT_DEFAULTS;
    const init = initializerOf(receiver);
    if (init && isNextCookiesCall(unwrapExpression(init))) return NO_DEFAULTS;
  }
  return undefined;
}

function isNextCookiesCall(node: ts.Expression): boolean {
  const expression = unwrapExpression(node);
  return ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'cookies' && expression.arguments.length === 0;
}

function checkServerCookie(context: JsRuleContext, write: CookieWrite): void {
  const { resolver } = context;
  let nameNode = write.name;
  let valueNode = write.value;
  let options: Value | undefined;
  if (write.single) {
    options = resolver.resolve(write.single);
    if (options?.kind !== 'object') return;
    const literal = unwrapExpression(write.single);
    if (ts.isObjectLiteralExpression(literal)) {
      for (const prop of literal.properties) {
        const key = prop.name && ts.isIdentifier(prop.name) ? prop.name.text : undefined;
        const init = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
        if (key === 'name') nameNode = init;
        if (key === 'value') valueNode = init;
      }
    }
  } else if (write.options) {
    options = resolver.resolve(write.options);
    if (options?.kind === 'undefined') options = undefined;
    else if (options?.kind !== 'object') return; // options built elsewhere: trust them
  }
  const cookieName = nameNode ? resolver.resolveString(nameNode) : undefined;
  if (!holdsToken(context, nameNode, cookieName, valueNode)) return;
  if (options && clearsCookie(options)) return;
  const missing = FLAGS.filter((flag) => isMissing(options, flag, write.defaults))
    .filter((flag) => flag !== 'secure' || !inEnvironmentBranch(write.call));
  if (missing.length === 0) return;
  const label = cookieName !== undefined ? `"${cookieName}"` : nameNode ? nameNode.getText() : 'cookie';
  context.report({
    node: write.single ?? write.options ?? write.call,
    message: `Cookie ${label} holding a token is set without ${missing.join(', ')}`,
  });
}

/**
 * `if (process.env.NODE_ENV === 'production') { ...secure: true } else { ...no secure }`:
 * the HTTP variant of a cookie written for local development is not a finding for `secure`.
 */
function inEnvironmentBranch(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    const condition = ts.isIfStatement(current) ? current.expression : ts.isConditionalExpression(current) ? current.condition : undefined;
    if (condition && ENVIRONMENT_CHECK.test(condition.getText())) return true;
    if (ts.isFunctionLike(current)) break;
  }
  return false;
}

const ENVIRONMENT_CHECK = /NODE_ENV|production|development|\bis(?:Prod|Dev|Production|Development|Local|Secure|Https)\b|\bsecure\b|https/i;

/** A token cookie: named like one, or holding a token-named value or a freshly signed token. */
function holdsToken(context: JsRuleContext, nameNode: ts.Expression | undefined, cookieName: string | undefined,
  valueNode: ts.Expression | undefined): boolean {
  if (valueNode) {
    const value = context.resolver.resolve(valueNode);
    if (value && value.kind !== 'env' && !(value.kind === 'string' && looksLikeJwt(value.value))) return false;
  }
  const name = cookieName ?? (nameNode ? expressionName(nameNode) : undefined);
  if (name !== undefined && isTokenLikeName(name)) return true;
  if (!valueNode) return false;
  return tokenLikeNameIn(valueNode) !== undefined || isSignedToken(context, valueNode);
}

/** `jwt.sign(...)` directly, or a const initialised with one. */
function isSignedToken(context: JsRuleContext, node: ts.Expression): boolean {
  let expression = unwrapExpression(node);
  if (ts.isIdentifier(expression)) {
    const init = initializerOf(expression);
    if (!init) return false;
    expression = unwrapExpression(init);
  }
  return (ts.isCallExpression(expression) || ts.isNewExpression(expression)) && context.jwtCall(expression)?.kind === 'sign';
}

/** `maxAge: 0` or `expires: new Date(0)`: the write deletes the cookie. */
function clearsCookie(options: Value): boolean {
  if (options.kind !== 'object') return false;
  const maxAge = options.props.get('maxAge')?.value;
  return maxAge?.kind === 'number' && maxAge.value <= 0;
}

/** A flag is missing when absent from fully known options (and not a framework default) or set to false. */
function isMissing(options: Value | undefined, flag: Flag, defaults: Defaults): boolean {
  if (!options) return !defaults.has(flag);
  if (options.kind !== 'object') return false;
  const entry = options.props.get(flag) ?? options.props.get(flag.toLowerCase());
  if (!entry) return options.complete && !defaults.has(flag);
  const value = entry.value;
  if (value?.kind === 'boolean') return !value.value;
  if (flag === 'sameSite' && value?.kind === 'string') return value.value.trim() === '';
  return value?.kind === 'undefined' || value?.kind === 'null' ? !defaults.has(flag) : false;
}

/** js-cookie: `Cookies.set('token', token)` writes from script; such a cookie can never be HttpOnly. */
function checkJsCookie(context: JsRuleContext, call: ts.CallExpression): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'set') return;
  const ref = context.resolver.resolve(callee);
  if (ref?.kind !== 'module' || ref.module !== 'js-cookie' || ref.member !== 'set') return;
  const [nameNode, valueNode] = call.arguments;
  if (!nameNode || !valueNode) return;
  const cookieName = context.resolver.resolveString(nameNode);
  if (!holdsToken(context, nameNode, cookieName, valueNode)) return;
  context.report({
    node: call,
    message: `Cookie ${cookieName !== undefined ? `"${cookieName}"` : nameNode.getText()} holding a token is written from script (js-cookie), so it cannot be httpOnly and any script on the page can read it`,
  });
}

/** `document.cookie = 'token=' + token`: a script-written token cookie. */
function checkDocumentCookie(context: JsRuleContext, assignment: ts.BinaryExpression): void {
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = assignment.left;
  if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'cookie') return;
  const owner = unwrapExpression(target.expression);
  const isDocument = (ts.isIdentifier(owner) && owner.text === 'document') ||
    (ts.isPropertyAccessExpression(owner) && owner.name.text === 'document' && ts.isIdentifier(owner.expression) &&
     ['window', 'globalThis'].includes(owner.expression.text));
  if (!isDocument) return;
  const parts = stringParts(assignment.right, context.resolver);
  // Split "name=value; attributes" at the first "=".
  let name = '';
  let nameNode: ts.Expression | undefined;
  let index = 0;
  let valueStart: { part: number; offset: number } | undefined;
  for (; index < parts.length && !valueStart; index++) {
    const part = parts[index]!;
    if (part.kind === 'dynamic') {
      nameNode = part.node;
      continue;
    }
    const eq = part.text.indexOf('=');
    if (eq === -1) name += part.text;
    else {
      name += part.text.slice(0, eq);
      valueStart = { part: index, offset: eq + 1 };
    }
  }
  if (!valueStart) return;
  const startPart = parts[valueStart.part];
  const rest = startPart?.kind === 'text' ? startPart.text.slice(valueStart.offset) : '';
  const next = parts[valueStart.part + 1];
  // The value is the text up to ";" plus the following dynamic part, if the text is empty.
  const valueIsEmpty = rest.startsWith(';') || (rest.trim() === '' && next === undefined);
  if (valueIsEmpty) return;
  const whole = parts.map((part) => (part.kind === 'text' ? part.text : '\u0000')).join('').toLowerCase();
  if (/max-age=0\b|expires=thu, 01 jan 1970/.test(whole)) return;
  const cookieName = nameNode ? undefined : name.trim();
  const nameFromCode = nameNode ? expressionName(nameNode) : undefined;
  const valueNode = rest.trim() === '' && next?.kind === 'dynamic' ? next.node : undefined;
  const tokenName = isTokenLikeName(name.trim()) || (nameFromCode !== undefined && isTokenLikeName(nameFromCode));
  const tokenValue = valueNode !== undefined && (tokenLikeNameIn(valueNode) !== undefined || isSignedToken(context, valueNode));
  if (!tokenName && !tokenValue) return;
  const label = cookieName ? `the token cookie "${cookieName}"` : 'a token cookie';
  context.report({
    node: assignment,
    message: `document.cookie writes ${label} from script, so it cannot be httpOnly and any script on the page can read it`,
  });
}
