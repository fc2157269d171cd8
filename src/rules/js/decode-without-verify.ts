/**
 * decode-without-verify: server code that decodes a JWT without checking its signature and
 * then lets the claims decide who the caller is or what they may do. The data flow is
 * followed locally (same function): variables and destructuring holding the decoded claims,
 * then assignments to `req.user`-like targets, returns from auth-named functions, and claim
 * checks in conditions, comparisons and user lookups.
 */
import ts from '../../analyze/js/typescript.cjs';
import { importsServerModule, isClientSideFile, isFrameworkServerPath } from '../../analyze/js/client-code.js';
import type { JwtCall } from '../../analyze/js/libraries.js';
import { unwrapExpression } from '../../analyze/js/expressions.js';
import { findDeclaration } from '../../analyze/js/scope.js';
import { settingValueOrigin } from '../../analyze/js/settings.js';
import { forEachDescendant } from '../../analyze/js/walk.js';
import type { JsRule } from '../rule.js';

export const decodeWithoutVerify: JsRule = {
  id: 'decode-without-verify',
  fix: 'Verify the token (jwt.verify, jwtVerify, jwtService.verify) with a key and an algorithms allowlist, and use only the verified claims.',
  create(context) {
    const decodes: JwtCall[] = [];
    const verifies: JwtCall[] = [];
    return {
      jwtCall(call) {
        const unverified = call.settings.get('verify');
        if (call.library === '@hapi/jwt' && call.kind === 'verify' && unverified?.value?.kind === 'boolean' &&
            !unverified.value.value) {
          context.report({
            origin: settingValueOrigin(unverified),
            message: `@hapi/jwt strategy sets verify: false, so requests are authenticated with tokens whose signature is never checked`,
          });
        } else if (isUnverifiedDecode(call)) {
          decodes.push(call);
        } else if (call.kind === 'verify') {
          verifies.push(call);
        }
      },
      end() {
        if (decodes.length === 0 || isTestFile(context.file) || isClientSideFile(context.sourceFile, context.file)) return;
        for (const call of decodes) {
          if (isBehindAuthentication(call.node) || isIdTokenFromTokenEndpoint(call.token)) continue;
          // jwt-decode is a browser library: in a file without server signals it is front-end code.
          if (call.library === 'jwt-decode' && !hasServerEvidence(context.sourceFile, context.file, call.token)) continue;
          const use = authorizationUse(call.node);
          if (!use || isVerifiedNearby(call, verifies, use.node) || isCheckedByTheFunction(call, use.node)) continue;
          context.report({
            node: call.node,
            message: `${call.api} result is used for authorization (${use.label}) without verifying the signature`,
          });
        }
      },
    };
  },
};

const SERVER_PATH = /(^|\/)(server|backend|functions|lambdas?)\/|\.server\.[^./]+$/i;
/** A token read from a request: `req.headers.authorization`, `ctx.cookies.get('jwt')`, `request.body.token`. */
const REQUEST_TOKEN = /\b(?:req|request|ctx)(?:\.request)?\??\.(?:headers|cookies|signedCookies|body|query|params|get|header|session)\b/;

/**
 * Positive signs that a file runs on a server: a server framework import, a server path (Next.js API
 * routes and middleware, `server/`, `*.server.*`), or a token read from a request object.
 */
function hasServerEvidence(sourceFile: ts.SourceFile, file: string, token: ts.Expression | undefined): boolean {
  if (importsServerModule(sourceFile) || isFrameworkServerPath(file) || SERVER_PATH.test(file.split('\\').join('/'))) {
    return true;
  }
  if (!token) return false;
  const expression = unwrapExpression(token);
  let text = expression.getText();
  if (ts.isIdentifier(expression)) {
    const declaration = findDeclaration(expression);
    if (declaration?.kind === 'variable' && declaration.node.initializer) text += ` ${declaration.node.initializer.getText()}`;
  }
  return REQUEST_TOKEN.test(text);
}

