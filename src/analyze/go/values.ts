/**
 * Go value resolution: what an expression is known to hold. Follows string literals
 * (interpreted and raw), `[]byte(...)`/`string(...)` conversions, concatenation, numbers and
 * `time.Duration` arithmetic, local `:=`/`var`/`const` bindings, package-level constants and
 * variables of every file of the package, `os.Getenv`, and env-with-default patterns:
 * `s := os.Getenv("X"); if s == "" { s = "lit" }` and helpers such as `getEnv("X", "lit")`
 * whose body returns the default. Anything else is unknown (undefined): rules stay silent.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import type { GoFacts } from './facts.js';
import { findLocal, type LocalBinding } from './scope.js';

interface Written {
  /** Where the value is written (a literal, or the expression that builds it). */
  node: SyntaxNode;
  /** The file `node` belongs to. */
  file: SyntaxFile;
}

export type GoValue =
  | (Written & { kind: 'string'; value: string })
  | (Written & { kind: 'number'; value: number })
  /** A `time.Duration`, in nanoseconds as Go counts it. */
  | (Written & { kind: 'duration'; nanos: number })
  | (Written & { kind: 'bool'; value: boolean })
  /** An environment variable, with the literal used when it is unset or empty, if any. */
  | (Written & { kind: 'env'; name: string; fallback?: GoString; byCondition?: boolean })
  /** A composite literal (`jwt.MapClaims{...}`, `&Claims{...}`): rules read it by its node. */
  | (Written & { kind: 'composite' });

export type GoString = Extract<GoValue, { kind: 'string' }>;

const DURATION_UNITS: Record<string, number> = {
  Nanosecond: 1, Microsecond: 1e3, Millisecond: 1e6, Second: 1e9, Minute: 60e9, Hour: 3600e9,
};
const MAX_DEPTH = 12;

/** The text of a Go string literal, escapes decoded. Undefined for anything else. */
export function stringLiteral(node: SyntaxNode, file: SyntaxFile): string | undefined {
  if (node.type === 'raw_string_literal') return file.textOf(node).slice(1, -1).replace(/\r/g, '');
  if (node.type !== 'interpreted_string_literal') return undefined;
  let text = '';
  for (const part of node.children) {
    if (part.type === 'interpreted_string_literal_content') text += file.textOf(part);
    else if (part.type === 'escape_sequence') text += unescape(file.textOf(part));
  }
  return text;
}

function unescape(escape: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
  const letter = escape.slice(1);
  if (simple[letter] !== undefined) return simple[letter]!;
  if (/^x[0-9a-f]{2}$/i.test(letter) || /^[uU][0-9a-f]+$/i.test(letter)) return String.fromCodePoint(parseInt(letter.slice(1), 16));
  if (/^[0-7]{3}$/.test(letter)) return String.fromCharCode(parseInt(letter, 8));
  return escape;
}

