/** What the Go rules share about one file: value resolution and JWT library calls. */
import { dirname } from 'node:path';
import type { ProjectFile, TreeProject, TreeSource } from '../tree/analyzer.js';
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field, fields, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import { keyCandidates, type GoKeyCandidate } from './key-material.js';
import { JwtCalls } from './libraries.js';
import { findLocal, specsOf, type LocalBinding } from './scope.js';
import { GoValueResolver, stringLiteral, unwrap, type GoValue } from './values.js';

/** A JWT library package and its API generation. */
export type JwtVersion = 'v5' | 'v4' | 'v3' | 'dgrijalva';

const JWT_PATHS: Record<string, JwtVersion> = {
  'github.com/golang-jwt/jwt/v5': 'v5',
  'github.com/golang-jwt/jwt/v4': 'v4',
  'github.com/golang-jwt/jwt': 'v3',
  'github.com/dgrijalva/jwt-go': 'dgrijalva',
  'github.com/dgrijalva/jwt-go/v4': 'dgrijalva',
};

const MAX_HOPS = 6;

export interface JwtReference {
  /** `Parse`, `SigningMethodHS256`, `MapClaims`. */
  member: string;
  version: JwtVersion;
}

export interface PackageBinding {
  binding: LocalBinding;
  facts: GoFacts;
}

export class GoFacts {
  /** Local import name -> import path. */
  readonly imports = new Map<string, string>();
  readonly values: GoValueResolver;
  readonly packageName: string | undefined;
  private jwtCallsMemo: JwtCalls | undefined;
  private keyMemo: GoKeyCandidate[] | undefined;
  private topLevelMemo: Map<string, SyntaxNode> | undefined;
  private writesIndex: Map<string, { identifier: SyntaxNode; assignment: SyntaxNode }[]> | undefined;
  private structMemo: Map<string, SyntaxNode> | undefined;
  /** assignmentsTo results by declaring identifier and name: resolution asks again for every use. */
  private readonly assignmentMemo = new Map<SyntaxNode, Map<string, { value: SyntaxNode; facts: GoFacts }[] | undefined>>();

  constructor(
    readonly syntax: SyntaxFile,
    readonly source: TreeSource,
    readonly project: TreeProject<GoFacts>,
  ) {
    this.values = new GoValueResolver(this);
    const clause = syntax.root.children.find((node) => node.type === 'package_clause');
    const packageName = clause ? namedChildren(clause)[0] : undefined;
    this.packageName = packageName ? syntax.textOf(packageName) : undefined;
    for (const spec of descendants(syntax.root, 'import_spec')) {
      const pathNode = field(spec, 'path');
      const path = pathNode ? stringLiteral(pathNode, syntax) : undefined;
      if (path === undefined) continue;
      const alias = field(spec, 'name');
      const local = alias ? syntax.textOf(alias) : defaultImportName(path);
      if (local !== '_' && local !== '.') this.imports.set(local, path);
    }
  }

  /** Another file of the scan, parsed, with its facts. */
  other(absPath: string): ProjectFile<GoFacts> | undefined {
    return this.project.file(absPath);
  }

  /** The text of a node; '' for a node the parser could not build (error recovery leaves fields out). */
  textOf(node: SyntaxNode | undefined): string {
    return node ? this.syntax.textOf(node) : '';
  }

  resolve(node: SyntaxNode | undefined): GoValue | undefined {
    return this.values.resolve(node);
  }

  resolveString(node: SyntaxNode | undefined): string | undefined {
    return this.values.resolveString(node);
  }

  /** The JWT calls of this file (parse, sign, parser options). */
  get jwt(): JwtCalls {
    if (!this.jwtCallsMemo) {
      this.jwtCallsMemo = new JwtCalls(this);
      this.jwtCallsMemo.collect();
    }
    return this.jwtCallsMemo;
  }

  /** Key material used or declared in this file (literals and env defaults), for the secret rules. */
  keyMaterial(): GoKeyCandidate[] {
    this.keyMemo ??= keyCandidates(this);
    return this.keyMemo;
  }

  /** The import path a package name refers to in this file. */
  importPathOf(name: string): string | undefined {
    return this.imports.get(name);
  }

  /**
   * `rsa.GenerateKey` -> { path: 'crypto/rsa', member: 'GenerateKey' }: a selector on an imported
   * package, unless a local variable hides the package name.
   */
  packageMember(node: SyntaxNode | undefined): { path: string; member: string } | undefined {
    if (node?.type !== 'selector_expression') return undefined;
    const operand = field(node, 'operand');
    const member = field(node, 'field');
    if (operand?.type !== 'identifier' || !member) return undefined;
    const name = this.textOf(operand);
    const path = this.imports.get(name);
    if (!path || findLocal(operand, name, (n) => this.textOf(n))) return undefined;
    return { path, member: this.textOf(member) };
  }

