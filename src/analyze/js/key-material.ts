/**
 * Where a JS/TS file holds JWT key material: the literal secrets, PEM private keys and
 * private JWKs that reach a JWT call's key, or that a declaration's name says are a JWT
 * secret (`const JWT_SECRET = '...'`, `jwt: { secret: '...' }`), and the literal defaults
 * of environment secrets (`process.env.JWT_SECRET || 'dev'`). Shared by hardcoded-secret,
 * weak-secret and secret-fallback, which judge the same candidates differently.
 *
 * The JS/TS analyzer runs one collector per file, whatever rules are enabled (every candidate
 * is masked in code frames), and rules read the candidates at the end of the file through
 * `context.keyMaterial()`: one per literal origin, with every use.
 */
import ts from './typescript.cjs';
import type { RelatedLocation } from '../../types.js';
import { classifyKeyText, isPlaceholderSecret, privateJwkMember, type KeyText } from '../secret-strength.js';
import { isJwtSecretName, type SecretNameOptions } from '../secret-names.js';
import type { JwtCall } from './libraries.js';
import { propertyNameText, type Origin, type Value, type ValueResolver } from './values.js';

export interface KeyLiteral {
  kind: 'literal';
  /** The key material as written (for a JWK, its private member). */
  text: string;
  keyText: Exclude<KeyText, { kind: 'pem-public' } | { kind: 'jwk-public' }>;
  origin: Origin;
  /** The JWT calls that use it, as related locations ("used as the key of jwt.sign"). */
  uses: RelatedLocation[];
  /** `jwt.sign` of the first use, for messages. */
  firstApi?: string;
  /** The JWT-secret name it was declared under, when found by name (`JWT_SECRET`). */
  declaredAs?: string;
}

export interface KeyFallback {
  kind: 'fallback';
  envName: string;
  /** The default is picked by a condition (`isProd ? process.env.X : 'dev'`), not by X being unset. */
  byCondition?: boolean;
  text: string;
  origin: Origin;
  uses: RelatedLocation[];
  firstApi?: string;
  declaredAs?: string;
}

export type KeyCandidate = KeyLiteral | KeyFallback;

/** OAuth 1 apps (Twitter and the like) also have `access_token_secret`s; they are not JWT keys. */
const OAUTH1_FILE = /consumer_?(key|secret)|oauth_?token|consumerKey|consumerSecret/i;
/** Paths of translation files, where `jwt: { secret: 'JWT secret' }` is a label. */
const TRANSLATION_PATH = /(^|\/)(i18n|l10n|locales?|langs?|translations?)\//i;
const MAX_FLATTEN_DEPTH = 4;

export class KeyMaterialCollector {
  private readonly candidates = new Map<string, KeyCandidate>();

  constructor(private readonly resolver: ValueResolver, private readonly file: string) {}

  /** The node listeners that find name-based candidates; the caller also forwards `jwtCall`. */
  listeners(): Partial<Record<ts.SyntaxKind, (node: ts.Node) => void>> {
    return {
      [ts.SyntaxKind.VariableDeclaration]: (node) => this.visitVariable(node as ts.VariableDeclaration),
      [ts.SyntaxKind.PropertyAssignment]: (node) => this.visitProperty(node as ts.PropertyAssignment),
      [ts.SyntaxKind.PropertyDeclaration]: (node) => this.visitClassField(node as ts.PropertyDeclaration),
      [ts.SyntaxKind.BinaryExpression]: (node) => this.visitBinary(node as ts.BinaryExpression),
      [ts.SyntaxKind.CallExpression]: (node) => this.visitConfigGet(node as ts.CallExpression),
    };
  }

  /** The key of a recognised JWT call: every literal it resolves to is a candidate. */
  addCall(call: JwtCall): void {
    const key = call.settings.get('key');
    if (!key) return;
    const use: RelatedLocation = { file: key.origin.file, range: key.origin.range, message: `used as the key of ${call.api} here` };
    for (const found of flattenKey(key.value, 0)) this.add(found, { use, api: call.api });
  }

  all(): KeyCandidate[] {
    return [...this.candidates.values()];
  }

  private visitVariable(node: ts.VariableDeclaration): void {
    if (!node.initializer) return;
    if (ts.isIdentifier(node.name)) {
      const initializer = node.initializer;
      this.addNamed(node.name.text, () => this.resolver.resolve(initializer));
      return;
    }
    // const { JWT_SECRET = 'dev' } = process.env
    if (ts.isObjectBindingPattern(node.name)) {
      for (const element of node.name.elements) {
        if (!element.initializer || !ts.isIdentifier(element.name)) continue;
        const envName = element.propertyName ? propertyNameText(element.propertyName) : element.name.text;
        const binding = element.name;
        if (envName) this.addNamed(envName, () => this.resolver.resolve(binding), { envName: true });
      }
    }
  }

  private visitProperty(node: ts.PropertyAssignment): void {
    const name = qualifiedPropertyName(node);
    if (name) this.addNamed(name, () => this.resolver.resolve(node.initializer));
  }

