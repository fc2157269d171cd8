/**
 * golang-jwt claims literals: `jwt.MapClaims{...}`, `jwt.RegisteredClaims{...}` (v4, v5),
 * `jwt.StandardClaims{...}` (v3, v4, dgrijalva) and custom claims structs that embed one of
 * them; whether they carry an expiry, and how far in the future it lies.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { field, fields, namedChildren } from '../tree/syntax.js';
import type { GoFacts } from './facts.js';
import { argumentsOf } from './libraries.js';
import { enclosingFunction } from './scope.js';
import { stringLiteral, unwrap } from './values.js';

export type ClaimsKind = 'map' | 'registered' | 'standard' | 'custom';
export type ExpClaim = 'present' | 'absent' | 'unknown';

const EMBEDDED_CLAIMS = new Set(['RegisteredClaims', 'StandardClaims']);

/** The kind of claims a composite literal builds, if it is a claims literal. */
export function claimsKind(literal: SyntaxNode, facts: GoFacts): ClaimsKind | undefined {
  const type = field(literal, 'type');
  if (!type) return undefined;
  const reference = facts.jwtReference(type);
  if (reference?.member === 'MapClaims') return 'map';
  if (reference?.member === 'RegisteredClaims') return 'registered';
  if (reference?.member === 'StandardClaims') return 'standard';
  if (type.type === 'type_identifier' && claimsStruct(facts.textOf(type), facts)) return 'custom';
  return undefined;
}

/** A struct type of the package that embeds jwt.RegisteredClaims or jwt.StandardClaims. */
export function claimsStruct(name: string, facts: GoFacts): { node: SyntaxNode; facts: GoFacts } | undefined {
  for (const file of facts.packageFiles()) {
    const struct = file.structTypes().get(name);
    if (struct) return embedsClaims(struct, file) ? { node: struct, facts: file } : undefined;
  }
  return undefined;
}

export function embedsClaims(struct: SyntaxNode, facts: GoFacts): boolean {
  return structFields(struct).some((declaration) => fields(declaration, 'name').length === 0 &&
    EMBEDDED_CLAIMS.has(facts.jwtReference(field(declaration, 'type'))?.member ?? ''));
}

export function structFields(struct: SyntaxNode): SyntaxNode[] {
  const list = struct.children.find((child) => child.type === 'field_declaration_list');
  return list ? list.children.filter((child) => child.type === 'field_declaration') : [];
}

/** The JSON name of a struct field: its `json:"..."` tag, else the field name. */
export function jsonName(declaration: SyntaxNode, fieldName: string, facts: GoFacts): string | undefined {
  const tag = field(declaration, 'tag');
  const text = tag ? stringLiteral(tag, facts.syntax) : undefined;
  const json = text ? /(?:^|\s)json:"([^",]*)/.exec(text)?.[1] : undefined;
  if (json === '-') return undefined;
  return json || fieldName;
}

/** Does a claims literal carry an expiry? */
export function expClaim(literal: SyntaxNode, facts: GoFacts, depth = 0): ExpClaim {
  const kind = claimsKind(literal, facts);
  if (!kind || depth > 3) return 'unknown';
  const elements = namedChildren(field(literal, 'body') ?? literal);
  if (elements.some((element) => element.type !== 'keyed_element')) return 'unknown';
  let embedded: ExpClaim | undefined;
  for (const element of elements) {
    const key = field(element, 'key');
    if (!key) return 'unknown';
    const keyText = kind === 'map' ? facts.resolveString(unwrap(key)) : facts.textOf(key);
    if (keyText === undefined) return 'unknown';
    if (kind === 'map') {
      if (keyText === 'exp') return 'present';
      continue;
    }
    if (keyText === 'ExpiresAt' || keyText === 'Exp' || keyText === 'Expiry') return 'present';
    if (EMBEDDED_CLAIMS.has(keyText)) {
      const inner = facts.expressionBehind(field(element, 'value'));
      embedded = inner?.node.type === 'composite_literal' ? expClaim(inner.node, inner.facts, depth + 1) : 'unknown';
      if (embedded !== 'absent') return embedded;
    }
  }
  return 'absent';
}

