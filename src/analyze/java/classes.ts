/**
 * Finding declarations for the Java resolver: local variables and parameters of the
 * enclosing method, fields of the enclosing classes (and the interfaces and superclass they
 * name), static imports, and constants of other scanned classes. Another class is found by
 * name: in this file, then at the path its import names (relative to the source root this
 * file's package implies), then in this file's directory. Files are parsed on demand.
 */
import { dirname, join } from 'node:path';
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field, fields, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import type { JavaFacts } from './facts.js';
import { CLASS_TYPES, type Declaration } from './values.js';

const SCOPE_TYPES = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression', 'static_initializer',
  'compact_constructor_declaration']);

export class JavaClasses {
  private imports: { path: string; isStatic: boolean; wildcard: boolean }[] | undefined;
  private packageName: string | undefined | null = null;
  private readonly fieldCache = new Map<SyntaxNode, Map<string, Declaration | undefined>>();
  /** Per method-like scope: its local variable declarators by name, and where each catch/for-each/resource name is first bound. */
  private readonly localCache = new Map<SyntaxNode, { declarators: Map<string, SyntaxNode[]>; valueless: Map<string, number> }>();
  /** Per class: the field declarators of its body by name (the first of each name). */
  private readonly fieldDeclarators = new Map<SyntaxNode, Map<string, SyntaxNode>>();
  private classesByName: Map<string, SyntaxNode> | undefined;
  private readonly assignmentCache = new Map<SyntaxNode, Map<string, { assignment: SyntaxNode; target: string }[]>>();

  constructor(private readonly facts: JavaFacts) {}

  private get syntax(): SyntaxFile {
    return this.facts.syntax;
  }

  /** The declaration an identifier refers to: local, parameter, field, static import or inherited constant. */
  declarationOf(identifier: SyntaxNode, syntax: SyntaxFile): Declaration | undefined {
    const name = syntax.textOf(identifier);
    const local = this.localDeclaration(identifier, name);
    if (local !== undefined) return local ?? undefined;
    const fieldDeclaration = this.fieldInEnclosingClass(identifier, name);
    if (fieldDeclaration) return fieldDeclaration;
    for (const imported of this.importList()) {
      if (!imported.isStatic || imported.wildcard) continue;
      const parts = imported.path.split('.');
      if (parts.at(-1) !== name) continue;
      return this.staticField(parts.slice(0, -1).join('.'), name);
    }
    return undefined;
  }

