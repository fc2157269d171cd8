/**
 * insecure-cookie: a token put in a cookie that scripts can read or that travels in
 * clear. Server APIs (Express/fastify `res.cookie`/`reply.setCookie`, Koa and Next.js
 * `cookies.set`, Hono/nookies `setCookie`, `cookie.serialize`) are judged on their flags,
 * with each framework's defaults; client-side writes (`document.cookie`, js-cookie) are
 * always script-readable.
 */
import ts from '../../analyze/js/typescript.cjs';
import { expressionName, initializerOf, unwrapExpression } from '../../analyze/js/expressions.js';
import { findDeclaration } from '../../analyze/js/scope.js';
import { stringParts, type StringPart } from '../../analyze/js/string-parts.js';
import { isTokenLikeName, looksLikeJwt, tokenLikeNameIn } from '../../analyze/js/token-names.js';
import type { Value } from '../../analyze/js/values.js';
import { forEachDescendant } from '../../analyze/js/walk.js';
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
          // A browser cookie library first: `this.cookies.set` is Koa's jar, or an injected CookieService.
          if (checkJsCookie(context, call)) return;
          const write = serverCookieWrite(context, call);
          if (write) return checkServerCookie(context, write);
          checkSetCookieCall(context, call);
        },
        [ts.SyntaxKind.BinaryExpression]: (node) => checkDocumentCookie(context, node as ts.BinaryExpression),
        [ts.SyntaxKind.PropertyAssignment]: (node) => checkSetCookieProperty(context, node as ts.PropertyAssignment),
        [ts.SyntaxKind.VariableDeclaration]: (node) => checkNuxtCookie(context, node as ts.VariableDeclaration),
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

/**
 * Browser cookie libraries: js-cookie `Cookies.set('token', token)`, universal-cookie / react-cookie
 * (`new Cookies().set`, the `setCookie` of `useCookies()`), VueUse `useCookies().set` and Angular's
 * ngx-cookie-service `CookieService.set`. They write `document.cookie`, so the cookie can never be HttpOnly.
 */
function checkJsCookie(context: JsRuleContext, call: ts.CallExpression): boolean {
  const library = scriptCookieLibrary(context, call.expression);
  if (!library) return false;
  const [nameNode, valueNode] = call.arguments;
  if (!nameNode || !valueNode) return true;
  const cookieName = context.resolver.resolveString(nameNode);
  if (!holdsToken(context, nameNode, cookieName, valueNode)) return true;
  context.report({
    node: call,
    message: `Cookie ${cookieName !== undefined ? `"${cookieName}"` : nameNode.getText()} holding a token is written from script (${library}), so it cannot be httpOnly and any script on the page can read it`,
  });
  return true;
}

/** Cookie jars that live in the browser: instances of these classes write `document.cookie`. */
const SCRIPT_COOKIE_CLASSES: Record<string, string> = {
  'universal-cookie': 'universal-cookie', 'react-cookie': 'react-cookie', 'ngx-cookie-service': 'ngx-cookie-service',
  'ngx-cookie': 'ngx-cookie', 'angular2-cookie': 'angular2-cookie', 'angular2-cookie/core': 'angular2-cookie',
  'angular2-cookie/services/cookies.service': 'angular2-cookie',
};

/** Which browser cookie library a call writes through, if any. */
function scriptCookieLibrary(context: JsRuleContext, callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) {
    // const [cookies, setCookie] = useCookies(['token'])  (react-cookie)
    const declaration = findDeclaration(callee);
    if (declaration?.kind !== 'variable' || declaration.path.join('.') !== '1' || !declaration.node.initializer) return undefined;
    const hook = context.resolver.resolve(unwrapCallee(declaration.node.initializer));
    return hook?.kind === 'module' && hook.module === 'react-cookie' && hook.member === 'useCookies' ? 'react-cookie' : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !['set', 'put'].includes(callee.name.text)) return undefined;
  const ref = context.resolver.resolve(callee);
  if (ref?.kind === 'module' && ref.module === 'js-cookie' && ref.member === 'set') return 'js-cookie';
  const receiver = unwrapExpression(callee.expression);
  if (ts.isIdentifier(receiver)) {
    const init = initializerOf(receiver);
    return init ? cookieJarLibrary(context, init) : undefined;
  }
  // this.cookieService.set(...): an injected or constructed member of the enclosing class
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return classMemberCookieLibrary(context, receiver);
  }
  return undefined;
}

function unwrapCallee(node: ts.Expression): ts.Expression {
  const expression = unwrapExpression(node);
  return ts.isCallExpression(expression) ? expression.expression : expression;
}

