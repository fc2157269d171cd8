/**
 * The Java value resolver: what an expression evaluates to, as far as the code says so.
 * Understands string and number literals (`864_000_000L`), concatenation and arithmetic,
 * `static final` constants and fields of the same class, constants of other scanned classes
 * (`JwtConstants.SECRET`, static imports, inherited interface constants), local variables
 * assigned once, `.getBytes()`, Base64 decoding, `System.getenv`, Spring `@Value("${x:default}")`,
 * and the time API used for token lifetimes (`Duration.ofDays`, `TimeUnit.DAYS.toMillis`,
 * `new Date(System.currentTimeMillis() + X)`, `Instant.now().plus(30, ChronoUnit.DAYS)`).
 * Anything else is unresolved (undefined): rules stay silent on it.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { field, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import type { JavaClasses } from './classes.js';

/** Where a value is written: a node and the file it belongs to. */
export interface Place {
  node: SyntaxNode;
  file: SyntaxFile;
}

export type JavaValue =
  | { kind: 'string'; value: string; at: Place }
  | { kind: 'number'; value: number; at: Place }
  | { kind: 'boolean'; value: boolean; at: Place }
  /** Key bytes: `"...".getBytes()` (length of the text) or a Base64-decoded literal (decoded length). */
  | { kind: 'bytes'; text: string; length: number; decoded: boolean; at: Place }
  /** An environment variable or Spring property, with the literal default written in code, if any. */
  | { kind: 'env'; name: string; fallback?: { text: string; at: Place }; at: Place }
  | { kind: 'duration'; seconds: number; at: Place }
  /** A point in time relative to now (`new Date(...)`, `Instant`), in seconds. */
  | { kind: 'instant'; offsetSeconds: number; at: Place }
  /** Milliseconds since the epoch relative to now (`System.currentTimeMillis() + X`). */
  | { kind: 'epoch-ms'; offsetMs: number; at: Place }
  /** A map of claims built in the code (`Map.of(...)`, `new HashMap<>()` + `put`). */
  | { kind: 'map'; entries: Map<string, Place & { value: SyntaxNode }>; complete: boolean; at: Place };

export type StringPart = { kind: 'text'; text: string } | { kind: 'dynamic'; node: SyntaxNode };

const MAX_DEPTH = 12;
const UNIT_SECONDS: Record<string, number> = {
  NANOS: 1e-9, MICROS: 1e-6, MILLIS: 0.001, SECONDS: 1, MINUTES: 60, HOURS: 3600, HALF_DAYS: 43200, DAYS: 86400,
  WEEKS: 604800, MONTHS: 2629746, YEARS: 31556952,
  NANOSECONDS: 1e-9, MICROSECONDS: 1e-6, MILLISECONDS: 0.001,
};
const DURATION_FACTORY: Record<string, number> = {
  ofNanos: 1e-9, ofMillis: 0.001, ofSeconds: 1, ofMinutes: 60, ofHours: 3600, ofDays: 86400,
};
const PLUS_METHODS: Record<string, number> = {
  plusNanos: 1e-9, plusMillis: 0.001, plusSeconds: 1, plusMinutes: 60, plusHours: 3600, plusDays: 86400, plusWeeks: 604800,
  plusMonths: 2629746, plusYears: 31556952,
};
const NOW_TYPES = new Set(['Instant', 'LocalDateTime', 'ZonedDateTime', 'OffsetDateTime', 'LocalDate']);
const PASS_THROUGH_METHODS = new Set(['toInstant', 'atZone', 'atOffset', 'atStartOfDay', 'trim', 'strip', 'toString', 'intern',
  'toLocalDateTime']);
const METHOD_SCOPES = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression', 'static_initializer',
  'compact_constructor_declaration']);
export const CLASS_TYPES = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration',
  'annotation_type_declaration']);
