/** What the Python rules share about one file: name bindings, imports, value resolution and JWT library calls. */
import type { SyntaxNode } from '../tree/parser.js';
import type { ProjectFile, TreeProject, TreeSource } from '../tree/analyzer.js';
import { field, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import { configEntries, type ConfigEntry } from './config.js';
import { collectKeyMaterial, type KeyCandidate } from './key-material.js';
import { findJwtCalls, type PyJwtCall } from './libraries.js';
import { modulePaths, scopeBindings, type BindingSite } from './modules.js';
import { FUNCTION_TYPES, scopeNodes, unwrap } from './syntax.js';
import { resolveValue, type PyValue } from './values.js';

export class PythonFacts {
  private readonly scopes = new Map<SyntaxNode, Map<string, BindingSite[]>>();
  private readonly qualified = new Map<SyntaxNode, string | undefined>();
  private readonly siteSummaries = new WeakMap<BindingSite[], { opaque: boolean; unconditional: boolean; sorted: boolean }>();
  private calls: PyJwtCall[] | undefined;
  private config: ConfigEntry[] | undefined;
  private keys: KeyCandidate[] | undefined;

  constructor(
    readonly syntax: SyntaxFile,
    readonly source: TreeSource,
    readonly project: TreeProject<PythonFacts>,
  ) {}

  /** Another file of the scan, parsed, with its facts. */
  other(absPath: string): ProjectFile<PythonFacts> | undefined {
    return this.project.file(absPath);
  }

  /** What an expression of this file evaluates to, when the source says so. */
  value(node: SyntaxNode | undefined): PyValue | undefined {
    return resolveValue(this, node);
  }

  /** A resolved string (complete), or undefined. */
  string(node: SyntaxNode | undefined): string | undefined {
    const value = this.value(node);
    return value?.kind === 'string' && value.complete ? value.value : undefined;
  }

  /** The JWT library calls of this file (PyJWT, python-jose, authlib, flask-jwt-extended). */
  jwtCalls(): PyJwtCall[] {
    this.calls ??= findJwtCalls(this);
    return this.calls;
  }

  /** Framework settings written in this file: flask-jwt-extended `JWT_*` keys, `SIMPLE_JWT`. */
  configEntries(): ConfigEntry[] {
    this.config ??= configEntries(this);
    return this.config;
  }

  /** Key material that reaches a JWT call or is named as a JWT secret (literals and env fallbacks). */
  keyMaterial(): KeyCandidate[] {
    this.keys ??= collectKeyMaterial(this);
    return this.keys;
  }

  /** Does this file import any of these modules (or a submodule of one)? */
  imports(modules: readonly string[]): boolean {
    for (const sites of this.bindings(this.syntax.root).values()) {
      for (const site of sites) {
        const module = site.kind === 'import-module' ? site.module : site.kind === 'import-name' ? site.module : undefined;
        if (module !== undefined && modules.some((wanted) => module === wanted || module.startsWith(`${wanted}.`))) return true;
      }
    }
    return false;
  }

  bindings(scope: SyntaxNode): Map<string, BindingSite[]> {
    let found = this.scopes.get(scope);
    if (!found) {
      found = scopeBindings(this.syntax, scope);
      this.scopes.set(scope, found);
    }
    return found;
  }

  /**
   * Where `name` gets its value at `node`: the enclosing functions first (the last binding
   * before the use), then the class body when used there, then the module. A name bound
   * by anything the resolver does not follow (a parameter, a loop) has no known site.
   */
  bindingOf(name: string, node: SyntaxNode): BindingSite | undefined {
    let inClassBody = true;
    for (let scope = node.parent; scope; scope = scope.parent) {
      const isFunction = FUNCTION_TYPES.has(scope.type);
      if (!isFunction && scope.type !== 'class_definition' && scope.type !== 'module') continue;
      if (scope.type === 'class_definition' && !inClassBody) continue; // methods do not see class-level names
      const sites = this.bindings(scope).get(name);
      if (isFunction) inClassBody = false;
      if (!sites || sites.length === 0) continue;
      const atModuleLevel = scope.type === 'module' && !this.inFunction(node);
      return this.pickSite(sites, node, scope.type !== 'module' || atModuleLevel);
    }
    return undefined;
  }

  /** A module-level name, as another file importing it sees it. */
  moduleBinding(name: string): BindingSite | undefined {
    const sites = this.bindings(this.syntax.root).get(name);
    return sites ? this.pickSite(sites, undefined, false) : undefined;
  }

  /** A name assigned in a class body. */
  classBinding(classNode: SyntaxNode, name: string): BindingSite | undefined {
    const sites = this.bindings(classNode).get(name);
    return sites ? this.pickSite(sites, undefined, false) : undefined;
  }

  /** The value assigned to `self.<name>` in the methods of a class, when there is exactly one such assignment. */
  selfAssignment(classNode: SyntaxNode, name: string): SyntaxNode | undefined {
    const body = field(classNode, 'body');
    if (!body) return undefined;
    const values: SyntaxNode[] = [];
    for (const member of namedChildren(body)) {
      const method = member.type === 'decorated_definition' ? field(member, 'definition') : member;
      if (method?.type !== 'function_definition') continue;
      const methodBody = field(method, 'body');
      if (!methodBody) continue;
      scopeNodes(methodBody, (node) => {
        if (node.type !== 'assignment' && node.type !== 'augmented_assignment') return;
        const left = unwrap(field(node, 'left'));
        if (left?.type !== 'attribute') return;
        const object = field(left, 'object');
        const attribute = field(left, 'attribute');
        if (object && attribute && this.syntax.textOf(object) === 'self' && this.syntax.textOf(attribute) === name) {
          const right = field(node, 'right');
          values.push(node.type === 'assignment' && right ? right : node);
        }
      });
    }
    return values.length === 1 && values[0]!.type !== 'augmented_assignment' ? values[0] : undefined;
  }

  /**
   * One site among several bindings of a name. In straight-line code (`before` given) the
   * last binding before the use; seen from elsewhere, only a name bound once is known.
   */
  private pickSite(sites: BindingSite[], node: SyntaxNode | undefined, straightLine: boolean): BindingSite | undefined {
    const summary = this.summaryOf(sites);
    if (summary.opaque) return undefined;
    if (sites.length === 1) return !node || !straightLine || sites[0]!.node.start < node.start ? sites[0] : undefined;
    if (!straightLine || !node) {
      // `SECRET = "a"` then `SECRET = "b"` at module level: the last one is what importers see,
      // unless one of them is conditional (inside if/try), which makes the value unknown.
      return summary.unconditional ? sites[sites.length - 1] : undefined;
    }
    if (!summary.sorted) {
      const before = sites.filter((site) => site.node.start < node.start);
      return before[before.length - 1];
    }
    // The last site before the use, by binary search (a name may be assigned thousands of times).
    let low = 0;
    let high = sites.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sites[middle]!.node.start < node.start) low = middle + 1;
      else high = middle;
    }
    return sites[low - 1];
  }

  /** Facts about all the sites of one name, computed once per list (pickSite runs for every use). */
  private summaryOf(sites: BindingSite[]): { opaque: boolean; unconditional: boolean; sorted: boolean } {
    let summary = this.siteSummaries.get(sites);
    if (!summary) {
      const nearModule = sites.every((site) => site.node.parent?.type === 'module' || site.node.parent?.parent?.type === 'module');
      summary = {
        opaque: sites.some((site) => site.kind === 'opaque'),
        unconditional: nearModule && sites.every((site) => this.isTopLevelStatement(site.node)),
        sorted: sites.every((site, index) => index === 0 || sites[index - 1]!.node.start <= site.node.start),
      };
      this.siteSummaries.set(sites, summary);
    }
    return summary;
  }

  private isTopLevelStatement(node: SyntaxNode): boolean {
    const statement = node.parent?.type === 'expression_statement' ? node.parent : node;
    return statement.parent?.type === 'module';
  }

  private inFunction(node: SyntaxNode): boolean {
    for (let current = node.parent; current; current = current.parent) {
      if (FUNCTION_TYPES.has(current.type)) return true;
    }
    return false;
  }

  /** The scanned file a module name refers to from this file (`level` leading dots). */
  importedModule(module: string, level: number): PythonFacts | undefined {
    const relative = module.startsWith('.') ? module.slice(1) : module;
    for (const path of modulePaths(this.source.absPath, relative, module.startsWith('.') ? 1 : level)) {
      if (path === this.source.absPath) continue;
      const file = this.project.file(path);
      if (file) return file.facts;
    }
    return undefined;
  }

  /**
   * The dotted name an expression stands for, through imports and assignments:
   * `jwt.decode` (after `import jwt`), `jose.jwt.encode` (after `from jose import jwt`),
   * `jwt.PyJWT().decode` (on an instance), `datetime.timedelta`. Unbound names stand for
   * themselves (builtins: `print`, `int`).
   */
  qualify(node: SyntaxNode | undefined): string | undefined {
    const inner = unwrap(node);
    if (!inner) return undefined;
    if (this.qualified.has(inner)) return this.qualified.get(inner);
    this.qualified.set(inner, undefined); // cycles
    const result = this.computeQualified(inner);
    this.qualified.set(inner, result);
    return result;
  }

  private computeQualified(node: SyntaxNode): string | undefined {
    if (node.type === 'identifier') {
      const name = this.syntax.textOf(node);
      const site = this.bindingOf(name, node);
      if (!site) return this.isBoundAnywhere(name, node) ? undefined : name;
      switch (site.kind) {
        case 'import-module':
          return site.module;
        case 'import-name':
          return site.level > 0 ? undefined : `${site.module}.${site.name}`;
        case 'assign': {
          const value = unwrap(site.value);
          if (value?.type === 'call' || value?.type === 'attribute' || value?.type === 'identifier') return this.qualify(value);
          return undefined;
        }
        default:
          return undefined;
      }
    }
    if (node.type === 'attribute') {
      const object = this.qualify(field(node, 'object'));
      const attribute = field(node, 'attribute');
      return object !== undefined && attribute ? `${object}.${this.syntax.textOf(attribute)}` : undefined;
    }
    if (node.type === 'call') {
      const callee = this.qualify(field(node, 'function'));
      return callee !== undefined ? `${callee}()` : undefined;
    }
    return undefined;
  }

  /** A name bound in some enclosing scope (but not known at this point) is not a builtin. */
  private isBoundAnywhere(name: string, node: SyntaxNode): boolean {
    for (let scope = node.parent; scope; scope = scope.parent) {
      if ((FUNCTION_TYPES.has(scope.type) || scope.type === 'module' || scope.type === 'class_definition') &&
          this.bindings(scope).has(name)) return true;
    }
    return false;
  }
}
