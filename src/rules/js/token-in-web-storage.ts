/**
 * token-in-web-storage: auth tokens written to localStorage/sessionStorage, where every
 * script on the page can read them. Covers `setItem`, property and bracket assignment
 * (through `window.`, `globalThis.`, `self.` and local aliases) and redux-persist
 * configurations that keep a token slice in storage.
 */
import ts from '../../analyze/js/typescript.cjs';
import {
  expressionName, findProperty, initializerOf, objectLiteralOf, propertyValue, staticPropertyName, unwrapExpression,
} from '../../analyze/js/expressions.js';
import { returnedExpression } from '../../analyze/js/libraries.js';
import { findDeclaration } from '../../analyze/js/scope.js';
import { isTokenLikeName, looksLikeJwt, tokenLikeNameIn } from '../../analyze/js/token-names.js';
import type { JsRule, JsRuleContext } from '../rule.js';

type StorageName = 'localStorage' | 'sessionStorage';

const STORAGE_METHODS = new Set(['setItem', 'getItem', 'removeItem', 'clear', 'key', 'length']);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);
const REDUX_PERSIST_STORAGE: Record<string, StorageName> = {
  'redux-persist/lib/storage': 'localStorage',
  'redux-persist/es/storage': 'localStorage',
  'redux-persist/lib/storage/session': 'sessionStorage',
  'redux-persist/es/storage/session': 'sessionStorage',
};
/** URLs of requests whose response carries a token. */
const LOGIN_URL = /(?:^|[/._-])(?:log-?in|sign-?in|authenticate|token|oauth)(?:$|[/?._-])/i;
/** Containers of a whole response body: `res.data`, `result.body`. */
const RESPONSE_CONTAINERS = new Set(['data', 'body', 'result', 'payload']);

export const tokenInWebStorage: JsRule = {
  id: 'token-in-web-storage',
  fix: 'Keep tokens out of Web Storage: let the server set an HttpOnly, Secure, SameSite cookie, or hold a short-lived access token in memory only.',
  create(context) {
    const check = (node: ts.Node, storage: StorageName, key: ts.Expression | undefined, keyText: string | undefined,
      value: ts.Expression): void => {
      const keyString = keyText ?? (key ? context.resolver.resolveString(key) : undefined);
      const keyName = keyString ?? (key ? expressionName(key) : undefined);
      const valueLiteral = context.resolver.resolve(value);
      if (valueLiteral && ['string', 'number', 'boolean', 'null', 'undefined'].includes(valueLiteral.kind) &&
          !(valueLiteral.kind === 'string' && looksLikeJwt(valueLiteral.value))) {
        return; // a constant such as '' or 'true' is not a token
      }
      // A value whose content is written out and holds no token: `JSON.stringify({ step: 2 })` under "authState".
      if (isObjectWithoutToken(value)) return;
      const valueName = tokenLikeNameIn(value);
      // A bare `tokens` (lexer or LLM tokens) under a known, unrelated key is not enough.
      const valueIsToken = valueName !== undefined && !(keyString !== undefined && /^tokens$/i.test(valueName));
      const named = (keyName !== undefined && isTokenLikeName(keyName)) || valueIsToken || carriesTokenField(value);
      const loginResponse = !named && isLoginResponse(context, value);
      if (!named && !loginResponse) return;
      const under = keyString !== undefined ? `"${keyString}"` : key ? key.getText() : 'a key';
      context.report({
        node,
        message: `${loginResponse ? 'Login response (with its token)' : 'Token'} written to ${storage} under ${under}, ` +
          'where any script on the page can read it',
      });
    };
    return {
      nodes: {
        [ts.SyntaxKind.CallExpression]: (node) => {
          const call = node as ts.CallExpression;
          const callee = call.expression;
          if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'setItem') {
            checkStorageLibraries(context, call);
            return;
          }
          const storage = webStorage(callee.expression);
          const value = call.arguments[1];
          if (storage && value) check(call, storage, call.arguments[0], undefined, value);
        },
        [ts.SyntaxKind.BinaryExpression]: (node) => {
          const assignment = node as ts.BinaryExpression;
          if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
          const target = assignment.left;
          if (ts.isPropertyAccessExpression(target)) {
            if (STORAGE_METHODS.has(target.name.text)) return;
            const storage = webStorage(target.expression);
            if (storage) check(assignment, storage, undefined, target.name.text, assignment.right);
          } else if (ts.isElementAccessExpression(target)) {
            const storage = webStorage(target.expression);
            if (storage) check(assignment, storage, target.argumentExpression, undefined, assignment.right);
          }
        },
        [ts.SyntaxKind.ObjectLiteralExpression]: (node) => checkPersistConfig(context, node as ts.ObjectLiteralExpression),
      },
    };
  },
};