const BASE64_DECODERS = new Set(['Base64.getDecoder', 'Base64.getUrlDecoder', 'Base64.getMimeDecoder', 'Decoders.BASE64',
  'Decoders.BASE64URL', 'TextCodec.BASE64', 'TextCodec.BASE64URL']);

export class JavaValues {
  constructor(
    readonly syntax: SyntaxFile,
    private readonly classes: JavaClasses,
  ) {}

  text(node: SyntaxNode): string {
    return this.syntax.textOf(node);
  }

  resolve(node: SyntaxNode | undefined, depth = 0): JavaValue | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const at: Place = { node, file: this.syntax };
    switch (node.type) {
      case 'parenthesized_expression':
      case 'cast_expression':
        return this.resolve(field(node, 'value') ?? namedChildren(node).at(-1), depth + 1);
      case 'string_literal':
        return stringLiteral(this.text(node), at);
      case 'text_block':
        return { kind: 'string', value: textBlock(this.text(node)), at };
      case 'decimal_integer_literal':
      case 'hex_integer_literal':
      case 'octal_integer_literal':
      case 'binary_integer_literal':
      case 'decimal_floating_point_literal': {
        const value = numberLiteral(this.text(node));
        return value === undefined ? undefined : { kind: 'number', value, at };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', at };
      case 'unary_expression':
        return this.unary(node, depth);
      case 'binary_expression':
        return this.binary(node, depth);
      case 'ternary_expression':
        return this.ternary(node, depth);
      case 'identifier':
        return this.identifier(node, depth);
      case 'field_access':
        return this.fieldAccess(node, depth);
      case 'method_invocation':
        return this.call(node, depth);
      case 'object_creation_expression':
        return this.creation(node, depth);
      default:
        return undefined;
    }
  }

  resolveString(node: SyntaxNode | undefined): string | undefined {
    const value = this.resolve(node);
    return value?.kind === 'string' ? value.value : undefined;
  }

  /** A number, or the numeric default of a Spring property (`@Value("${jwt.expiration:864000000}")`). */
  numberOf(value: JavaValue | undefined): number | undefined {
    if (value?.kind === 'number') return value.value;
    if (value?.kind === 'env' && value.fallback) return numberLiteral(value.fallback.text);
    return undefined;
  }

  /** `"http://x" + path + "?token=" + t` as known text and runtime parts, adjacent text merged. */
  stringParts(node: SyntaxNode): StringPart[] {
    const parts: StringPart[] = [];
    const push = (part: StringPart): void => {
      const last = parts[parts.length - 1];
      if (part.kind === 'text' && last?.kind === 'text') last.text += part.text;
      else parts.push(part.kind === 'text' ? { ...part } : part);
    };
    const pending: SyntaxNode[] = [node];
    let operands = 0;
    while (pending.length > 0) {
      const current = unwrap(pending.pop()!);
      if (current.type === 'binary_expression' && this.operator(current) === '+' && operands++ < 500) {
        pending.push(field(current, 'right')!, field(current, 'left')!);
        continue;
      }
      const value = this.resolve(current);
      if (value?.kind === 'string') push({ kind: 'text', text: value.value });
      else if (value?.kind === 'number') push({ kind: 'text', text: String(value.value) });
      else push({ kind: 'dynamic', node: current });
    }
    return parts;
  }

  operator(node: SyntaxNode): string | undefined {
    const op = field(node, 'operator') ?? node.children.find((child) => !child.named);
    return op ? this.text(op) : undefined;
  }

  // ---------------------------------------------------------------------------------------
  // Expressions

  private unary(node: SyntaxNode, depth: number): JavaValue | undefined {
    const operand = this.resolve(field(node, 'operand'), depth + 1);
    const op = this.operator(node);
    if (operand?.kind === 'number' && op === '-') return { kind: 'number', value: -operand.value, at: { node, file: this.syntax } };
    if (operand?.kind === 'boolean' && op === '!') return { kind: 'boolean', value: !operand.value, at: { node, file: this.syntax } };
    return undefined;
  }

