/**
 * Key material of a Go file, for hardcoded-secret, weak-secret and secret-fallback: the keys
 * passed to `SignedString`, returned by keyfuncs or parsed by `jwt.Parse*PrivateKeyFromPEM`,
 * and package-level constants, variables and struct fields named like a JWT secret.
 * Each key is resolved (constants in other files of the package included); a literal is
 * a 'literal' candidate, an environment variable with a literal default a 'fallback' one.
 */
import { classifyKeyText, isPlaceholderSecret, type KeyText } from '../secret-strength.js';
import { isJwtSecretName } from '../secret-names.js';
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field, fields, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import type { RelatedLocation } from '../../types.js';
import type { GoFacts } from './facts.js';
import { returnedKeys, resolveKeyfunc } from './keyfuncs.js';
import { argumentsOf } from './libraries.js';
import { specsOf } from './scope.js';
import type { GoValue } from './values.js';

export interface GoKeyCandidate {
  kind: 'literal' | 'fallback';
  text: string;
  keyText: KeyText;
  /** The literal, and the file it is written in. */
  node: SyntaxNode;
  file: SyntaxFile;
  /** The first JWT API that uses it: `token.SignedString`, `jwt.Parse keyfunc`. */
  firstApi?: string;
  /** The name it is declared under, when that name says JWT secret. */
  declaredAs?: string;
  /** For fallbacks: the environment variable. */
  envName?: string;
  byCondition?: boolean;
  uses: RelatedLocation[];
}

const PEM_PARSERS = new Set(['ParseRSAPrivateKeyFromPEM', 'ParseECPrivateKeyFromPEM', 'ParseEdPrivateKeyFromPEM',
  'ParseRSAPrivateKeyFromPEMWithPassword']);

export function keyCandidates(facts: GoFacts): GoKeyCandidate[] {
  const byPlace = new Map<string, GoKeyCandidate>();
  const add = (value: GoValue | undefined, use: SyntaxNode | undefined, api: string | undefined, declaredAs?: string): void => {
    if (!value) return;
    let candidate: Omit<GoKeyCandidate, 'uses'> | undefined;
    if (value.kind === 'string') {
      candidate = { kind: 'literal', text: value.value, keyText: classifyKeyText(value.value), node: value.node, file: value.file };
    } else if (value.kind === 'env' && value.fallback) {
      const fallback = value.fallback;
      candidate = { kind: 'fallback', text: fallback.value, keyText: classifyKeyText(fallback.value), node: fallback.node,
        file: fallback.file, envName: value.name, byCondition: value.byCondition };
    }
    if (!candidate || isPlaceholderSecret(candidate.text)) return;
    // `const jwtSecretKey = "JWT_SECRET"` names where the secret lives (an env variable, a config key), not the secret.
    if (!api && declaredAs && /^[A-Z][A-Z0-9_]*$|^[a-z][\w-]*(\.[\w-]+)+$/.test(candidate.text)) return;
    if (candidate.keyText.kind === 'pem-public' || candidate.keyText.kind === 'jwk-public') return;
    const key = `${candidate.file.file}:${candidate.node.start}`;
    let existing = byPlace.get(key);
    if (!existing) {
      existing = { ...candidate, uses: [] };
      byPlace.set(key, existing);
    }
    if (api) existing.firstApi ??= api;
    if (declaredAs) existing.declaredAs ??= declaredAs;
    if (use && api && !(candidate.file === facts.syntax && candidate.node.start >= use.start && candidate.node.end <= use.end)) {
      existing.uses.push({ file: facts.syntax.file, range: facts.syntax.range(use), message: `used by ${api}` });
    }
  };

  const { jwt } = facts;
  for (const signed of jwt.signedStrings) add(facts.resolve(signed.key), signed.key, signed.api);
  for (const parse of jwt.parses) {
    if (parse.unverified) continue;
    const keyfunc = resolveKeyfunc(parse.keyfunc, facts);
    if (!keyfunc) continue;
    for (const key of returnedKeys(keyfunc)) add(keyfunc.facts.resolve(key), keyfunc.facts === facts ? key : undefined, `${parse.api} keyfunc`);
  }
  for (const call of descendants(facts.syntax.root, 'call_expression')) {
    const reference = facts.jwtReference(field(call, 'function'));
    if (!reference || !PEM_PARSERS.has(reference.member)) continue;
    const arg = argumentsOf(call)[0];
    add(facts.resolve(arg), arg, facts.textOf(field(call, 'function')!));
  }
  if (facts.importsJwt) {
    for (const [name, value] of namedSecrets(facts)) add(facts.resolve(value), undefined, undefined, name);
  }
  return [...byPlace.values()];
}

/** `const jwtSecret = "..."`, `var JWTSecret = []byte("...")`, `Config{JWTSecret: "..."}`: values declared under JWT-secret names. */
function namedSecrets(facts: GoFacts): [string, SyntaxNode][] {
  const found: [string, SyntaxNode][] = [];
  for (const declaration of descendants(facts.syntax.root, new Set(['var_declaration', 'const_declaration', 'short_var_declaration']))) {
    const pairs: [SyntaxNode[], SyntaxNode[]][] = declaration.type === 'short_var_declaration'
      ? [[namedChildren(field(declaration, 'left') ?? declaration), namedChildren(field(declaration, 'right') ?? declaration)]]
      : specsOf(declaration).map((spec) => {
        const value = field(spec, 'value');
        return [fields(spec, 'name'), value ? namedChildren(value) : []];
      });
    for (const [names, values] of pairs) {
      if (names.length !== values.length) continue;
      names.forEach((name, index) => {
        if (isJwtSecretName(facts.textOf(name))) found.push([facts.textOf(name), values[index]!]);
      });
    }
  }
  for (const element of descendants(facts.syntax.root, 'keyed_element')) {
    const key = field(element, 'key');
    const value = field(element, 'value');
    if (!key || !value) continue;
    const keyText = facts.textOf(key).replace(/^"|"$/g, '');
    if (/^\w+$/.test(keyText) && isJwtSecretName(keyText)) found.push([keyText, value]);
  }
  return found;
}