/** Which Web Storage an expression denotes: `localStorage`, `window.sessionStorage`, an alias of either. */
function webStorage(node: ts.Expression, depth = 0): StorageName | undefined {
  const expression = unwrapExpression(node);
  if (depth > 4) return undefined;
  if (ts.isIdentifier(expression)) {
    if (expression.text === 'localStorage' || expression.text === 'sessionStorage') {
      return findDeclaration(expression) ? undefined : expression.text;
    }
    const init = initializerOf(expression);
    return init ? webStorage(init, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const name = ts.isPropertyAccessExpression(expression) ? expression.name.text
      : ts.isStringLiteralLike(expression.argumentExpression) ? expression.argumentExpression.text : undefined;
    const receiver = unwrapExpression(expression.expression);
    if ((name === 'localStorage' || name === 'sessionStorage') && ts.isIdentifier(receiver) &&
        GLOBAL_OBJECTS.has(receiver.text)) {
      return name;
    }
    return undefined;
  }
  if (ts.isConditionalExpression(expression)) {
    const whenTrue = webStorage(expression.whenTrue, depth + 1);
    return whenTrue && webStorage(expression.whenFalse, depth + 1) ? whenTrue : undefined;
  }
  return undefined;
}

/**
 * `JSON.stringify({ step: 2, done: false })`: an object literal written out in full (literal values, nested
 * literal objects and arrays) with no token among its field names. Any runtime value could carry a token.
 */
function isObjectWithoutToken(value: ts.Expression): boolean {
  let expression = unwrapExpression(value);
  if (ts.isCallExpression(expression) && expression.arguments[0] && ts.isPropertyAccessExpression(expression.expression) &&
      expression.expression.name.text === 'stringify') {
    expression = unwrapExpression(expression.arguments[0]);
  }
  return ts.isObjectLiteralExpression(expression) && isLiteralWithoutToken(expression);
}

function isLiteralWithoutToken(node: ts.Expression): boolean {
  const expression = unwrapExpression(node);
  if (ts.isObjectLiteralExpression(expression)) {
    return expression.properties.every((prop) => {
      if (!ts.isPropertyAssignment(prop)) return false;
      const key = staticPropertyName(prop.name);
      return key !== undefined && !isTokenLikeName(key) && isLiteralWithoutToken(prop.initializer);
    });
  }
  if (ts.isArrayLiteralExpression(expression)) return expression.elements.every(isLiteralWithoutToken);
  return ts.isNumericLiteral(expression) || expression.kind === ts.SyntaxKind.TrueKeyword ||
    expression.kind === ts.SyntaxKind.FalseKeyword || expression.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isStringLiteralLike(expression) && !looksLikeJwt(expression.text));
}

/** `JSON.stringify({ user, token })`: an object with a token-named field. */
function carriesTokenField(value: ts.Expression): boolean {
  let expression = unwrapExpression(value);
  if (ts.isCallExpression(expression) && expression.arguments[0] && ts.isPropertyAccessExpression(expression.expression) &&
      expression.expression.name.text === 'stringify') {
    expression = unwrapExpression(expression.arguments[0]);
  }
  const literal = objectLiteralOf(expression);
  if (!literal) return false;
  return literal.properties.some((prop) => {
    const key = prop.name ? staticPropertyName(prop.name) : undefined;
    return key !== undefined && isTokenLikeName(key);
  });
}

/**
 * The whole body of a login or token response: `res.data` of `await axios.post('/api/login')`,
 * `data` of `await (await fetch('/auth/token')).json()`, or a `.then(res => ...)` callback's response.
 */
function isLoginResponse(context: JsRuleContext, value: ts.Expression): boolean {
  let expression = unwrapExpression(value);
  if (ts.isCallExpression(expression) && expression.arguments[0] && ts.isPropertyAccessExpression(expression.expression) &&
      expression.expression.name.text === 'stringify') {
    expression = unwrapExpression(expression.arguments[0]);
  }
  while (ts.isPropertyAccessExpression(expression) && RESPONSE_CONTAINERS.has(expression.name.text)) {
    expression = unwrapExpression(expression.expression);
  }
  if (!ts.isIdentifier(expression)) return false;
  return comesFromLoginRequest(context, expression, 0);
}