  private binary(node: SyntaxNode, depth: number): JavaValue | undefined {
    const op = this.operator(node);
    const at: Place = { node, file: this.syntax };
    const left = this.resolve(field(node, 'left'), depth + 1);
    const right = this.resolve(field(node, 'right'), depth + 1);
    if (!left || !right) return undefined;
    if (op === '+' && (left.kind === 'string' || right.kind === 'string')) {
      const text = (value: JavaValue): string | undefined =>
        value.kind === 'string' ? value.value : value.kind === 'number' || value.kind === 'boolean' ? String(value.value) : undefined;
      const a = text(left);
      const b = text(right);
      return a === undefined || b === undefined ? undefined : { kind: 'string', value: a + b, at };
    }
    if (left.kind === 'epoch-ms' && (op === '+' || op === '-')) {
      const ms = this.numberOf(right);
      return ms === undefined ? undefined : { kind: 'epoch-ms', offsetMs: left.offsetMs + (op === '+' ? ms : -ms), at };
    }
    if (right.kind === 'epoch-ms' && op === '+') {
      const ms = this.numberOf(left);
      return ms === undefined ? undefined : { kind: 'epoch-ms', offsetMs: right.offsetMs + ms, at };
    }
    const a = this.numberOf(left);
    const b = this.numberOf(right);
    if (a === undefined || b === undefined) return undefined;
    switch (op) {
      case '+': return { kind: 'number', value: a + b, at };
      case '-': return { kind: 'number', value: a - b, at };
      case '*': return { kind: 'number', value: a * b, at };
      case '/': return b === 0 ? undefined : { kind: 'number', value: Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b, at };
      default: return undefined;
    }
  }

  /** `System.getenv("X") != null ? System.getenv("X") : "dev"`: an environment value with a literal default. */
  private ternary(node: SyntaxNode, depth: number): JavaValue | undefined {
    const whenTrue = this.resolve(field(node, 'consequence'), depth + 1);
    const whenFalse = this.resolve(field(node, 'alternative'), depth + 1);
    const env = whenTrue?.kind === 'env' ? whenTrue : whenFalse?.kind === 'env' ? whenFalse : undefined;
    const other = env === whenTrue ? whenFalse : whenTrue;
    if (env && !env.fallback && other?.kind === 'string') {
      return { ...env, fallback: { text: other.value, at: other.at }, at: { node, file: this.syntax } };
    }
    return undefined;
  }

  private identifier(node: SyntaxNode, depth: number): JavaValue | undefined {
    const declaration = this.classes.declarationOf(node, this.syntax);
    if (!declaration) return undefined;
    return declaration.values.valueOfDeclaration(declaration, depth + 1);
  }

  /** The value a declaration holds: its initializer, a Spring `@Value`, or a single constructor assignment. */
  valueOfDeclaration(declaration: Declaration, depth: number): JavaValue | undefined {
    const property = springValue(declaration.annotations, this.syntax);
    if (property) return property;
    if (declaration.kind === 'parameter') return undefined;
    if (declaration.reassigned) return undefined;
    if (declaration.initializer) return this.resolve(declaration.initializer, depth);
    if (declaration.assignedOnce) return this.resolve(declaration.assignedOnce, depth);
    return undefined;
  }

  private fieldAccess(node: SyntaxNode, depth: number): JavaValue | undefined {
    const object = field(node, 'object');
    const name = field(node, 'field');
    if (!object || !name) return undefined;
    const fieldName = this.text(name);
    if (object.type === 'this') {
      const declaration = this.classes.fieldInEnclosingClass(node, fieldName);
      return declaration ? declaration.values.valueOfDeclaration(declaration, depth + 1) : undefined;
    }
    const text = this.text(object);
    if (text === 'Long' && fieldName === 'MAX_VALUE') return { kind: 'number', value: 9223372036854775807, at: { node, file: this.syntax } };
    if (text === 'Integer' && fieldName === 'MAX_VALUE') return { kind: 'number', value: 2147483647, at: { node, file: this.syntax } };
    if (!/^[A-Z]/.test(text.split('.').at(-1) ?? '')) return undefined;
    const declaration = this.classes.staticField(text, fieldName);
    return declaration ? declaration.values.valueOfDeclaration(declaration, depth + 1) : undefined;
  }

