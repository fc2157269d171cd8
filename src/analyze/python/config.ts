/**
 * JWT settings of Python frameworks written in code: flask-jwt-extended keys
 * (`app.config["JWT_SECRET_KEY"] = ...`, `app.config.update(JWT_...=...)`, `class Config:
 * JWT_ACCESS_TOKEN_EXPIRES = ...`) and djangorestframework-simplejwt's `SIMPLE_JWT = {...}`.
 * Django's and Flask's `SECRET_KEY` count as the JWT secret where the JWT settings fall back
 * to it: simplejwt without `SIGNING_KEY`, flask-jwt-extended without `JWT_SECRET_KEY`.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field } from '../tree/syntax.js';
import type { PythonFacts } from './facts.js';
import { argumentsOf, enclosingFunction, unwrap } from './syntax.js';

export interface ConfigEntry {
  framework: 'flask-jwt-extended' | 'simplejwt';
  /** The setting as named by the framework: `JWT_SECRET_KEY`, `ACCESS_TOKEN_LIFETIME`, `SECRET_KEY`. */
  key: string;
  /** How the user wrote it, for messages: `app.config["JWT_SECRET_KEY"]`, `SIMPLE_JWT["SIGNING_KEY"]`. */
  label: string;
  /** The whole setting (assignment, pair or keyword argument). */
  node: SyntaxNode;
  value: SyntaxNode;
}

/** flask-jwt-extended settings jwt-lint reads. */
const FLASK_JWT_KEYS = new Set([
  'JWT_SECRET_KEY', 'JWT_PRIVATE_KEY', 'JWT_ALGORITHM', 'JWT_DECODE_ALGORITHMS', 'JWT_ACCESS_TOKEN_EXPIRES',
  'JWT_REFRESH_TOKEN_EXPIRES', 'JWT_COOKIE_SECURE', 'JWT_DECODE_LEEWAY', 'JWT_COOKIE_CSRF_PROTECT', 'JWT_COOKIE_SAMESITE',
]);

export function configEntries(facts: PythonFacts): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const syntax = facts.syntax;
  const secretKeys: ConfigEntry[] = [];
  const flask = (key: string, label: string, node: SyntaxNode, value: SyntaxNode): void => {
    if (FLASK_JWT_KEYS.has(key)) entries.push({ framework: 'flask-jwt-extended', key, label, node, value });
    else if (key === 'SECRET_KEY') secretKeys.push({ framework: 'flask-jwt-extended', key, label, node, value });
  };
  for (const assignment of descendants(syntax.root, 'assignment')) {
    const left = unwrap(field(assignment, 'left'));
    const right = field(assignment, 'right');
    if (!left || !right) continue;
    if (left.type === 'identifier' && !enclosingFunction(assignment)) {
      const name = syntax.textOf(left);
      if (name === 'SIMPLE_JWT') {
        entries.push(...simpleJwtEntries(facts, right));
        continue;
      }
      // `class Config: JWT_SECRET_KEY = ...` or module-level constants of a Flask config module.
      flask(name, name, assignment, right);
    } else if (left.type === 'subscript' && isConfigObject(facts, field(left, 'value'))) {
      const key = facts.string(field(left, 'subscript'));
      if (key) flask(key, syntax.textOf(left), assignment, right);
    }
  }
  for (const call of descendants(syntax.root, 'call')) {
    const callee = field(call, 'function');
    if (callee?.type !== 'attribute') continue;
    const method = syntax.textOf(field(callee, 'attribute')!);
    if ((method !== 'update' && method !== 'from_mapping') || !isConfigObject(facts, field(callee, 'object'))) continue;
    const args = argumentsOf(syntax, call);
    for (const [key, value] of args.keywords) flask(key, key, args.keywordNodes.get(key)!, value);
    const mapping = facts.value(args.positional[0]);
    if (mapping?.kind === 'dict') {
      for (const entry of mapping.entries.values()) {
        if (entry.facts === facts) flask(entry.key, entry.key, entry.pair, entry.value);
      }
    }
  }
  // Flask's SECRET_KEY signs tokens when flask-jwt-extended is configured without JWT_SECRET_KEY.
  const flaskJwt = entries.some((entry) => entry.framework === 'flask-jwt-extended') || facts.imports(['flask_jwt_extended']);
  if (flaskJwt && !entries.some((entry) => entry.key === 'JWT_SECRET_KEY')) entries.push(...secretKeys);
  const simpleJwt = entries.some((entry) => entry.framework === 'simplejwt');
  if (simpleJwt && !entries.some((entry) => entry.key === 'SIGNING_KEY')) {
    for (const entry of secretKeys) {
      if (entry.label === 'SECRET_KEY') entries.push({ ...entry, framework: 'simplejwt', label: 'SECRET_KEY (the SIMPLE_JWT signing key)' });
    }
  }
  return entries;
}

/** `SIMPLE_JWT = {"SIGNING_KEY": ..., "ACCESS_TOKEN_LIFETIME": ...}`, written in this file. */
function simpleJwtEntries(facts: PythonFacts, right: SyntaxNode): ConfigEntry[] {
  const value = facts.value(right);
  if (value?.kind !== 'dict') return [];
  const entries: ConfigEntry[] = [];
  for (const entry of value.entries.values()) {
    if (entry.facts !== facts) continue;
    entries.push({ framework: 'simplejwt', key: entry.key, label: `SIMPLE_JWT["${entry.key}"]`, node: entry.pair, value: entry.value });
  }
  return entries;
}

/** `app.config`, `self.app.config`, `current_app.config`, `config` (a Flask config object). */
function isConfigObject(facts: PythonFacts, node: SyntaxNode | undefined): boolean {
  const inner = unwrap(node);
  if (!inner) return false;
  if (inner.type === 'attribute') return facts.syntax.textOf(field(inner, 'attribute')!) === 'config';
  return false;
}
