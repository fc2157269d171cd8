/**
 * Library knowledge lives here and only here: which calls of which JWT library sign,
 * verify, decode or configure tokens, and where each library keeps its key, algorithms,
 * lifetime, audience, issuer and other settings. Rules see one normalised `JwtCall`,
 * whatever the library or import style.
 */
import ts from './typescript.cjs';
import type { NumberUnit } from './durations.js';
import { findDeclaration } from './scope.js';
import { propertyNameText, type Origin, type Value, type ValueResolver } from './values.js';

export type JwtLibrary =
  | 'jsonwebtoken' | 'jose' | 'express-jwt' | 'koa-jwt' | 'passport-jwt' | '@nestjs/jwt' | '@fastify/jwt'
  | 'fast-jwt' | 'jwt-simple' | 'jwt-decode' | 'hapi-auth-jwt2' | '@hapi/jwt';

/** The normalised settings a JWT call can carry. */
export type Concept =
  | 'key' | 'algorithm' | 'algorithms' | 'expiresIn' | 'audience' | 'issuer'
  | 'ignoreExpiration' | 'clockTolerance' | 'isRevoked' | 'verify' | 'header';

export interface Setting {
  value: Value | undefined;
  origin: Origin;
  /** For key settings: the expression, so rules can read names (`publicKey`) and wrappers. */
  expression?: ts.Expression;
}

export interface JwtCall {
  library: JwtLibrary;
  kind: 'sign' | 'verify' | 'decode' | 'configure';
  /** How users write it, for messages: `jwt.verify`, `expressjwt`, `new JwtStrategy`. */
  api: string;
  node: ts.CallExpression | ts.NewExpression;
  settings: Map<Concept, Setting>;
  /**
   * True when the absence of a setting can be trusted: the options are absent or fully
   * resolved. Rules that report a missing setting stay silent when this is false.
   */
  settingsComplete: boolean;
  /** Which absent settings are findings for this call (library semantics decide). */
  checksMissing: ReadonlySet<Concept>;
  /** How the library reads bare numbers for expiresIn / clockTolerance. */
  numberUnit: NumberUnit;
  /** How a bare expiresIn number is read when it differs from numberUnit (@fastify/jwt converts seconds to ms). */
  expiresInUnit?: NumberUnit;
  payload?: ts.Expression;
  token?: ts.Expression;
}

interface Spec {
  library: JwtLibrary;
  kind: JwtCall['kind'];
  api: string;
  args: { payload?: number; token?: number; key?: number; options?: number };
  /** concept -> dotted option paths, first found wins. */
  paths: Partial<Record<Concept, string[]>>;
  checksMissing?: Concept[];
  numberUnit?: NumberUnit;
  expiresInUnit?: NumberUnit;
}

const JSONWEBTOKEN_VERIFY_PATHS: Spec['paths'] = {
  algorithms: ['algorithms'], audience: ['audience'], issuer: ['issuer'],
  ignoreExpiration: ['ignoreExpiration'], clockTolerance: ['clockTolerance'],
};
const VERIFY_CHECKS: Concept[] = ['algorithms', 'audience', 'issuer'];

