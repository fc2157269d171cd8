/**
 * The Python value resolver: what an expression evaluates to, when the source says so.
 * Follows string literals (f-strings, concatenation, `.encode()`, bytes), numbers and
 * arithmetic, lists and dicts, local and module-level names, class attributes and
 * `self.x` set in methods, imports of other scanned files, environment reads
 * (`os.environ.get("X", "dev")`, python-decouple `config`, django-environ `env`) and
 * durations (`timedelta`, `datetime.utcnow() + timedelta(...)`, `time.time() + N`).
 * Anything else is undefined: rules stay silent on values they cannot know.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { field, namedChildren } from '../tree/syntax.js';
import type { PythonFacts } from './facts.js';
import type { BindingSite } from './modules.js';
import { argumentsOf, contentText, enclosingClass, stringPrefix, unwrap } from './syntax.js';

/** Where a value is written: the node and the file's facts (another file for an imported constant). */
export interface Place {
  node: SyntaxNode;
  facts: PythonFacts;
}

export interface DictEntry {
  key: string;
  /** The `key: value` pair or `key=value` argument. */
  pair: SyntaxNode;
  value: SyntaxNode;
  facts: PythonFacts;
}

export type PyValue =
  | { kind: 'string'; value: string; /** false when parts are unknown (`value` holds the known start) */ complete: boolean; bytes: boolean; at: Place }
  | { kind: 'number'; value: number; at: Place }
  | { kind: 'boolean'; value: boolean; at: Place }
  | { kind: 'none'; at: Place }
  | { kind: 'list'; items: (PyValue | undefined)[]; complete: boolean; at: Place }
  | { kind: 'dict'; entries: Map<string, DictEntry>; complete: boolean; at: Place }
  /**
   * An environment read; `fallback` is the literal default, if any, and `byCondition` says it
   * replaces the variable on one branch of a condition (`"dev" if DEBUG else os.environ["X"]`).
   */
  | { kind: 'env'; name: string; fallback?: PyValue; byCondition?: boolean; api: string; at: Place }
  | { kind: 'duration'; seconds: number; at: Place }
  /** The current time: `time.time()` (a number of seconds) or `datetime.utcnow()` (a datetime). */
  | { kind: 'now'; at: Place }
  /** The current time plus an offset: an `exp` claim. */
  | { kind: 'timestamp'; offsetSeconds: number; at: Place }
  | { kind: 'module'; facts: PythonFacts }
  | { kind: 'class'; node: SyntaxNode; facts: PythonFacts }
  | { kind: 'instance'; classNode: SyntaxNode; facts: PythonFacts };

const MAX_DEPTH = 30;
/**
 * Steps one top-level resolution may take. Depth alone does not bound the work: a chain of
 * `a = b + b` lines doubles it at every level. Past the budget the value is unknown (silence).
 */
const MAX_STEPS = 20_000;
let depth = 0;
let steps = 0;

/** Resolves `node`, an expression of the file of `facts`. */
export function resolveValue(facts: PythonFacts, node: SyntaxNode | undefined): PyValue | undefined {
  const inner = unwrap(node);
  if (depth === 0) steps = 0;
  if (!inner || depth > MAX_DEPTH || ++steps > MAX_STEPS) return undefined;
  depth++;
  try {
    return resolveNode(facts, inner);
  } finally {
    depth--;
  }
}

