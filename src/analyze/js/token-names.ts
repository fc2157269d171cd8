/**
 * Is this name about an auth token? Shared by the client-side rules (web storage,
 * cookies, transport): names are split into words (camelCase, snake_case, kebab-case,
 * dots) and judged word by word, so `accessToken`, `JWT_TOKEN`, `x-auth-token` and
 * `auth` count while `tokenizer`, `csrfToken`, `maxTokens` and `tokenExpiry` do not.
 */
import { ts } from 'ts-morph';
import { expressionName, unwrapExpression } from './expressions.js';

/** `accessToken` -> ['access', 'token']; `XSRF-TOKEN` -> ['xsrf', 'token']; `idToken2` -> ['id', 'token', '2']. */
export function nameWords(name: string): string[] {
  // Real names are short; the bound keeps the case-splitting regexes linear on a hostile one.
  return name.slice(0, 200)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

const TOKEN_WORDS = new Set(['token', 'tokens', 'jwt', 'jwts', 'bearer', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'jwttoken']);
const AUTH_WORDS = new Set(['auth', 'oauth', 'authorization']);
/** Words that may sit next to `auth` in a name that still holds credentials (`authData`, `authHeader`). */
const AUTH_COMPANIONS = new Set([
  'data', 'info', 'state', 'header', 'headers', 'credentials', 'credential', 'store', 'storage', 'key', 'value', 'item',
  'response', 'res', 'result', 'details', 'json', 'str', 'string', 'cookie', 'persist', 'app', 'my', 'current', 'x',
  'token', 'tokens', 'jwt',
]);
const SESSION_COMPANIONS = new Set(['id', 'key', 'token', 'cookie']);
/**
 * Words that turn a token name into something that is not an auth credential: CSRF and
 * device-push tokens, pagination cursors, LLM token counts, metadata about a token.
 */
const NOT_A_CREDENTIAL = new Set([
  'csrf', 'xsrf', 'push', 'fcm', 'apns', 'device', 'notification', 'notifications', 'captcha', 'recaptcha', 'hcaptcha',
  'turnstile', 'page', 'cursor', 'continuation', 'next', 'cancel', 'cancellation', 'lexer', 'parser', 'syntax',
  'expiry', 'expires', 'expire', 'expiration', 'exp', 'expired', 'type', 'types', 'count', 'max', 'min', 'limit', 'limits',
  'usage', 'total', 'input', 'output', 'prompt', 'completion', 'estimate', 'price', 'cost', 'length', 'is', 'has', 'should',
  'timestamp', 'time', 'date', 'timer', 'timeout', 'ttl', 'interval', 'name', 'url', 'uri', 'endpoint', 'path', 'status',
  'error', 'loading', 'valid', 'validity', 'version', 'claims', 'payload', 'decoded', 'refreshing', 'pending', 'promise',
  'listener', 'listeners', 'subscriber', 'provider', 'mode', 'method', 'flow', 'step', 'redirect', 'return', 'callback',
  'design', 'theme', 'color', 'colors', 'css', 'style', 'styles', 'font', 'spacing', 'required', 'enabled', 'decode',
  'verify', 'parse', 'parsed',
  // Bookkeeping about a token: `tokenRefreshedAt`, `lastTokenRefresh`, `jwt_issued`, `tokenSavedAt`.
  'at', 'last', 'refreshed', 'saved', 'stored', 'issued', 'created', 'updated', 'fetched', 'received', 'retry', 'retries',
  'attempt', 'attempts',
]);

/** True when a name (of a variable, property, storage key or cookie) denotes an auth token. */
export function isTokenLikeName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.some((word) => NOT_A_CREDENTIAL.has(word))) return false;
  if (words.some((word) => TOKEN_WORDS.has(word))) return true;
  if (words.some((word) => AUTH_WORDS.has(word))) {
    // `oauth_state`: the OAuth state parameter, a one-time anti-CSRF value, not a credential.
    if (words.includes('oauth') && words.includes('state')) return false;
    return words.every((word) => AUTH_WORDS.has(word) || AUTH_COMPANIONS.has(word));
  }
  if (words[0] === 'session' || words[0] === 'sid') return words.slice(1).every((word) => SESSION_COMPANIONS.has(word));
  return false;
}

/** A string that is itself a JWT. */
export function looksLikeJwt(text: string): boolean {
  return /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(text);
}

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