  private creation(node: SyntaxNode, depth: number): JavaValue | undefined {
    const type = this.text(field(node, 'type') ?? node).replace(/<[\s\S]*$/, '');
    const args = argumentsOf(node);
    const at: Place = { node, file: this.syntax };
    if (type === 'Date' || type === 'java.util.Date') {
      if (args.length === 0) return { kind: 'instant', offsetSeconds: 0, at };
      const value = this.resolve(args[0], depth + 1);
      return value?.kind === 'epoch-ms' ? { kind: 'instant', offsetSeconds: value.offsetMs / 1000, at } : undefined;
    }
    if (type === 'String' && args.length === 1) {
      const value = this.resolve(args[0], depth + 1);
      if (value?.kind === 'bytes' && !value.decoded) return { kind: 'string', value: value.text, at };
      return value?.kind === 'string' ? value : undefined;
    }
    // new SecretKeySpec(bytes, "HmacSHA256"): the bytes are the key.
    if (type === 'SecretKeySpec' && args.length >= 2) return this.keyBytes(args[0], depth);
    if (type === 'HashMap' || type === 'LinkedHashMap' || type === 'TreeMap') return this.builtMap(node);
    return undefined;
  }

  private keyBytes(node: SyntaxNode | undefined, depth: number): JavaValue | undefined {
    const value = this.resolve(node, depth + 1);
    return value?.kind === 'bytes' || value?.kind === 'string' || value?.kind === 'env' ? value : undefined;
  }