  /** A local variable or parameter; null when the name is a parameter-like binding that hides fields but has no value. */
  private localDeclaration(identifier: SyntaxNode, name: string): Declaration | null | undefined {
    for (let scope = identifier.parent; scope; scope = scope.parent) {
      if (CLASS_TYPES.has(scope.type)) return undefined;
      if (!SCOPE_TYPES.has(scope.type)) continue;
      const parameter = this.parameterIn(scope, name);
      if (parameter) return parameter;
      const locals = this.localsOf(scope);
      // The last declarator of the name that starts at or before the identifier.
      const declarators = locals.declarators.get(name) ?? [];
      let low = 0;
      let high = declarators.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (declarators[middle]!.start <= identifier.start) low = middle + 1;
        else high = middle;
      }
      const found = declarators[low - 1];
      if (found) return this.declaratorDeclaration(found, 'local', scope);
      // Catch parameters, for-each variables, pattern bindings: known names without a value.
      const firstValueless = locals.valueless.get(name);
      if (firstValueless !== undefined && firstValueless < identifier.start) return null;
    }
    return undefined;
  }

  /** The local names of a scope, indexed in one walk (lookups happen for every identifier). */
  private localsOf(scope: SyntaxNode): { declarators: Map<string, SyntaxNode[]>; valueless: Map<string, number> } {
    let locals = this.localCache.get(scope);
    if (locals) return locals;
    locals = { declarators: new Map(), valueless: new Map() };
    for (const declarator of descendants(scope, 'variable_declarator')) {
      const declaredName = field(declarator, 'name');
      if (!declaredName || declarator.parent?.type !== 'local_variable_declaration') continue;
      const name = this.syntax.textOf(declaredName);
      const list = locals.declarators.get(name) ?? [];
      list.push(declarator);
      locals.declarators.set(name, list);
    }
    for (const binding of descendants(scope, new Set(['catch_formal_parameter', 'enhanced_for_statement', 'resource']))) {
      const bindingName = field(binding, 'name');
      if (!bindingName) continue;
      const name = this.syntax.textOf(bindingName);
      locals.valueless.set(name, Math.min(locals.valueless.get(name) ?? Infinity, binding.start));
    }
    this.localCache.set(scope, locals);
    return locals;
  }

  private parameterIn(scope: SyntaxNode, name: string): Declaration | undefined {
    const parameters = field(scope, 'parameters');
    if (!parameters) return undefined;
    const candidates = parameters.type === 'identifier' ? [parameters] : namedChildren(parameters);
    for (const parameter of candidates) {
      const nameNode = parameter.type === 'identifier' ? parameter : field(parameter, 'name');
      if (!nameNode || this.syntax.textOf(nameNode) !== name) continue;
      return {
        kind: 'parameter', name, nameNode, reassigned: false, annotations: annotationsOf(parameter),
        type: typeText(parameter, this.syntax), isStatic: false, isFinal: false, values: this.facts.values,
      };
    }
    return undefined;
  }

  private declaratorDeclaration(declarator: SyntaxNode, kind: 'local' | 'field', scope: SyntaxNode): Declaration {
    const nameNode = field(declarator, 'name')!;
    const name = this.syntax.textOf(nameNode);
    const holder = declarator.parent!;
    const modifiers = namedChildren(holder).find((child) => child.type === 'modifiers');
    const modifierText = modifiers ? this.syntax.textOf(modifiers) : '';
    const isFinal = /\bfinal\b/.test(modifierText) || holder.type === 'constant_declaration';
    const assignments = this.assignmentsTo(scope, name, kind === 'field');
    const initializer = field(declarator, 'value');
    let assignedOnce: SyntaxNode | undefined;
    let reassigned = !isFinal && assignments.length > 0 && initializer !== undefined;
    if (!initializer && kind === 'field' && assignments.length === 1 &&
        assignments[0]!.scope?.type === 'constructor_declaration') {
      assignedOnce = assignments[0]!.value;
    } else if (!initializer && assignments.length > 0) {
      reassigned = true;
    }
    return {
      kind, name, nameNode, initializer, assignedOnce, reassigned, annotations: modifiers ? annotationsOf(holder) : [],
      type: typeText(holder, this.syntax), isStatic: /\bstatic\b/.test(modifierText) || holder.type === 'constant_declaration',
      isFinal, values: this.facts.values,
    };
  }

  /** `name = x` and `this.name = x` in a scope (a method, or a whole class for fields). */
  private assignmentsTo(scope: SyntaxNode, name: string, isField: boolean): { value: SyntaxNode; scope?: SyntaxNode }[] {
    const found: { value: SyntaxNode; scope?: SyntaxNode }[] = [];
    for (const { assignment, target } of this.assignmentsIn(scope).get(name) ?? []) {
      if (target !== name && !(isField && target === `this.${name}`)) continue;
      const value = field(assignment, 'right');
      // `secretKey = Base64.getEncoder().encodeToString(secretKey.getBytes())` in an init method
      // keeps the key material: jjwt's setSigningKey(String) decodes it again.
      if (value && isSelfEncoding(this.syntax.textOf(value), name)) continue;
      if (!value) {
        found.push({ value: assignment });
        continue;
      }
      let owner: SyntaxNode | undefined;
      for (let current = assignment.parent; current; current = current.parent) {
        if (SCOPE_TYPES.has(current.type)) {
          owner = current;
          break;
        }
      }
      // A constructor parameter of the same name shadows the field: `secret = secret` is not `this.secret`.
      if (isField && target === name && owner && this.parameterIn(owner, name)) continue;
      found.push({ value, scope: owner });
    }
    return found;
  }

  /** Every assignment in a scope, by assigned name (`x` and `this.x` both under `x`), collected in one walk. */
  private assignmentsIn(scope: SyntaxNode): Map<string, { assignment: SyntaxNode; target: string }[]> {
    let byName = this.assignmentCache.get(scope);
    if (byName) return byName;
    byName = new Map();
    for (const assignment of descendants(scope, new Set(['assignment_expression', 'update_expression']))) {
      const left = field(assignment, 'left') ?? namedChildren(assignment)[0];
      if (!left) continue;
      const target = this.syntax.textOf(left);
      const name = target.replace(/^this\./, '');
      const list = byName.get(name) ?? [];
      list.push({ assignment, target });
      byName.set(name, list);
    }
    this.assignmentCache.set(scope, byName);
    return byName;
  }

  /** A field of the class enclosing `node` (or of an outer class, or a named supertype). */
  fieldInEnclosingClass(node: SyntaxNode, name: string): Declaration | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (!CLASS_TYPES.has(current.type)) continue;
      const declaration = this.fieldOfClass(current, name, new Set());
      if (declaration) return declaration;
    }
    return undefined;
  }

  /** A field declared in a class body, or inherited from a supertype found among the scanned classes. */
  fieldOfClass(classNode: SyntaxNode, name: string, seen: Set<SyntaxNode>): Declaration | undefined {
    let byName = this.fieldCache.get(classNode);
    if (!byName) this.fieldCache.set(classNode, (byName = new Map()));
    if (byName.has(name)) return byName.get(name);
    const found = this.findFieldOfClass(classNode, name, seen);
    byName.set(name, found);
    return found;
  }

  private findFieldOfClass(classNode: SyntaxNode, name: string, seen: Set<SyntaxNode>): Declaration | undefined {
    if (seen.has(classNode) || seen.size > 8) return undefined;
    seen.add(classNode);
    const declarator = this.fieldDeclaratorsOf(classNode).get(name);
    if (declarator) return this.declaratorDeclaration(declarator, 'field', classNode);
    for (const supertype of this.supertypesOf(classNode)) {
      const found = this.findClass(supertype);
      const inherited = found?.facts.classes.fieldOfClass(found.node, name, seen);
      if (inherited) return inherited;
    }
    return undefined;
  }

  /** The fields declared in a class body, by name, indexed once per class. */
  private fieldDeclaratorsOf(classNode: SyntaxNode): Map<string, SyntaxNode> {
    let byName = this.fieldDeclarators.get(classNode);
    if (byName) return byName;
    byName = new Map();
    const body = field(classNode, 'body');
    for (const member of body ? namedChildren(body) : []) {
      if (member.type !== 'field_declaration' && member.type !== 'constant_declaration') continue;
      for (const declarator of fields(member, 'declarator')) {
        const declaredName = field(declarator, 'name');
        const name = declaredName ? this.syntax.textOf(declaredName) : undefined;
        if (name !== undefined && !byName.has(name)) byName.set(name, declarator);
      }
    }
    this.fieldDeclarators.set(classNode, byName);
    return byName;
  }

  private supertypesOf(classNode: SyntaxNode): string[] {
    const names: string[] = [];
    for (const child of classNode.children) {
      if (child.type !== 'superclass' && child.type !== 'super_interfaces' && child.type !== 'extends_interfaces') continue;
      for (const type of descendants(child, 'type_identifier')) names.push(this.syntax.textOf(type));
    }
    return names;
  }

  /** `JwtConstants.SECRET`, `SecurityConstants.Jwt.SECRET`, `com.x.JwtConstants.SECRET`. */
  staticField(classText: string, name: string): Declaration | undefined {
    const found = this.findClass(classText.replace(/\s+/g, ''));
    return found?.facts.classes.fieldOfClass(found.node, name, new Set());
  }

  /** A class by (possibly qualified or nested) name: this file, its imports, its directory. */
  findClass(qualified: string): { node: SyntaxNode; facts: JavaFacts } | undefined {
    const segments = qualified.split('.');
    // Nested classes: find the outermost that exists, then walk down.
    for (let index = 0; index < segments.length; index++) {
      const outer = this.topLevelClass(segments.slice(0, index + 1).join('.'));
      if (!outer) continue;
      let current: { node: SyntaxNode; facts: JavaFacts } | undefined = outer;
      for (const nested of segments.slice(index + 1)) {
        const inner: SyntaxNode | undefined = classesIn(current.node, current.facts.syntax).get(nested);
        current = inner ? { node: inner, facts: current.facts } : undefined;
        if (!current) break;
      }
      if (current) return current;
    }
    return undefined;
  }

  private topLevelClass(qualified: string): { node: SyntaxNode; facts: JavaFacts } | undefined {
    const simple = qualified.split('.').at(-1)!;
    // A nested class named from inside its file (`Constants.Jwt.SECRET` written as `Jwt.SECRET`).
    const local = classesIn(this.syntax.root, this.syntax).get(simple) ?? this.classByName().get(simple);
    if (local && !qualified.includes('.')) return { node: local, facts: this.facts };
    for (const path of this.candidatePaths(qualified)) {
      const other = this.facts.other(path);
      const node = other ? classesIn(other.syntax.root, other.syntax).get(simple) : undefined;
      if (other && node) return { node, facts: other.facts };
    }
    return undefined;
  }

  /** Every class of this file (nested ones too) by simple name, the first in source order. */
  private classByName(): Map<string, SyntaxNode> {
    if (!this.classesByName) {
      this.classesByName = new Map();
      for (const node of descendants(this.syntax.root, CLASS_TYPES)) {
        const name = field(node, 'name');
        const text = name ? this.syntax.textOf(name) : undefined;
        if (text !== undefined && !this.classesByName.has(text)) this.classesByName.set(text, node);
      }
    }
    return this.classesByName;
  }

  /** Where a class's source file may be, from the imports and this file's package. */
  private candidatePaths(qualified: string): string[] {
    const here = dirname(this.facts.source.absPath);
    const simple = qualified.split('.').at(-1)!;
    const packagePath = (this.packageOf() ?? '').split('.').filter(Boolean);
    const hereParts = here.split(/[\\/]/);
    const matchesPackage = packagePath.length > 0 && hereParts.slice(-packagePath.length).join('/') === packagePath.join('/');
    const root = matchesPackage ? hereParts.slice(0, hereParts.length - packagePath.length).join('/') || '/' : undefined;
    const paths: string[] = [];
    if (qualified.includes('.') && root) paths.push(join(root, ...qualified.split('.')) + '.java');
    for (const imported of this.importList()) {
      if (imported.isStatic) continue;
      const parts = imported.path.split('.');
      if (!imported.wildcard && parts.at(-1) !== simple) continue;
      const classPath = imported.wildcard ? [...parts, simple] : parts;
      if (root) paths.push(join(root, ...classPath) + '.java');
    }
    paths.push(join(here, `${simple}.java`));
    return paths;
  }

  private packageOf(): string | undefined {
    if (this.packageName === null) {
      const declaration = namedChildren(this.syntax.root).find((child) => child.type === 'package_declaration');
      const name = declaration ? namedChildren(declaration).find((child) => child.type !== 'annotation' && child.type !== 'marker_annotation') : undefined;
      this.packageName = name ? this.syntax.textOf(name) : undefined;
    }
    return this.packageName;
  }

  importList(): { path: string; isStatic: boolean; wildcard: boolean }[] {
    if (!this.imports) {
      this.imports = [];
      for (const declaration of namedChildren(this.syntax.root)) {
        if (declaration.type !== 'import_declaration') continue;
        const text = this.syntax.textOf(declaration);
        if (text.length > 1000) continue; // no real import is this long; keeps the regexes below linear
        const match = /^import\s+(static\s+)?([\w.]+?)(\.\*)?\s*;/.exec(text.replace(/\s+(?=[.;*])|(?<=\.)\s+/g, ''));
        if (match) this.imports.push({ path: match[2]!, isStatic: Boolean(match[1]), wildcard: Boolean(match[3]) });
      }
    }
    return this.imports;
  }
}