  /** True when the file imports golang-jwt or dgrijalva/jwt-go. */
  get importsJwt(): boolean {
    for (const path of this.imports.values()) if (JWT_PATHS[path]) return true;
    return false;
  }

  /**
   * `jwt.Parse`, `jwtlib.SigningMethodHS256`, the type `jwt.MapClaims`: a member of an imported
   * JWT package (by any import alias), unless a local variable hides the package name.
   */
  jwtReference(node: SyntaxNode | undefined): JwtReference | undefined {
    if (!node) return undefined;
    let packageNode: SyntaxNode | undefined;
    let memberNode: SyntaxNode | undefined;
    if (node.type === 'selector_expression') {
      packageNode = field(node, 'operand');
      memberNode = field(node, 'field');
    } else if (node.type === 'qualified_type') {
      packageNode = field(node, 'package');
      memberNode = field(node, 'name');
    } else if (node.type === 'pointer_type' || node.type === 'generic_type') {
      return this.jwtReference(namedChildren(node)[0]);
    }
    if (!packageNode || !memberNode || (packageNode.type !== 'identifier' && packageNode.type !== 'package_identifier')) return undefined;
    const name = this.textOf(packageNode);
    const path = this.imports.get(name);
    const version = path ? JWT_PATHS[path] : undefined;
    if (!version) return undefined;
    if (packageNode.type === 'identifier' && findLocal(packageNode, name, (n) => this.textOf(n))) return undefined;
    return { member: this.textOf(memberNode), version };
  }

  /**
   * The expression a name stands for: follows identifiers to their only value (a binding that
   * is never reassigned), across the package. `&x` and parentheses are removed.
   */
  expressionBehind(node: SyntaxNode | undefined, hops = 0): { node: SyntaxNode; facts: GoFacts } | undefined {
    if (!node || hops > MAX_HOPS) return undefined;
    const expression = unwrap(node);
    if (expression.type !== 'identifier') return { node: expression, facts: this };
    const name = this.textOf(expression);
    const local = findLocal(expression, name, (n) => this.textOf(n));
    const target = local ? { binding: local, facts: this as GoFacts } : this.packageValue(name);
    if (!target || target.binding.parameter) return undefined;
    const value = target.binding.value ?? target.binding.firstResultOf;
    if (!value) return undefined;
    const assignments = target.facts.assignmentsTo(name, target.binding);
    if (!assignments || assignments.length > 0) return undefined;
    if (target.binding.firstResultOf) return { node: value, facts: target.facts };
    return target.facts.expressionBehind(value, hops + 1);
  }

  /** The files of this file's package (same directory, same package clause), this one first. */
  packageFiles(): GoFacts[] {
    const files: GoFacts[] = [this];
    for (const path of this.project.filesIn(dirname(this.source.absPath))) {
      if (path === this.source.absPath) continue;
      const other = this.project.file(path)?.facts;
      if (other && other.packageName === this.packageName) files.push(other);
    }
    return files;
  }

  /** Top-level declarations of this file by name: var/const specs, functions (not methods). */
  private topLevel(): Map<string, SyntaxNode> {
    if (this.topLevelMemo) return this.topLevelMemo;
    const table = new Map<string, SyntaxNode>();
    for (const declaration of this.syntax.root.children) {
      if (declaration.type === 'function_declaration') {
        const name = field(declaration, 'name');
        if (name) table.set(this.textOf(name), declaration);
      } else if (declaration.type === 'var_declaration' || declaration.type === 'const_declaration') {
        for (const spec of specsOf(declaration)) {
          for (const name of fields(spec, 'name')) table.set(this.textOf(name), spec);
        }
      }
    }
    this.topLevelMemo = table;
    return table;
  }

  /** A package-level `var`/`const` of the package (this file first), as a binding. */
  packageValue(name: string): PackageBinding | undefined {
    for (const facts of this.packageFiles()) {
      const spec = facts.topLevel().get(name);
      if (!spec || (spec.type !== 'var_spec' && spec.type !== 'const_spec')) continue;
      const names = fields(spec, 'name');
      const index = names.findIndex((id) => facts.textOf(id) === name);
      const valueList = field(spec, 'value');
      const values = valueList ? namedChildren(valueList) : [];
      const binding: LocalBinding = values.length === names.length
        ? { nameNode: names[index]!, value: values[index], scope: facts.syntax.root, parameter: false }
        : { nameNode: names[index]!, scope: facts.syntax.root, parameter: false };
      return { binding, facts };
    }
    return undefined;
  }

  /** A function declared in the package. */
  packageFunction(name: string): { node: SyntaxNode; facts: GoFacts } | undefined {
    for (const facts of this.packageFiles()) {
      const node = facts.topLevel().get(name);
      if (node?.type === 'function_declaration') return { node, facts };
    }
    return undefined;
  }