function comesFromLoginRequest(context: JsRuleContext, identifier: ts.Identifier, depth: number): boolean {
  if (depth > 4) return false;
  const declaration = findDeclaration(identifier);
  if (declaration?.kind === 'variable') {
    const init = declaration.node.initializer;
    return init !== undefined && isLoginRequest(context, init, depth + 1);
  }
  if (declaration?.kind === 'parameter') {
    // fetch('/login').then((res) => ...)
    const fn = declaration.node.parent;
    const call = fn?.parent;
    if (call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) &&
        call.expression.name.text === 'then') {
      return isLoginRequest(context, call.expression.expression, depth + 1);
    }
  }
  return false;
}

/** A request (or a `.then`/`.json()` of one) whose URL names a login or token endpoint. */
function isLoginRequest(context: JsRuleContext, node: ts.Expression, depth: number): boolean {
  const expression = unwrapExpression(node);
  if (ts.isIdentifier(expression)) return comesFromLoginRequest(context, expression, depth + 1);
  if (!ts.isCallExpression(expression)) return false;
  const callee = expression.expression;
  if (ts.isPropertyAccessExpression(callee) && ['json', 'then'].includes(callee.name.text)) {
    return isLoginRequest(context, callee.expression, depth + 1);
  }
  const url = expression.arguments[0];
  if (!url) return false;
  const text = context.resolver.resolveString(url) ?? staticStart(url);
  return text !== undefined && LOGIN_URL.test(text);
}

function staticStart(node: ts.Expression): string | undefined {
  const expression = unwrapExpression(node);
  if (ts.isTemplateExpression(expression)) return expression.head.text + expression.templateSpans.map((s) => s.literal.text).join('/');
  return undefined;
}

/**
 * Libraries that persist state to Web Storage: VueUse `useStorage('token')`, zustand
 * `persist(creator, { name })` and pinia `defineStore(id, { state, persist: true })`.
 */
function checkStorageLibraries(context: JsRuleContext, call: ts.CallExpression): void {
  // Resolving the callee of every call of a file is most of what this rule costs: a call
  // without arguments names no key or options, and a method call is one of these functions
  // only by its own name (`hooks.useLocalStorage(...)`, `zustandMiddleware.persist(...)`).
  if (call.arguments.length === 0) return;
  if (ts.isPropertyAccessExpression(call.expression) && !STORAGE_LIBRARY_FUNCTIONS.has(call.expression.name.text)) return;
  const callee = context.resolver.resolve(call.expression);
  if (callee?.kind !== 'module') return;
  const [first, second, third] = call.arguments;
  if (callee.module === '@vueuse/core' && VUEUSE_STORAGE[callee.member ?? '']) {
    const key = context.resolver.resolveString(first);
    const storage = callee.member === 'useStorage' && third ? webStorage(third) : VUEUSE_STORAGE[callee.member ?? ''];
    if (key !== undefined && storage && isTokenLikeName(key)) {
      context.report({ node: call, message: `Token kept in ${storage} under "${key}" (${callee.member}), where any script on the page can read it` });
    }
    return;
  }
  const hook = STORAGE_HOOKS[callee.module]?.[callee.member ?? ''];
  if (hook) {
    // useLocalStorage('token', ...) (usehooks-ts, react-use), useLocalStorage({ key: 'token' }) (Mantine),
    // localStorageStore('token', ...) (Skeleton), persisted('token', ...) (svelte-persisted-store)
    const options = objectLiteralOf(first);
    const keyNode = options ? propertyValue(findProperty(options, 'key')) : first;
    const key = keyNode ? context.resolver.resolveString(keyNode) : undefined;
    let storage = hook;
    const storageOption = objectLiteralOf(third) ?? objectLiteralOf(second);
    const choice = storageOption ? propertyValue(findProperty(storageOption, 'storage')) : undefined;
    if (choice && context.resolver.resolveString(choice) === 'session') storage = 'sessionStorage';
    if (key !== undefined && isTokenLikeName(key)) {
      context.report({ node: call, message: `Token kept in ${storage} under "${key}" (${callee.member}), where any script on the page can read it` });
    }
    return;
  }
  if (callee.module === 'zustand/middleware' && callee.member === 'persist') {
    const options = objectLiteralOf(second);
    // zustand 3/4 spelled the engine `getStorage: () => localStorage` (AsyncStorage in React Native).
    const legacy = options && !findProperty(options, 'storage') ? propertyValue(findProperty(options, 'getStorage')) : undefined;
    const storage = !options ? undefined
      : legacy ? persistStorage(legacy) : persistStorage(propertyValue(findProperty(options, 'storage')));
    if (!options || !storage) return;
    const picked = functionResult(propertyValue(findProperty(options, 'partialize')));
    const state = picked ?? zustandState(context, first);
    if (state) reportTokenKeys(context, state, storage, 'zustand persist');
    return;
  }
  if (callee.module === 'pinia' && callee.member === 'defineStore') {
    // defineStore(id, options), defineStore({ id, ...options }), or a setup store: defineStore(id, () => {...}, options)
    const setupFn = second ? unwrapExpression(second) : undefined;
    const setup = setupFn && (ts.isArrowFunction(setupFn) || ts.isFunctionExpression(setupFn)) ? setupFn : undefined;
    const options = setup ? objectLiteralOf(third) : objectLiteralOf(second) ?? objectLiteralOf(first);
    const persist = options ? propertyValue(findProperty(options, 'persist')) : undefined;
    if (!options || !persist) return;
    const persistValue = context.resolver.resolve(persist);
    let storage: StorageName | undefined;
    let pick: ts.Expression | undefined;
    if (persistValue?.kind === 'boolean') storage = persistValue.value ? 'localStorage' : undefined;
    else {
      const persistOptions = objectLiteralOf(persist);
      storage = persistOptions ? persistStorage(propertyValue(findProperty(persistOptions, 'storage'))) : undefined;
      pick = persistOptions ? propertyValue(findProperty(persistOptions, 'pick') ?? findProperty(persistOptions, 'paths')) : undefined;
    }
    if (!storage) return;
    const list = pick ? unwrapExpression(pick) : undefined;
    if (list && ts.isArrayLiteralExpression(list)) {
      for (const item of list.elements) {
        const name = context.resolver.resolveString(item);
        if (name !== undefined && isTokenLikeName(name)) {
          context.report({ node: item, message: `pinia persistedstate keeps "${name}" in ${storage}, where any script on the page can read it` });
        }
      }
      return;
    }
    if (setup) {
      reportSetupStoreRefs(context, setup, storage);
      return;
    }
    const state = functionResult(propertyValue(findProperty(options, 'state')));
    if (state) reportTokenKeys(context, state, storage, 'pinia persistedstate');
  }
}

