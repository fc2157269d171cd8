/**
 * secret-logged (Java): a JWT secret, private key or token passed to a log call (SLF4J/Log4j/
 * JUL-style `log.info(...)`, `logger.debug(...)`, `LOGGER.warn(...)`, `System.out.println(...)`),
 * directly, as a `{}` argument or concatenated into the message.
 *
 * Secrets: the expressions this file passes as JWT keys, names that say JWT secret, and
 * environment/property values named `*SECRET*`/`*PRIVATE_KEY*`. Tokens: the result of a sign
 * chain (`Jwts.builder()...compact()`, `JWT.create()...sign(alg)`), names such as `token`/`jwt`/
 * `accessToken` (in files that deal with JWTs), and the Authorization header. Facts about them
 * (`token.length()`, `claims.getSubject()`) are not findings.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import { argumentsOf, unwrap } from '../../analyze/java/values.js';
import { isJwtSecretName, isSecretLikeName, tokenNameKind } from '../../analyze/secret-names.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, walkTree } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { LOGGED_CONSEQUENCE, type LoggedValue } from '../secret-messages.js';

const LOG_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'severe', 'fine', 'finer',
  'finest', 'config', 'println', 'print', 'printf', 'format']);
const LOGGER_NAMES = /^(_?log|_?logger|LOG|LOGGER|Log|Logger)$|logger$|Logger$|^System\.(out|err)$/;
const MAX_SHOWN = 60;

export const secretLogged: TreeRule<JavaFacts> = {
  id: 'secret-logged',
  fix: 'Log facts about the token instead (user id, jti, expiry, exception class); never log secrets, keys or tokens, ' +
    'and redact Authorization headers in request loggers.',
  create(context) {
    const { facts, syntax } = context;
    return {
      end() {
        const jwtFile = facts.libraries.isJwtFile || /jwt|bearer|authorization/i.test(syntax.text);
        const keyTexts = new Set(facts.libraries.keyUses().map((use) => syntax.textOf(unwrap(use.expression))));
        const signResults = new Set<string>();
        for (const call of facts.libraries.jwtCalls()) {
          if (call.kind !== 'sign') continue;
          let top = call.node;
          while (top.parent?.type === 'parenthesized_expression') top = top.parent;
          if (top.parent?.type === 'variable_declarator') signResults.add(syntax.textOf(field(top.parent, 'name')!));
        }
        const signCalls = new Set(facts.libraries.jwtCalls().filter((call) => call.kind === 'sign').map((call) => call.node));

        const byName = (name: string, node: SyntaxNode): { node: SyntaxNode; what: LoggedValue } | undefined => {
          if (keyTexts.has(name)) return { node, what: 'JWT secret' };
          if (signResults.has(name)) return { node, what: 'Token' };
          if (isJwtSecretName(name)) return { node, what: secretKind(name) };
          const kind = tokenNameKind(name);
          const what: LoggedValue = /^auth(?:orization)?_?(?:header)?$/i.test(name) ? 'Authorization header' : 'Token';
          if (kind === 'specific') return { node, what };
          if (!jwtFile) return undefined;
          if (isSecretLikeName(name)) return { node, what: secretKind(name) };
          return kind === 'generic' ? { node, what } : undefined;
        };

        const find = (node: SyntaxNode, depth: number): { node: SyntaxNode; what: LoggedValue } | undefined => {
          if (depth > 8) return undefined;
          const expression = unwrap(node);
          switch (expression.type) {
            case 'binary_expression': {
              if (facts.values.operator(expression) !== '+') return undefined;
              return find(field(expression, 'left')!, depth + 1) ?? find(field(expression, 'right')!, depth + 1);
            }
            case 'identifier': {
              const value = facts.values.resolve(expression);
              if (value?.kind === 'env' && isSecretLikeName(value.name)) return { node: expression, what: secretKind(value.name) };
              if (value && value.kind !== 'env') return keyTexts.has(syntax.textOf(expression)) ? { node: expression, what: 'JWT secret' } : undefined;
              return byName(syntax.textOf(expression), expression);
            }
            case 'field_access': {
              const text = syntax.textOf(expression).replace(/\s+/g, '');
              if (keyTexts.has(syntax.textOf(expression))) return { node: expression, what: 'JWT secret' };
              return byName(text.replace(/^this\./, ''), expression);
            }
            case 'method_invocation': {
              if (signCalls.has(expression)) return { node: expression, what: 'Token' };
              const name = syntax.textOf(field(expression, 'name')!);
              // jwtUtil.generateToken(user), tokenProvider.createAccessToken(auth)
              if (/^(generate|create|issue)\w*Token$/.test(name)) return { node: expression, what: 'Token' };
              const args = argumentsOf(expression);
              if (name === 'getHeader' && facts.values.resolveString(args[0])?.toLowerCase() === 'authorization') {
                return { node: expression, what: 'Authorization header' };
              }
              if (name === 'getHeader' && args[0] && /AUTHORIZATION$/.test(syntax.textOf(args[0]))) return { node: expression, what: 'Authorization header' };
              if ((name === 'valueOf' || name === 'toString') && args.length <= 1) {
                const inner = args[0] ?? field(expression, 'object');
                return inner ? find(inner, depth + 1) : undefined;
              }
              return undefined;
            }
            default:
              return undefined;
          }
        };

        walkTree(syntax.root, (node) => {
          if (node.type !== 'method_invocation') return;
          const logger = loggerName(node, facts);
          if (!logger) return;
          for (const argument of argumentsOf(node)) {
            const hit = find(argument, 0);
            if (!hit) continue;
            context.report({
              node: hit.node,
              message: `${hit.what} \`${shown(hit.node, facts)}\` is written to the log by ${logger}; ` +
                `anyone who can read the logs ${LOGGED_CONSEQUENCE[hit.what]}`,
            });
            break;
          }
        });
      },
    };
  },
};

function loggerName(call: SyntaxNode, facts: JavaFacts): string | undefined {
  const object = field(call, 'object');
  if (!object) return undefined;
  const method = facts.syntax.textOf(field(call, 'name')!);
  if (!LOG_METHODS.has(method)) return undefined;
  const receiver = facts.syntax.textOf(object).replace(/\s+/g, '').replace(/^this\./, '');
  if (!LOGGER_NAMES.test(receiver)) return undefined;
  return `${receiver}.${method}`;
}

function secretKind(name: string): LoggedValue {
  if (/private_?key/i.test(name.replace(/[^A-Za-z_]/g, ''))) return 'Private key';
  return isJwtSecretName(name, { envName: true }) || /jwt/i.test(name) ? 'JWT secret' : 'Secret';
}

/** The expression as written, string literals shown as `…` (they may be the secret itself). */
function shown(node: SyntaxNode, facts: JavaFacts): string {
  const text = facts.syntax.textOf(node).replace(/"(?:\\[\s\S]?|[^"\\])*(?:"|$)/g, '…').replace(/\s+/g, ' ');
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