  /** Methods of the package with this name (any receiver). */
  packageMethods(name: string): { node: SyntaxNode; facts: GoFacts }[] {
    const found: { node: SyntaxNode; facts: GoFacts }[] = [];
    for (const facts of this.packageFiles()) {
      for (const declaration of facts.syntax.root.children) {
        if (declaration.type !== 'method_declaration') continue;
        const methodName = field(declaration, 'name');
        if (methodName && facts.textOf(methodName) === name) found.push({ node: declaration, facts });
      }
    }
    return found;
  }

  /**
   * The values assigned to a binding after its declaration: `x = ...` in its scope (for a
   * package-level name, in every file of the package, where no local hides it). Undefined
   * when the name is also changed in ways that cannot be read (`x, err = f()`, `&x`, `x++`).
   */
  assignmentsTo(name: string, binding: LocalBinding): { value: SyntaxNode; facts: GoFacts }[] | undefined {
    let byName = this.assignmentMemo.get(binding.nameNode);
    if (!byName) this.assignmentMemo.set(binding.nameNode, (byName = new Map()));
    if (byName.has(name)) return byName.get(name);
    const found = this.findAssignmentsTo(name, binding);
    byName.set(name, found);
    return found;
  }

  private findAssignmentsTo(name: string, binding: LocalBinding): { value: SyntaxNode; facts: GoFacts }[] | undefined {
    const packageLevel = binding.scope.type === 'source_file';
    const files = packageLevel ? this.packageFiles() : [this];
    const found: { value: SyntaxNode; facts: GoFacts }[] = [];
    for (const facts of files) {
      for (const { identifier, assignment } of facts.writesOf(name)) {
        if (!packageLevel && (identifier.start < binding.scope.start || identifier.end > binding.scope.end)) continue;
        const local = findLocal(identifier, name, (n) => facts.textOf(n));
        if (packageLevel ? local !== undefined : local?.nameNode !== binding.nameNode) continue;
        if (assignment.type !== 'assignment_statement') return undefined;
        const operator = assignment.children.find((child) => !child.named && child.field === 'operator') ??
          assignment.children.find((child) => !child.named);
        if (operator && facts.textOf(operator) !== '=') return undefined;
        const left = namedChildren(field(assignment, 'left') ?? assignment);
        const right = namedChildren(field(assignment, 'right') ?? assignment);
        const index = left.indexOf(identifier);
        if (left.length !== right.length || index < 0) return undefined;
        found.push({ value: right[index]!, facts });
      }
    }
    return found;
  }

  /** Assignments, increments and address-taking of a bare name in this file (one pass over the file, indexed by name). */
  private writesOf(name: string): { identifier: SyntaxNode; assignment: SyntaxNode }[] {
    if (!this.writesIndex) {
      const index = new Map<string, { identifier: SyntaxNode; assignment: SyntaxNode }[]>();
      const add = (identifier: SyntaxNode, assignment: SyntaxNode): void => {
        const key = this.textOf(identifier);
        const list = index.get(key) ?? [];
        list.push({ identifier, assignment });
        index.set(key, list);
      };
      for (const node of descendants(this.syntax.root, new Set(['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression']))) {
        if (node.type === 'unary_expression') {
          const operand = field(node, 'operand');
          if (node.children[0]?.type === '&' && operand?.type === 'identifier') add(operand, node);
          continue;
        }
        const left = node.type === 'assignment_statement' ? namedChildren(field(node, 'left') ?? node) : namedChildren(node);
        for (const target of left) if (target.type === 'identifier') add(target, node);
      }
      this.writesIndex = index;
    }
    return this.writesIndex.get(name) ?? [];
  }

  /** Struct types declared in this file, by name. */
  structTypes(): Map<string, SyntaxNode> {
    if (!this.structMemo) {
      this.structMemo = new Map();
      for (const spec of descendants(this.syntax.root, 'type_spec')) {
        const name = field(spec, 'name');
        const type = field(spec, 'type');
        if (name && type?.type === 'struct_type' && !this.structMemo.has(this.textOf(name))) this.structMemo.set(this.textOf(name), type);
      }
    }
    return this.structMemo;
  }
}

/** The package name an import path binds by default: `.../jwt/v5` -> `jwt`, `.../jwt-go` -> `jwt`. */
function defaultImportName(path: string): string {
  if (JWT_PATHS[path]) return 'jwt';
  const segments = path.split('/');
  let last = segments[segments.length - 1] ?? path;
  if (/^v\d+$/.test(last) && segments.length > 1) last = segments[segments.length - 2]!;
  return last.replace(/^go-/, '').replace(/[-.]go$/, '').replace(/\.v\d+$/, '');
}