const VUE_STATE_CALLS = new Set(['ref', 'shallowRef', 'reactive', 'useStorage', 'useLocalStorage', 'useSessionStorage']);

/**
 * A pinia setup store persists the refs it returns: `const token = ref(''); return { token, setToken }`.
 * Only returned names bound to `ref(...)`-like state count; functions such as `setToken` are not state.
 */
function reportSetupStoreRefs(context: JsRuleContext, setup: ts.ArrowFunction | ts.FunctionExpression, storage: StorageName): void {
  const returned = returnedExpression(setup);
  const state = returned ? objectLiteralOf(returned) : undefined;
  if (!state) return;
  for (const prop of state.properties) {
    if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
    const key = staticPropertyName(prop.name);
    const value = propertyValue(prop);
    if (key === undefined || !isTokenLikeName(key) || !value) continue;
    let init: ts.Expression | undefined = unwrapExpression(value);
    if (ts.isIdentifier(init)) init = initializerOf(init);
    init = init ? unwrapExpression(init) : undefined;
    if (!init || !ts.isCallExpression(init) || !VUE_STATE_CALLS.has(expressionName(init.expression) ?? '')) continue;
    context.report({ node: prop, message: `pinia persistedstate keeps "${key}" in ${storage}, where any script on the page can read it` });
  }
}

/** Hooks and stores of other libraries that keep a value under a key in Web Storage. */
const STORAGE_HOOKS: Record<string, Record<string, StorageName>> = {
  'usehooks-ts': { useLocalStorage: 'localStorage', useSessionStorage: 'sessionStorage' },
  'react-use': { useLocalStorage: 'localStorage', useSessionStorage: 'sessionStorage' },
  '@uidotdev/usehooks': { useLocalStorage: 'localStorage', useSessionStorage: 'sessionStorage' },
  '@mantine/hooks': { useLocalStorage: 'localStorage', useSessionStorage: 'sessionStorage' },
  '@skeletonlabs/skeleton': { localStorageStore: 'localStorage' },
  'svelte-persisted-store': { persisted: 'localStorage' },
  'svelte-local-storage-store': { persisted: 'localStorage', writable: 'localStorage' },
};

const VUEUSE_STORAGE: Record<string, StorageName> = {
  useStorage: 'localStorage', useLocalStorage: 'localStorage', useSessionStorage: 'sessionStorage',
};

/** The names `checkStorageLibraries` knows these libraries' functions by. */
const STORAGE_LIBRARY_FUNCTIONS = new Set([
  ...Object.keys(VUEUSE_STORAGE),
  ...Object.values(STORAGE_HOOKS).flatMap((hooks) => Object.keys(hooks)),
  'persist', // zustand/middleware
  'defineStore', // pinia
]);

