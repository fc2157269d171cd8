/**
 * secret-logged (Go): a JWT secret, private key or token passed to a log call: the standard
 * `log` package (`log.Printf`, `log.Println`, `log.Fatalf`...), `fmt.Print*` to stdout,
 * `slog`, and logger objects (`logger.Info`, `s.log.Debugf`, logrus/zap-style methods), as an
 * argument, a concatenation part, or a zap/slog field value.
 *
 * Secrets: the keys this file passes to `SignedString` or returns from keyfuncs, env values and
 * names that say JWT secret or private key. Tokens: the result of `SignedString`, names such as
 * `tokenString`/`accessToken`/`jwt` (in files that use a JWT library), and the Authorization
 * header (`r.Header.Get("Authorization")`). Facts about them (`len(token)`, `claims.Subject`) are not findings.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { resolveKeyfunc, returnedKeys } from '../../analyze/go/keyfuncs.js';
import { argumentsOf, calleeLabel, shorten } from '../../analyze/go/libraries.js';
import { findLocal } from '../../analyze/go/scope.js';
import { isJwtSecretName, isSecretLikeName, nameWords, tokenNameKind } from '../../analyze/secret-names.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field, namedChildren } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { LOGGED_CONSEQUENCE, type LoggedValue } from '../secret-messages.js';

const LOG_METHODS = /^(Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|Debug|Debugf|Debugw|Info|Infof|Infow|Warn|Warnf|Warnw|Warning|Warningf|Error|Errorf|Errorw|Trace|Tracef|Log|Logf)$/;
const LOGGER_NAMES = /^(log|_?logger|logging|slog|glog|klog|logrus|zap|sugar|zerolog)$|logger$/i;
const FIELD_CONSTRUCTORS = /^(String|Any|Str|Reflect|ByteString|Stringer)$/;
const NOT_TOKEN_WORDS = new Set(['len', 'length', 'count', 'type', 'expiry', 'exp', 'expires', 'valid', 'claims', 'id', 'kid', 'url', 'name', 'header']);
const MAX_DEPTH = 6;

export const secretLogged: TreeRule<GoFacts> = {
  id: 'secret-logged',
  fix: 'Log facts about the token instead (user id, jti, expiry, err.Error()); never log secrets, keys or tokens, ' +
    'and redact Authorization headers in request loggers.',
  create(context) {
    const { facts } = context;
    const jwtFile = facts.importsJwt;
    let keyTexts: Set<string> | undefined;
    const keys = (): Set<string> => {
      if (keyTexts) return keyTexts;
      keyTexts = new Set();
      for (const signed of facts.jwt.signedStrings) keyTexts.add(bare(signed.key, facts));
      for (const parse of facts.jwt.parses) {
        const keyfunc = resolveKeyfunc(parse.keyfunc, facts);
        if (keyfunc?.facts === facts) for (const key of returnedKeys(keyfunc)) keyTexts.add(bare(key, facts));
      }
      return keyTexts;
    };

    const find = (node: SyntaxNode, depth: number): { node: SyntaxNode; what: LoggedValue } | undefined => {
      if (depth > MAX_DEPTH) return undefined;
      if (node.type === 'parenthesized_expression') return find(namedChildren(node)[0]!, depth + 1);
      if (node.type === 'binary_expression') {
        const operator = node.children.find((child) => !child.named)?.type;
        if (operator !== '+') return undefined;
        return find(field(node, 'left')!, depth + 1) ?? find(field(node, 'right')!, depth + 1);
      }
      if (node.type === 'type_conversion_expression') return find(field(node, 'operand')!, depth + 1);
      if (node.type === 'call_expression') return inCall(node, depth);
      if (node.type === 'identifier' || node.type === 'selector_expression') return named(node);
      return undefined;
    };

    const inCall = (call: SyntaxNode, depth: number): { node: SyntaxNode; what: LoggedValue } | undefined => {
      const callee = field(call, 'function')!;
      const args = argumentsOf(call);
      const method = callee.type === 'selector_expression' ? facts.textOf(field(callee, 'field')!) : facts.textOf(callee);
      if (method === 'SignedString') return { node: call, what: 'Token' };
      if ((method === 'Get' || method === 'Values') && facts.resolveString(args[0])?.toLowerCase() === 'authorization') {
        return { node: call, what: 'Authorization header' };
      }
      if (method === 'string' && args[0]) return find(args[0], depth + 1);
      // zap.String("token", token), slog.String(...): a log field.
      if (FIELD_CONSTRUCTORS.test(method) && args.length === 2) return find(args[1]!, depth + 1);
      if (/^Sprint(f|ln)?$/.test(method)) return firstHit(args, depth);
      return undefined;
    };

    const firstHit = (args: SyntaxNode[], depth: number): { node: SyntaxNode; what: LoggedValue } | undefined => {
      for (const arg of args) {
        const hit = find(arg, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    };

    const named = (node: SyntaxNode): { node: SyntaxNode; what: LoggedValue } | undefined => {
      const text = facts.textOf(node);
      if (keys().has(text)) return { node, what: 'JWT secret' };
      const name = node.type === 'selector_expression' ? facts.textOf(field(node, 'field')!) : text;
      // `token.Raw`: the encoded token of a parsed *jwt.Token.
      if (name === 'Raw' && jwtFile && tokenNameKind(facts.textOf(field(node, 'operand')).replace(/^.*\./, '')) !== undefined) {
        return { node, what: 'Token' };
      }
      if (node.type === 'identifier' && isSignedStringResult(node)) return { node, what: 'Token' };
      const value = facts.resolve(node);
      if (value?.kind === 'env') return isSecretLikeName(value.name) ? { node, what: secretKind(value.name) } : undefined;
      if (value?.kind === 'string') return undefined; // a constant is not a live token
      if (isJwtSecretName(name)) return { node, what: secretKind(name) };
      if (nameWords(name).some((word) => NOT_TOKEN_WORDS.has(word))) return undefined;
      const tokenKind = tokenNameKind(name);
      const what: LoggedValue = /^auth(orization)?_?(header)?$/i.test(name) ? 'Authorization header' : 'Token';
      if (tokenKind === 'specific') return { node, what };
      if (!jwtFile) return undefined;
      if (isSecretLikeName(name)) return { node, what: secretKind(name) };
      if (tokenKind === 'generic' || /^(token|jwt)_?(string|str)$/i.test(name) || /^signed_?(token|jwt)?$/i.test(name)) return { node, what };
      return undefined;
    };

    /** `tokenString, err := token.SignedString(key)`. */
    const isSignedStringResult = (identifier: SyntaxNode): boolean => {
      const binding = findLocal(identifier, facts.textOf(identifier), (n) => facts.textOf(n));
      const call = binding?.firstResultOf ?? binding?.value;
      const callee = call?.type === 'call_expression' ? field(call, 'function') : undefined;
      return callee?.type === 'selector_expression' && facts.textOf(field(callee, 'field')!) === 'SignedString';
    };

    return {
      nodes: {
        call_expression(node) {
          const logger = loggerName(node, facts);
          if (!logger) return;
          const hit = firstHit(argumentsOf(node), 0);
          if (!hit) return;
          context.report({
            node: hit.node,
            message: `${hit.what} \`${shownText(hit.node, facts)}\` is written to the log by ${logger}; ` +
              `anyone who can read the logs ${LOGGED_CONSEQUENCE[hit.what]}`,
          });
        },
      },
    };
  },
};

