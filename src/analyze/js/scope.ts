/**
 * The one scope helper: which declaration does an identifier refer to?
 * Lexical lookup without a type checker: walk up the enclosing scopes and look at
 * the declarations each one holds. Parameters shadow outer names (and resolve to nothing).
 */
import ts from './typescript.cjs';

export type Declaration =
  | {
      kind: 'variable';
      node: ts.VariableDeclaration;
      isConst: boolean;
      /** Property path inside a destructuring pattern: `const { a: { b } } = x` gives ['a', 'b'] for b. */
      path: string[];
      bindingNode: ts.Node;
      defaultValue?: ts.Expression;
    }
  | { kind: 'import'; node: ts.Node; module: string; imported: string }
  | { kind: 'function'; node: ts.FunctionDeclaration }
  | { kind: 'parameter'; node: ts.ParameterDeclaration }
  | { kind: 'class'; node: ts.ClassDeclaration }
  | { kind: 'other'; node: ts.Node };

export function findDeclaration(identifier: ts.Identifier): Declaration | undefined {
  const name = identifier.text;
  let node: ts.Node | undefined = nearestScopeNode(identifier.parent);
  while (node) {
    if (ts.isFunctionLike(node)) {
      for (const parameter of node.parameters) {
        if (bindsName(parameter.name, name)) return { kind: 'parameter', node: parameter };
      }
      if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name?.text === name) {
        return { kind: 'other', node };
      }
    }
    if (ts.isCatchClause(node) && node.variableDeclaration && bindsName(node.variableDeclaration.name, name)) {
      return { kind: 'other', node };
    }
    if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer &&
        ts.isVariableDeclarationList(node.initializer)) {
      for (const decl of node.initializer.declarations) {
        if (bindsName(decl.name, name)) return { kind: 'other', node: decl };
      }
    }
    const statements = statementsOf(node);
    if (statements) {
      const found = declarationsIn(node, statements).get(name);
      if (found) return found;
    }
    node = nearestScopeNode(node.parent);
  }
  return undefined;
}

const scopeNodeCache = new WeakMap<ts.Node, ts.Node | null>();

function isScopeNode(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isCatchClause(node) || ts.isForStatement(node) || ts.isForOfStatement(node) ||
    ts.isForInStatement(node) || statementsOf(node) !== undefined;
}

/**
 * The node itself or its nearest ancestor that can declare names, memoised along the way so
 * that lookups from deep inside long expressions do not climb the same chain again.
 */
function nearestScopeNode(start: ts.Node | undefined): ts.Node | undefined {
  const climbed: ts.Node[] = [];
  let node = start;
  let found: ts.Node | null = null;
  while (node) {
    const cached = scopeNodeCache.get(node);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    if (isScopeNode(node)) {
      found = node;
      break;
    }
    climbed.push(node);
    node = node.parent;
  }
  for (const step of climbed) scopeNodeCache.set(step, found);
  return found ?? undefined;
}

const declarationTables = new WeakMap<ts.Node, Map<string, Declaration>>();

/**
 * Every name a block (or file) declares, built once per block on first lookup, so that
 * resolving identifiers stays linear in the size of the file.
 */
function declarationsIn(owner: ts.Node, statements: ts.NodeArray<ts.Statement>): Map<string, Declaration> {
  let table = declarationTables.get(owner);
  if (table) return table;
  table = new Map();
  for (const statement of statements) {
    for (const name of namesDeclaredBy(statement)) {
      if (table.has(name)) continue;
      const found = findInStatements([statement], name);
      if (found) table.set(name, found);
    }
  }
  declarationTables.set(owner, table);
  return table;
}

function namesDeclaredBy(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    const names: string[] = [];
    for (const decl of statement.declarationList.declarations) collectBindingNames(decl.name, names);
    return names;
  }
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return [];
    const names = clause.name ? [clause.name.text] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.push(element.name.text);
    return names;
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return [statement.name.text];
  if (ts.isImportEqualsDeclaration(statement)) return [statement.name.text];
  if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) {
    return [statement.name.text];
  }
  return [];
}

function collectBindingNames(binding: ts.BindingName, names: string[]): void {
  if (ts.isIdentifier(binding)) {
    names.push(binding.text);
    return;
  }
  for (const element of binding.elements) {
    if (!ts.isOmittedExpression(element)) collectBindingNames(element.name, names);
  }
}

function statementsOf(node: ts.Node): ts.NodeArray<ts.Statement> | undefined {
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node)) return node.statements;
  if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  return undefined;
}

function findInStatements(statements: readonly ts.Statement[], name: string): Declaration | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const decl of statement.declarationList.declarations) {
        const found = findBinding(decl, decl.name, name, [], isConst);
        if (found) return found;
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) {
      return { kind: 'function', node: statement };
    } else if (ts.isClassDeclaration(statement) && statement.name?.text === name) {
      return { kind: 'class', node: statement };
    } else if (ts.isImportDeclaration(statement)) {
      const found = findImport(statement, name);
      if (found) return found;
    } else if (ts.isImportEqualsDeclaration(statement) && statement.name.text === name) {
      const ref = statement.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteralLike(ref.expression)) {
        return { kind: 'import', node: statement, module: ref.expression.text, imported: '*' };
      }
      return { kind: 'other', node: statement };
    } else if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
               ts.isIdentifier(statement.name) && statement.name.text === name) {
      return { kind: 'other', node: statement };
    }
  }
  return undefined;
}