/** module -> member ('' = the module itself called) -> spec. */
const SPECS: Record<string, Record<string, Spec>> = {
  jsonwebtoken: {
    sign: { library: 'jsonwebtoken', kind: 'sign', api: 'jwt.sign', args: { payload: 0, key: 1, options: 2 },
      paths: { algorithm: ['algorithm'], expiresIn: ['expiresIn'], audience: ['audience'], issuer: ['issuer'], header: ['header'] },
      checksMissing: ['expiresIn'] },
    verify: { library: 'jsonwebtoken', kind: 'verify', api: 'jwt.verify', args: { token: 0, key: 1, options: 2 },
      paths: JSONWEBTOKEN_VERIFY_PATHS, checksMissing: VERIFY_CHECKS },
    decode: { library: 'jsonwebtoken', kind: 'decode', api: 'jwt.decode', args: { token: 0 }, paths: {} },
  },
  jose: {
    jwtVerify: { library: 'jose', kind: 'verify', api: 'jwtVerify', args: { token: 0, key: 1, options: 2 },
      paths: { algorithms: ['algorithms'], audience: ['audience'], issuer: ['issuer'], clockTolerance: ['clockTolerance'] },
      checksMissing: ['audience', 'issuer'] },
    decodeJwt: { library: 'jose', kind: 'decode', api: 'decodeJwt', args: { token: 0 }, paths: {} },
    'UnsecuredJWT.decode': { library: 'jose', kind: 'decode', api: 'UnsecuredJWT.decode', args: { token: 0 }, paths: {} },
  },
  'express-jwt': {
    '': { library: 'express-jwt', kind: 'verify', api: 'expressjwt', args: { options: 0 },
      paths: { key: ['secret'], ...JSONWEBTOKEN_VERIFY_PATHS, isRevoked: ['isRevoked'] },
      checksMissing: [...VERIFY_CHECKS, 'isRevoked'] },
    // v7+: the named export throws at startup when `algorithms` is missing, so only the default export is checked for it.
    expressjwt: { library: 'express-jwt', kind: 'verify', api: 'expressjwt', args: { options: 0 },
      paths: { key: ['secret'], ...JSONWEBTOKEN_VERIFY_PATHS, isRevoked: ['isRevoked'] },
      checksMissing: ['audience', 'issuer', 'isRevoked'] },
  },
  'koa-jwt': {
    '': { library: 'koa-jwt', kind: 'verify', api: 'koaJwt', args: { options: 0 },
      paths: { key: ['secret'], ...JSONWEBTOKEN_VERIFY_PATHS, isRevoked: ['isRevoked'] },
      checksMissing: [...VERIFY_CHECKS, 'isRevoked'] },
  },
  'passport-jwt': {
    Strategy: { library: 'passport-jwt', kind: 'verify', api: 'new JwtStrategy', args: { options: 0 },
      paths: { key: ['secretOrKey'], algorithms: ['algorithms', 'jsonWebTokenOptions.algorithms'],
        audience: ['audience', 'jsonWebTokenOptions.audience'], issuer: ['issuer', 'jsonWebTokenOptions.issuer'],
        ignoreExpiration: ['ignoreExpiration', 'jsonWebTokenOptions.ignoreExpiration'],
        clockTolerance: ['jsonWebTokenOptions.clockTolerance'] },
      checksMissing: VERIFY_CHECKS },
  },
  '@nestjs/jwt': {
    'JwtModule.register': { library: '@nestjs/jwt', kind: 'configure', api: 'JwtModule.register', args: { options: 0 },
      paths: { key: ['secret', 'privateKey'], algorithm: ['signOptions.algorithm'], expiresIn: ['signOptions.expiresIn'],
        algorithms: ['verifyOptions.algorithms'], ignoreExpiration: ['verifyOptions.ignoreExpiration'],
        clockTolerance: ['verifyOptions.clockTolerance'] } },
    'JwtService.sign': { library: '@nestjs/jwt', kind: 'sign', api: 'jwtService.sign', args: { payload: 0, options: 1 },
      paths: { key: ['secret', 'privateKey'], algorithm: ['algorithm'], expiresIn: ['expiresIn'] } },
    'JwtService.verify': { library: '@nestjs/jwt', kind: 'verify', api: 'jwtService.verify', args: { token: 0, options: 1 },
      paths: { key: ['secret', 'publicKey'], ...JSONWEBTOKEN_VERIFY_PATHS } },
    'JwtService.decode': { library: '@nestjs/jwt', kind: 'decode', api: 'jwtService.decode', args: { token: 0 }, paths: {} },
  },
  '@fastify/jwt': {
    register: { library: '@fastify/jwt', kind: 'configure', api: 'register(@fastify/jwt)', args: { options: 1 },
      // Most specific first: `secret` exists whenever `secret.private` does.
      paths: { key: ['secret.private', 'secret'], algorithm: ['sign.algorithm'], expiresIn: ['sign.expiresIn'],
        algorithms: ['verify.algorithms'], audience: ['verify.allowedAud'], issuer: ['verify.allowedIss'],
        ignoreExpiration: ['verify.ignoreExpiration'], clockTolerance: ['verify.clockTolerance'] },
      // The plugin's `verify` options are the defaults of every `request.jwtVerify()`.
      checksMissing: ['audience', 'issuer'], numberUnit: 'ms', expiresInUnit: 'seconds' },
    sign: { library: '@fastify/jwt', kind: 'sign', api: 'jwt.sign', args: { payload: 0, options: 1 },
      paths: { algorithm: ['algorithm', 'sign.algorithm'], expiresIn: ['expiresIn', 'sign.expiresIn'], key: ['key', 'sign.key'] },
      numberUnit: 'ms', expiresInUnit: 'seconds' },
    verify: { library: '@fastify/jwt', kind: 'verify', api: 'jwtVerify', args: { token: 0, options: 1 },
      paths: { algorithms: ['algorithms'], ignoreExpiration: ['ignoreExpiration'], clockTolerance: ['clockTolerance'] },
      numberUnit: 'ms' },
    decode: { library: '@fastify/jwt', kind: 'decode', api: 'jwt.decode', args: { token: 0 }, paths: {} },
  },
  'fast-jwt': {
    createSigner: { library: 'fast-jwt', kind: 'sign', api: 'createSigner', args: { options: 0 },
      paths: { key: ['key'], algorithm: ['algorithm'], expiresIn: ['expiresIn'] }, checksMissing: ['expiresIn'],
      numberUnit: 'ms' },
    createVerifier: { library: 'fast-jwt', kind: 'verify', api: 'createVerifier', args: { options: 0 },
      paths: { key: ['key'], algorithms: ['algorithms'], audience: ['allowedAud'], issuer: ['allowedIss'],
        ignoreExpiration: ['ignoreExpiration'], clockTolerance: ['clockTolerance'] },
      checksMissing: ['audience', 'issuer'], numberUnit: 'ms' },
    createDecoder: { library: 'fast-jwt', kind: 'decode', api: 'createDecoder', args: {}, paths: {} },
  },
  'jwt-simple': {
    encode: { library: 'jwt-simple', kind: 'sign', api: 'jwt.encode', args: { payload: 0, key: 1 }, paths: {},
      checksMissing: ['expiresIn'] },
    decode: { library: 'jwt-simple', kind: 'verify', api: 'jwt.decode', args: { token: 0, key: 1 }, paths: {},
      checksMissing: ['algorithms'] },
  },
  'jwt-decode': {
    '': { library: 'jwt-decode', kind: 'decode', api: 'jwtDecode', args: { token: 0 }, paths: {} },
    jwtDecode: { library: 'jwt-decode', kind: 'decode', api: 'jwtDecode', args: { token: 0 }, paths: {} },
  },
  '@hapi/jwt': {
    'token.generate': { library: '@hapi/jwt', kind: 'sign', api: 'Jwt.token.generate', args: { payload: 0, key: 1, options: 2 },
      paths: { expiresIn: ['ttlSec'], header: ['header'] }, checksMissing: ['expiresIn'], numberUnit: 'seconds' },
    'token.decode': { library: '@hapi/jwt', kind: 'decode', api: 'Jwt.token.decode', args: { token: 0 }, paths: {} },
  },
};

