/**
 * golang-jwt keyfuncs (`func(t *jwt.Token) (interface{}, error)`): where one is defined (a
 * func literal, a named function or a method of the package, a local variable holding a
 * literal), what it returns as the key, and which signing methods it checks.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field, fields, namedChildren } from '../tree/syntax.js';
import type { GoFacts } from './facts.js';
import { findLocal } from './scope.js';
import { unwrap } from './values.js';

export interface Keyfunc {
  /** The func literal, function or method declaration. */
  node: SyntaxNode;
  body: SyntaxNode;
  /** The name of the token parameter, when it has one. */
  tokenParam?: string;
  facts: GoFacts;
}

export type MethodFamily = 'hmac' | 'public-key' | 'none';

const METHOD_TYPES: Record<string, MethodFamily> = {
  SigningMethodHMAC: 'hmac',
  SigningMethodRSA: 'public-key',
  SigningMethodRSAPSS: 'public-key',
  SigningMethodECDSA: 'public-key',
  SigningMethodEd25519: 'public-key',
};

export function methodFamilyOfType(facts: GoFacts, type: SyntaxNode | undefined): MethodFamily | undefined {
  const reference = facts.jwtReference(type);
  return reference ? METHOD_TYPES[reference.member] : undefined;
}

/** The keyfunc an argument refers to, or undefined when jwt-lint cannot see its body. */
export function resolveKeyfunc(arg: SyntaxNode | undefined, facts: GoFacts): Keyfunc | undefined {
  if (!arg) return undefined;
  const node = unwrap(arg);
  if (node.type === 'func_literal') return keyfuncOf(node, facts);
  if (node.type === 'identifier') {
    const name = facts.textOf(node);
    if (findLocal(node, name, (n) => facts.textOf(n))) {
      const behind = facts.expressionBehind(node);
      return behind?.node.type === 'func_literal' ? keyfuncOf(behind.node, behind.facts) : undefined;
    }
    const fn = facts.packageFunction(name);
    if (fn) return keyfuncOf(fn.node, fn.facts);
    const variable = facts.expressionBehind(node);
    return variable?.node.type === 'func_literal' ? keyfuncOf(variable.node, variable.facts) : undefined;
  }
  if (node.type === 'selector_expression') {
    // A method value (`s.keyFunc`): only when the package has exactly one method of that name.
    const method = field(node, 'field');
    if (!method) return undefined;
    const methods = facts.packageMethods(facts.textOf(method));
    return methods.length === 1 ? keyfuncOf(methods[0]!.node, methods[0]!.facts) : undefined;
  }
  return undefined;
}

function keyfuncOf(node: SyntaxNode, facts: GoFacts): Keyfunc | undefined {
  const body = field(node, 'body');
  const parameters = namedChildren(field(node, 'parameters') ?? node).filter((p) => p.type === 'parameter_declaration');
  if (!body || parameters.length !== 1) return undefined;
  const names = fields(parameters[0]!, 'name');
  const tokenParam = names[0] ? facts.textOf(names[0]) : undefined;
  return { node, body, tokenParam: tokenParam === '_' ? undefined : tokenParam, facts };
}

/** The statements of a function body that belong to it (not to nested func literals). */
export function ownDescendants(body: SyntaxNode, type: string): SyntaxNode[] {
  return descendants(body, type).filter((node) => {
    for (let current = node.parent; current && current !== body; current = current.parent) {
      if (current.type === 'func_literal') return false;
    }
    return true;
  });
}

/** The key expressions a keyfunc returns (the first value of each return). */
export function returnedKeys(keyfunc: Keyfunc): SyntaxNode[] {
  const keys: SyntaxNode[] = [];
  for (const statement of ownDescendants(keyfunc.body, 'return_statement')) {
    const list = namedChildren(statement)[0];
    const first = list?.type === 'expression_list' ? namedChildren(list)[0] : list;
    if (first && first.type !== 'nil') keys.push(first);
  }
  return keys;
}