function resolveNode(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  const at = { node, facts };
  const text = (): string => facts.syntax.textOf(node);
  switch (node.type) {
    case 'string':
      return stringValue(facts, node);
    case 'concatenated_string': {
      const parts = namedChildren(node).map((part) => stringValue(facts, part));
      return joinStrings(parts, at);
    }
    case 'integer': {
      const value = Number(text().replace(/_/g, '').replace(/[lL]$/, ''));
      return Number.isFinite(value) ? { kind: 'number', value, at } : undefined;
    }
    case 'float':
      return { kind: 'number', value: Number(text().replace(/_/g, '')), at };
    case 'true':
    case 'false':
      return { kind: 'boolean', value: node.type === 'true', at };
    case 'none':
      return { kind: 'none', at };
    case 'unary_operator': {
      const operand = resolveValue(facts, field(node, 'argument'));
      if (operand?.kind === 'number' && text().startsWith('-')) return { kind: 'number', value: -operand.value, at };
      return undefined;
    }
    case 'list':
    case 'tuple':
    case 'set': {
      let complete = true;
      const items = namedChildren(node).map((item) => {
        if (item.type === 'list_splat') complete = false;
        return item.type === 'list_splat' ? undefined : resolveValue(facts, item);
      });
      return { kind: 'list', items, complete, at };
    }
    case 'dictionary':
      return dictValue(facts, node);
    case 'binary_operator':
      return binaryValue(facts, node);
    case 'boolean_operator':
      return orValue(facts, node);
    case 'conditional_expression':
      return conditionalValue(facts, node);
    case 'identifier':
      return nameValue(facts, facts.syntax.textOf(node), node);
    case 'attribute':
      return attributeValue(facts, node);
    case 'subscript':
      return subscriptValue(facts, node);
    case 'call':
      return callValue(facts, node);
    default:
      return undefined;
  }
}

function stringValue(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  if (node.type !== 'string') return resolveValue(facts, node);
  const prefix = stringPrefix(facts.syntax, node);
  const raw = prefix.includes('r');
  let value = '';
  let complete = true;
  for (const child of node.children) {
    if (!complete) break;
    if (child.type === 'string_content') value += contentText(facts.syntax, child, raw);
    else if (child.type === 'escape_interpolation') value += facts.syntax.textOf(child).slice(0, 1);
    else if (child.type === 'interpolation') {
      const part = resolveValue(facts, field(child, 'expression'));
      const hasFormat = child.children.some((part) => part.type === 'format_specifier' || part.type === 'type_conversion');
      if (!hasFormat && part?.kind === 'string' && part.complete) value += part.value;
      else if (!hasFormat && part?.kind === 'number') value += String(part.value);
      else complete = false;
    }
  }
  return { kind: 'string', value, complete, bytes: prefix.includes('b'), at: { node, facts } };
}

function joinStrings(parts: (PyValue | undefined)[], at: Place): PyValue | undefined {
  let value = '';
  for (const part of parts) {
    if (part?.kind !== 'string') return value === '' ? undefined : { kind: 'string', value, complete: false, bytes: false, at };
    value += part.value;
    if (!part.complete) return { kind: 'string', value, complete: false, bytes: part.bytes, at };
  }
  return { kind: 'string', value, complete: true, bytes: false, at };
}

function dictValue(facts: PythonFacts, node: SyntaxNode): PyValue {
  const entries = new Map<string, DictEntry>();
  let complete = true;
  for (const child of namedChildren(node)) {
    if (child.type === 'pair') {
      const key = resolveValue(facts, field(child, 'key'));
      const value = field(child, 'value');
      if (key?.kind === 'string' && key.complete && value) entries.set(key.value, { key: key.value, pair: child, value, facts });
      else complete = false;
    } else if (child.type === 'dictionary_splat') {
      const spread = resolveValue(facts, namedChildren(child)[0]);
      if (spread?.kind === 'dict') {
        for (const [key, entry] of spread.entries) entries.set(key, entry);
        complete &&= spread.complete;
      } else {
        complete = false;
      }
    } else {
      complete = false; // a comprehension
    }
  }
  return { kind: 'dict', entries, complete, at: { node, facts } };
}