const MODULE_ALIASES: Record<string, string> = {
  'fastify-jwt': '@fastify/jwt',
  'jose/jwt/verify': 'jose',
  'jose/jwt/sign': 'jose',
  'jose/jwt/decode': 'jose',
};

const HAPI_AUTH_JWT2_PATHS: Spec['paths'] = {
  key: ['key'], algorithms: ['verifyOptions.algorithms'], audience: ['verifyOptions.audience'],
  issuer: ['verifyOptions.issuer'], ignoreExpiration: ['verifyOptions.ignoreExpiration'],
  clockTolerance: ['verifyOptions.clockTolerance'],
};
const HAPI_JWT_PATHS: Spec['paths'] = {
  // Most specific first: `keys` exists whenever the others do.
  key: ['keys.0.key', 'keys.key', 'keys.0', 'keys'], algorithms: ['keys.algorithms', 'keys.0.algorithms'],
  audience: ['verify.aud'], issuer: ['verify.iss'], verify: ['verify'], ignoreExpiration: ['verify.exp'],
  clockTolerance: ['verify.timeSkewSec'],
};

export function normaliseModule(name: string): string {
  return MODULE_ALIASES[name] ?? name;
}

/**
 * Recognises a JWT library call. Returns undefined for everything else, including
 * calls whose callee cannot be traced to a JWT library.
 */