/** `new Cookies()`, `useCookies()` (VueUse), `inject(CookieService)`. */
function cookieJarLibrary(context: JsRuleContext, node: ts.Expression): string | undefined {
  const expression = unwrapExpression(node);
  if (ts.isNewExpression(expression)) return cookieClassLibrary(context, expression.expression);
  if (!ts.isCallExpression(expression)) return undefined;
  const callee = context.resolver.resolve(expression.expression);
  if (callee?.kind !== 'module') return undefined;
  if (callee.module.startsWith('@vueuse/integrations') && callee.member === 'useCookies') return 'VueUse useCookies';
  if (callee.module === '@angular/core' && callee.member === 'inject' && expression.arguments[0]) {
    return cookieClassLibrary(context, expression.arguments[0]);
  }
  return undefined;
}

function cookieClassLibrary(context: JsRuleContext, node: ts.Node): string | undefined {
  const ref = ts.isExpression(node) ? context.resolver.resolve(node) : undefined;
  if (ref?.kind !== 'module' || !(ref.member === undefined || ref.member === 'Cookies' || ref.member === 'CookieService')) {
    return undefined;
  }
  return SCRIPT_COOKIE_CLASSES[ref.module];
}

/** `constructor(private cookieService: CookieService)` or `private cookies = inject(CookieService)`. */
function classMemberCookieLibrary(context: JsRuleContext, member: ts.PropertyAccessExpression): string | undefined {
  const name = member.name.text;
  let owner: ts.Node | undefined = member.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  if (!owner) return undefined;
  for (const element of owner.members) {
    if (ts.isPropertyDeclaration(element) && ts.isIdentifier(element.name) && element.name.text === name) {
      if (element.initializer) return cookieJarLibrary(context, element.initializer);
      return element.type ? typeLibrary(context, element.type) : undefined;
    }
    if (ts.isConstructorDeclaration(element)) {
      const parameter = element.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (parameter?.type) return typeLibrary(context, parameter.type);
    }
  }
  return undefined;
}

function typeLibrary(context: JsRuleContext, type: ts.TypeNode): string | undefined {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  return cookieClassLibrary(context, type.typeName);
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

// ---------------------------------------------------------------------------------------------
// Raw Set-Cookie headers: res.setHeader('Set-Cookie', `token=${t}; HttpOnly`), headers.set/append,
// `headers: { 'Set-Cookie': ... }` in a Response init.

const HEADER_METHODS = new Set(['setHeader', 'set', 'append', 'header']);

function isSetCookieName(context: JsRuleContext, node: ts.Expression | undefined): boolean {
  const name = node ? context.resolver.resolveString(node) : undefined;
  return name !== undefined && name.toLowerCase() === 'set-cookie';
}

function checkSetCookieCall(context: JsRuleContext, call: ts.CallExpression): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !HEADER_METHODS.has(callee.name.text) || call.arguments.length !== 2) return;
  if (!isSetCookieName(context, call.arguments[0])) return;
  checkSetCookieValue(context, call.arguments[1]!, call);
}

function checkSetCookieProperty(context: JsRuleContext, prop: ts.PropertyAssignment): void {
  if (!ts.isStringLiteral(prop.name) || prop.name.text.toLowerCase() !== 'set-cookie') return;
  checkSetCookieValue(context, prop.initializer, prop);
}