function binaryValue(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  const operator = node.children.find((child) => !child.named);
  const op = operator ? facts.syntax.textOf(operator) : '';
  const left = resolveValue(facts, field(node, 'left'));
  if (!left) return undefined;
  const right = resolveValue(facts, field(node, 'right'));
  const at = { node, facts };
  if (left.kind === 'string' && op === '+') {
    if (!left.complete) return left;
    return joinStrings([left, right], at);
  }
  if (!right) return undefined;
  if (left.kind === 'number' && right.kind === 'number') {
    const value = arithmetic(op, left.value, right.value);
    return value === undefined ? undefined : { kind: 'number', value, at };
  }
  const seconds = (value: PyValue): number | undefined => value.kind === 'duration' ? value.seconds : undefined;
  if (op === '*' || op === '/' || op === '//') {
    if (left.kind === 'duration' && right.kind === 'number') return { kind: 'duration', seconds: arithmetic(op, left.seconds, right.value)!, at };
    if (left.kind === 'number' && right.kind === 'duration' && op === '*') return { kind: 'duration', seconds: left.value * right.seconds, at };
    return undefined;
  }
  if (op !== '+' && op !== '-') return undefined;
  const sign = op === '+' ? 1 : -1;
  if (left.kind === 'duration' && right.kind === 'duration') return { kind: 'duration', seconds: left.seconds + sign * right.seconds, at };
  // now + N seconds (time.time()) or now + timedelta (datetime): the offset of an `exp` claim.
  const offset = right.kind === 'number' ? right.value : seconds(right);
  if (offset !== undefined && left.kind === 'now') return { kind: 'timestamp', offsetSeconds: sign * offset, at };
  if (offset !== undefined && left.kind === 'timestamp') return { kind: 'timestamp', offsetSeconds: left.offsetSeconds + sign * offset, at };
  const leftOffset = left.kind === 'number' ? left.value : seconds(left);
  if (op === '+' && leftOffset !== undefined && right.kind === 'now') return { kind: 'timestamp', offsetSeconds: leftOffset, at };
  return undefined;
}

function arithmetic(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? undefined : a / b;
    case '//': return b === 0 ? undefined : Math.floor(a / b);
    case '**': return a ** b;
    default: return undefined;
  }
}

/** `os.environ.get("X") or "dev"`: an environment read with a literal default. */
function orValue(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  if (!node.children.some((child) => !child.named && facts.syntax.textOf(child) === 'or')) return undefined;
  const left = resolveValue(facts, field(node, 'left'));
  if (left?.kind !== 'env' || left.fallback) return undefined;
  const right = resolveValue(facts, field(node, 'right'));
  if (right?.kind !== 'string' || !right.complete) return undefined;
  return { ...left, fallback: right };
}

/** `"dev-secret" if DEBUG else os.environ["JWT_SECRET"]`: an environment read replaced by a literal on one branch. */
function conditionalValue(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  const [whenTrue, , whenFalse] = namedChildren(node);
  const sides = [resolveValue(facts, whenTrue), resolveValue(facts, whenFalse)];
  const env = sides.find((side) => side?.kind === 'env');
  const literal = sides.find((side) => side?.kind === 'string');
  if (env?.kind !== 'env' || env.fallback || literal?.kind !== 'string' || !literal.complete) return undefined;
  return { ...env, fallback: literal, byCondition: true };
}

/** The value a name has at `node`: local binding first, then class body, then module, then imports. */
export function nameValue(facts: PythonFacts, name: string, node: SyntaxNode): PyValue | undefined {
  const site = facts.bindingOf(name, node);
  return site ? siteValue(facts, site) : undefined;
}

export function siteValue(facts: PythonFacts, site: BindingSite): PyValue | undefined {
  switch (site.kind) {
    case 'assign':
      return resolveValue(facts, site.value);
    case 'class':
      return { kind: 'class', node: site.node, facts };
    case 'import-module': {
      const module = facts.importedModule(site.module, 0);
      return module ? { kind: 'module', facts: module } : undefined;
    }
    case 'import-name': {
      const module = facts.importedModule(site.module, site.level);
      if (module) {
        const value = moduleMember(module, site.name);
        if (value) return value;
      }
      // `from package import settings`: a submodule.
      const submodule = facts.importedModule(site.module === '' ? site.name : `${site.module}.${site.name}`, site.level);
      return submodule ? { kind: 'module', facts: submodule } : undefined;
    }
    default:
      return undefined;
  }
}