export function recogniseJwtCall(node: ts.CallExpression | ts.NewExpression, resolver: ValueResolver): JwtCall | undefined {
  const callee = node.expression;
  const ref = resolver.resolve(callee);
  if (ref?.kind === 'module') {
    const spec = SPECS[normaliseModule(ref.module)]?.[ref.member ?? ''];
    if (spec && (ts.isNewExpression(node) === (spec.api.startsWith('new ')))) return fromSpec(spec, node, resolver);
  }
  if (ts.isCallExpression(node)) {
    return recogniseJoseSign(node, resolver)
      ?? recogniseNestRegister(node, resolver, ref)
      ?? recogniseNestService(node, resolver)
      ?? recogniseFastify(node, resolver)
      ?? recogniseHapiStrategy(node, resolver)
      ?? recogniseFactoryCall(node, resolver)
      ?? recognisePassportStrategySuper(node, resolver);
  }
  return undefined;
}

function fromSpec(
  spec: Spec,
  node: ts.CallExpression | ts.NewExpression,
  resolver: ValueResolver,
  optionsOverride?: Value | undefined,
): JwtCall {
  const allArgs = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  // `jwt.verify(...args)`: positions after a spread are unknown, so nothing there is judged.
  const spreadAt = allArgs.findIndex((arg) => ts.isSpreadElement(arg));
  const args = spreadAt < 0 ? allArgs : allArgs.slice(0, spreadAt);
  const settings = new Map<Concept, Setting>();
  let settingsComplete = spreadAt < 0;
  const optionsArg = spec.args.options === undefined ? undefined : args[spec.args.options];
  const options = optionsOverride ?? (optionsArg ? resolver.resolve(optionsArg) : undefined);
  if (optionsArg || optionsOverride) {
    if (options?.kind === 'object') {
      settingsComplete &&= options.complete;
      for (const [concept, paths] of Object.entries(spec.paths) as [Concept, string[]][]) {
        const found = lookupPath(options, paths);
        if (found) settings.set(concept, found);
      }
    } else if (options?.kind === 'function' && spec.library === 'jsonwebtoken') {
      // jwt.sign(payload, key, callback): no options at all.
    } else if (options?.kind !== 'undefined' && options?.kind !== 'null') {
      settingsComplete = false;
    }
  }
  const keyArg = spec.args.key === undefined ? undefined : args[spec.args.key];
  if (keyArg) settings.set('key', { value: resolver.resolve(keyArg), origin: resolver.originOf(keyArg), expression: keyArg });
  if (spec.library === 'jwt-simple') addJwtSimpleArguments(spec, node, resolver, settings);
  const keyEntry = settings.get('key');
  if (keyEntry && !keyEntry.expression && optionsArg && ts.isObjectLiteralExpression(optionsArg)) {
    keyEntry.expression = initializerAtPath(optionsArg, spec.paths.key ?? []);
  }
  return {
    library: spec.library,
    kind: spec.kind,
    api: spec.api,
    node,
    settings,
    settingsComplete,
    checksMissing: new Set(spec.checksMissing ?? []),
    numberUnit: spec.numberUnit ?? 'seconds',
    expiresInUnit: spec.expiresInUnit,
    payload: spec.args.payload === undefined ? undefined : args[spec.args.payload],
    token: spec.args.token === undefined ? undefined : args[spec.args.token],
  };
}

