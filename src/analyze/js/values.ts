/**
 * The one shared answer to "what value does this expression hold?" for JS/TS.
 * Rules never re-implement resolution: they ask `resolver.resolve(node)` and stay
 * silent when it returns `undefined` (precision first).
 */
import ts from './typescript.cjs';
import type { SourceRange } from '../../types.js';
import { countMemberMutations, findDeclaration, isReassigned, type Declaration } from './scope.js';
import { forEachDescendant } from './walk.js';

/** Where a value was written: a file of the scan and the range of its literal. */
export interface Origin {
  file: string;
  range: SourceRange;
}

export interface PropertyEntry {
  /** Undefined when the key is known to exist but its value cannot be resolved. */
  value: Value | undefined;
  origin: Origin;
}

export type Value =
  | { kind: 'string'; value: string; origin: Origin; names: string[] }
  | { kind: 'number'; value: number; origin: Origin }
  | { kind: 'boolean'; value: boolean; origin: Origin }
  | { kind: 'null'; origin: Origin }
  | { kind: 'undefined'; origin: Origin }
  /** `complete` is false when unknown spreads or computed keys may add properties. */
  | { kind: 'object'; props: Map<string, PropertyEntry>; complete: boolean; origin: Origin }
  | { kind: 'array'; items: (Value | undefined)[]; complete: boolean; origin: Origin }
  /**
   * `process.env.NAME` / `import.meta.env.NAME`, with its literal default if any;
   * `fallbackByCondition` when a conditional, not the variable being unset, picks the default.
   */
  | { kind: 'env'; name: string; fallback?: Value; fallbackByCondition?: boolean; origin: Origin }
  /** `fs.readFileSync(path)`: key material read from a file. */
  | { kind: 'file-read'; path: Value | undefined; origin: Origin }
  /** A binding to a module or one of its members: `require('jsonwebtoken')`, `import { sign } from 'jsonwebtoken'`. */
  | { kind: 'module'; module: string; member: string | undefined; origin: Origin }
  /** A function value whose body we can inspect (callbacks such as isRevoked or a JwtModule useFactory). */
  | { kind: 'function'; node: ts.FunctionLikeDeclaration; origin: Origin };

export type ObjectValue = Extract<Value, { kind: 'object' }>;

/** Exported values of one file: `default` for the default export / `module.exports`. */
export type ExportTable = Map<string, Value | undefined>;


const MAX_DEPTH = 40;

export class ValueResolver {
  private readonly cache = new Map<ts.Node, Value | undefined>();
  private readonly memberWritesCache = new Map<ts.VariableDeclaration, Set<string> | 'all'>();
  private depth = 0;

  constructor(
    readonly sourceFile: ts.SourceFile,
    /** Path of this file relative to the scan root. */
    readonly file: string,
    private readonly importExports: (specifier: string) => ExportTable | undefined,
  ) {}

  originOf(node: ts.Node): Origin {
    const sf = this.sourceFile;
    const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const end = sf.getLineAndCharacterOfPosition(node.getEnd());
    return {
      file: this.file,
      range: {
        start: { line: start.line + 1, column: start.character + 1 },
        end: { line: end.line + 1, column: end.character + 1 },
      },
    };
  }

  /** The static value of an expression, or undefined when it cannot be known. */
  resolve(node: ts.Node | undefined): Value | undefined {
    if (!node) return undefined;
    if (this.cache.has(node)) return this.cache.get(node);
    if (this.depth > MAX_DEPTH) return undefined;
    this.depth++;
    this.cache.set(node, undefined); // cycle guard
    let value: Value | undefined;
    try {
      value = this.compute(node);
    } finally {
      this.depth--;
    }
    this.cache.set(node, value);
    return value;
  }

  /** Convenience: the string value of an expression, if it resolves to one. */
  resolveString(node: ts.Node | undefined): string | undefined {
    const value = this.resolve(node);
    return value?.kind === 'string' ? value.value : undefined;
  }

