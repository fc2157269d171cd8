/**
 * golang-jwt signing methods as the algorithm rules judge them: `jwt.SigningMethodHS256`,
 * `jwt.GetSigningMethod("RS256")`, and the names listed in `jwt.WithValidMethods([]string{...})`
 * (or a v4 `Parser{ValidMethods: ...}`).
 */
import { algorithmFamily, type AlgorithmFamily } from '../js/jwt-algorithms.js';
import type { SyntaxNode } from '../tree/parser.js';
import { field, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import type { GoFacts } from './facts.js';
import { argumentsOf } from './libraries.js';
import { unwrap } from './values.js';

export interface GoAlgorithm {
  /** `HS256`, `none`. */
  name: string;
  family: AlgorithmFamily | undefined;
  /** The literal or selector naming it. */
  node: SyntaxNode;
}

/** The algorithm a signing-method expression names, if known. */
export function signingMethodOf(node: SyntaxNode | undefined, facts: GoFacts): GoAlgorithm | undefined {
  if (!node) return undefined;
  const expression = unwrap(node);
  const reference = facts.jwtReference(expression);
  if (reference) {
    if (reference.member === 'SigningMethodNone') return { name: 'none', family: 'none', node: expression };
    const match = /^SigningMethod((?:HS|RS|ES|PS)\d+|EdDSA)$/.exec(reference.member);
    return match ? { name: match[1]!, family: algorithmFamily(match[1]!), node: expression } : undefined;
  }
  if (expression.type === 'call_expression' && facts.jwtReference(field(expression, 'function'))?.member === 'GetSigningMethod') {
    const name = facts.resolveString(argumentsOf(expression)[0]);
    return name === undefined ? undefined : { name, family: algorithmFamily(name), node: expression };
  }
  return undefined;
}

export interface MethodList {
  entries: GoAlgorithm[];
  /** Every element resolved. */
  complete: boolean;
  /** The `[]string{...}` literal, and the file it is written in. */
  node: SyntaxNode;
  file: SyntaxFile;
}

/** The names in a `[]string{"RS256", ...}` argument, resolved through variables and constants. */
export function methodList(arg: SyntaxNode | undefined, facts: GoFacts): MethodList | undefined {
  if (!arg) return undefined;
  const behind = facts.expressionBehind(arg);
  if (!behind || behind.node.type !== 'composite_literal') return undefined;
  const { node, facts: where } = behind;
  const body = field(node, 'body');
  if (!body) return undefined;
  const entries: GoAlgorithm[] = [];
  let complete = true;
  for (const element of namedChildren(body)) {
    const value = where.resolve(element);
    if (value?.kind === 'string') entries.push({ name: value.value, family: algorithmFamily(value.value), node: value.node });
    else complete = false;
  }
  return { entries, complete, node, file: where.syntax };
}