/** jwt-simple: `encode(payload, key, alg)`, `decode(token, key, noVerify, alg)`. */
function addJwtSimpleArguments(spec: Spec, node: ts.CallExpression | ts.NewExpression, resolver: ValueResolver,
  settings: Map<Concept, Setting>): void {
  const args = node.arguments ?? [];
  const algIndex = spec.kind === 'sign' ? 2 : 3;
  const alg = args[algIndex];
  if (alg) settings.set(spec.kind === 'sign' ? 'algorithm' : 'algorithms', { value: resolver.resolve(alg), origin: resolver.originOf(alg) });
  const noVerify = spec.kind === 'verify' ? args[2] : undefined;
  if (noVerify) {
    const value = resolver.resolve(noVerify);
    // noVerify === true turns the "verify" into a plain decode.
    settings.set('verify', {
      value: value?.kind === 'boolean' ? { ...value, value: !value.value } : undefined,
      origin: resolver.originOf(noVerify),
    });
  }
}

/**
 * The expression written at the first dotted path that exists in an options literal
 * (`keys.0.key`), as lookupPath picks it. A step into something that is not written as a
 * literal (`keys: KEYS`) gives undefined rather than a shorter path lookupPath may not have taken.
 */
function initializerAtPath(object: ts.ObjectLiteralExpression, paths: string[]): ts.Expression | undefined {
  for (const path of paths) {
    let current: ts.Expression = object;
    let absent = false;
    for (const key of path.split('.')) {
      const literal = unwrapParentheses(current);
      let next: ts.Expression | undefined;
      if (ts.isObjectLiteralExpression(literal)) next = propertyInitializer(literal, key);
      else if (ts.isArrayLiteralExpression(literal) && /^\d+$/.test(key)) next = literal.elements[Number(key)];
      else if (ts.isArrayLiteralExpression(literal) || ts.isStringLiteralLike(literal)) next = undefined;
      else return undefined;
      if (!next && ts.isObjectLiteralExpression(literal) && literal.properties.some(ts.isSpreadAssignment)) return undefined;
      if (!next || ts.isSpreadElement(next)) {
        absent = true;
        break;
      }
      current = next;
    }
    if (!absent) return current;
  }
  return undefined;
}

function unwrapParentheses(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

function propertyInitializer(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const prop of object.properties) {
    if (prop.name && propertyNameText(prop.name) === key) {
      if (ts.isPropertyAssignment(prop)) return prop.initializer;
      if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
    }
  }
  return undefined;
}

/** Follows a dotted path through resolved objects; the first path that exists wins. */
export function lookupPath(options: Value, paths: string[]): Setting | undefined {
  for (const path of paths) {
    let current: Value | undefined = options;
    let origin: Origin | undefined;
    let found = true;
    for (const key of path.split('.')) {
      if (current?.kind === 'object') {
        const entry = current.props.get(key);
        if (!entry) { found = false; break; }
        origin = entry.origin;
        current = entry.value;
      } else if (current?.kind === 'array' && /^\d+$/.test(key)) {
        current = current.items[Number(key)];
        origin = current?.origin ?? origin;
      } else {
        found = false;
        break;
      }
    }
    if (found && origin) return { value: current, origin };
  }
  return undefined;
}

