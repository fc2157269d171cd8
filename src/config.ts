/**
 * Configuration: finding the config file, validating it with errors that name the file
 * and the exact key, and resolving it against the known rules.
 *
 * A config file is data and is never executed. It is `.jwtlintrc.json`,
 * `jwt-lint.config.json`, or the `"jwt-lint"` key of a `package.json`:
 *
 * ```jsonc
 * {
 *   "$schema": "...",                       // optional, ignored
 *   "rules": {
 *     "<rule-id>": "off" | "on" | "<severity>",
 *     "<rule-id>": {
 *       "severity": "<severity>" | "off",   // optional; the object form enables the rule
 *       "options": { "<option>": <value> }  // checked against the rule's option specs
 *     }
 *   },
 *   "ignore": ["<glob>", ...],              // extra globs to exclude, relative to the scan root
 *   "testSeverity": "<severity>",           // hardcoded-secret/weak-secret/jwt-literal in
 *                                           //   test/fixture paths; default "low"
 *   "failOn": "<severity>" | "none",        // lowest severity that fails the run
 *   "minSeverity": "<severity>",            // lowest severity that is reported
 *   "maxFileSize": <bytes>,                 // files larger than this are skipped
 *   "weakSecrets": "<path>"                 // a word list of weak secrets, one per line,
 *                                           //   relative to the config file
 * }
 * ```
 *
 * `<severity>` is one of critical, high, medium, low, note. "on" enables a rule at its
 * default severity; a severity enables it at that severity; "off" disables it. An object
 * entry enables the rule (even one that is off by default) unless its severity is "off".
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { SEVERITIES, isSeverity, type Severity } from './types.js';

export interface RuleOptionSpec {
  type: 'number' | 'string' | 'boolean' | 'string[]';
  default: number | string | boolean | string[];
  description: string;
}

export interface KnownRule {
  id: string;
  severity: Severity;
  defaultEnabled: boolean;
  options: Record<string, RuleOptionSpec>;
}

export interface ResolvedRule {
  enabled: boolean;
  severity: Severity;
  /** The rule's option defaults merged with the config's options. */
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The config file the values came from; absent for the defaults. */
  source?: string;
  /** One entry per known rule. */
  rules: Map<string, ResolvedRule>;
  ignore: string[];
  testSeverity: Severity;
  failOn?: Severity | 'none';
  minSeverity?: Severity;
  maxFileSize?: number;
  /** Absolute path of the user's weak-secret word list. */
  weakSecrets?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_NAMES = ['.jwtlintrc.json', 'jwt-lint.config.json'] as const;
const PACKAGE_KEY = 'jwt-lint';

/** A top-level config key. The configuration reference in the README is generated from these. */
export interface ConfigKeySpec {
  key: string;
  /** As the reference shows it: `severity`, `string[]`, ... */
  type: string;
  /** The value used when the key is absent, as JSON; undefined when there is none. */
  default?: unknown;
  description: string;
}

export const CONFIG_KEYS: readonly ConfigKeySpec[] = [
  { key: '$schema', type: 'string', description: 'Ignored; lets an editor find a JSON schema.' },
  { key: 'rules', type: 'object', default: {}, description: 'Rule id to `"off"`, `"on"`, a severity, or `{ "severity": ..., "options": {...} }` (see below).' },
  { key: 'ignore', type: 'string[]', default: [], description: 'Extra globs to skip, relative to the scan root; as in `.gitignore`, a glob without a slash matches at any depth.' },
  { key: 'testSeverity', type: 'severity', default: 'low', description: 'Severity of `hardcoded-secret`, `weak-secret` and `jwt-literal` findings in test and fixture paths.' },
  { key: 'failOn', type: 'severity or "none"', default: 'high', description: 'Lowest severity that makes the run exit 1 (`--fail-on` wins).' },
  { key: 'minSeverity', type: 'severity', default: 'note', description: 'Lowest severity that is reported (`--min-severity` wins).' },
  { key: 'maxFileSize', type: 'bytes', default: 1048576, description: 'Files larger than this are skipped and listed with `--verbose` (`--max-file-size` wins).' },
  { key: 'weakSecrets', type: 'path', description: 'A word list of weak secrets, one per line, relative to the config file.' },
];
const TOP_LEVEL_KEYS = CONFIG_KEYS.map((spec) => spec.key);
const RULE_ENTRY_KEYS = ['severity', 'options'];
const SEVERITY_LIST = SEVERITIES.join(', ');

// ---------------------------------------------------------------------------------------
// Discovery