  private compute(node: ts.Node): Value | undefined {
    const origin = (): Origin => this.originOf(node);
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) ||
        ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
      return this.resolve(node.expression);
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      return { kind: 'string', value: node.text, origin: origin(), names: [] };
    }
    if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text.replace(/_/g, '')), origin: origin() };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true, origin: origin() };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false, origin: origin() };
    if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null', origin: origin() };
    if (ts.isIdentifier(node) && node.text === 'undefined') return { kind: 'undefined', origin: origin() };
    if (ts.isPrefixUnaryExpression(node)) return this.resolvePrefix(node);
    if (ts.isTemplateExpression(node)) return this.resolveTemplate(node);
    if (ts.isBinaryExpression(node)) return this.resolveBinary(node);
    if (ts.isConditionalExpression(node)) return this.resolveConditional(node);
    if (ts.isObjectLiteralExpression(node)) return this.resolveObject(node);
    if (ts.isArrayLiteralExpression(node)) return this.resolveArray(node);
    if (ts.isIdentifier(node)) return this.resolveIdentifier(node);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.resolveMemberAccess(node);
    if (ts.isCallExpression(node)) return this.resolveCall(node);
    if (ts.isNewExpression(node)) return this.resolveNew(node);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) {
      return { kind: 'function', node, origin: origin() };
    }
    if (ts.isAwaitExpression(node)) return isKeyImportCall(node.expression) ? this.resolve(node.expression) : undefined;
    return undefined;
  }

  private resolvePrefix(node: ts.PrefixUnaryExpression): Value | undefined {
    const operand = this.resolve(node.operand);
    if (operand?.kind !== 'number') {
      if (node.operator === ts.SyntaxKind.ExclamationToken && operand?.kind === 'boolean') {
        return { ...operand, value: !operand.value };
      }
      return undefined;
    }
    if (node.operator === ts.SyntaxKind.MinusToken) return { ...operand, value: -operand.value };
    if (node.operator === ts.SyntaxKind.PlusToken) return operand;
    return undefined;
  }

  private resolveTemplate(node: ts.TemplateExpression): Value | undefined {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const part = this.resolve(span.expression);
      if (part?.kind === 'string') text += part.value;
      else if (part?.kind === 'number' || part?.kind === 'boolean') text += String(part.value);
      else return undefined;
      text += span.literal.text;
    }
    return { kind: 'string', value: text, origin: this.originOf(node), names: [] };
  }

  /**
   * `NODE_ENV === 'production' ? process.env.SECRET : 'dev'` (either order): an environment
   * value with the other branch as its literal fallback, like `process.env.SECRET || 'dev'`.
   * Any other conditional is unknown.
   */
  private resolveConditional(node: ts.ConditionalExpression): Value | undefined {
    const whenTrue = this.resolve(node.whenTrue);
    const whenFalse = this.resolve(node.whenFalse);
    const env = whenTrue?.kind === 'env' && !whenTrue.fallback ? whenTrue
      : whenFalse?.kind === 'env' && !whenFalse.fallback ? whenFalse : undefined;
    const other = env === whenTrue ? whenFalse : whenTrue;
    if (!env || other?.kind !== 'string') return undefined;
    return { ...env, fallback: other, fallbackByCondition: true, origin: this.originOf(node) };
  }

  private resolveBinary(node: ts.BinaryExpression): Value | undefined {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      const left = this.resolve(node.left);
      if (left?.kind === 'env' && !left.fallback) {
        const fallback = this.resolve(node.right);
        if (fallback && fallback.kind !== 'env') return { ...left, fallback, origin: this.originOf(node) };
        return fallback?.kind === 'env' ? left : { ...left, origin: this.originOf(node) };
      }
      return undefined;
    }
    const left = this.resolve(node.left);
    const right = this.resolve(node.right);
    if (!left || !right) return undefined;
    if (op === ts.SyntaxKind.PlusToken) {
      if (left.kind === 'number' && right.kind === 'number') {
        return { kind: 'number', value: left.value + right.value, origin: this.originOf(node) };
      }
      const l = scalarText(left);
      const r = scalarText(right);
      if (l !== undefined && r !== undefined && (left.kind === 'string' || right.kind === 'string')) {
        return { kind: 'string', value: l + r, origin: this.originOf(node), names: [] };
      }
      return undefined;
    }
    if (left.kind !== 'number' || right.kind !== 'number') return undefined;
    const origin = this.originOf(node);
    switch (op) {
      case ts.SyntaxKind.AsteriskToken: return { kind: 'number', value: left.value * right.value, origin };
      case ts.SyntaxKind.MinusToken: return { kind: 'number', value: left.value - right.value, origin };
      case ts.SyntaxKind.SlashToken: return right.value === 0 ? undefined : { kind: 'number', value: left.value / right.value, origin };
      case ts.SyntaxKind.AsteriskAsteriskToken: return { kind: 'number', value: left.value ** right.value, origin };
      default: return undefined;
    }
  }

  private resolveObject(node: ts.ObjectLiteralExpression): Value {
    const props = new Map<string, PropertyEntry>();
    let complete = true;
    for (const prop of node.properties) {
      if (ts.isSpreadAssignment(prop)) {
        const spread = this.resolve(prop.expression);
        if (spread?.kind === 'object') {
          for (const [key, entry] of spread.props) props.set(key, entry);
          if (!spread.complete) complete = false;
        } else {
          complete = false;
        }
        continue;
      }
      const key = prop.name ? propertyNameText(prop.name) : undefined;
      if (key === undefined) {
        complete = false;
        continue;
      }
      const origin = this.originOf(prop);
      if (ts.isPropertyAssignment(prop)) props.set(key, { value: this.resolve(prop.initializer), origin });
      else if (ts.isShorthandPropertyAssignment(prop)) props.set(key, { value: this.resolve(prop.name), origin });
      else if (ts.isMethodDeclaration(prop)) props.set(key, { value: { kind: 'function', node: prop, origin }, origin });
      else props.set(key, { value: undefined, origin });
    }
    return { kind: 'object', props, complete, origin: this.originOf(node) };
  }

  private resolveArray(node: ts.ArrayLiteralExpression): Value {
    const items: (Value | undefined)[] = [];
    let complete = true;
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) {
        const spread = this.resolve(element.expression);
        if (spread?.kind === 'array') {
          items.push(...spread.items);
          if (!spread.complete) complete = false;
        } else complete = false;
        continue;
      }
      items.push(this.resolve(element));
    }
    return { kind: 'array', items, complete, origin: this.originOf(node) };
  }

  private resolveIdentifier(node: ts.Identifier): Value | undefined {
    const declaration = findDeclaration(node);
    if (!declaration) return undefined;
    return this.resolveDeclaration(declaration, node.text);
  }

  /** The value a declaration binds its name to. */
  resolveDeclaration(declaration: Declaration, name: string): Value | undefined {
    switch (declaration.kind) {
      case 'variable': {
        const decl = declaration.node;
        if (!declaration.isConst && isReassigned(this.sourceFile, name, declaration.path.length === 0)) return undefined;
        if (!decl.initializer) return undefined;
        if (declaration.path.length === 0) {
          const value = this.resolve(decl.initializer);
          return withName(value?.kind === 'object' ? this.withAssignedProperties(value, decl, name) : value, name);
        }
        // `const { JWT_SECRET = 'dev' } = process.env`: an env value whose default is the fallback.
        if (declaration.path.length === 1 && (isProcessEnv(decl.initializer) || isImportMetaEnv(decl.initializer))) {
          const fallback = declaration.defaultValue ? this.resolve(declaration.defaultValue) : undefined;
          const origin = this.originOf(declaration.bindingNode.parent);
          const envName = declaration.path[0]!;
          return fallback && fallback.kind !== 'env' ? { kind: 'env', name: envName, fallback, origin } : { kind: 'env', name: envName, origin };
        }
        // Destructuring: `const { secret } = config` or `const { sign } = require('jsonwebtoken')`.
        let value = this.resolve(decl.initializer);
        for (const key of declaration.path) value = memberOf(value, key, this.originOf(declaration.bindingNode));
        if (value === undefined && declaration.defaultValue) return this.resolve(declaration.defaultValue);
        return withName(value, name);
      }
      case 'import': {
        const origin = this.originOf(declaration.node);
        if (isRelative(declaration.module)) {
          const table = this.importExports(declaration.module);
          if (!table) return undefined;
          if (declaration.imported === '*') return exportsAsObject(table, origin);
          return withName(table.get(declaration.imported), name);
        }
        return {
          kind: 'module',
          module: declaration.module,
          member: declaration.imported === '*' || declaration.imported === 'default' ? undefined : declaration.imported,
          origin,
        };
      }
      case 'function':
        return { kind: 'function', node: declaration.node, origin: this.originOf(declaration.node) };
      case 'parameter':
      case 'class':
      case 'other':
        return undefined;
    }
  }

  /**
   * `const opts = {}; opts.secretOrKey = key; opts.audience = aud;` (the passport-jwt README
   * style): adds the properties that statements right after the declaration assign. Any other
   * write to a member of the name in the file (nested, computed, inside a function,
   * `Object.assign(opts, ...)`) leaves the object incomplete, and the properties it may write
   * unknown: `config.key = process.env.JWT_KEY` in a `boot()` function means `config.key` is
   * not the literal of the declaration.
   */
  private withAssignedProperties(value: ObjectValue, decl: ts.VariableDeclaration, name: string): ObjectValue {
    const mutations = countMemberMutations(this.sourceFile, name);
    if (mutations === 0) return value;
    const statement = decl.parent.parent;
    const container = statement.parent;
    const siblings = ts.isVariableStatement(statement) && (ts.isBlock(container) || ts.isSourceFile(container))
      ? container.statements.slice(container.statements.indexOf(statement) + 1) : [];
    const props = new Map(value.props);
    const handledWrites = new Set<ts.Node>();
    for (const sibling of siblings) {
      if (!ts.isExpressionStatement(sibling)) continue;
      const assignment = sibling.expression;
      if (ts.isBinaryExpression(assignment) && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(assignment.left) && ts.isIdentifier(assignment.left.expression) &&
          assignment.left.expression.text === name) {
        props.set(assignment.left.name.text, { value: this.resolve(assignment.right), origin: this.originOf(assignment) });
        handledWrites.add(assignment);
      }
    }
    if (handledWrites.size === mutations) return { ...value, props, complete: value.complete };
    const unhandled = this.unhandledMemberWrites(decl, name, handledWrites);
    for (const [key, entry] of props) {
      if (unhandled === 'all' || unhandled.has(key)) props.set(key, { value: undefined, origin: entry.origin });
    }
    return { ...value, props, complete: false };
  }

  /**
   * The top-level properties of a declared object that writes other than `handled` may change:
   * `name.key = v`, `name['key'] += v`, `name.key.sub = v`, `delete name.key`, the keys of an
   * object literal in `Object.assign(name, {...})`; `'all'` for a computed key or any other
   * `Object.assign`. Only writes through this declaration count (not a shadowing name). Walks
   * the file once per declaration that has such writes, a rare case (the count is textual).
   */
  private unhandledMemberWrites(decl: ts.VariableDeclaration, name: string, handled: Set<ts.Node>): Set<string> | 'all' {
    const cached = this.memberWritesCache.get(decl);
    if (cached) return cached;
    const keys = new Set<string>();
    let all = false;
    const isOurs = (node: ts.Expression): boolean => {
      if (!ts.isIdentifier(node) || node.text !== name) return false;
      const declaration = findDeclaration(node);
      return declaration?.kind === 'variable' && declaration.node === decl;
    };
    /** `name.a.b` -> 'a'; `name[k]` -> undefined (unknown); not a member of name -> null. */
    const topKey = (target: ts.Expression): string | undefined | null => {
      let current = target;
      let key: string | undefined | null = null;
      while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
        key = ts.isPropertyAccessExpression(current) ? current.name.text
          : ts.isStringLiteralLike(current.argumentExpression) || ts.isNumericLiteral(current.argumentExpression)
            ? current.argumentExpression.text : undefined;
        current = current.expression;
        while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
      }
      return key !== null && isOurs(current) ? key : null;
    };
    const record = (key: string | undefined | null): void => {
      if (key === undefined) all = true;
      else if (key !== null) keys.add(key);
    };
    forEachDescendant(this.sourceFile, (node) => {
      if (all) return 'stop';
      if (handled.has(node)) return true;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        record(topKey(node.left));
      } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
          (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
        record(topKey(node.operand));
      } else if (ts.isDeleteExpression(node)) {
        record(topKey(node.expression));
      } else if (ts.isCallExpression(node) && node.arguments[0] && isOurs(node.arguments[0]) &&
          ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'assign' &&
          ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'Object') {
        for (const source of node.arguments.slice(1)) {
          if (!ts.isObjectLiteralExpression(source)) {
            all = true;
            break;
          }
          for (const prop of source.properties) {
            const key = prop.name && !ts.isSpreadAssignment(prop) ? propertyNameText(prop.name) : undefined;
            if (key === undefined) all = true;
            else keys.add(key);
          }
        }
      }
      return true;
    });
    const result = all ? 'all' : keys;
    this.memberWritesCache.set(decl, result);
    return result;
  }

  private resolveMemberAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): Value | undefined {
    const key = ts.isPropertyAccessExpression(node)
      ? node.name.text
      : this.resolveString(node.argumentExpression) ?? numberKey(this.resolve(node.argumentExpression));
    if (key === undefined) return undefined;
    const target = node.expression;
    // process.env.X and import.meta.env.X
    if (isProcessEnv(target) || isImportMetaEnv(target)) {
      return { kind: 'env', name: key, origin: this.originOf(node) };
    }
    if (target.kind === ts.SyntaxKind.ThisKeyword) return withName(this.resolveThisMember(node, key), key);
    const base = this.resolve(target);
    return withName(memberOf(base, key, this.originOf(node)), key);
  }

  /** `this.secret` inside a class: a field initializer, or a single constructor assignment. */
  private resolveThisMember(node: ts.Node, key: string): Value | undefined {
    let cls: ts.Node | undefined = node.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls || !ts.isClassLike(cls)) return undefined;
    const assignments = this.thisAssignmentsOf(cls).get(key);
    return assignments?.length === 1 ? this.resolve(assignments[0]) : undefined;
  }

  private readonly thisAssignments = new Map<ts.ClassLikeDeclaration, Map<string, ts.Expression[]>>();

  /** Every value a class gives its members: field initializers and `this.x = v` anywhere in it. Built once per class. */
  private thisAssignmentsOf(cls: ts.ClassLikeDeclaration): Map<string, ts.Expression[]> {
    let table = this.thisAssignments.get(cls);
    if (table) return table;
    table = new Map();
    const add = (key: string, value: ts.Expression): void => {
      const list = table!.get(key);
      if (list) list.push(value);
      else table!.set(key, [value]);
    };
    for (const member of cls.members) {
      if (ts.isPropertyDeclaration(member)) {
        const key = member.name ? propertyNameText(member.name) : undefined;
        if (key !== undefined && member.initializer) add(key, member.initializer);
        continue;
      }
      forEachDescendant(member, (child) => {
        if (ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isPropertyAccessExpression(child.left) && child.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
          add(child.left.name.text, child.right);
        }
      });
    }
    this.thisAssignments.set(cls, table);
    return table;
  }

  private resolveCall(node: ts.CallExpression): Value | undefined {
    const callee = node.expression;
    const first = node.arguments[0];
    // require('x') and require('x').member
    if (ts.isIdentifier(callee) && callee.text === 'require' && first && ts.isStringLiteralLike(first)) {
      if (isRelative(first.text)) {
        const table = this.importExports(first.text);
        return table ? exportsAsObject(table, this.originOf(node), true) : undefined;
      }
      return { kind: 'module', module: first.text, member: undefined, origin: this.originOf(node) };
    }
    const calleeName = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    // NestJS `configService.get('JWT_SECRET', 'dev')` / `getOrThrow('JWT_SECRET')`: an environment read.
    if ((calleeName === 'get' || calleeName === 'getOrThrow') && ts.isPropertyAccessExpression(callee) && first &&
        ts.isStringLiteralLike(first) && this.isDeclaredAs(callee.expression, '@nestjs/config', 'ConfigService')) {
      const origin = this.originOf(node);
      const fallback = calleeName === 'get' ? this.resolve(node.arguments[1]) : undefined;
      return fallback?.kind === 'string' || fallback?.kind === 'number' || fallback?.kind === 'boolean'
        ? { kind: 'env', name: first.text, fallback, origin } : { kind: 'env', name: first.text, origin };
    }
    // Byte wrappers keep the secret they wrap: Buffer.from(s), new TextEncoder().encode(s), String(s).
    if ((calleeName === 'from' && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) &&
         callee.expression.text === 'Buffer') ||
        (calleeName === 'encode' && ts.isPropertyAccessExpression(callee) && ts.isNewExpression(callee.expression) &&
         ts.isIdentifier(callee.expression.expression) && callee.expression.expression.text === 'TextEncoder') ||
        (calleeName === 'String' && ts.isIdentifier(callee)) ||
        calleeName === 'createSecretKey') {
      const inner = this.resolve(first);
      return inner?.kind === 'string' || inner?.kind === 'env' ? inner : undefined;
    }
    // Key constructors keep the key material they are given: importPKCS8(pem, alg), importJWK(jwk), createPrivateKey(pem).
    if (isKeyImportCall(node)) {
      const inner = this.resolve(first);
      return inner?.kind === 'string' || inner?.kind === 'object' || inner?.kind === 'env' ? inner : undefined;
    }
    if (calleeName === 'readFileSync' || calleeName === 'readFile') {
      const target = ts.isPropertyAccessExpression(callee) ? this.resolve(callee.expression) : this.resolve(callee);
      if (target?.kind === 'module' && /^(node:)?fs(\/promises)?$/.test(target.module)) {
        return { kind: 'file-read', path: this.resolve(first), origin: this.originOf(node) };
      }
    }
    if (calleeName === 'toString' && ts.isPropertyAccessExpression(callee) && node.arguments.length === 0) {
      const inner = this.resolve(callee.expression);
      return inner?.kind === 'string' || inner?.kind === 'file-read' ? inner : undefined;
    }
    return undefined;
  }

  /**
   * Whether a receiver is declared with a type imported from a module: a parameter
   * `(config: ConfigService)`, or `this.config` for a constructor parameter property or a
   * typed class field. Only the written type annotation is read (there is no type checker).
   */
  isDeclaredAs(receiver: ts.Expression, module: string, member: string): boolean {
    let type: ts.TypeNode | undefined;
    if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
      let cls: ts.Node | undefined = receiver.parent;
      while (cls && !ts.isClassLike(cls)) cls = cls.parent;
      if (!cls || !ts.isClassLike(cls)) return false;
      const name = receiver.name.text;
      for (const classMember of cls.members) {
        if (ts.isPropertyDeclaration(classMember) && classMember.name && propertyNameText(classMember.name) === name) {
          type = classMember.type;
        }
        if (ts.isConstructorDeclaration(classMember)) {
          for (const param of classMember.parameters) {
            if (ts.isIdentifier(param.name) && param.name.text === name && ts.getModifiers(param)?.length) type = param.type;
          }
        }
      }
    } else if (ts.isIdentifier(receiver)) {
      const declaration = findDeclaration(receiver);
      if (declaration?.kind === 'parameter') type = declaration.node.type;
    }
    if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
    const ref = this.resolve(type.typeName);
    return ref?.kind === 'module' && ref.module === module && ref.member === member;
  }

  private resolveNew(node: ts.NewExpression): Value | undefined {
    // new TextEncoder().encode is handled in resolveCall; `new String(s)` keeps s.
    if (ts.isIdentifier(node.expression) && node.expression.text === 'String') return this.resolve(node.arguments?.[0]);
    return undefined;
  }
}