/** jose: `new SignJWT(payload).setProtectedHeader({ alg }).setExpirationTime('2h').sign(key)`. */
function recogniseJoseSign(node: ts.CallExpression, resolver: ValueResolver): JwtCall | undefined {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !['sign', 'encode'].includes(callee.name.text)) return undefined;
  const chain: ts.CallExpression[] = [];
  let receiver: ts.Expression = callee.expression;
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) {
    chain.push(receiver);
    receiver = receiver.expression.expression;
  }
  while (ts.isParenthesizedExpression(receiver)) receiver = receiver.expression;
  if (!ts.isNewExpression(receiver)) return undefined;
  const ctor = resolver.resolve(receiver.expression);
  if (ctor?.kind !== 'module' || normaliseModule(ctor.module) !== 'jose') return undefined;
  const unsecured = ctor.member === 'UnsecuredJWT';
  if (ctor.member !== 'SignJWT' && !unsecured) return undefined;
  if (unsecured !== (callee.name.text === 'encode')) return undefined;
  const settings = new Map<Concept, Setting>();
  const setters: Record<string, Concept> = {
    setExpirationTime: 'expiresIn', setAudience: 'audience', setIssuer: 'issuer',
  };
  for (const call of chain) {
    const method = (call.expression as ts.PropertyAccessExpression).name.text;
    const arg = call.arguments[0];
    if (!arg) continue;
    if (method === 'setProtectedHeader') {
      const header = resolver.resolve(arg);
      const alg = header ? lookupPath(header, ['alg']) : undefined;
      if (alg) settings.set('algorithm', alg);
      settings.set('header', { value: header, origin: resolver.originOf(arg) });
    } else if (setters[method]) {
      settings.set(setters[method], { value: resolver.resolve(arg), origin: resolver.originOf(arg) });
    }
  }
  if (unsecured) {
    settings.set('algorithm', {
      value: { kind: 'string', value: 'none', origin: resolver.originOf(receiver), names: [] },
      origin: resolver.originOf(receiver),
    });
  }
  const keyArg = node.arguments[0];
  if (keyArg) settings.set('key', { value: resolver.resolve(keyArg), origin: resolver.originOf(keyArg), expression: keyArg });
  return {
    library: 'jose',
    kind: 'sign',
    api: unsecured ? 'new UnsecuredJWT().encode' : 'new SignJWT().sign',
    node,
    settings,
    // A chain is complete by construction; the payload may still carry `exp`.
    settingsComplete: true,
    checksMissing: new Set<Concept>(['expiresIn']),
    numberUnit: 'seconds',
    payload: receiver.arguments?.[0],
  };
}

/** `JwtModule.register(opts)` and `JwtModule.registerAsync({ useFactory: () => opts })`. */
function recogniseNestRegister(node: ts.CallExpression, resolver: ValueResolver, ref: Value | undefined): JwtCall | undefined {
  if (ref?.kind !== 'module' || ref.module !== '@nestjs/jwt') return undefined;
  const spec = SPECS['@nestjs/jwt']!['JwtModule.register']!;
  if (ref.member === 'JwtModule.register') return fromSpec(spec, node, resolver);
  if (ref.member !== 'JwtModule.registerAsync') return undefined;
  const asyncOptions = resolver.resolve(node.arguments[0]);
  const factory = asyncOptions?.kind === 'object' ? asyncOptions.props.get('useFactory')?.value : undefined;
  // A factory imported from another file cannot be read with this file's resolver: stay silent.
  const returned = factory?.kind === 'function' && factory.node.getSourceFile() === resolver.sourceFile
    ? returnedExpression(factory.node) : undefined;
  const call = fromSpec({ ...spec, api: 'JwtModule.registerAsync' }, node, resolver, returned ? resolver.resolve(returned) : undefined);
  if (!returned) call.settingsComplete = false;
  return call;
}

/** The single returned expression of a function: `() => ({...})` or `{ return {...}; }`. */
export function returnedExpression(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  const returns = body.statements.filter(ts.isReturnStatement);
  return returns.length === 1 ? returns[0]!.expression : undefined;
}

/** `this.jwtService.sign(...)` where the member is typed `JwtService` from @nestjs/jwt. */
function recogniseNestService(node: ts.CallExpression, resolver: ValueResolver): JwtCall | undefined {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text.replace(/Async$/, '');
  if (!['sign', 'verify', 'decode'].includes(method)) return undefined;
  if (!isNestJwtService(callee.expression, resolver)) return undefined;
  const spec = SPECS['@nestjs/jwt']![`JwtService.${method}`]!;
  return fromSpec({ ...spec, api: `jwtService.${callee.name.text}` }, node, resolver);
}