/**
 * Searches upward from `startDir` (or from the directory of a file) for a config file.
 * In each directory `.jwtlintrc.json` wins over `jwt-lint.config.json`, which wins over a
 * `package.json` with a `"jwt-lint"` key; a `package.json` without that key is skipped.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  if (isFile(dir)) dir = dirname(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = resolve(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const pkg = resolve(dir, 'package.json');
    if (packageJsonHasConfig(pkg)) return pkg;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function packageJsonHasConfig(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return false;
  }
  if (!text.includes(`"${PACKAGE_KEY}"`)) return false;
  try {
    const parsed: unknown = JSON.parse(stripBom(text));
    return isPlainObject(parsed) && PACKAGE_KEY in parsed;
  } catch {
    return false; // a broken package.json is not ours to report
  }
}

// ---------------------------------------------------------------------------------------
// Loading and validation

export function defaultConfig(knownRules: Map<string, KnownRule>): ResolvedConfig {
  const rules = new Map<string, ResolvedRule>();
  for (const rule of knownRules.values()) {
    rules.set(rule.id, {
      enabled: rule.defaultEnabled,
      severity: rule.severity,
      options: defaultOptions(rule),
    });
  }
  return { rules, ignore: [], testSeverity: 'low' };
}

/** Reads and validates a config file; throws `ConfigError` on any problem. */
export function loadConfig(path: string, knownRules: Map<string, KnownRule>): ResolvedConfig {
  const label = displayPath(path);
  let text: string;
  try {
    text = stripBom(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${label}: cannot read config file: ${(error as Error).message}`);
  }
  let data = parseJson(text, label);
  let prefix = '';
  if (basename(path) === 'package.json') {
    if (!isPlainObject(data) || !(PACKAGE_KEY in data)) {
      throw new ConfigError(`${label}: has no "${PACKAGE_KEY}" key`);
    }
    data = data[PACKAGE_KEY];
    prefix = `"${PACKAGE_KEY}"`;
  }
  const config = validateConfig(data, knownRules, (keyPath, message) => {
    const fullPath = prefix && keyPath ? `${prefix}.${keyPath}` : prefix || keyPath;
    return new ConfigError(`${label}: ${fullPath ? `${fullPath}: ` : ''}${message}`);
  });
  config.source = resolve(path);
  if (config.weakSecrets !== undefined) config.weakSecrets = resolve(dirname(path), config.weakSecrets);
  return config;
}

type ErrorAt = (keyPath: string, message: string) => ConfigError;

function validateConfig(data: unknown, knownRules: Map<string, KnownRule>, errorAt: ErrorAt): ResolvedConfig {
  if (!isPlainObject(data)) throw errorAt('', `expected an object, got ${describe(data)}`);
  const config = defaultConfig(knownRules);

  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case '$schema':
        if (typeof value !== 'string') throw errorAt(key, `expected a string, got ${describe(value)}`);
        break;
      case 'rules':
        validateRules(value, knownRules, config, errorAt);
        break;
      case 'ignore':
        config.ignore = expectStringArray(value, key, errorAt);
        break;
      case 'testSeverity':
      case 'minSeverity':
        config[key] = expectSeverity(value, key, errorAt);
        break;
      case 'failOn':
        config.failOn = value === 'none' ? 'none' : expectSeverity(value, key, errorAt, '"none" or ');
        break;
      case 'maxFileSize':
        if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
          throw errorAt(key, `expected a positive whole number of bytes, got ${describe(value)}`);
        }
        config.maxFileSize = value;
        break;
      case 'weakSecrets':
        if (typeof value !== 'string' || value.trim() === '') throw errorAt(key, `expected a file path, got ${describe(value)}`);
        config.weakSecrets = value;
        break;
      default:
        throw errorAt(topLevelKeyName(key), `unknown key${didYouMean(key, TOP_LEVEL_KEYS)}; expected one of ${TOP_LEVEL_KEYS.join(', ')}`);
    }
  }
  return config;
}

function validateRules(
  value: unknown,
  knownRules: Map<string, KnownRule>,
  config: ResolvedConfig,
  errorAt: ErrorAt,
): void {
  if (!isPlainObject(value)) throw errorAt('rules', `expected an object, got ${describe(value)}`);
  for (const [id, entry] of Object.entries(value)) {
    const at = `rules[${JSON.stringify(id)}]`;
    const rule = knownRules.get(id);
    if (!rule) throw errorAt(at, `unknown rule id${didYouMean(id, [...knownRules.keys()])}`);
    const resolved = config.rules.get(id)!;

    if (typeof entry === 'string') {
      if (entry === 'off') resolved.enabled = false;
      else if (entry === 'on') resolved.enabled = true;
      else if (isSeverity(entry)) Object.assign(resolved, { enabled: true, severity: entry });
      else {
        throw errorAt(at, `expected "off", "on" or a severity (${SEVERITY_LIST}), got ${describe(entry)}${didYouMean(entry, ['off', 'on', ...SEVERITIES])}`);
      }
      continue;
    }
    if (!isPlainObject(entry)) {
      throw errorAt(at, `expected "off", "on", a severity or an object, got ${describe(entry)}`);
    }
    resolved.enabled = true;
    for (const [key, field] of Object.entries(entry)) {
      if (key === 'severity') {
        if (field === 'off') resolved.enabled = false;
        else resolved.severity = expectSeverity(field, `${at}.severity`, errorAt, '"off" or ');
      } else if (key === 'options') {
        resolved.options = { ...resolved.options, ...validateOptions(field, rule, `${at}.options`, errorAt) };
      } else {
        throw errorAt(`${at}${keyName(key)}`, `unknown key${didYouMean(key, RULE_ENTRY_KEYS)}; expected "severity" or "options"`);
      }
    }
  }
}

function validateOptions(value: unknown, rule: KnownRule, at: string, errorAt: ErrorAt): Record<string, unknown> {
  if (!isPlainObject(value)) throw errorAt(at, `expected an object, got ${describe(value)}`);
  const names = Object.keys(rule.options);
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(value)) {
    const spec = rule.options[name];
    const optionAt = `${at}${keyName(name)}`;
    if (!spec) {
      const known = names.length > 0 ? `; "${rule.id}" accepts ${names.join(', ')}` : `; "${rule.id}" has no options`;
      throw errorAt(optionAt, `unknown option${didYouMean(name, names)}${known}`);
    }
    options[name] = checkOptionType(option, spec, optionAt, errorAt);
  }
  return options;
}

function checkOptionType(value: unknown, spec: RuleOptionSpec, at: string, errorAt: ErrorAt): unknown {
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw errorAt(at, `expected a number, got ${describe(value)}`);
      return value;
    case 'string':
      if (typeof value !== 'string') throw errorAt(at, `expected a string, got ${describe(value)}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw errorAt(at, `expected true or false, got ${describe(value)}`);
      return value;
    case 'string[]':
      return expectStringArray(value, at, errorAt);
  }
}

function expectStringArray(value: unknown, at: string, errorAt: ErrorAt): string[] {
  if (!Array.isArray(value)) throw errorAt(at, `expected an array of strings, got ${describe(value)}`);
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string') throw errorAt(`${at}[${index}]`, `expected a string, got ${describe(item)}`);
  });
  return [...(value as string[])];
}