/** `log.Printf`, `fmt.Println`, `slog.Info`, `logger.Infof`, `s.log.Debug`: the callee as written, or undefined. */
function loggerName(call: SyntaxNode, facts: GoFacts): string | undefined {
  const callee = field(call, 'function');
  if (callee?.type !== 'selector_expression') return undefined;
  const method = facts.textOf(field(callee, 'field')!);
  const receiver = field(callee, 'operand')!;
  const receiverName = receiver.type === 'identifier' ? facts.textOf(receiver)
    : receiver.type === 'selector_expression' ? facts.textOf(field(receiver, 'field')!) : undefined;
  if (!receiverName) return undefined;
  if (receiver.type === 'identifier' && facts.importPathOf(receiverName) === 'fmt') {
    return /^Print(f|ln)?$/.test(method) ? calleeLabel(callee, facts) : undefined;
  }
  if (!LOG_METHODS.test(method) || !LOGGER_NAMES.test(receiverName)) return undefined;
  return calleeLabel(callee, facts);
}

function secretKind(name: string): LoggedValue {
  if (/private_?key/i.test(name.replace(/[^A-Za-z_]/g, ''))) return 'Private key';
  return isJwtSecretName(name, { envName: true }) || /jwt/i.test(name) ? 'JWT secret' : 'Secret';
}

function bare(node: SyntaxNode, facts: GoFacts): string {
  let current = node;
  while (current.type === 'type_conversion_expression' || current.type === 'parenthesized_expression') {
    current = field(current, 'operand') ?? namedChildren(current)[0]!;
  }
  return facts.textOf(current);
}

/** A call as its callee (`token.SignedString(…)`), since its arguments may be the secret itself. */
function shownText(node: SyntaxNode, facts: GoFacts): string {
  if (node.type === 'call_expression') return `${calleeLabel(field(node, 'function')!, facts)}(…)`;
  return shorten(facts.textOf(node));
}