function isNestJwtService(receiver: ts.Expression, resolver: ValueResolver): boolean {
  let typeName: ts.EntityName | undefined;
  let memberName: string | undefined;
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
    memberName = receiver.name.text;
    let cls: ts.Node | undefined = receiver.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls || !ts.isClassLike(cls)) return false;
    for (const member of cls.members) {
      if (ts.isPropertyDeclaration(member) && member.name && propertyNameText(member.name) === memberName &&
          member.type && ts.isTypeReferenceNode(member.type)) typeName = member.type.typeName;
      if (ts.isConstructorDeclaration(member)) {
        for (const param of member.parameters) {
          if (ts.isIdentifier(param.name) && param.name.text === memberName && param.type && ts.isTypeReferenceNode(param.type)) {
            typeName = param.type.typeName;
          }
        }
      }
    }
  } else if (ts.isIdentifier(receiver)) {
    const value = resolver.resolve(receiver);
    if (value) return false;
    // A parameter typed JwtService: find it by walking up to the function.
    let fn: ts.Node | undefined = receiver.parent;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
    if (fn && ts.isFunctionLike(fn)) {
      for (const param of fn.parameters) {
        if (ts.isIdentifier(param.name) && param.name.text === receiver.text && param.type && ts.isTypeReferenceNode(param.type)) {
          typeName = param.type.typeName;
        }
      }
    }
  }
  if (!typeName || !ts.isIdentifier(typeName)) return false;
  const type = resolver.resolve(typeName);
  return type?.kind === 'module' && type.module === '@nestjs/jwt' && type.member === 'JwtService';
}

/**
 * @fastify/jwt: `fastify.register(fastifyJwt, opts)`, `fastify.jwt.sign/verify/decode(...)`,
 * `reply.jwtSign(payload, opts)`, `request.jwtVerify(opts)`, `request.jwtDecode()`.
 */
function recogniseFastify(node: ts.CallExpression, resolver: ValueResolver): JwtCall | undefined {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const specs = SPECS['@fastify/jwt']!;
  if (method === 'register') {
    const plugin = resolver.resolve(node.arguments[0]);
    if (plugin?.kind === 'module' && normaliseModule(plugin.module) === '@fastify/jwt' && plugin.member === undefined) {
      return fromSpec(specs.register!, node, resolver);
    }
    return undefined;
  }
  if (!mentionsFastifyJwt(resolver.sourceFile)) return undefined;
  if (ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'jwt' &&
      ['sign', 'verify', 'decode'].includes(method)) {
    const spec = specs[method]!;
    return fromSpec({ ...spec, api: `jwt.${method}`, args: method === 'verify' ? { token: 0, options: 1 } : spec.args }, node, resolver);
  }
  if (method === 'jwtSign') return fromSpec({ ...specs.sign!, api: 'reply.jwtSign' }, node, resolver);
  if (method === 'jwtVerify') return fromSpec({ ...specs.verify!, api: 'request.jwtVerify', args: { options: 0 } }, node, resolver);
  if (method === 'jwtDecode') return fromSpec({ ...specs.decode!, api: 'request.jwtDecode', args: {} }, node, resolver);
  return undefined;
}

/** Per parsed file: asked for every call whose method could be a @fastify/jwt one, judged once. */
const fastifyJwtFiles = new WeakMap<ts.SourceFile, boolean>();

function mentionsFastifyJwt(sourceFile: ts.SourceFile): boolean {
  const cached = fastifyJwtFiles.get(sourceFile);
  if (cached !== undefined) return cached;
  const text = sourceFile.text;
  const mentions = text.includes('fastify') && (text.includes('jwtSign') || text.includes('jwtVerify') ||
    text.includes('.jwt.') || text.includes('fastify-jwt') || text.includes('@fastify/jwt'));
  fastifyJwtFiles.set(sourceFile, mentions);
  return mentions;
}