/** Decoders, and jwt-simple `decode(token, key, true)` (noVerify). fast-jwt's `createDecoder()` only makes a decoder. */
function isUnverifiedDecode(call: JwtCall): boolean {
  if (call.kind === 'decode') return call.api !== 'createDecoder';
  const verify = call.settings.get('verify')?.value;
  return call.library === 'jwt-simple' && verify?.kind === 'boolean' && !verify.value;
}

/**
 * An OpenID Connect ID token the server itself received from the provider's token endpoint
 * (`tokens.id_token` after a code exchange): OIDC lets TLS stand in for the signature check
 * there. An ID token the client sends (`req.body.idToken`) is not exempt.
 */
function isIdTokenFromTokenEndpoint(token: ts.Expression | undefined): boolean {
  const member = token ? memberRead(unwrapExpression(token)) : undefined;
  if (!member || !/^id_?token$/i.test(member.key)) return false;
  // For a call, the callee says where the data comes from: `axios.post(tokenUrl, ...)`, not `request.json()`.
  const source = ts.isCallExpression(member.object) ? member.object.expression : member.object;
  return !CLIENT_INPUT.test(source.getText());
}

/** `data.id_token`, or a name bound to one (`const t = data.id_token`, `const { id_token } = data`). */
function memberRead(expression: ts.Expression): { object: ts.Expression; key: string } | undefined {
  if (ts.isPropertyAccessExpression(expression)) return { object: expression.expression, key: expression.name.text };
  if (!ts.isIdentifier(expression)) return undefined;
  const declaration = findDeclaration(expression);
  if (declaration?.kind !== 'variable' || !declaration.node.initializer) return undefined;
  const initializer = unwrapExpression(declaration.node.initializer);
  const key = declaration.path[declaration.path.length - 1];
  if (key !== undefined) return { object: initializer, key };
  return ts.isPropertyAccessExpression(initializer) ? { object: initializer.expression, key: initializer.name.text } : undefined;
}

const CLIENT_INPUT = /\b(req|request|ctx|event|body|query|params|headers|cookies|args|input)\b/;

// ---------------------------------------------------------------------------------------------
// Where the claims go

/** Claims that say who the caller is or what they may do. Compared lowercased, without `_`. */
const IDENTITY_CLAIMS = new Set(['sub', 'id', 'uid', 'userid', 'email', 'username']);
const AUTHORIZATION_CLAIMS = new Set([
  'role', 'roles', 'admin', 'isadmin', 'permission', 'permissions', 'scope', 'scopes', 'groups', 'group',
  'authorities', 'isstaff', 'issuperuser', 'superuser',
]);
/**
 * Members of a decode result that hold the claims (complete decodes, @hapi/jwt artifacts), and the
 * nested objects tokens are often signed with: `jwt.sign({ data: { role } })`, `{ user: { id } }`.
 */
const CLAIMS_CONTAINERS = new Set(['payload', 'decoded', 'claims', 'data', 'user']);
/** `req.user = claims`: targets that carry the caller's identity. */
const IDENTITY_TARGETS = new Set([
  'user', 'auth', 'currentuser', 'identity', 'principal', 'claims', 'userid', 'uid', 'role', 'roles',
  'decoded', 'decodedtoken', 'tokenpayload', 'jwtpayload', 'payload', 'account',
]);
const REQUEST_OBJECTS = /^(req|request|ctx|ctx\.state|ctx\.request|context|res\.locals|response\.locals|socket|socket\.data|client|event\.context|event\.locals|locals)$/;
/** Functions whose return value is the caller's identity or an access decision. */
const AUTH_FUNCTION = /^(authenticate|authori[sz]e|auth(?!or)|verify|validate|check_?auth|require_?auth|ensure_?auth|is_?auth|is_?admin|require_?admin|require_?role|check_?role|has_?role|has_?permission|has_?scope|check_?permission|get_?user|get_?current_?user|current_?user|get_?auth|get_?session_?user|get_?identity|get_?principal|protect|can_?activate|((create|get)_?)?context$)/i;
/** Calls that look a user up by a claim: `User.findById(claims.sub)`, `findUnique({ where: { id } })`. */
const LOOKUP_CALL = /^(find\w*|get\w*By\w*|get_?user\w*|load_?user\w*|fetch_?user\w*|lookup\w*)$/i;
/** Array/string methods whose result is still about the claim: `claims.roles.includes('admin')`. */
const CLAIM_TESTS = new Set(['includes', 'some', 'every', 'indexOf', 'has', 'startsWith', 'endsWith', 'find', 'length',
  'toLowerCase', 'toUpperCase', 'trim', 'split']);