  private call(node: SyntaxNode, depth: number): JavaValue | undefined {
    const name = this.text(field(node, 'name')!);
    const object = field(node, 'object');
    const objectText = object ? this.text(object).replace(/\s+/g, '') : '';
    const args = argumentsOf(node);
    const at: Place = { node, file: this.syntax };

    // Environment and properties
    if (objectText === 'System' && name === 'getenv' && args.length === 1) {
      const env = this.resolveString(args[0]);
      return env === undefined ? undefined : { kind: 'env', name: env, at };
    }
    if ((objectText === 'System' && name === 'getProperty') ||
        (name === 'getProperty' && /^(env|environment)$/i.test(objectText.replace(/^this\./, '')))) {
      const key = this.resolveString(args[0]);
      if (key === undefined) return undefined;
      const fallback = args[1] ? this.resolve(args[1], depth + 1) : undefined;
      return { kind: 'env', name: key, at, ...(fallback?.kind === 'string' ? { fallback: { text: fallback.value, at: fallback.at } } : {}) };
    }
    if (objectText === 'System.getenv()' && name === 'getOrDefault' && args.length === 2) {
      const key = this.resolveString(args[0]);
      const fallback = this.resolve(args[1], depth + 1);
      if (key === undefined) return undefined;
      return { kind: 'env', name: key, at, ...(fallback?.kind === 'string' ? { fallback: { text: fallback.value, at: fallback.at } } : {}) };
    }
    // Optional.ofNullable(System.getenv("X")).orElse("dev")
    if ((name === 'orElse' || name === 'or') && object?.type === 'method_invocation' && args.length === 1) {
      const inner = this.text(field(object, 'name')!);
      if (inner === 'ofNullable') {
        const env = this.resolve(argumentsOf(object)[0], depth + 1);
        const fallback = this.resolve(args[0], depth + 1);
        if (env?.kind === 'env' && fallback?.kind === 'string') return { ...env, fallback: { text: fallback.value, at: fallback.at }, at };
      }
      return undefined;
    }

    // Key material
    if (name === 'getBytes' && object) {
      const value = this.resolve(object, depth + 1);
      if (value?.kind === 'string') return { kind: 'bytes', text: value.value, length: Buffer.byteLength(value.value, 'utf8'), decoded: false, at: value.at };
      return value?.kind === 'env' ? value : undefined;
    }
    if (name === 'decode' && BASE64_DECODERS.has(objectText.replace(/\(\)$/, ''))) return this.base64(args[0], depth);
    if (name === 'parseBase64Binary' && objectText === 'DatatypeConverter') return this.base64(args[0], depth);
    if (name === 'hmacShaKeyFor' && objectText === 'Keys') return this.keyBytes(args[0], depth);
    if (name === 'valueOf' && objectText === 'String' && args.length === 1) {
      const value = this.resolve(args[0], depth + 1);
      return value?.kind === 'string' ? value : undefined;
    }
    if (PASS_THROUGH_METHODS.has(name) && object) {
      const value = this.resolve(object, depth + 1);
      return value?.kind === 'string' || value?.kind === 'instant' ? value : undefined;
    }

    // Time
    if (objectText === 'System' && name === 'currentTimeMillis') return { kind: 'epoch-ms', offsetMs: 0, at };
    if (name === 'now' && NOW_TYPES.has(objectText)) return { kind: 'instant', offsetSeconds: 0, at };
    if (objectText === 'Date' && name === 'from') {
      const value = this.resolve(args[0], depth + 1);
      return value?.kind === 'instant' ? { ...value, at } : undefined;
    }
    if ((name === 'getTime' || name === 'toEpochMilli') && object) {
      const value = this.resolve(object, depth + 1);
      return value?.kind === 'instant' ? { kind: 'epoch-ms', offsetMs: value.offsetSeconds * 1000, at } : undefined;
    }
    if (objectText === 'Duration' && DURATION_FACTORY[name] !== undefined) {
      const amount = this.numberOf(this.resolve(args[0], depth + 1));
      return amount === undefined ? undefined : { kind: 'duration', seconds: amount * DURATION_FACTORY[name]!, at };
    }
    if (objectText === 'Duration' && name === 'of' && args.length === 2) {
      const amount = this.numberOf(this.resolve(args[0], depth + 1));
      const unit = unitSeconds(this.text(args[1]!));
      return amount === undefined || unit === undefined ? undefined : { kind: 'duration', seconds: amount * unit, at };
    }
    if (object && /^(java\.util\.concurrent\.)?TimeUnit\.[A-Z]+$/.test(objectText) && /^to[A-Z]/.test(name)) {
      const from = unitSeconds(objectText);
      const to = unitSeconds(name.slice(2).toUpperCase());
      const amount = this.numberOf(this.resolve(args[0], depth + 1));
      return from === undefined || to === undefined || amount === undefined ? undefined
        : { kind: 'number', value: Math.trunc((amount * from) / to), at };
    }
    if (object && /^to(Millis|Seconds|Minutes|Hours|Days)$|^getSeconds$/.test(name)) {
      const value = this.resolve(object, depth + 1);
      if (value?.kind !== 'duration') return undefined;
      const unit = name === 'getSeconds' ? 1 : unitSeconds(name.slice(2).toUpperCase())!;
      return { kind: 'number', value: Math.trunc(value.seconds / unit), at };
    }
    if (object && (name === 'plus' || PLUS_METHODS[name] !== undefined)) {
      const base = this.resolve(object, depth + 1);
      if (base?.kind !== 'instant' && base?.kind !== 'duration') return undefined;
      let seconds: number | undefined;
      if (name === 'plus' && args.length === 2) {
        const amount = this.numberOf(this.resolve(args[0], depth + 1));
        const unit = unitSeconds(this.text(args[1]!));
        seconds = amount === undefined || unit === undefined ? undefined : amount * unit;
      } else if (name === 'plus' && args.length === 1) {
        const duration = this.resolve(args[0], depth + 1);
        seconds = duration?.kind === 'duration' ? duration.seconds : undefined;
      } else {
        const amount = this.numberOf(this.resolve(args[0], depth + 1));
        seconds = amount === undefined ? undefined : amount * PLUS_METHODS[name]!;
      }
      if (seconds === undefined) return undefined;
      return base.kind === 'instant' ? { kind: 'instant', offsetSeconds: base.offsetSeconds + seconds, at }
        : { kind: 'duration', seconds: base.seconds + seconds, at };
    }
    if (objectText === 'Map' && (name === 'of' || name === 'ofEntries')) return this.mapOf(node, name);
    // Setters on a claims object keep it: `Jwts.claims().setSubject(u)`.
    if (object && /^set[A-Z]/.test(name) && object.type === 'method_invocation') {
      const inner = this.resolve(object, depth + 1);
      return inner?.kind === 'map' ? inner : undefined;
    }
    // jjwt before 0.12: `Claims claims = Jwts.claims().setSubject(u); claims.put("role", r);`
    if (objectText === 'Jwts' && name === 'claims' && args.length === 0) {
      const map = this.builtMap(node);
      return map?.kind === 'map' ? { ...map, complete: false } : map;
    }
    return undefined;
  }

