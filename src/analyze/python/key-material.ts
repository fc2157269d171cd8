/**
 * Key material of a Python file, for hardcoded-secret, weak-secret and secret-fallback:
 * literals and environment fallbacks that reach the key of a JWT call, a framework's JWT
 * secret setting (flask-jwt-extended, simplejwt, the Django/Flask SECRET_KEY they fall back
 * to), or a name that says it holds a JWT secret (`JWT_SECRET = ...`, `self.jwt_secret = ...`,
 * `{"jwt_secret": ...}`, `Settings(jwt_secret=...)`). One candidate per literal, wherever
 * it is written (an imported settings module), with every use.
 */
import { isJwtSecretName } from '../secret-names.js';
import { isPlaceholderSecret } from '../secret-strength.js';
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field } from '../tree/syntax.js';
import type { PythonFacts } from './facts.js';
import { argumentsOf, lastName, unwrap } from './syntax.js';
import type { Place, PyValue } from './values.js';

export interface KeyCandidate {
  kind: 'literal' | 'fallback';
  text: string;
  /** The literal (in this file or an imported one). */
  at: Place;
  /** The first JWT call using it: `jwt.encode`. */
  firstApi?: string;
  /** The name or setting it is assigned to: `JWT_SECRET_KEY`. */
  declaredAs?: string;
  /** For fallbacks: the environment variable, and whether a condition picks the literal instead. */
  envName?: string;
  byCondition?: boolean;
  uses: Place[];
}

/** Settings whose value is a signing key. */
const KEY_SETTINGS = new Set(['JWT_SECRET_KEY', 'JWT_PRIVATE_KEY', 'SIGNING_KEY', 'SECRET_KEY']);

export function collectKeyMaterial(facts: PythonFacts): KeyCandidate[] {
  const byPlace = new Map<string, KeyCandidate>();
  const add = (value: PyValue | undefined, use: Place, how: { api?: string; declaredAs?: string }): void => {
    const candidate = candidateOf(value);
    if (!candidate) return;
    const id = `${candidate.at.facts.source.absPath}:${candidate.at.node.start}`;
    const existing = byPlace.get(id);
    if (existing) {
      existing.firstApi ??= how.api;
      existing.declaredAs ??= how.declaredAs;
      if (how.api) existing.uses.push(use);
      return;
    }
    byPlace.set(id, { ...candidate, firstApi: how.api, declaredAs: how.declaredAs, uses: how.api ? [use] : [] });
  };

  for (const call of facts.jwtCalls()) {
    const key = call.args.get('key');
    if (key) add(facts.value(key), { node: key, facts }, { api: call.api });
  }
  for (const entry of facts.configEntries()) {
    if (!KEY_SETTINGS.has(entry.key)) continue;
    add(facts.value(entry.value), { node: entry.value, facts }, { declaredAs: entry.label });
  }
  for (const { name, value } of declaredSecrets(facts)) {
    add(facts.value(value), { node: value, facts }, { declaredAs: name });
  }
  return [...byPlace.values()];
}

function candidateOf(value: PyValue | undefined): Omit<KeyCandidate, 'uses'> | undefined {
  if (value?.kind === 'string' && value.complete && !isPlaceholderSecret(value.value)) {
    return { kind: 'literal', text: value.value, at: value.at };
  }
  if (value?.kind === 'env' && value.fallback?.kind === 'string' && value.fallback.complete &&
      !isPlaceholderSecret(value.fallback.value)) {
    return { kind: 'fallback', text: value.fallback.value, at: value.fallback.at, envName: value.name, byCondition: value.byCondition };
  }
  return undefined;
}

/** Values assigned to names that say "JWT secret": assignments, dict keys and keyword arguments. */
function declaredSecrets(facts: PythonFacts): { name: string; value: SyntaxNode }[] {
  const found: { name: string; value: SyntaxNode }[] = [];
  const syntax = facts.syntax;
  for (const assignment of descendants(syntax.root, 'assignment')) {
    const name = lastName(syntax, field(assignment, 'left'));
    const value = field(assignment, 'right');
    if (name && value && value.type !== 'assignment' && isJwtSecretName(name)) found.push({ name, value });
  }
  for (const pair of descendants(syntax.root, 'pair')) {
    const key = unwrap(field(pair, 'key'));
    const value = field(pair, 'value');
    const name = key?.type === 'string' ? facts.string(key) : undefined;
    if (name && value && isJwtSecretName(name)) found.push({ name, value });
  }
  for (const call of descendants(syntax.root, 'call')) {
    for (const [name, value] of argumentsOf(syntax, call).keywords) {
      if (isJwtSecretName(name)) found.push({ name, value });
    }
  }
  return found;
}