const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.InKeyword,
]);
const MAX_STEPS = 200;

type Held = 'claims' | 'claim';
interface Flow {
  node: ts.Expression;
  held: Held;
  /** How the code names it, for the message: `decoded`, `decoded.role`, `role`. */
  label: string;
}

/** Describes the first identity or authorization use of a decode result, or undefined. */
/** The first place the decoded claims drive identity or authorization: a label for the message, and where. */
function authorizationUse(decodeCall: ts.Expression): { label: string; node: ts.Node } | undefined {
  const queue: Flow[] = [{ node: decodeCall, held: 'claims', label: callLabel(decodeCall) }];
  const seen = new Set<ts.Node>();
  for (let steps = 0; queue.length > 0 && steps < MAX_STEPS; steps++) {
    const flow = queue.shift()!;
    if (seen.has(flow.node)) continue;
    seen.add(flow.node);
    const use = follow(flow, queue);
    if (use) return { label: use, node: flow.node };
  }
  return undefined;
}

/** One step: where does this expression's value go? Adds further flows to the queue. */
function follow(flow: Flow, queue: Flow[]): string | undefined {
  const outer = climbValue(flow.node);
  const parent = outer.parent;

  // claims.role / claims.payload
  if (flow.held === 'claims' && (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
      parent.expression === outer) {
    const name = memberName(parent);
    if (name === undefined) return undefined;
    const label = `${flow.label}.${name}`;
    if (CLAIMS_CONTAINERS.has(name)) queue.push({ node: parent, held: 'claims', label });
    else if (isInterestingClaim(name)) queue.push({ node: parent, held: 'claim', label });
    return undefined;
  }
  // const decoded = ...; const { role } = ...
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer) {
    trackBinding(parent, parent.name, flow.held, queue);
    return undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === outer) {
    const target = parent.left;
    if (isIdentityTarget(target)) return `${target.getText()} = ${flow.label}`;
    if (ts.isIdentifier(target)) {
      const declaration = findDeclaration(target);
      if (declaration?.kind === 'variable' && ts.isIdentifier(declaration.bindingNode)) {
        trackBinding(declaration.node, declaration.bindingNode, flow.held, queue);
      }
    }
    return undefined;
  }
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === outer)) {
    const name = functionName(ts.isReturnStatement(parent) ? enclosingFunction(parent) : parent);
    return name && AUTH_FUNCTION.test(name) ? `${flow.label} returned from ${name}()` : undefined;
  }
  // { user: claims }, { role }, { ...claims }: the object now carries the claims.
  if ((ts.isPropertyAssignment(parent) && parent.initializer === outer) || ts.isShorthandPropertyAssignment(parent) ||
      ts.isSpreadAssignment(parent)) {
    const object = parent.parent;
    if (ts.isObjectLiteralExpression(object)) {
      if (flow.held === 'claim' && isIdentityClaimLabel(flow.label) && isLookupArgument(object)) {
        return `${flow.label} used to look up the user`;
      }
      queue.push({ node: object, held: 'claims', label: `{ ${flow.label}, … }` });
    }
    return undefined;
  }
  if (flow.held === 'claim') return claimDecision(outer, flow.label);
  return undefined;
}

/**
 * A single claim reaching a condition, a comparison or a user lookup. A bare truthiness test
 * of an identity claim (`if (!claims.sub)`) is a presence check, not a decision.
 */