/**
 * The Web Storage a persist option selects: absent means localStorage; `createJSONStorage(() => sessionStorage)`,
 * and the older `getStorage: () => sessionStorage`.
 */
function persistStorage(option: ts.Expression | undefined): StorageName | undefined {
  if (!option) return 'localStorage';
  const expression = unwrapExpression(option);
  const direct = webStorage(expression);
  if (direct) return direct;
  if (ts.isArrowFunction(expression) && !ts.isBlock(expression.body)) return webStorage(expression.body);
  if (ts.isCallExpression(expression) && expression.arguments[0]) {
    const factory = unwrapExpression(expression.arguments[0]);
    if (ts.isArrowFunction(factory) && !ts.isBlock(factory.body)) return webStorage(factory.body);
  }
  return undefined;
}

/**
 * The initial state of a zustand store creator: the object its function returns, the first argument of
 * `combine(state, actions)`, seen through wrapping middleware (`devtools(...)`, `immer(...)`).
 */
function zustandState(context: JsRuleContext, node: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
  const direct = functionResult(node);
  if (direct || !node || depth > 3) return direct;
  const expression = unwrapExpression(node);
  if (!ts.isCallExpression(expression)) return undefined;
  const callee = context.resolver.resolve(expression.expression);
  if (callee?.kind !== 'module' || !callee.module.startsWith('zustand/middleware')) return undefined;
  if (callee.member === 'combine') return objectLiteralOf(expression.arguments[0]);
  return zustandState(context, expression.arguments[0], depth + 1);
}

/** The object literal a state function returns: `(set) => ({ token: null })`, `() => { return {...} }`. */
function functionResult(node: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  const fn = node ? unwrapExpression(node) : undefined;
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const returned = returnedExpression(fn);
  return returned ? objectLiteralOf(returned) : undefined;
}

function reportTokenKeys(context: JsRuleContext, state: ts.ObjectLiteralExpression, storage: StorageName, via: string): void {
  for (const prop of state.properties) {
    if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
    const key = staticPropertyName(prop.name);
    const value = propertyValue(prop);
    if (key === undefined || !isTokenLikeName(key) || !value) continue;
    const inner = unwrapExpression(value);
    if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) continue;
    context.report({ node: prop, message: `${via} keeps "${key}" in ${storage}, where any script on the page can read it` });
  }
}

/**
 * The Web Storage behind a redux-persist `storage` option: `redux-persist/lib/storage`
 * (local) or `.../storage/session`. A bare `storage` that is declared nowhere in a file
 * about persisting (a snippet without its import) is taken as the default local engine.
 */
function persistEngine(context: JsRuleContext, node: ts.Expression | undefined): StorageName | undefined {
  if (!node) return undefined;
  const engine = context.resolver.resolve(node);
  if (engine?.kind === 'module' && engine.member === undefined) {
    // 'redux-persist/lib/storage/' and '.../storage/index' name the same engine.
    let module = engine.module;
    while (module.endsWith('/')) module = module.slice(0, -1);
    return REDUX_PERSIST_STORAGE[module.replace(/\/index(?:\.js)?$/, '')];
  }
  const expression = unwrapExpression(node);
  if (!engine && ts.isIdentifier(expression) && expression.text === 'storage' && !findDeclaration(expression) &&
      context.sourceFile.text.includes('persist')) {
    return 'localStorage';
  }
  return undefined;
}

/** redux-persist: `{ key, storage, whitelist: ['auth'] }` with Web Storage as the engine. */
function checkPersistConfig(context: JsRuleContext, literal: ts.ObjectLiteralExpression): void {
  const storageProp = findProperty(literal, 'storage');
  if (!storageProp) return;
  const storage = persistEngine(context, propertyValue(storageProp));
  if (!storage) return;
  const whitelist = propertyValue(findProperty(literal, 'whitelist'));
  if (whitelist) {
    const list = unwrapExpression(whitelist);
    if (!ts.isArrayLiteralExpression(list)) return;
    for (const item of list.elements) {
      const name = context.resolver.resolveString(item);
      if (name !== undefined && isTokenLikeName(name)) {
        context.report({
          node: item,
          message: `redux-persist keeps the "${name}" state in ${storage}, where any script on the page can read its token`,
        });
      }
    }
    return;
  }
  const keyNode = propertyValue(findProperty(literal, 'key'));
  const key = keyNode ? context.resolver.resolveString(keyNode) : undefined;
  if (keyNode && key !== undefined && isTokenLikeName(key)) {
    context.report({
      node: keyNode,
      message: `redux-persist keeps the whole "${key}" state in ${storage}, where any script on the page can read its token`,
    });
  }
}