/** hapi: `server.auth.strategy(name, 'jwt', [mode,] options)` for hapi-auth-jwt2 and @hapi/jwt. */
function recogniseHapiStrategy(node: ts.CallExpression, resolver: ValueResolver): JwtCall | undefined {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'strategy') return undefined;
  if (!ts.isPropertyAccessExpression(callee.expression) || callee.expression.name.text !== 'auth') return undefined;
  if (resolver.resolveString(node.arguments[1]) !== 'jwt') return undefined;
  const text = resolver.sourceFile.text;
  // hapi < 17: `strategy(name, scheme, mode, options)`, mode being true/false or 'required'/'optional'/'try'.
  const mode = node.arguments.length > 3 ? resolver.resolve(node.arguments[2]) : undefined;
  const optionsAt = mode?.kind === 'boolean' || (mode?.kind === 'string' && ['required', 'optional', 'try'].includes(mode.value))
    ? 3 : 2;
  const options = resolver.resolve(node.arguments[optionsAt]);
  const usesHapiJwt = text.includes('@hapi/jwt') ||
    (!text.includes('hapi-auth-jwt2') && options?.kind === 'object' && options.props.has('keys'));
  const spec: Spec = usesHapiJwt
    ? { library: '@hapi/jwt', kind: 'verify', api: "auth.strategy('jwt')", args: { options: optionsAt }, paths: HAPI_JWT_PATHS,
        checksMissing: [], numberUnit: 'seconds' }
    : { library: 'hapi-auth-jwt2', kind: 'verify', api: "auth.strategy('jwt')", args: { options: optionsAt },
        paths: HAPI_AUTH_JWT2_PATHS, checksMissing: ['algorithms', 'audience', 'issuer'] };
  return fromSpec(spec, node, resolver);
}

/** `const decode = createDecoder(); decode(token)`: calling the function a fast-jwt factory made. */
function recogniseFactoryCall(node: ts.CallExpression, resolver: ValueResolver): JwtCall | undefined {
  if (!ts.isIdentifier(node.expression)) return undefined;
  const declaration = findDeclaration(node.expression);
  if (declaration?.kind !== 'variable' || declaration.path.length > 0) return undefined;
  const init = declaration.node.initializer;
  if (!init || !ts.isCallExpression(init)) return undefined;
  const factory = resolver.resolve(init.expression);
  if (factory?.kind !== 'module' || factory.module !== 'fast-jwt' || factory.member !== 'createDecoder') return undefined;
  return fromSpec({ ...SPECS['fast-jwt']!.createDecoder!, api: `${node.expression.text}()`, args: { token: 0 } }, node, resolver);
}

/**
 * passport-jwt options passed to `super(...)` in a strategy class: the NestJS form
 * `class JwtStrategy extends PassportStrategy(Strategy) { constructor() { super({...}) } }`
 * and a plain `class MyStrategy extends Strategy` where Strategy comes from passport-jwt.
 */
function recognisePassportStrategySuper(node: ts.CallExpression, resolver: ValueResolver): JwtCall | undefined {
  if (node.expression.kind !== ts.SyntaxKind.SuperKeyword) return undefined;
  let cls: ts.Node | undefined = node.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  const extended = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!extended) return undefined;
  let strategy: ts.Expression | undefined = extended;
  if (ts.isCallExpression(extended)) {
    const mixin = resolver.resolve(extended.expression);
    if (mixin?.kind !== 'module' || mixin.module !== '@nestjs/passport' || mixin.member !== 'PassportStrategy') return undefined;
    strategy = extended.arguments[0];
  }
  const base = resolver.resolve(strategy);
  if (base?.kind !== 'module' || base.module !== 'passport-jwt' || base.member !== 'Strategy') return undefined;
  return fromSpec({ ...SPECS['passport-jwt']!.Strategy!, api: 'passport-jwt strategy super()' }, node, resolver);
}