function claimDecision(claim: ts.Expression, label: string): string | undefined {
  const checked = isIdentityClaimLabel(label) ? undefined : `${label} checked`;
  let typeTest = false;
  let node: ts.Node = claim;
  for (;;) {
    const parent: ts.Node = node.parent;
    if ((ts.isPropertyAccessExpression(parent) && parent.expression === node && CLAIM_TESTS.has(parent.name.text)) ||
        (ts.isCallExpression(parent) && parent.expression === node) ||
        (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) ||
        ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent)) {
      node = parent;
      continue;
    }
    if (ts.isTypeOfExpression(parent)) {
      typeTest = true;
      node = parent;
      continue;
    }
    // ['admin', 'owner'].includes(claims.role)
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) &&
        ts.isPropertyAccessExpression(parent.expression) && ['includes', 'has', 'indexOf'].includes(parent.expression.name.text)) {
      node = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (COMPARISONS.has(op)) {
        // `claims.sub === undefined`, `typeof claims.role === 'string'`: presence and type tests.
        const other = parent.left === node ? parent.right : parent.left;
        return typeTest || isNullish(other) ? checked : `${label} compared`;
      }
      if (op === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === node) return checked;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken ||
          op === ts.SyntaxKind.QuestionQuestionToken) {
        node = parent;
        continue;
      }
      return undefined;
    }
    if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === node) {
      return checked;
    }
    if (ts.isConditionalExpression(parent) && parent.condition === node) return checked;
    if ((ts.isSwitchStatement(parent) || ts.isCaseClause(parent)) && parent.expression === node) return `${label} checked`;
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && isIdentityClaimLabel(label) &&
        isLookupCall(parent)) {
      return `${label} used to look up the user`;
    }
    // `canActivate() { return payload.roles.includes('admin'); }`
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node)) {
      const name = functionName(ts.isReturnStatement(parent) ? enclosingFunction(parent) : parent);
      return name && AUTH_FUNCTION.test(name) ? `${label} returned from ${name}()` : undefined;
    }
    return undefined;
  }
}

function isNullish(node: ts.Expression): boolean {
  return node.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(node) ||
    (ts.isIdentifier(node) && node.text === 'undefined');
}

/** Follows a binding: a plain name carries what the value held; a pattern picks claims out of it. */
function trackBinding(declaration: ts.VariableDeclaration, binding: ts.BindingName, held: Held, queue: Flow[]): void {
  if (ts.isIdentifier(binding)) {
    for (const reference of referencesTo(declaration, binding)) queue.push({ node: reference, held, label: binding.text });
    return;
  }
  if (held !== 'claims' || !ts.isObjectBindingPattern(binding)) return;
  for (const element of binding.elements) {
    if (element.dotDotDotToken) {
      if (ts.isIdentifier(element.name)) trackBinding(declaration, element.name, 'claims', queue);
      continue;
    }
    const key = element.propertyName
      ? (ts.isIdentifier(element.propertyName) || ts.isStringLiteral(element.propertyName) ? element.propertyName.text : undefined)
      : ts.isIdentifier(element.name) ? element.name.text : undefined;
    if (key === undefined) continue;
    if (CLAIMS_CONTAINERS.has(key)) trackBinding(declaration, element.name, 'claims', queue);
    else if (isInterestingClaim(key) && ts.isIdentifier(element.name)) {
      for (const reference of referencesTo(declaration, element.name)) {
        queue.push({ node: reference, held: 'claim', label: key === element.name.text ? key : `${element.name.text} (${key})` });
      }
    }
  }
}

/** The uses of a name bound by a declaration, in the scope that holds the declaration. */
function referencesTo(declaration: ts.VariableDeclaration, binding: ts.Identifier): ts.Identifier[] {
  const scope = enclosingFunction(declaration) ?? declaration.getSourceFile();
  const references: ts.Identifier[] = [];
  forEachDescendant(scope, (node) => {
    if (ts.isIdentifier(node) && node !== binding && node.text === binding.text && isReference(node)) {
      const found = findDeclaration(node);
      if (found?.kind === 'variable' && found.bindingNode === binding) references.push(node);
    }
  });
  return references;
}

function isReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isBindingElement(parent)) && parent.name === identifier) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === identifier) return false;
  // `decoded = jwt.decode(...)`: the write itself is not a use.
  if (ts.isBinaryExpression(parent) && parent.left === identifier && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return false;
  }
  return true;
}

/** Climbs through wrappers that keep the value: parentheses, casts, await, `x || {}`, `t && decode(t)`, `t ? decode(t) : null`. */
function climbValue(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  for (;;) {
    const parent = current.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) ||
        ts.isSatisfiesExpression(parent) || ts.isTypeAssertionExpression(parent) || ts.isAwaitExpression(parent)) {
      current = parent;
    } else if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
               parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
               (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === current))) {
      current = parent;
    } else if (ts.isConditionalExpression(parent) && parent.condition !== current) {
      current = parent;
    } else {
      return current;
    }
  }
}

function memberName(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return access.name.text;
  return ts.isStringLiteralLike(access.argumentExpression) ? access.argumentExpression.text : undefined;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

function isInterestingClaim(name: string): boolean {
  const key = normalise(name);
  return IDENTITY_CLAIMS.has(key) || AUTHORIZATION_CLAIMS.has(key);
}

function isIdentityClaimLabel(label: string): boolean {
  const name = /(\w+)\)?$/.exec(label.slice(-200))?.[1] ?? label; // bounded: the regex is quadratic on a long word
  return IDENTITY_CLAIMS.has(normalise(name));
}

function isIdentityTarget(target: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return false;
  const name = memberName(target);
  if (name === undefined || !IDENTITY_TARGETS.has(normalise(name))) return false;
  return REQUEST_OBJECTS.test(target.expression.getText().replace(/\s+/g, ''));
}

function isLookupCall(call: ts.CallExpression): boolean {
  return LOOKUP_CALL.test(calleeName(call));
}

/** `{ where: { id: claims.sub } }` passed to a lookup call. */
function isLookupArgument(object: ts.ObjectLiteralExpression): boolean {
  let node: ts.Node = object;
  while (ts.isPropertyAssignment(node.parent) && ts.isObjectLiteralExpression(node.parent.parent)) node = node.parent.parent;
  const parent = node.parent;
  return ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && isLookupCall(parent);
}

function callLabel(call: ts.Expression): string {
  const text = ts.isCallExpression(call) ? `${call.expression.getText()}(...)` : call.getText();
  return text.length > 60 ? 'the decoded token' : text;
}

// ---------------------------------------------------------------------------------------------
// Verified elsewhere in the same code path

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current && !isFunctionWithBody(current)) current = current.parent;
  return current;
}

function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node);
}

function functionName(fn: ts.FunctionLikeDeclaration | undefined): string | undefined {
  if (!fn) return undefined;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name &&
      (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    return fn.name.text;
  }
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) &&
      ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return undefined;
}

/**
 * A verify call in the decode's function before the claims are used, in one of its enclosing
 * functions, or in a callback inside it: the decode reads a token that this code path verifies.
 */
function isVerifiedNearby(decode: JwtCall, verifies: JwtCall[], use: ts.Node): boolean {
  const decodeScopes = new Set<ts.Node>([decode.node.getSourceFile()]);
  for (let fn = enclosingFunction(decode.node); fn; fn = enclosingFunction(fn)) decodeScopes.add(fn);
  const ownScope = enclosingFunction(decode.node) ?? decode.node.getSourceFile();
  return verifies.some((verify) => {
    // Middleware configurations (express-jwt, passport-jwt) verify other requests' tokens, not this one.
    if (verify.token === undefined && verify.library !== '@fastify/jwt') return false;
    const verifyScope = enclosingFunction(verify.node) ?? verify.node.getSourceFile();
    // In the decode's own function, the verify must come before the claims decide anything;
    // using them only to look up the key or user that the verify then checks is fine.
    if (verifyScope === ownScope) return verify.node.getStart() < use.getStart() || feedsCallArgument(use);
    if (decodeScopes.has(verifyScope)) return !ts.isSourceFile(verifyScope);
    for (let fn = enclosingFunction(verifyScope); fn; fn = enclosingFunction(fn)) if (fn === ownScope) return true;
    return false;
  });
}