/** Later writes to the claims variable (`claims["exp"] = ...`, `claims.ExpiresAt = ...`, `setExpiry(&claims)`). */
export function isChangedLater(variable: string, use: SyntaxNode, facts: GoFacts): boolean {
  const scope = enclosingFunction(use) ?? facts.syntax.root;
  const name = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const text = facts.textOf(scope);
  return new RegExp(`\\b${name}\\s*\\[|\\b${name}(\\.\\w+)+\\s*=[^=]|&${name}\\b|\\b${name}\\.Set\\w*\\(`).test(text);
}

const YEAR_SECONDS = 31557600;

/**
 * The lifetime an expiry expression gives, in seconds from now: `time.Now().Add(d).Unix()`,
 * `jwt.NewNumericDate(time.Now().Add(d))`, `time.Now().AddDate(0, 0, 30)`, `time.Now().Unix() + 3600`.
 */
export function expiryLifetime(node: SyntaxNode, facts: GoFacts, depth = 0): number | undefined {
  if (depth > 6) return undefined;
  const expression = unwrap(node);
  if (expression.type === 'identifier') {
    // expirationTime := time.Now().Add(24 * time.Hour); ... ExpiresAt: expirationTime.Unix()
    const behind = facts.expressionBehind(expression);
    return behind && behind.node !== expression ? expiryLifetime(behind.node, behind.facts, depth + 1) : undefined;
  }
  if (expression.type === 'binary_expression') {
    const operator = expression.children.find((child) => !child.named)?.type;
    const left = field(expression, 'left');
    const right = field(expression, 'right');
    if (operator !== '+' || !left || !right || !isNowUnix(left, facts)) return undefined;
    const seconds = facts.resolve(right);
    return seconds?.kind === 'number' ? seconds.value : undefined;
  }
  if (expression.type !== 'call_expression') return undefined;
  const callee = field(expression, 'function');
  const args = argumentsOf(expression);
  const reference = facts.jwtReference(callee);
  if (reference?.member === 'NewNumericDate' || reference?.member === 'At') return args[0] ? expiryLifetime(args[0], facts, depth + 1) : undefined;
  if (callee?.type !== 'selector_expression') return undefined;
  const method = facts.textOf(field(callee, 'field')!);
  const receiver = field(callee, 'operand')!;
  if (method === 'Unix' || method === 'UTC' || method === 'Local') return expiryLifetime(receiver, facts, depth + 1);
  if (!isNow(receiver, facts)) return undefined;
  if (method === 'Add') {
    const duration = facts.resolve(args[0]);
    return duration?.kind === 'duration' ? duration.nanos / 1e9 : undefined;
  }
  if (method === 'AddDate' && args.length === 3) {
    const [years, months, days] = args.map((arg) => facts.resolve(arg));
    if (years?.kind !== 'number' || months?.kind !== 'number' || days?.kind !== 'number') return undefined;
    return years.value * YEAR_SECONDS + months.value * (YEAR_SECONDS / 12) + days.value * 86400;
  }
  return undefined;
}

/** `time.Now()`, `time.Now().UTC()`, or a variable holding it. */
function isNow(node: SyntaxNode, facts: GoFacts): boolean {
  const behind = facts.expressionBehind(node);
  if (!behind || behind.node.type !== 'call_expression') return false;
  const callee = field(behind.node, 'function');
  if (callee?.type !== 'selector_expression') return false;
  const operand = field(callee, 'operand')!;
  const method = behind.facts.textOf(field(callee, 'field')!);
  if (method === 'UTC' || method === 'Local') return isNow(operand, behind.facts);
  return method === 'Now' && operand.type === 'identifier' && behind.facts.importPathOf(behind.facts.textOf(operand)) === 'time';
}

function isNowUnix(node: SyntaxNode, facts: GoFacts): boolean {
  const expression = unwrap(node);
  if (expression.type !== 'call_expression') return false;
  const callee = field(expression, 'function');
  return callee?.type === 'selector_expression' && facts.textOf(field(callee, 'field')!) === 'Unix' &&
    isNow(field(callee, 'operand')!, facts);
}
