/**
 * Key material in a Java file, for hardcoded-secret, weak-secret and secret-fallback:
 * literals that reach a JWT key (`signWith`, `Keys.hmacShaKeyFor`, `Algorithm.HMAC256`,
 * `new MACSigner`, ...) directly or through constants, fields and other classes; literals
 * declared under a JWT-secret name (`JWT_SECRET = "..."`); and environment values or Spring
 * properties with a literal default (`@Value("${jwt.secret:dev}")`, `System.getenv` with a fallback).
 */
import { isJwtSecretName } from '../secret-names.js';
import { classifyKeyText, isPlaceholderSecret, type KeyText } from '../secret-strength.js';
import type { SyntaxNode } from '../tree/parser.js';
import { field, walkTree } from '../tree/syntax.js';
import type { JavaFacts } from './facts.js';
import { springValue, type Declaration, type JavaValue, type Place } from './values.js';

export interface JavaKeyLiteral {
  kind: 'literal';
  text: string;
  keyText: KeyText;
  /** Bytes the library receives: the decoded length for Base64 literals. */
  bytes: number;
  at: Place;
  firstApi?: string;
  declaredAs?: string;
}

export interface JavaKeyFallback {
  kind: 'fallback';
  /** `jwt.secret` (Spring property) or `JWT_SECRET` (environment variable). */
  envName: string;
  text: string;
  at: Place;
  firstApi?: string;
}

export type JavaKeyCandidate = JavaKeyLiteral | JavaKeyFallback;

const cache = new WeakMap<JavaFacts, JavaKeyCandidate[]>();

export function javaKeyMaterial(facts: JavaFacts): JavaKeyCandidate[] {
  let found = cache.get(facts);
  if (!found) {
    found = collect(facts);
    cache.set(facts, found);
  }
  return found;
}

function collect(facts: JavaFacts): JavaKeyCandidate[] {
  const byPlace = new Map<string, JavaKeyCandidate>();
  const add = (candidate: JavaKeyCandidate): void => {
    const key = `${candidate.at.file.file}:${candidate.at.node.start}`;
    const existing = byPlace.get(key);
    if (!existing) byPlace.set(key, candidate);
    else if (!existing.firstApi && candidate.firstApi) existing.firstApi = candidate.firstApi;
  };

  for (const use of facts.libraries.keyUses()) {
    const candidate = candidateOf(facts.values.resolve(use.expression), undefined);
    if (candidate) add({ ...candidate, firstApi: use.api });
  }

  // Declarations named as JWT secrets, used or not in this file.
  walkTree(facts.syntax.root, (node) => {
    if (node.type === 'variable_declarator') {
      const name = field(node, 'name');
      if (!name || !isJwtSecretName(facts.syntax.textOf(name))) return;
      const declaration = declarationAt(facts, node);
      if (!declaration) return;
      const declaredAs = declaration.name;
      const property = springValue(declaration.annotations, facts.syntax);
      if (property) {
        const candidate = candidateOf(property, declaredAs);
        if (candidate) add(candidate);
        return;
      }
      const value = declaration.initializer ? facts.values.resolve(declaration.initializer) : undefined;
      if (value?.kind === 'string' && looksLikeNameNotSecret(value.value, declaredAs)) return;
      const candidate = candidateOf(value, declaredAs);
      if (candidate) add(candidate);
    } else if (node.type === 'formal_parameter') {
      // constructor(@Value("${jwt.secret:dev}") String secret)
      const name = field(node, 'name');
      if (!name) return;
      const property = springValue(annotations(node), facts.syntax);
      if (property?.kind === 'env' && (isJwtSecretName(property.name) || isJwtSecretName(facts.syntax.textOf(name)))) {
        const candidate = candidateOf(property, facts.syntax.textOf(name));
        if (candidate) add(candidate);
      }
    }
  });
  return [...byPlace.values()];
}

function candidateOf(value: JavaValue | undefined, declaredAs: string | undefined): JavaKeyCandidate | undefined {
  if (!value) return undefined;
  if (value.kind === 'env') {
    if (!value.fallback || isPlaceholderSecret(value.fallback.text)) return undefined;
    return { kind: 'fallback', envName: value.name, text: value.fallback.text, at: value.fallback.at };
  }
  if (value.kind !== 'string' && value.kind !== 'bytes') return undefined;
  const text = value.kind === 'string' ? value.value : value.text;
  if (isPlaceholderSecret(text)) return undefined;
  const keyText = classifyKeyText(text);
  if (keyText.kind === 'pem-public' || keyText.kind === 'jwk-public') return undefined;
  const bytes = value.kind === 'bytes' ? value.length : Buffer.byteLength(text, 'utf8');
  return { kind: 'literal', text, keyText, bytes, at: value.at, declaredAs };
}

/** `JWT_SECRET = "JWT_SECRET"` or `= "jwt.secret"`: the name of a setting, not its value. */
function looksLikeNameNotSecret(text: string, name: string): boolean {
  const compact = (value: string): string => value.replace(/[^a-z0-9]/gi, '').toLowerCase();
  if (compact(text) === compact(name)) return true;
  return /^[a-z][a-z0-9-]*(\.[a-z][a-zA-Z0-9-]*)+$/.test(text);
}

function declarationAt(facts: JavaFacts, declarator: SyntaxNode): Declaration | undefined {
  const name = field(declarator, 'name')!;
  const holder = declarator.parent;
  if (holder?.type === 'local_variable_declaration') return facts.classes.declarationOf(name, facts.syntax);
  if (holder?.type === 'field_declaration' || holder?.type === 'constant_declaration') {
    return facts.classes.fieldInEnclosingClass(declarator, facts.syntax.textOf(name));
  }
  return undefined;
}

function annotations(node: SyntaxNode): SyntaxNode[] {
  const modifiers = node.children.find((child) => child.type === 'modifiers');
  return modifiers ? modifiers.children.filter((child) => child.type === 'annotation' || child.type === 'marker_annotation') : [];
}

/** Where to report a place: in this file, or in the other file it is written in. */
export function placeOf(place: Place, facts: JavaFacts): { node: SyntaxNode; in?: Place['file'] } {
  return place.file === facts.syntax ? { node: place.node } : { node: place.node, in: place.file };
}