function expectSeverity(value: unknown, at: string, errorAt: ErrorAt, alternatives = ''): Severity {
  if (isSeverity(value)) return value;
  const hint = typeof value === 'string' ? didYouMean(value, [...SEVERITIES]) : '';
  throw errorAt(at, `expected ${alternatives}a severity (${SEVERITY_LIST}), got ${describe(value)}${hint}`);
}

function defaultOptions(rule: KnownRule): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(rule.options)) {
    options[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return options;
}

// ---------------------------------------------------------------------------------------
// CLI rule selection

/**
 * Applies `--rule ID` (run only these rules, even ones off by default or in the config)
 * and `--disable ID` (turn these off; wins over `--rule`). Each entry may hold several
 * comma-separated ids. Returns a new config; the input is not changed.
 */
export function applyRuleSelection(
  config: ResolvedConfig,
  selection: { only?: string[]; disable?: string[] },
  knownRules: Map<string, KnownRule>,
): ResolvedConfig {
  const only = selection.only ? checkIds(selection.only, '--rule', knownRules) : undefined;
  const disable = checkIds(selection.disable ?? [], '--disable', knownRules);
  const rules = new Map<string, ResolvedRule>();
  for (const [id, rule] of config.rules) {
    let enabled = rule.enabled;
    if (only && only.size > 0) enabled = only.has(id);
    if (disable.has(id)) enabled = false;
    rules.set(id, { ...rule, enabled });
  }
  return { ...config, rules };
}

function checkIds(values: string[], flag: string, knownRules: Map<string, KnownRule>): Set<string> {
  const ids = new Set<string>();
  for (const id of values.flatMap((value) => value.split(',')).map((id) => id.trim()).filter(Boolean)) {
    if (!knownRules.has(id)) {
      throw new ConfigError(`${flag} ${JSON.stringify(id)}: unknown rule id${didYouMean(id, [...knownRules.keys()])}`);
    }
    ids.add(id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------
// Helpers

/** The candidate closest to `input` by edit distance, if it is at most `maxDistance` away. */
export function closestMatch(input: string, candidates: Iterable<string>, maxDistance = 3): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = levenshtein(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function didYouMean(input: string, candidates: string[]): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `.maxAge` for plain identifiers, `["some-key"]` otherwise. */
function keyName(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function topLevelKeyName(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel && !rel.startsWith('..') ? rel : resolve(path);
}

// ---------------------------------------------------------------------------------------
// JSON with positions

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const raw = (error as Error).message;
    const reported = /at position (\d+)/.exec(raw);
    const offset = reported ? Number(reported[1]) : locateJsonError(text);
    const { line, column } = lineAndColumn(text, offset);
    const message = raw
      .replace(/\s*(?:in JSON )?at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    throw new ConfigError(`${label}: invalid JSON at line ${line} column ${column}: ${message}`);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where a JSON text stops being valid. Only used when the engine's message carries no
 * position (Node 20 says just "Unexpected token 'x'" for many errors).
 */
const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function locateJsonError(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (ch === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === '"') return string();
    token(LITERAL);
  };
  const string = (): void => token(STRING);
  const token = (pattern: RegExp): void => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) fail();
    i = pattern.lastIndex;
  };
  try {
    value();
    ws();
    return i;
  } catch (position) {
    return position as number;
  }
}