/** One header value, or each string of an array of them. */
function checkSetCookieValue(context: JsRuleContext, node: ts.Expression, site: ts.Node): void {
  let expression = unwrapExpression(node);
  if (ts.isIdentifier(expression)) {
    const init = initializerOf(expression);
    if (init) expression = unwrapExpression(init);
  }
  if (ts.isArrayLiteralExpression(expression)) {
    for (const element of expression.elements) checkSetCookieValue(context, element, site);
    return;
  }
  // cookie.serialize(...) and friends are judged on their options where they are called.
  if (!ts.isStringLiteralLike(expression) && !ts.isTemplateExpression(expression) &&
      !(ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    return;
  }
  const cookie = parseSetCookie(stringParts(expression, context.resolver));
  if (!cookie || cookie.valueEmpty) return;
  const tokenName = cookie.name !== undefined && isTokenLikeName(cookie.name);
  const valueNode = cookie.valueNode;
  const tokenValue = valueNode !== undefined && (tokenLikeNameIn(valueNode) !== undefined || isSignedToken(context, valueNode));
  if (!tokenName && !tokenValue) return;
  const attributes = cookie.attributes.toLowerCase();
  if (/(?:^|;)\s*max-age\s*=\s*0\s*(?:;|$)|expires\s*=\s*thu,\s*01 jan 1970/.test(attributes)) return;
  const missing: string[] = [];
  if (!/(?:^|;)\s*httponly\s*(?:;|$)/.test(attributes)) missing.push('HttpOnly');
  if (!/(?:^|;)\s*secure\s*(?:;|$)/.test(attributes) && !inEnvironmentBranch(site)) missing.push('Secure');
  if (!/(?:^|;)\s*samesite\s*=\s*\w/.test(attributes)) missing.push('SameSite');
  if (missing.length === 0) return;
  const label = cookie.name !== undefined ? `"${cookie.name}"` : 'cookie';
  context.report({
    node: expression,
    message: `Set-Cookie header sets the token cookie ${label} without ${missing.join(', ')}`,
  });
}

interface ParsedSetCookie {
  name: string | undefined;
  valueNode: ts.Expression | undefined;
  valueEmpty: boolean;
  /** The text after the first ";" (all known). */
  attributes: string;
}

/**
 * Splits "name=value; Attr; Attr=x" built from text and runtime parts. Undefined when the
 * attributes are not all known (a runtime part after the value may add any of them).
 */
function parseSetCookie(parts: StringPart[]): ParsedSetCookie | undefined {
  const text = parts.map((part) => (part.kind === 'text' ? part.text : '\u0000')).join('');
  const eq = text.indexOf('=');
  if (eq <= 0 || text.slice(0, eq).includes('\u0000')) return undefined;
  const semicolon = text.indexOf(';', eq);
  const value = semicolon === -1 ? text.slice(eq + 1) : text.slice(eq + 1, semicolon);
  const attributes = semicolon === -1 ? '' : text.slice(semicolon + 1);
  if (attributes.includes('\u0000')) return undefined;
  // The runtime part that is the value: the first one after "=".
  let valueNode: ts.Expression | undefined;
  let offset = 0;
  for (const part of parts) {
    const length = part.kind === 'text' ? part.text.length : 1;
    if (part.kind === 'dynamic' && offset > eq && (semicolon === -1 || offset < semicolon)) {
      valueNode = part.node;
      break;
    }
    offset += length;
  }
  return { name: text.slice(0, eq).trim(), valueNode, valueEmpty: value.trim() === '', attributes };
}

// ---------------------------------------------------------------------------------------------
// Nuxt: `const token = useCookie('token'); token.value = jwt` writes document.cookie when it runs in the
// browser, so the cookie cannot be HttpOnly (unless the options say httpOnly, which Nuxt only honours on the server).

const NUXT_MODULES = new Set(['#app', '#imports', 'nuxt/app']);

function checkNuxtCookie(context: JsRuleContext, declaration: ts.VariableDeclaration): void {
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return;
  const call = unwrapExpression(declaration.initializer);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'useCookie') return;
  const source = findDeclaration(call.expression);
  // Auto-imported (declared nowhere) or imported from Nuxt.
  if (source && !(source.kind === 'import' && NUXT_MODULES.has(source.module))) return;
  const [nameNode, optionsNode] = call.arguments;
  const cookieName = nameNode ? context.resolver.resolveString(nameNode) : undefined;
  if (cookieName === undefined || !isTokenLikeName(cookieName)) return;
  if (optionsNode) {
    const options = context.resolver.resolve(optionsNode);
    if (options?.kind !== 'object') return; // options built elsewhere: trust them
    // httpOnly: true, or a value jwt-lint cannot read: the write is meant for the server.
    const httpOnly = options.props.get('httpOnly');
    if (httpOnly && !(httpOnly.value?.kind === 'boolean' && !httpOnly.value.value)) return;
  }
  const write = valueWrite(declaration.name);
  if (!write) return;
  context.report({
    node: write,
    message: `Cookie "${cookieName}" holding a token is written from script (Nuxt useCookie without httpOnly), so it cannot be httpOnly and any script on the page can read it`,
  });
}

/** The first `ref.value = x` with a runtime x (not a clearing null/undefined/''). */
function valueWrite(ref: ts.Identifier): ts.BinaryExpression | undefined {
  const scope = ref.parent.parent?.parent?.parent ?? ref.getSourceFile();
  let found: ts.BinaryExpression | undefined;
  const visit = (node: ts.Node): 'stop' | void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) && node.left.name.text === 'value' &&
        ts.isIdentifier(node.left.expression) && node.left.expression.text === ref.text) {
      const value = unwrapExpression(node.right);
      const clears = value.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value) && value.text === 'undefined') ||
        (ts.isStringLiteralLike(value) && value.text === '');
      const target = findDeclaration(node.left.expression);
      if (!clears && target?.kind === 'variable' && target.bindingNode === ref) {
        found = node;
        return 'stop';
      }
    }
  };
  if (visit(scope) !== 'stop') forEachDescendant(scope, visit);
  return found;
}