/** `( x )`, `&x`, `*x` and literal_element wrappers removed. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (;;) {
    if (current.type === 'parenthesized_expression' || current.type === 'literal_element') {
      const inner = namedChildren(current)[0];
      if (!inner) return current;
      current = inner;
    } else if (current.type === 'unary_expression' && current.children[0]?.type === '&') {
      current = field(current, 'operand') ?? current;
      if (current === node) return current;
    } else {
      return current;
    }
  }
}

export class GoValueResolver {
  private readonly visiting = new Set<SyntaxNode>();

  constructor(private readonly facts: GoFacts) {}

  resolve(node: SyntaxNode | undefined, depth = 0): GoValue | undefined {
    if (!node || depth > MAX_DEPTH || this.visiting.has(node)) return undefined;
    this.visiting.add(node);
    try {
      return this.evaluate(node, depth);
    } finally {
      this.visiting.delete(node);
    }
  }

  /** The string a node resolves to, if any. */
  resolveString(node: SyntaxNode | undefined): string | undefined {
    const value = this.resolve(node);
    return value?.kind === 'string' ? value.value : undefined;
  }

  private evaluate(node: SyntaxNode, depth: number): GoValue | undefined {
    const { syntax: file } = this.facts;
    const written = { node, file };
    switch (node.type) {
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return { kind: 'string', value: stringLiteral(node, file)!, ...written };
      case 'int_literal': {
        const value = Number(file.textOf(node).replace(/_/g, ''));
        return Number.isFinite(value) ? { kind: 'number', value, ...written } : undefined;
      }
      case 'float_literal': {
        const value = Number(file.textOf(node).replace(/_/g, ''));
        return Number.isFinite(value) ? { kind: 'number', value, ...written } : undefined;
      }
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', ...written };
      case 'parenthesized_expression':
      case 'literal_element':
        return this.resolve(namedChildren(node)[0], depth + 1);
      case 'type_conversion_expression':
        return this.conversion(file.textOf(field(node, 'type') ?? node), field(node, 'operand'), node, depth);
      case 'composite_literal':
        return { kind: 'composite', ...written };
      case 'unary_expression':
        return node.children[0]?.type === '&' ? this.resolve(field(node, 'operand'), depth + 1) : undefined;
      case 'binary_expression':
        return this.binary(node, depth);
      case 'identifier':
        return this.identifier(node, depth);
      case 'selector_expression':
        return this.selector(node);
      case 'call_expression':
        return this.call(node, depth);
      default:
        return undefined;
    }
  }

  private conversion(type: string, operand: SyntaxNode | undefined, node: SyntaxNode, depth: number): GoValue | undefined {
    const value = this.resolve(operand, depth + 1);
    if (!value) return undefined;
    if (type === '[]byte' || type === 'string') return value.kind === 'string' || value.kind === 'env' ? value : undefined;
    if (type === 'time.Duration' && this.facts.importPathOf('time') === 'time') {
      return value.kind === 'number' || value.kind === 'duration'
        ? { kind: 'duration', nanos: value.kind === 'number' ? value.value : value.nanos, node, file: this.facts.syntax } : undefined;
    }
    if (/^u?int(8|16|32|64)?$|^float(32|64)$/.test(type)) return value.kind === 'number' ? value : undefined;
    return undefined;
  }

  private binary(node: SyntaxNode, depth: number): GoValue | undefined {
    const operator = field(node, 'operator') ?? node.children.find((child) => !child.named);
    const op = operator ? this.facts.syntax.textOf(operator) : '';
    const left = this.resolve(field(node, 'left'), depth + 1);
    const right = this.resolve(field(node, 'right'), depth + 1);
    if (!left || !right) return undefined;
    const file = this.facts.syntax;
    if (op === '+' && left.kind === 'string' && right.kind === 'string') {
      return { kind: 'string', value: left.value + right.value, node, file };
    }
    const amount = (value: GoValue): number | undefined =>
      value.kind === 'number' ? value.value : value.kind === 'duration' ? value.nanos : undefined;
    const a = amount(left);
    const b = amount(right);
    if (a === undefined || b === undefined) return undefined;
    let result: number;
    switch (op) {
      case '*': result = a * b; break;
      case '/': if (b === 0) return undefined; result = left.kind === 'number' && right.kind === 'number' && Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b; break;
      case '+': result = a + b; break;
      case '-': result = a - b; break;
      default: return undefined;
    }
    const isDuration = left.kind === 'duration' || right.kind === 'duration';
    return isDuration ? { kind: 'duration', nanos: result, node, file } : { kind: 'number', value: result, node, file };
  }

  private selector(node: SyntaxNode): GoValue | undefined {
    const reference = this.facts.packageMember(node);
    if (reference?.path !== 'time') return undefined;
    const unit = DURATION_UNITS[reference.member];
    return unit === undefined ? undefined : { kind: 'duration', nanos: unit, node, file: this.facts.syntax };
  }

  private call(node: SyntaxNode, depth: number): GoValue | undefined {
    const callee = field(node, 'function');
    const args = namedChildren(field(node, 'arguments') ?? node).filter((arg) => arg.type !== 'comment');
    const { syntax } = this.facts;
    if (!callee) return undefined;
    const calleeText = syntax.textOf(callee);
    if (calleeText === 'string' || calleeText === '[]byte' || calleeText === 'time.Duration') {
      return this.conversion(calleeText, args[0], node, depth);
    }
    if (callee.type === 'selector_expression') {
      const reference = this.facts.packageMember(callee);
      if (reference?.path === 'os' && reference.member === 'Getenv') {
        const name = this.resolveString(args[0]);
        return name === undefined ? undefined : { kind: 'env', name, node, file: syntax };
      }
      return undefined;
    }
    if (callee.type === 'identifier') return this.envHelper(callee, args, node, depth);
    return undefined;
  }

  /**
   * `getEnv("JWT_SECRET", "dev")`: a function of the package whose body reads the variable named
   * by its first parameter (os.Getenv / os.LookupEnv) and returns its second parameter as is.
   */
  private envHelper(callee: SyntaxNode, args: SyntaxNode[], node: SyntaxNode, depth: number): GoValue | undefined {
    if (args.length !== 2) return undefined;
    const declaration = this.facts.packageFunction(this.facts.syntax.textOf(callee));
    if (!declaration) return undefined;
    const { node: fn, facts } = declaration;
    const text = (n: SyntaxNode): string => facts.syntax.textOf(n);
    const parameters = namedChildren(field(fn, 'parameters') ?? fn).flatMap((parameter) =>
      parameter.children.filter((child) => child.field === 'name').map(text));
    if (parameters.length !== 2) return undefined;
    const [keyName, fallbackName] = parameters as [string, string];
    const body = field(fn, 'body');
    if (!body) return undefined;
    const readsKey = descendants(body, 'call_expression').some((call) => {
      const f = field(call, 'function');
      const first = namedChildren(field(call, 'arguments') ?? call)[0];
      return f !== undefined && /^os\.(Getenv|LookupEnv)$/.test(text(f)) && first?.type === 'identifier' && text(first) === keyName;
    });
    const returnsFallback = descendants(body, 'return_statement').some((statement) => {
      const values = namedChildren(statement);
      const list = values[0]?.type === 'expression_list' ? namedChildren(values[0]) : values;
      return list.length === 1 && list[0]!.type === 'identifier' && text(list[0]!) === fallbackName;
    });
    if (!readsKey || !returnsFallback) return undefined;
    const name = this.resolveString(args[0]);
    const fallback = this.resolve(args[1], depth + 1);
    if (name === undefined) return undefined;
    return { kind: 'env', name, fallback: fallback?.kind === 'string' ? fallback : undefined, node, file: this.facts.syntax };
  }

  private identifier(node: SyntaxNode, depth: number): GoValue | undefined {
    const { syntax } = this.facts;
    const name = syntax.textOf(node);
    const local = findLocal(node, name, (n) => syntax.textOf(n));
    if (local) return this.binding(local, name, this.facts, depth);
    const global = this.facts.packageValue(name);
    if (!global) return undefined;
    return global.facts.values.binding(global.binding, name, global.facts, depth);
  }

  /** The value of a binding, given every later assignment to its name in its scope (or package). */
  binding(binding: LocalBinding, name: string, facts: GoFacts, depth: number): GoValue | undefined {
    if (binding.parameter || binding.firstResultOf) return undefined;
    const assignments = facts.assignmentsTo(name, binding);
    if (!binding.value) return assignments ? this.assignedLater(assignments, name, depth) : undefined;
    // Only a single later assignment can make a known default (see `defaulted`); checking first
    // keeps `k = k + "x"` repeated many times from resolving every assignment at every level.
    if (assignments === undefined || assignments.length > 1) return undefined;
    const initial = this.resolve(binding.value, depth + 1);
    if (assignments.length === 0) return initial;
    return this.defaulted(initial, assignments, name, depth);
  }

  /**
   * `var secret string` set later: `secret = os.Getenv("X")` once, and a literal default only
   * when it is empty (`if secret == "" { secret = "dev" }`), typically in `init()`.
   */
  private assignedLater(assignments: { value: SyntaxNode; facts: GoFacts }[], name: string, depth: number): GoValue | undefined {
    if (assignments.length !== 2) return undefined; // one env read plus one default (see `defaulted`)
    const envAssignments = assignments.filter(({ value, facts }) => facts.values.resolve(value, depth + 1)?.kind === 'env');
    if (envAssignments.length !== 1) return undefined;
    const env = envAssignments[0]!;
    const rest = assignments.filter((assignment) => assignment !== env);
    return this.defaulted(env.facts.values.resolve(env.value, depth + 1), rest, name, depth);
  }

  /**
   * An environment value with a literal default assigned in a branch:
   * `s := os.Getenv("X"); if s == "" { s = "dev" }`, or `s := "dev"; if v := os.Getenv("X"); v != "" { s = v }`.
   */
  private defaulted(initial: GoValue | undefined, assignments: { value: SyntaxNode; facts: GoFacts }[], name: string,
    depth: number): GoValue | undefined {
    if (!initial || assignments.length !== 1) return undefined;
    const values = assignments.map(({ value, facts }) => facts.values.resolve(value, depth + 1));
    if (initial.kind === 'env' && !initial.fallback) {
      const guarded = assignments.every(({ value, facts }) => isInsideEmptyCheck(value, name, facts));
      const fallback = values.length === 1 && values[0]?.kind === 'string' ? values[0] : undefined;
      if (guarded && fallback) return { ...initial, fallback };
      return undefined;
    }
    if (initial.kind === 'string' && values.length === 1 && values[0]?.kind === 'env' && !values[0].fallback) {
      return { ...values[0], fallback: initial, byCondition: false };
    }
    return undefined;
  }
}

/** `if name == "" { name = ... }` / `if len(name) == 0 { ... }`: the assignment runs only when the value is empty. */
function isInsideEmptyCheck(value: SyntaxNode, name: string, facts: GoFacts): boolean {
  for (let current = value.parent; current; current = current.parent) {
    if (current.type === 'if_statement') {
      const condition = field(current, 'condition');
      const consequence = field(current, 'consequence');
      if (!condition || !consequence || value.start < consequence.start || value.end > consequence.end) return false;
      const text = facts.syntax.textOf(condition).replace(/\s+/g, '');
      return text === `${name}==""` || text === `""==${name}` || text === `len(${name})==0`;
    }
    if (current.type === 'function_declaration' || current.type === 'func_literal' || current.type === 'method_declaration') return false;
  }
  return false;
}

export type { LocalBinding };