  private visitClassField(node: ts.PropertyDeclaration): void {
    const name = propertyNameText(node.name);
    const initializer = node.initializer;
    if (name && initializer) this.addNamed(name, () => this.resolver.resolve(initializer));
  }

  private visitBinary(node: ts.BinaryExpression): void {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      // process.env.JWT_SECRET = '...', config.jwt.secret = '...', this.jwtSecret = '...'
      if (!ts.isPropertyAccessExpression(node.left) && !ts.isElementAccessExpression(node.left)) return;
      const name = assignedName(node.left);
      if (name) this.addNamed(name, () => this.resolver.resolve(node.right), { envName: isEnvTarget(node.left) });
      return;
    }
    // `process.env.JWT_SECRET || 'dev'` anywhere: the env name says what it is.
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      if (ts.isBinaryExpression(node.parent) && node.parent.left === node) return; // the outer `||` decides
      // Cheap guard: `process.env.X`, `import.meta.env.X` or a NestJS `configService.get('X')`.
      if (!/env|config/i.test(node.getSourceFile().text.slice(node.left.pos, node.left.end))) return;
      const value = this.resolver.resolve(node);
      if (value?.kind === 'env' && isJwtSecretName(value.name, { envName: true })) {
        for (const found of flattenKey(value, 0)) if (found.kind === 'fallback') this.add(found, {});
      }
    }
  }

  /** NestJS `configService.get('JWT_SECRET', 'dev')` anywhere: the default argument is the fallback. */
  private visitConfigGet(node: ts.CallExpression): void {
    const callee = node.expression;
    if (node.arguments.length < 2 || !ts.isPropertyAccessExpression(callee) || callee.name.text !== 'get') return;
    const value = this.resolver.resolve(node);
    if (value?.kind === 'env' && value.fallback && isJwtSecretName(value.name, { envName: true })) {
      for (const found of flattenKey(value, 0)) if (found.kind === 'fallback') this.add(found, {});
    }
  }

  /** A declaration whose name says it is a JWT secret, holding a literal or an env fallback. */
  private addNamed(name: string, resolve: () => Value | undefined, nameOptions: SecretNameOptions = {}): void {
    if (!isJwtSecretName(name, nameOptions) || TRANSLATION_PATH.test(this.file)) return;
    if (!/jw[ts]/i.test(name) && this.oauth1File()) return;
    const value = resolve();
    if (!value || (value.kind !== 'string' && value.kind !== 'env' && value.kind !== 'object')) return;
    for (const found of flattenKey(value, 0)) {
      if (found.kind === 'literal' && found.keyText.kind === 'secret' && !looksLikeSecretValue(found.text)) continue;
      this.add(found, { declaredAs: name });
    }
  }

  private isOauth1File: boolean | undefined;

  private oauth1File(): boolean {
    this.isOauth1File ??= OAUTH1_FILE.test(this.resolver.sourceFile.text);
    return this.isOauth1File;
  }

  private add(found: Found, how: { use?: RelatedLocation; api?: string; declaredAs?: string }): void {
    const key = originKey(found.origin);
    let candidate = this.candidates.get(key);
    if (!candidate) {
      candidate = found.kind === 'literal'
        ? { kind: 'literal', text: found.text, keyText: found.keyText, origin: found.origin, uses: [] }
        : { kind: 'fallback', envName: found.envName, byCondition: found.byCondition, text: found.text, origin: found.origin,
          uses: [] };
      this.candidates.set(key, candidate);
    }
    if (how.use && !candidate.uses.some((use) => sameRange(use, how.use!))) candidate.uses.push(how.use);
    candidate.firstApi ??= how.api;
    candidate.declaredAs ??= how.declaredAs;
  }
}

type Found =
  | { kind: 'literal'; text: string; keyText: KeyLiteral['keyText']; origin: Origin }
  | { kind: 'fallback'; envName: string; byCondition?: boolean; text: string; origin: Origin };

/**
 * The key material a resolved key value holds: a secret or PEM string, a private JWK
 * (`{ kty, d }`, `{ kty: 'oct', k }`), the private half of `{ private, public }`
 * (@fastify/jwt), `{ key, passphrase }` (jsonwebtoken), hapi key lists, and literal
 * defaults of env values. Public keys, placeholders and unresolved values give nothing.
 */