  private base64(node: SyntaxNode | undefined, depth: number): JavaValue | undefined {
    const value = this.resolve(node, depth + 1);
    if (value?.kind !== 'string' || !/^[A-Za-z0-9+/=_\-\s]*$/.test(value.value)) return value?.kind === 'env' ? value : undefined;
    const length = Buffer.from(value.value.replace(/\s+/g, ''), 'base64').length;
    return { kind: 'bytes', text: value.value, length, decoded: true, at: value.at };
  }

  /** `Map.of("sub", id, "role", role)`. */
  private mapOf(node: SyntaxNode, name: string): JavaValue | undefined {
    const args = argumentsOf(node);
    const entries = new Map<string, Place & { value: SyntaxNode }>();
    let complete = true;
    if (name === 'of') {
      for (let index = 0; index + 1 < args.length; index += 2) {
        const key = this.resolveString(args[index]);
        if (key === undefined) complete = false;
        else entries.set(key, { node: args[index]!, file: this.syntax, value: args[index + 1]! });
      }
    } else {
      complete = false;
    }
    return { kind: 'map', entries, complete, at: { node, file: this.syntax } };
  }

  /** `Map<String, Object> claims = new HashMap<>(); claims.put("role", r);` in the same method. */
  private builtMap(node: SyntaxNode): JavaValue | undefined {
    let top = node;
    while (top.parent?.type === 'method_invocation' && field(top.parent, 'object') === top) top = top.parent;
    const declarator = top.parent?.type === 'variable_declarator' ? top.parent : undefined;
    const nameNode = declarator ? field(declarator, 'name') : undefined;
    const scope = enclosingScope(node);
    const entries = new Map<string, Place & { value: SyntaxNode }>();
    if (!nameNode || !scope) return { kind: 'map', entries, complete: false, at: { node, file: this.syntax } };
    const variable = this.text(nameNode);
    let complete = argumentsOf(node).length === 0;
    const stack = [scope];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.type === 'method_invocation') {
        const object = field(current, 'object');
        const method = this.text(field(current, 'name')!);
        if (object?.type === 'identifier' && this.text(object) === variable) {
          const args = argumentsOf(current);
          if ((method === 'put' || method === 'putIfAbsent') && args.length === 2) {
            const key = this.resolveString(args[0]);
            if (key === undefined) complete = false;
            else entries.set(key, { node: current, file: this.syntax, value: args[1]! });
          } else if (method === 'putAll' || method === 'compute' || method === 'merge' || method === 'computeIfAbsent') {
            complete = false;
          }
        }
      }
      stack.push(...current.children);
    }
    return { kind: 'map', entries, complete, at: { node, file: this.syntax } };
  }
}