/** A module-level name of another file. */
export function moduleMember(module: PythonFacts, name: string): PyValue | undefined {
  const site = module.moduleBinding(name);
  return site ? siteValue(module, site) : undefined;
}

function attributeValue(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  const objectNode = field(node, 'object');
  const attributeNode = field(node, 'attribute');
  if (!objectNode || !attributeNode) return undefined;
  const name = facts.syntax.textOf(attributeNode);
  const objectInner = unwrap(objectNode);
  // `self.x` inside a method: the instance of the enclosing class.
  if (objectInner?.type === 'identifier' && facts.syntax.textOf(objectInner) === 'self') {
    const cls = enclosingClass(node);
    return cls ? memberOf({ kind: 'instance', classNode: cls, facts }, name) : undefined;
  }
  const object = resolveValue(facts, objectNode);
  return object ? memberOf(object, name) : undefined;
}

/** `module.NAME`, `Class.NAME`, `instance.NAME`. */
export function memberOf(object: PyValue, name: string): PyValue | undefined {
  if (object.kind === 'module') {
    return moduleMember(object.facts, name) ?? submodule(object.facts, name);
  }
  if (object.kind === 'class') return classAttribute(object.facts, object.node, name, 0);
  if (object.kind === 'instance') {
    const assigned = object.facts.selfAssignment(object.classNode, name);
    if (assigned) return resolveValue(object.facts, assigned);
    return classAttribute(object.facts, object.classNode, name, 0);
  }
  return undefined;
}

function submodule(module: PythonFacts, name: string): PyValue | undefined {
  const found = module.importedModule(`.${name}`, 1);
  return found && module.source.absPath.endsWith('__init__.py') ? { kind: 'module', facts: found } : undefined;
}

function classAttribute(facts: PythonFacts, classNode: SyntaxNode, name: string, level: number): PyValue | undefined {
  const site = facts.classBinding(classNode, name);
  if (site) return siteValue(facts, site);
  if (level > 5) return undefined;
  const bases = field(classNode, 'superclasses');
  for (const base of bases ? namedChildren(bases) : []) {
    const value = resolveValue(facts, base);
    if (value?.kind === 'class') {
      const inherited = classAttribute(value.facts, value.node, name, level + 1);
      if (inherited) return inherited;
    }
  }
  return undefined;
}

function subscriptValue(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  const objectNode = field(node, 'value');
  const keyNode = field(node, 'subscript');
  if (!objectNode || !keyNode) return undefined;
  const key = resolveValue(facts, keyNode);
  const qualified = facts.qualify(objectNode);
  if (qualified === 'os.environ' && key?.kind === 'string' && key.complete) {
    return { kind: 'env', name: key.value, api: 'os.environ', at: { node, facts } };
  }
  const object = resolveValue(facts, objectNode);
  if (object?.kind === 'dict' && key?.kind === 'string') {
    const entry = object.entries.get(key.value);
    return entry ? resolveValue(entry.facts, entry.value) : undefined;
  }
  if (object?.kind === 'list' && key?.kind === 'number') {
    const index = key.value < 0 ? object.items.length + key.value : key.value;
    return object.complete ? object.items[index] : undefined;
  }
  return undefined;
}

const ENV_GETTERS = new Set(['os.environ.get', 'os.getenv', 'os.environ.setdefault', 'decouple.config']);
const NOW_CALLS = new Set([
  'datetime.datetime.utcnow', 'datetime.datetime.now', 'time.time', 'django.utils.timezone.now', 'arrow.utcnow', 'pendulum.now',
]);
const PASS_THROUGH = new Set(['int', 'float', 'round', 'math.floor', 'math.ceil', 'str']);
const TIMEDELTA_POSITIONAL = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
const TIMEDELTA_SECONDS: Record<string, number> = {
  weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, milliseconds: 0.001, microseconds: 0.000001,
};