function flattenKey(value: Value | undefined, depth: number): Found[] {
  if (!value || depth > MAX_FLATTEN_DEPTH) return [];
  switch (value.kind) {
    case 'string': {
      if (isPlaceholderSecret(value.value)) return [];
      const keyText = classifyKeyText(value.value);
      if (keyText.kind === 'pem-public' || keyText.kind === 'jwk-public') return [];
      return [{ kind: 'literal', text: keyText.kind === 'jwk-private' ? keyText.secret : value.value, keyText, origin: value.origin }];
    }
    case 'env': {
      const fallback = value.fallback;
      if (fallback?.kind !== 'string' || isPlaceholderSecret(fallback.value)) return [];
      const keyText = classifyKeyText(fallback.value);
      if (keyText.kind === 'pem-public' || keyText.kind === 'jwk-public') return [];
      return [{ kind: 'fallback', envName: value.name, byCondition: value.fallbackByCondition, text: fallback.value,
        origin: fallback.origin }];
    }
    case 'object': {
      const jwk = jwkSecretEntry(value);
      if (jwk) return [jwk];
      for (const member of ['private', 'key']) {
        const entry = value.props.get(member);
        if (entry) return flattenKey(entry.value, depth + 1);
      }
      return [];
    }
    case 'array':
      return value.items.flatMap((item) => flattenKey(item, depth + 1));
    default:
      return [];
  }
}

/** `{ kty: 'oct', k: '...' }` or `{ kty: 'RSA', ..., d: '...' }` written as an object literal. */
function jwkSecretEntry(value: Extract<Value, { kind: 'object' }>): Found | undefined {
  const kty = value.props.get('kty')?.value;
  if (kty?.kind !== 'string') return undefined;
  const plain: Record<string, unknown> = { kty: kty.value };
  for (const member of ['d', 'k']) {
    const entry = value.props.get(member)?.value;
    if (entry?.kind === 'string') plain[member] = entry.value;
  }
  const secret = privateJwkMember(plain);
  if (secret === undefined) return undefined;
  const member = typeof plain.d === 'string' ? 'd' : 'k';
  const origin = value.props.get(member)!.value!.origin;
  return { kind: 'literal', text: secret, keyText: { kind: 'jwk-private', secret }, origin };
}

/**
 * Values a JWT-secret name may hold that are not secrets: file paths, URLs, environment
 * variable or config key names (`'JWT_SECRET'`, `'jwt.secret'` used as lookup keys), labels.
 * Only for candidates found by name: a value that reaches a JWT call is a key whatever it looks like.
 */
function looksLikeSecretValue(text: string): boolean {
  const trimmed = text.trim();
  if (/^(\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(trimmed) || /\.(pem|key|crt|cer|pub|der|p12|pfx|json|txt|jwk)$/i.test(trimmed)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return false;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(trimmed)) return false;
  if (/^[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)+$/.test(trimmed)) return false;
  // Labels and help texts: `jwt: { secret: 'JWT secret' }`, 'Your token secret'.
  if (/\s/.test(trimmed) && /secret|key|jwt|token/i.test(trimmed)) return false;
  return true;
}

/** `jwt: { secret: ... }` inside `const config = {...}` -> `config.jwt.secret`. */
function qualifiedPropertyName(prop: ts.PropertyAssignment): string | undefined {
  const parts: string[] = [];
  let current: ts.PropertyAssignment = prop;
  for (;;) {
    const key = propertyNameText(current.name);
    if (key === undefined) return undefined;
    parts.unshift(key);
    let up: ts.Node = current.parent.parent;
    while (ts.isParenthesizedExpression(up) || ts.isAsExpression(up) || ts.isSatisfiesExpression(up)) up = up.parent;
    if (ts.isPropertyAssignment(up)) {
      current = up;
      continue;
    }
    if (ts.isVariableDeclaration(up) && ts.isIdentifier(up.name)) parts.unshift(up.name.text);
    return parts.join('.');
  }
}

/** The name an assignment target says: `process.env.JWT_SECRET` -> `JWT_SECRET`, `this.jwtSecret` -> `jwtSecret`. */
function assignedName(target: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  const parts: string[] = [];
  let current: ts.Expression = target;
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    const key = ts.isPropertyAccessExpression(current)
      ? current.name.text
      : ts.isStringLiteralLike(current.argumentExpression) ? current.argumentExpression.text : undefined;
    if (key === undefined) return undefined;
    parts.unshift(key);
    current = current.expression;
  }
  if (ts.isIdentifier(current)) parts.unshift(current.text);
  const dropped = parts[0] === 'process' && parts[1] === 'env' ? 2
    : parts[0] === 'module' && parts[1] === 'exports' ? 2
      : parts[0] === 'exports' ? 1 : 0;
  const name = parts.slice(dropped).join('.');
  return name === '' ? undefined : name;
}

function isEnvTarget(target: ts.Expression): boolean {
  return (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) &&
    /^(process|import\.meta)\.env$/.test(target.expression.getText());
}

function originKey(origin: Origin): string {
  return `${origin.file}:${origin.range.start.line}:${origin.range.start.column}`;
}

function sameRange(a: RelatedLocation, b: RelatedLocation): boolean {
  return a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.column === b.range.start.column;
}

/** The texts to mask for a candidate: the value, and each line of a multi-line PEM body. */
export function sensitiveTexts(candidate: KeyCandidate): string[] {
  const texts = [candidate.text];
  if (candidate.text.includes('\n')) {
    for (const line of candidate.text.split(/\r?\n/)) {
      const body = line.trim();
      if (body.length >= 16 && !body.startsWith('-----')) texts.push(body);
    }
  }
  return texts;
}