/** A variable, field or parameter declaration, as the resolver reads it. */
export interface Declaration {
  kind: 'local' | 'field' | 'parameter';
  name: string;
  nameNode: SyntaxNode;
  initializer?: SyntaxNode;
  /** The only assignment (in a constructor) to a field declared without an initializer. */
  assignedOnce?: SyntaxNode;
  /** Assigned again after its declaration: its value depends on the path taken. */
  reassigned: boolean;
  annotations: SyntaxNode[];
  /** The declared type as written (`String`, `long`, `SecretKey`). */
  type: string;
  isStatic: boolean;
  isFinal: boolean;
  /** The resolver of the file the declaration is written in. */
  values: JavaValues;
}

/** `@Value("${jwt.secret:dev-secret}")`: the property and its literal default. */
export function springValue(annotations: SyntaxNode[], syntax: SyntaxFile): JavaValue | undefined {
  for (const annotation of annotations) {
    const name = field(annotation, 'name');
    if (!name || !/^(?:org\.springframework\.beans\.factory\.annotation\.)?Value$/.test(syntax.textOf(name))) continue;
    const literal = namedChildren(field(annotation, 'arguments') ?? annotation).find((child) => child.type === 'string_literal');
    if (!literal) return undefined;
    const text = stringLiteral(syntax.textOf(literal), { node: literal, file: syntax }).value;
    const match = /^\$\{([^:}]+)(?::([^{}]*))?\}$/.exec(text.trim());
    if (!match) return undefined;
    const at: Place = { node: literal, file: syntax };
    return { kind: 'env', name: match[1]!, at, ...(match[2] !== undefined ? { fallback: { text: match[2], at } } : {}) };
  }
  return undefined;
}

export function argumentsOf(node: SyntaxNode): SyntaxNode[] {
  const list = field(node, 'arguments');
  return list ? namedChildren(list) : [];
}

export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = namedChildren(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The method, constructor, lambda or initializer a node belongs to. */
export function enclosingScope(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (METHOD_SCOPES.has(current.type)) return current;
    if (CLASS_TYPES.has(current.type)) return undefined;
  }
  return undefined;
}

/** The method or constructor a node belongs to (through lambdas). */
export function enclosingMethod(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'method_declaration' || current.type === 'constructor_declaration') return current;
    if (CLASS_TYPES.has(current.type)) return undefined;
  }
  return undefined;
}

function unitSeconds(text: string): number | undefined {
  return UNIT_SECONDS[text.split('.').at(-1) ?? ''];
}

function stringLiteral(text: string, at: Place): { kind: 'string'; value: string; at: Place } {
  const body = text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text;
  return { kind: 'string', value: unescapeJava(body), at };
}

function textBlock(text: string): string {
  const body = text.replace(/^"""[^\n]*\n/, '').replace(/"""$/, '');
  const lines = body.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)![0].length));
  return unescapeJava(lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n'));
}

function unescapeJava(text: string): string {
  return text.replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_match, escape: string) => {
    if (escape.startsWith('u')) return String.fromCharCode(parseInt(escape.replace(/^u+/, ''), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ' } as Record<string, string>)[escape] ?? escape;
  });
}

/** `864_000_000L`, `0x7f`, `1.5e3d` -> the number; undefined for anything else. */
export function numberLiteral(text: string): number | undefined {
  const cleaned = text.trim().replace(/_/g, '').replace(/[lLfFdD]$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(cleaned)) return parseInt(cleaned, 16);
  if (/^0[bB][01]+$/.test(cleaned)) return parseInt(cleaned.slice(2), 2);
  if (/^-?\d+(\.\d*)?([eE][+-]?\d+)?$|^-?\.\d+([eE][+-]?\d+)?$/.test(cleaned)) return Number(cleaned);
  return undefined;
}