const classCache = new WeakMap<SyntaxNode, Map<string, SyntaxNode>>();

/** The classes declared directly in a file or class body, by simple name. */
function classesIn(container: SyntaxNode, syntax: SyntaxFile): Map<string, SyntaxNode> {
  let cached = classCache.get(container);
  if (!cached) {
    cached = new Map();
    const members = container.type === 'program' ? namedChildren(container) : namedChildren(field(container, 'body') ?? container);
    for (const member of members) {
      if (!CLASS_TYPES.has(member.type)) continue;
      const name = field(member, 'name');
      if (name) cached.set(syntax.textOf(name), member);
    }
    classCache.set(container, cached);
  }
  return cached;
}

function annotationsOf(holder: SyntaxNode): SyntaxNode[] {
  const modifiers = namedChildren(holder).find((child) => child.type === 'modifiers');
  return modifiers ? namedChildren(modifiers).filter((child) => child.type === 'annotation' || child.type === 'marker_annotation') : [];
}

function typeText(holder: SyntaxNode, syntax: SyntaxFile): string {
  const type = field(holder, 'type');
  return type ? syntax.textOf(type) : '';
}

function isSelfEncoding(text: string, name: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return new RegExp(`^Base64\\.getEncoder\\(\\)\\.encodeToString\\((this\\.)?${name}\\.getBytes\\([\\w.]*\\)\\)$`).test(compact);
}
