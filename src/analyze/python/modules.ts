/**
 * Names and imports of one Python file: what each module-level, class-level or local name
 * is bound to, and which scanned file an import refers to (relative imports from the
 * importing file's package, absolute ones from the file's directory and its parents).
 */
import { dirname, join } from 'node:path';
import type { SyntaxNode } from '../tree/parser.js';
import { field, fields, namedChildren, type SyntaxFile } from '../tree/syntax.js';
import { FUNCTION_TYPES, scopeNodes } from './syntax.js';

/** Where a name gets its value. */
export type BindingSite =
  /** `name = value` (also `name: T = value`). */
  | { kind: 'assign'; node: SyntaxNode; value: SyntaxNode }
  /** `import a.b` (binds `a`), `import a.b as c` (binds `c` to a.b). */
  | { kind: 'import-module'; node: SyntaxNode; module: string }
  /** `from [..]module import name [as alias]`. */
  | { kind: 'import-name'; node: SyntaxNode; module: string; level: number; name: string }
  | { kind: 'class'; node: SyntaxNode }
  | { kind: 'function'; node: SyntaxNode }
  /** Anything the resolver does not follow: `x += 1`, `for x in ...`, tuple unpacking, parameters. */
  | { kind: 'opaque'; node: SyntaxNode };

/** The binding sites of each name directly in one scope (module, class body or function). */
export function scopeBindings(syntax: SyntaxFile, scope: SyntaxNode): Map<string, BindingSite[]> {
  const sites = new Map<string, BindingSite[]>();
  const add = (name: string, site: BindingSite): void => {
    const list = sites.get(name) ?? [];
    list.push(site);
    sites.set(name, list);
  };
  const body = scope.type === 'module' ? scope : field(scope, 'body') ?? scope;
  if (FUNCTION_TYPES.has(scope.type)) {
    const parameters = field(scope, 'parameters');
    for (const parameter of parameters ? namedChildren(parameters) : []) {
      const name = parameter.type === 'identifier' ? parameter : field(parameter, 'name') ??
        namedChildren(parameter).find((child) => child.type === 'identifier');
      if (name) add(syntax.textOf(name), { kind: 'opaque', node: parameter });
    }
  }
  scopeNodes(body, (node) => {
    switch (node.type) {
      case 'assignment': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left?.type === 'identifier') {
          add(syntax.textOf(left), right && right.type !== 'assignment' ? { kind: 'assign', node, value: right } : { kind: 'opaque', node });
        } else if (left) {
          for (const name of targetNames(left)) add(syntax.textOf(name), { kind: 'opaque', node });
        }
        break;
      }
      case 'as_pattern': {
        const alias = field(node, 'alias');
        const names = alias ? namedChildren(alias).flatMap(targetNames) : [];
        // `with httpx.Client(...) as client`: clients, sessions and files return themselves from __enter__.
        const value = node.parent?.type === 'with_item' ? namedChildren(node)[0] : undefined;
        for (const name of names) {
          add(syntax.textOf(name), value && names.length === 1 ? { kind: 'assign', node, value } : { kind: 'opaque', node });
        }
        break;
      }
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
      case 'named_expression': {
        const target = field(node, 'left') ?? field(node, 'name');
        if (target) for (const name of targetNames(target)) add(syntax.textOf(name), { kind: 'opaque', node });
        break;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const name of namedChildren(node)) add(syntax.textOf(name), { kind: 'opaque', node });
        break;
      case 'class_definition':
      case 'function_definition': {
        const name = field(node, 'name');
        if (name) add(syntax.textOf(name), { kind: node.type === 'class_definition' ? 'class' : 'function', node });
        break;
      }
      case 'import_statement':
        for (const item of fields(node, 'name')) {
          if (item.type === 'aliased_import') {
            const module = field(item, 'name');
            const alias = field(item, 'alias');
            if (module && alias) add(syntax.textOf(alias), { kind: 'import-module', node, module: syntax.textOf(module) });
          } else {
            const module = syntax.textOf(item);
            add(module.split('.')[0]!, { kind: 'import-module', node, module: module.split('.')[0]! });
          }
        }
        break;
      case 'import_from_statement': {
        const moduleNode = field(node, 'module_name');
        if (!moduleNode) break;
        let level = 0;
        let module = syntax.textOf(moduleNode);
        if (moduleNode.type === 'relative_import') {
          const prefix = moduleNode.children.find((child) => child.type === 'import_prefix');
          level = prefix ? syntax.textOf(prefix).length : 1;
          const dotted = moduleNode.children.find((child) => child.type === 'dotted_name');
          module = dotted ? syntax.textOf(dotted) : '';
        }
        for (const item of fields(node, 'name')) {
          const nameNode = item.type === 'aliased_import' ? field(item, 'name') : item;
          const alias = item.type === 'aliased_import' ? field(item, 'alias') : item;
          if (!nameNode || !alias) continue;
          add(syntax.textOf(alias), { kind: 'import-name', node, module, level, name: syntax.textOf(nameNode) });
        }
        break;
      }
    }
  });
  return sites;
}

/** The identifiers a target binds: `a`, `a, b`, `(a, [b, c])`. Attributes and subscripts bind none. */
function targetNames(target: SyntaxNode): SyntaxNode[] {
  if (target.type === 'identifier') return [target];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'list_splat_pattern', 'parenthesized_expression'].includes(target.type)) {
    return namedChildren(target).flatMap(targetNames);
  }
  return [];
}

/** How far up from a file to look for the root of an absolute import. */
const MAX_PACKAGE_DEPTH = 6;

/**
 * Candidate paths of a module, most likely first: `module.py`, then `module/__init__.py`.
 * Relative imports start at the importing file's package; absolute ones at its directory
 * and each parent (the project root is not known, so every level is tried).
 */
export function modulePaths(importingFile: string, module: string, level: number): string[] {
  const parts = module === '' ? [] : module.split('.');
  const bases: string[] = [];
  if (level > 0) {
    let base = dirname(importingFile);
    for (let up = 1; up < level; up++) base = dirname(base);
    bases.push(base);
  } else {
    let base = dirname(importingFile);
    for (let depth = 0; depth < MAX_PACKAGE_DEPTH; depth++) {
      bases.push(base);
      const parent = dirname(base);
      if (parent === base) break;
      base = parent;
    }
  }
  const paths: string[] = [];
  for (const base of bases) {
    if (parts.length === 0) {
      paths.push(join(base, '__init__.py'));
      continue;
    }
    paths.push(join(base, ...parts.slice(0, -1), `${parts[parts.length - 1]}.py`), join(base, ...parts, '__init__.py'));
  }
  return paths;
}