/** `User.findById(decoded.sub)`: the claim is an argument of a call, not a decision. */
function feedsCallArgument(use: ts.Node): boolean {
  for (let node: ts.Node = use; node.parent && !ts.isStatement(node); node = node.parent) {
    const parent = node.parent;
    if (ts.isCallExpression(parent) && parent.arguments.some((arg) => arg === node)) return true;
    if (ts.isConditionalExpression(parent) || ts.isIfStatement(parent) ||
        (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind))) {
      return false;
    }
  }
  return false;
}

/**
 * The decode's function checks the token some other way before trusting the claims: it passes
 * the same token to its own verify/validate helper (`await verifyAccessToken(token)`), or
 * compares the token itself with a stored copy (`user.refreshToken !== token`).
 */
function isCheckedByTheFunction(decode: JwtCall, use: ts.Node): boolean {
  const fn = enclosingFunction(decode.node);
  if (!fn?.body || !decode.token) return false;
  const token = decode.token.getText();
  let checked = false;
  const useStart = use.getStart();
  const visit = (node: ts.Node): boolean | 'stop' => {
    if (node.getStart() > useStart) return false;
    if (ts.isCallExpression(node) && node !== decode.node && VERIFY_HELPER.test(calleeName(node)) &&
        node.arguments.some((arg) => arg.getText() === token)) {
      checked = true;
    } else if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) {
      const other = node.left.getText() === token ? node.right : node.right.getText() === token ? node.left : undefined;
      checked = other !== undefined && isStoredValue(other);
    }
    return checked ? 'stop' : true;
  };
  if (visit(fn.body) === true) forEachDescendant(fn.body, visit);
  return checked;
}

const VERIFY_HELPER = /verif|validat|authenticat/i;

/** `user.refreshToken`, `stored`, `await redis.get(key)`: not `undefined`, `null` or a literal. */
function isStoredValue(node: ts.Expression): boolean {
  const value = ts.isAwaitExpression(node) ? node.expression : node;
  if (ts.isIdentifier(value)) return value.text !== 'undefined';
  return ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value) || ts.isCallExpression(value);
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
}

/** Test code decodes tokens to assert on their claims. (Fixture folders hold samples of app code and stay in scope.) */
function isTestFile(relPath: string): boolean {
  return /(^|\/)(tests?|__tests__|specs?|e2e|__mocks__|mocks?)\/|\.(test|spec|e2e)\.[^./]+$/i.test(relPath.split('\\').join('/'));
}

const AUTH_MIDDLEWARE = /auth|verif|protect|guard|jwt|passport|session|login|require_?user|ensure_?user/i;
const ROUTE_METHODS = /^(get|post|put|patch|delete|del|all|use|route|options|head|handle)$/;

/**
 * The decode runs in a route handler that an authentication middleware or guard already
 * protects: `router.get('/me', authenticate, (req, res) => ...)`, `@UseGuards(AuthGuard)`.
 */
function isBehindAuthentication(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.canHaveDecorators(current)) {
      const decorators = ts.getDecorators(current) ?? [];
      if (decorators.some((decorator) => /^(UseGuards|Auth|Authorized|Authenticated|Roles)\b/.test(decorator.expression.getText()))) {
        return true;
      }
    }
    if (!isFunctionWithBody(current) || !ts.isCallExpression(current.parent)) continue;
    const route = current.parent;
    const callee = route.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ROUTE_METHODS.test(callee.name.text)) continue;
    const index = route.arguments.indexOf(current as ts.Expression);
    if (route.arguments.slice(0, index).some((arg) => !ts.isStringLiteralLike(arg) && AUTH_MIDDLEWARE.test(arg.getText()))) {
      return true;
    }
  }
  return false;
}