/**
 * Does the keyfunc look at the signing method? `t.Method`, `t.Header["alg"]`, `Alg()`, or any
 * `jwt.SigningMethod*` name count. When it passes the token to another function, jwt-lint
 * cannot tell ('unknown').
 */
export function checksMethod(keyfunc: Keyfunc): 'yes' | 'no' | 'unknown' {
  const { facts, body, tokenParam } = keyfunc;
  for (const selector of descendants(body, 'selector_expression')) {
    const name = facts.textOf(field(selector, 'field')!);
    if (name === 'Method' || name === 'Alg') return 'yes';
    if (name === 'Header' && /\[\s*"alg"\s*\]/.test(facts.textOf(selector.parent ?? selector))) return 'yes';
    const reference = facts.jwtReference(selector);
    if (reference?.member.startsWith('SigningMethod')) return 'yes';
  }
  for (const type of descendants(body, 'qualified_type')) {
    if (facts.jwtReference(type)?.member.startsWith('SigningMethod')) return 'yes';
  }
  if (tokenParam) {
    for (const call of descendants(body, 'call_expression')) {
      const args = namedChildren(field(call, 'arguments') ?? call);
      if (args.some((arg) => arg.type === 'identifier' && facts.textOf(arg) === tokenParam)) return 'unknown';
    }
  }
  return 'no';
}

/**
 * A method check that lets both HMAC and public-key methods through to the same code:
 * `case *jwt.SigningMethodHMAC, *jwt.SigningMethodRSA:`, or `if !okHMAC && !okRSA { error }`
 * (and `if okHMAC || okRSA { ... }`). Returns the node that accepts both.
 */
export function mixedMethodCheck(keyfunc: Keyfunc): SyntaxNode | undefined {
  const { facts, body } = keyfunc;
  for (const typeCase of descendants(body, 'type_case')) {
    const families = new Set(fields(typeCase, 'type').map((type) => methodFamilyOfType(facts, type)));
    if (families.has('hmac') && families.has('public-key')) return typeCase;
  }
  // `_, okHMAC := t.Method.(*jwt.SigningMethodHMAC)`
  const okVars = new Map<string, MethodFamily>();
  for (const declaration of descendants(body, 'short_var_declaration')) {
    const left = namedChildren(field(declaration, 'left') ?? declaration);
    const right = namedChildren(field(declaration, 'right') ?? declaration);
    if (left.length !== 2 || right.length !== 1 || right[0]!.type !== 'type_assertion_expression') continue;
    const family = methodFamilyOfType(facts, field(right[0]!, 'type'));
    if (family) okVars.set(facts.textOf(left[1]!), family);
  }
  if (okVars.size < 2) return undefined;
  for (const condition of descendants(body, 'binary_expression')) {
    const text = facts.textOf(condition).replace(/\s+/g, '');
    const negated = /^!(\w+)&&!(\w+)$/.exec(text);
    const either = /^(\w+)\|\|(\w+)$/.exec(text);
    const pair = negated ?? either;
    if (!pair) continue;
    const families = new Set([okVars.get(pair[1]!), okVars.get(pair[2]!)]);
    if (families.has('hmac') && families.has('public-key')) return condition;
  }
  return undefined;
}

/** The method families a keyfunc accepts by type assertion or type switch (any branch). */
export function assertedFamilies(keyfunc: Keyfunc): Set<MethodFamily> {
  const families = new Set<MethodFamily>();
  const { facts, body } = keyfunc;
  for (const assertion of descendants(body, 'type_assertion_expression')) {
    const family = methodFamilyOfType(facts, field(assertion, 'type'));
    if (family) families.add(family);
  }
  for (const typeCase of descendants(body, 'type_case')) {
    for (const type of fields(typeCase, 'type')) {
      const family = methodFamilyOfType(facts, type);
      if (family) families.add(family);
    }
  }
  return families;
}