function callValue(facts: PythonFacts, node: SyntaxNode): PyValue | undefined {
  const callee = field(node, 'function');
  if (!callee) return undefined;
  const at = { node, facts };
  const args = argumentsOf(facts.syntax, node);
  const qualified = facts.qualify(callee);
  if (qualified && (ENV_GETTERS.has(qualified) || /^environ\.Env\(\)(\.(str|bytes))?$/.test(qualified))) {
    const name = resolveValue(facts, args.positional[0]);
    if (name?.kind !== 'string' || !name.complete) return undefined;
    const fallbackNode = args.positional[1] ?? args.keywords.get('default');
    const fallback = fallbackNode ? resolveValue(facts, fallbackNode) : undefined;
    const api = qualified === 'decouple.config' ? 'config' : qualified.startsWith('environ.Env()') ? 'env' : qualified;
    return { kind: 'env', name: name.value, api, at, ...(fallback ? { fallback } : {}) };
  }
  if (qualified === 'datetime.timedelta') {
    let seconds = 0;
    for (const [index, argument] of args.positional.entries()) {
      const value = resolveValue(facts, argument);
      if (value?.kind !== 'number') return undefined;
      seconds += value.value * TIMEDELTA_SECONDS[TIMEDELTA_POSITIONAL[index]!]!;
    }
    for (const [key, argument] of args.keywords) {
      const value = resolveValue(facts, argument);
      const unit = TIMEDELTA_SECONDS[key];
      if (value?.kind !== 'number' || unit === undefined) return undefined;
      seconds += value.value * unit;
    }
    return args.splat ? undefined : { kind: 'duration', seconds, at };
  }
  if (qualified && NOW_CALLS.has(qualified)) return { kind: 'now', at };
  if (qualified && PASS_THROUGH.has(qualified) && args.positional.length === 1) {
    const inner = resolveValue(facts, args.positional[0]);
    if (qualified === 'str') return inner?.kind === 'string' ? inner : undefined;
    if (inner?.kind === 'number') return { kind: 'number', value: qualified === 'int' ? Math.trunc(inner.value) : inner.value, at };
    return inner?.kind === 'now' || inner?.kind === 'timestamp' ? inner : undefined;
  }
  if (qualified === 'bytes' || qualified === 'bytearray') {
    const inner = resolveValue(facts, args.positional[0]);
    return inner?.kind === 'string' ? { ...inner, bytes: true } : undefined;
  }
  if (qualified === 'dict') {
    if (args.positional.length > 0 || args.splat) return undefined;
    const entries = new Map<string, DictEntry>();
    for (const [key, value] of args.keywords) entries.set(key, { key, pair: args.keywordNodes.get(key)!, value, facts });
    return { kind: 'dict', entries, complete: true, at };
  }
  if (callee.type === 'attribute') {
    const method = facts.syntax.textOf(field(callee, 'attribute')!);
    const object = field(callee, 'object');
    // "secret".encode(), secret.encode("utf-8"), str.encode(secret)
    if (method === 'encode' || method === 'strip') {
      const inner = qualified === 'str.encode' ? resolveValue(facts, args.positional[0]) : resolveValue(facts, object);
      if (inner?.kind === 'string') return method === 'encode' ? { ...inner, bytes: true } : { ...inner, value: inner.value.trim() };
      return undefined;
    }
    if (method === 'timestamp') {
      const inner = resolveValue(facts, object);
      return inner?.kind === 'now' || inner?.kind === 'timestamp' ? inner : undefined;
    }
  }
  // `Config()`: an instance of a class of the scan.
  const target = resolveValue(facts, callee);
  if (target?.kind === 'class') return { kind: 'instance', classNode: target.node, facts: target.facts };
  return undefined;
}
