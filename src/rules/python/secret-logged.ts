/**
 * secret-logged (Python): a JWT secret, private key or token passed to `print`, `logging.*`
 * or a logger (`logger.info`, `app.logger.debug`, `self.log.warning`), directly, in an
 * f-string, a concatenation, `%` formatting or `.format(...)`.
 *
 * Secrets: names that say JWT secret, environment values named like secrets or private keys,
 * and the very expressions this file passes as a JWT key. Tokens: results of JWT signing
 * calls, names such as `access_token` (or `token`/`jwt` in files that deal with JWTs), and
 * the Authorization header. Facts about
 * them (`len(token)`, `claims["sub"]`) are not findings.
 */
import { isJwtSecretName, isSecretLikeName, nameWords, tokenNameKind } from '../../analyze/secret-names.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { argumentsOf, unwrap } from '../../analyze/python/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { isSignedToken } from './insecure-cookie.js';
import { type PyContext } from './shared.js';
import { LOGGED_CONSEQUENCE, type LoggedValue } from '../secret-messages.js';

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);
const LOGGER_NAMES = /^(_?log|_?logger|logging|structlog)$|logger$/i;
const JWT_MODULES = ['jwt', 'jose', 'authlib', 'flask_jwt_extended', 'rest_framework_simplejwt', 'jwcrypto'];
const MAX_SHOWN = 60;

export const secretLogged: TreeRule<PythonFacts> = {
  id: 'secret-logged',
  fix: 'Log facts about the token instead (user id, jti, expiry, the exception type); never log secrets, keys or tokens, ' +
    'not even at debug level.',
  create(context) {
    return {
      end() {
        const keyTexts = new Set(context.facts.jwtCalls().flatMap((call) => {
          const key = call.args.get('key');
          return key ? [context.syntax.textOf(key)] : [];
        }));
        const jwtFile = context.facts.imports(JWT_MODULES);
        for (const call of descendants(context.syntax.root, 'call')) {
          const logger = loggerName(context, call);
          if (!logger) continue;
          const args = argumentsOf(context.syntax, call);
          const values = [...args.positional, ...[...args.keywords].filter(([name]) => name !== 'exc_info' && name !== 'extra').map(([, value]) => value)];
          for (const argument of values) {
            const hit = findHit(context, argument, keyTexts, jwtFile);
            if (!hit) continue;
            const text = context.syntax.textOf(hit.node).replace(/\s+/g, ' ');
            const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
            context.report({
              node: hit.node,
              message: `${hit.what} \`${shown}\` is written to the log by ${logger}; anyone who can read the logs ${LOGGED_CONSEQUENCE[hit.what]}`,
            });
            break;
          }
        }
      },
    };
  },
};

/** `print`, `logging.info`, `logger.debug`, `app.logger.warning`, `self.log.error`: the callee as written. */
function loggerName(context: PyContext, call: SyntaxNode): string | undefined {
  const callee = field(call, 'function');
  if (!callee) return undefined;
  if (callee.type === 'identifier') return context.facts.qualify(callee) === 'print' ? 'print' : undefined;
  if (callee.type !== 'attribute') return undefined;
  const method = context.syntax.textOf(field(callee, 'attribute')!);
  if (!LOG_METHODS.has(method)) return undefined;
  const receiver = unwrap(field(callee, 'object'));
  const receiverName = receiver?.type === 'identifier' ? context.syntax.textOf(receiver)
    : receiver?.type === 'attribute' ? context.syntax.textOf(field(receiver, 'attribute')!) : undefined;
  return receiverName && LOGGER_NAMES.test(receiverName) ? context.syntax.textOf(callee) : undefined;
}