function findBinding(
  decl: ts.VariableDeclaration,
  binding: ts.BindingName,
  name: string,
  path: string[],
  isConst: boolean,
  defaultValue?: ts.Expression,
): Declaration | undefined {
  if (ts.isIdentifier(binding)) {
    return binding.text === name
      ? { kind: 'variable', node: decl, isConst, path, bindingNode: binding, defaultValue }
      : undefined;
  }
  if (ts.isObjectBindingPattern(binding)) {
    for (const element of binding.elements) {
      if (element.dotDotDotToken) {
        if (ts.isIdentifier(element.name) && element.name.text === name) return { kind: 'other', node: element };
        continue;
      }
      const key = element.propertyName
        ? propertyKey(element.propertyName)
        : ts.isIdentifier(element.name) ? element.name.text : undefined;
      if (key === undefined) {
        if (bindsName(element.name, name)) return { kind: 'other', node: element };
        continue;
      }
      const found = findBinding(decl, element.name, name, [...path, key], isConst, element.initializer);
      if (found) return found;
    }
    return undefined;
  }
  for (let index = 0; index < binding.elements.length; index++) {
    const element = binding.elements[index]!;
    if (ts.isOmittedExpression(element)) continue;
    if (element.dotDotDotToken) {
      if (bindsName(element.name, name)) return { kind: 'other', node: element };
      continue;
    }
    const found = findBinding(decl, element.name, name, [...path, String(index)], isConst, element.initializer);
    if (found) return found;
  }
  return undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function findImport(statement: ts.ImportDeclaration, name: string): Declaration | undefined {
  const clause = statement.importClause;
  if (!clause || !ts.isStringLiteralLike(statement.moduleSpecifier)) return undefined;
  const module = statement.moduleSpecifier.text;
  if (clause.name?.text === name) return { kind: 'import', node: clause, module, imported: 'default' };
  const bindings = clause.namedBindings;
  if (!bindings) return undefined;
  if (ts.isNamespaceImport(bindings)) {
    return bindings.name.text === name ? { kind: 'import', node: bindings, module, imported: '*' } : undefined;
  }
  for (const element of bindings.elements) {
    if (element.name.text === name) {
      const imported = element.propertyName ? element.propertyName.text : element.name.text;
      return { kind: 'import', node: element, module, imported };
    }
  }
  return undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

const reassignedCache = new WeakMap<ts.SourceFile, Map<string, number>>();

/**
 * True when a `let`/`var` name is assigned again somewhere in the file. A cheap textual
 * check (no second traversal): if in doubt, the value counts as unknown.
 */
export function isReassigned(sourceFile: ts.SourceFile, name: string, declaredWithEquals = true): boolean {
  let perFile = reassignedCache.get(sourceFile);
  if (!perFile) reassignedCache.set(sourceFile, (perFile = new Map()));
  const cached = perFile.get(name);
  if (cached !== undefined) return cached > (declaredWithEquals ? 1 : 0);
  const escaped = name.replace(/[$]/g, '\\$');
  const pattern = new RegExp(`(?<![\\w$.])${escaped}\\s*(?:[-+*/%&|^]|\\?\\?|\\|\\||&&)?=(?!=)|(?:\\+\\+|--)${escaped}(?![\\w$])|(?<![\\w$.])${escaped}(?:\\+\\+|--)`, 'g');
  const count = sourceFile.text.match(pattern)?.length ?? 0;
  perFile.set(name, count);
  // `let x = 1` is itself one match; a destructured `let { x } = o` is not.
  return count > (declaredWithEquals ? 1 : 0);
}

const memberMutationCache = new WeakMap<ts.SourceFile, Map<string, number>>();

/**
 * How many times the file writes a member of `name` (`name.x = v`, `name['x'] += v`,
 * `name.a.b = v`) or passes it to `Object.assign(name, ...)` / `delete name.x`. A cheap
 * textual count (no second traversal), used to tell when an object literal grows later.
 */
export function countMemberMutations(sourceFile: ts.SourceFile, name: string): number {
  let perFile = memberMutationCache.get(sourceFile);
  if (!perFile) memberMutationCache.set(sourceFile, (perFile = new Map()));
  const cached = perFile.get(name);
  if (cached !== undefined) return cached;
  const escaped = name.replace(/[$]/g, '\\$');
  const pattern = new RegExp(
    `(?<![\\w$.])${escaped}\\s*(?:\\??\\.\\s*[\\w$]+|\\[[^\\]\\n]*\\])+\\s*(?:[-+*/%&|^]|\\?\\?|\\|\\||&&)?=(?!=)` +
    `|Object\\.assign\\(\\s*${escaped}(?![\\w$])|\\bdelete\\s+${escaped}\\s*[.[]`, 'g');
  const count = sourceFile.text.match(pattern)?.length ?? 0;
  perFile.set(name, count);
  return count;
}
