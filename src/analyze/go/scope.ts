/**
 * Where a Go name is defined: a local `:=`/`var`/`const` in an enclosing block (the nearest
 * one written before the use), a function parameter or range variable (unknown values), or a
 * package-level declaration of the file. Package-level names of other files of the package
 * are looked up by GoFacts.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { field, fields, namedChildren } from '../tree/syntax.js';

export interface LocalBinding {
  /** The identifier that declares the name. */
  nameNode: SyntaxNode;
  /** The expression the name is initialised with, when it is the only value of its position. */
  value?: SyntaxNode;
  /** Whether `value` is a call whose first result is this name (`k, err := f()`): the value is the call's first result. */
  firstResultOf?: SyntaxNode;
  /** The statement list, block or function that scopes the name. */
  scope: SyntaxNode;
  /** Parameters, receivers and range variables: no value known. */
  parameter: boolean;
}

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The nearest local binding of `name` visible at `use`, or undefined (package level or unknown). */
export function findLocal(use: SyntaxNode, name: string, textOf: (node: SyntaxNode) => string): LocalBinding | undefined {
  let child = use;
  for (let current = use.parent; current; child = current, current = current.parent) {
    if (current.type === 'source_file') return undefined;
    if (current.type === 'block' || current.type === 'statement_list' || current.type === 'expression_case' ||
        current.type === 'type_case' || current.type === 'default_case' || current.type === 'communication_case') {
      // The last statement before `child` that declares the name (looked up in a per-block index).
      const candidates = declarationsIn(current, textOf).get(name);
      if (candidates) {
        let low = 0;
        let high = candidates.length;
        while (low < high) {
          const middle = (low + high) >> 1;
          if (candidates[middle]!.start < child.start) low = middle + 1;
          else high = middle;
        }
        const statement = candidates[low - 1];
        const found = statement ? declares(statement, name, current, textOf) : undefined;
        if (found) return found;
      }
    }
    if (current.type === 'if_statement' || current.type === 'for_statement' || current.type === 'expression_switch_statement' ||
        current.type === 'type_switch_statement') {
      const initializer = field(current, 'initializer');
      if (initializer && initializer !== child) {
        const binding = declares(initializer, name, current, textOf);
        if (binding) return binding;
      }
      for (const clause of current.children.filter((node) => node.type === 'range_clause' || node.type === 'for_clause')) {
        if (clause === child) continue;
        const left = field(clause, 'left') ?? field(clause, 'initializer');
        if (left && namedChildren(left.type === 'expression_list' ? left : clause).some((id) => id.type === 'identifier' && textOf(id) === name)) {
          return { nameNode: left, scope: current, parameter: true };
        }
        const init = field(clause, 'initializer');
        if (init) {
          const binding = declares(init, name, current, textOf);
          if (binding) return binding;
        }
      }
      if (current.type === 'type_switch_statement') {
        const alias = field(current, 'alias');
        if (alias && namedChildren(alias).some((id) => textOf(id) === name)) return { nameNode: alias, scope: current, parameter: true };
      }
    }
    if (FUNCTIONS.has(current.type)) {
      for (const list of [field(current, 'receiver'), field(current, 'parameters'), field(current, 'result')]) {
        if (!list) continue;
        for (const parameter of namedChildren(list)) {
          const names = fields(parameter, 'name');
          const hit = names.find((id) => textOf(id) === name);
          if (hit) return { nameNode: hit, scope: current, parameter: true };
        }
      }
    }
  }
  return undefined;
}

/** Per block: the declaring statements of each name, in source order (blocks are nodes of one file). */
const blockDeclarations = new WeakMap<SyntaxNode, Map<string, SyntaxNode[]>>();

/** The statements of a block that declare each name, indexed once so lookups stay cheap in long functions. */
function declarationsIn(block: SyntaxNode, textOf: (node: SyntaxNode) => string): Map<string, SyntaxNode[]> {
  let byName = blockDeclarations.get(block);
  if (byName) return byName;
  byName = new Map();
  for (const statement of block.children) {
    const names: SyntaxNode[] = [];
    if (statement.type === 'short_var_declaration') {
      const left = field(statement, 'left');
      if (left) names.push(...namedChildren(left));
    } else if (statement.type === 'var_declaration' || statement.type === 'const_declaration') {
      for (const spec of specsOf(statement)) names.push(...fields(spec, 'name'));
    }
    for (const id of new Set(names.filter((node) => node.type === 'identifier').map(textOf))) {
      const list = byName.get(id) ?? [];
      list.push(statement);
      byName.set(id, list);
    }
  }
  blockDeclarations.set(block, byName);
  return byName;
}

/** The binding of `name` made by one statement, if any. */
export function declares(statement: SyntaxNode, name: string, scope: SyntaxNode,
  textOf: (node: SyntaxNode) => string): LocalBinding | undefined {
  if (statement.type === 'short_var_declaration') {
    const left = field(statement, 'left');
    const right = field(statement, 'right');
    return bindingIn(left ? namedChildren(left) : [], right ? namedChildren(right) : [], name, scope, textOf);
  }
  if (statement.type === 'var_declaration' || statement.type === 'const_declaration') {
    for (const spec of specsOf(statement)) {
      const value = field(spec, 'value');
      const binding = bindingIn(fields(spec, 'name'), value ? namedChildren(value) : [], name, scope, textOf);
      if (binding) return binding;
    }
  }
  return undefined;
}

/** The `var_spec`/`const_spec` nodes of a declaration, grouped or not. */
export function specsOf(declaration: SyntaxNode): SyntaxNode[] {
  const specs: SyntaxNode[] = [];
  for (const child of declaration.children) {
    if (child.type === 'var_spec' || child.type === 'const_spec') specs.push(child);
    else if (child.type === 'var_spec_list' || child.type === 'const_spec_list') {
      specs.push(...child.children.filter((spec) => spec.type === 'var_spec' || spec.type === 'const_spec'));
    }
  }
  return specs;
}

function bindingIn(names: SyntaxNode[], values: SyntaxNode[], name: string, scope: SyntaxNode,
  textOf: (node: SyntaxNode) => string): LocalBinding | undefined {
  const index = names.findIndex((id) => id.type === 'identifier' && textOf(id) === name);
  if (index < 0) return undefined;
  const nameNode = names[index]!;
  if (values.length === names.length) return { nameNode, value: values[index], scope, parameter: false };
  if (values.length === 1 && index === 0 && values[0]!.type === 'call_expression') {
    return { nameNode, firstResultOf: values[0], scope, parameter: false };
  }
  return { nameNode, scope, parameter: false };
}

/** The enclosing function (declaration, method or literal) of a node. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTIONS.has(current.type)) return current;
  }
  return undefined;
}

/** The name of a function declaration or method, or of the variable a func literal is assigned to. */
export function functionName(fn: SyntaxNode | undefined, textOf: (node: SyntaxNode) => string): string | undefined {
  if (!fn) return undefined;
  const name = field(fn, 'name');
  return name ? textOf(name) : undefined;
}