/** The value of `base.key`, when base is a known object, array or module. */
export function memberOf(base: Value | undefined, key: string, origin: Origin): Value | undefined {
  if (!base) return undefined;
  if (base.kind === 'object') return base.props.get(key)?.value;
  if (base.kind === 'array') {
    if (key === 'length' && base.complete) return { kind: 'number', value: base.items.length, origin };
    const index = Number(key);
    return Number.isInteger(index) ? base.items[index] : undefined;
  }
  if (base.kind === 'module' && base.member === undefined) {
    return { kind: 'module', module: base.module, member: key === 'default' ? undefined : key, origin: base.origin };
  }
  if (base.kind === 'module') {
    return { kind: 'module', module: base.module, member: `${base.member}.${key}`, origin: base.origin };
  }
  return undefined;
}

function exportsAsObject(table: ExportTable, origin: Origin, preferDefault = false): Value {
  const defaultExport = table.get('default');
  if (preferDefault && defaultExport?.kind === 'object') return defaultExport;
  const props = new Map<string, PropertyEntry>();
  for (const [key, value] of table) props.set(key, { value, origin: value?.origin ?? origin });
  return { kind: 'object', props, complete: false, origin };
}

/** Records the name a string was reached through (`JWT_SECRET`, `secret`), for message and heuristics. */
function withName(value: Value | undefined, name: string): Value | undefined {
  if (value?.kind !== 'string' || value.names.includes(name)) return value;
  return { ...value, names: [...value.names, name] };
}

function scalarText(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number' || value.kind === 'boolean') return String(value.value);
  return undefined;
}

function numberKey(value: Value | undefined): string | undefined {
  return value?.kind === 'number' ? String(value.value) : undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

const KEY_IMPORTS = new Set(['importPKCS8', 'importSPKI', 'importX509', 'importJWK', 'createPrivateKey', 'createPublicKey']);

/** jose `importPKCS8`/`importSPKI`/`importX509`/`importJWK` and node:crypto `createPrivateKey`/`createPublicKey`. */
function isKeyImportCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return KEY_IMPORTS.has(name);
}

function isProcessEnv(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' &&
    ts.isIdentifier(node.expression) && node.expression.text === 'process';
}

function isImportMetaEnv(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isMetaProperty(node.expression);
}