function findHit(context: PyContext, root: SyntaxNode, keyTexts: Set<string>, jwtFile: boolean): { node: SyntaxNode; what: LoggedValue } | undefined {
  const pending: SyntaxNode[] = [root];
  while (pending.length > 0) {
    const node = unwrap(pending.shift()!)!;
    switch (node.type) {
      case 'string':
        for (const part of node.children) {
          if (part.type !== 'interpolation') continue;
          const expression = field(part, 'expression');
          if (expression) pending.push(expression);
        }
        continue;
      case 'concatenated_string':
      case 'tuple':
      case 'list':
        pending.push(...namedChildren(node));
        continue;
      case 'binary_operator':
        // "a" + token, "%s" % token, "%s %s" % (a, token)
        pending.push(field(node, 'left')!, field(node, 'right')!);
        continue;
      case 'call': {
        const callee = field(node, 'function');
        // "...{}".format(token): the arguments are logged; other calls are facts (len(token)) unless they sign a token.
        if (callee?.type === 'attribute' && context.syntax.textOf(field(callee, 'attribute')!) === 'format') {
          const args = argumentsOf(context.syntax, node);
          pending.push(...args.positional, ...args.keywords.values());
          continue;
        }
        if (isSignedToken(context, node)) return { node, what: 'Token' };
        if (isAuthorizationHeader(context, node)) return { node, what: 'Authorization header' };
        const env = envSecret(context, node);
        if (env) return { node, what: env };
        continue;
      }
      case 'subscript': {
        if (isAuthorizationHeader(context, node)) return { node, what: 'Authorization header' };
        const env = envSecret(context, node);
        if (env) return { node, what: env };
        continue;
      }
      case 'identifier':
      case 'attribute': {
        const what = nameHit(context, node, keyTexts, jwtFile);
        if (what) return { node, what };
        continue;
      }
      default:
        continue;
    }
  }
  return undefined;
}

function nameHit(context: PyContext, node: SyntaxNode, keyTexts: Set<string>, jwtFile: boolean): LoggedValue | undefined {
  const text = context.syntax.textOf(node);
  const name = node.type === 'identifier' ? text : context.syntax.textOf(field(node, 'attribute')!);
  if (keyTexts.has(text) || isJwtSecretName(name)) return 'JWT secret';
  // Other secrets only when read from the environment (`API_SECRET = os.environ["API_SECRET"]`):
  // a local named `secret` may hold anything.
  if (isSecretLikeName(name) && context.facts.value(node)?.kind === 'env') {
    return nameWords(name).includes('private') ? 'Private key' : 'Secret';
  }
  const tokenKind = tokenNameKind(name);
  if (tokenKind === 'specific' || (tokenKind === 'generic' && jwtFile)) return 'Token';
  if (node.type === 'identifier' && isSignedToken(context, node)) return 'Token';
  return undefined;
}

/** `os.environ["JWT_SECRET"]`, `os.getenv("JWT_PRIVATE_KEY")`: an environment secret, by its name. */
function envSecret(context: PyContext, node: SyntaxNode): LoggedValue | undefined {
  const value = context.facts.value(node);
  if (value?.kind !== 'env') return undefined;
  if (isJwtSecretName(value.name, { envName: true })) return 'JWT secret';
  if (!isSecretLikeName(value.name)) return undefined;
  return nameWords(value.name).includes('private') ? 'Private key' : 'Secret';
}

/** `request.headers["Authorization"]`, `request.headers.get("Authorization")`, `request.META["HTTP_AUTHORIZATION"]`. */
function isAuthorizationHeader(context: PyContext, node: SyntaxNode): boolean {
  let key: SyntaxNode | undefined;
  if (node.type === 'subscript') key = field(node, 'subscript');
  else if (node.type === 'call') {
    const callee = field(node, 'function');
    if (callee?.type !== 'attribute' || context.syntax.textOf(field(callee, 'attribute')!) !== 'get') return false;
    key = argumentsOf(context.syntax, node).positional[0];
  }
  const name = context.facts.string(key);
  return name !== undefined && /^(http_)?authorization$/i.test(name);
}
