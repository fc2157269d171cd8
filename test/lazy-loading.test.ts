/**
 * Scans without JS/TS files must not load ts-morph (the TypeScript compiler takes about 0.3 s
 * to load). The Python, Java, Go and config front ends are imported on demand
 * (src/analyze/front-ends.ts), so it is enough that their static import graphs never reach
 * 'ts-morph'. This walks those graphs from the source: value imports and re-exports are
 * followed (and `require` calls in CommonJS files), `import type` / `export type` and type-only
 * specifiers are skipped (TypeScript erases them), and so are dynamic `import()` calls (loaded
 * only when used).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

const importsOfFile = new Map<string, string[]>();

/** The module specifiers a file of src/ loads at run time (each file parsed once). */
function runtimeImportsOf(path: string): string[] {
  let imports = importsOfFile.get(path);
  if (!imports) importsOfFile.set(path, imports = runtimeImports(path, readFileSync(path, 'utf8')));
  return imports;
}

/** The module specifiers a module's text loads at run time. */
function runtimeImports(path: string, text: string): string[] {
  if (path.endsWith('.cjs')) return requiredModules(path, text);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (isTypeOnlyImport(statement.importClause)) continue;
      specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly)) continue;
      specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(statement) && !statement.isTypeOnly &&
               ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
      specifiers.push(statement.moduleReference.expression.text);
    }
  }
  return specifiers;
}

/**
 * The modules a CommonJS file loads: its `require('...')` calls, and `require.resolve('...')`
 * (a package it locates in order to load a file of it).
 */
function requiredModules(path: string, text: string): string[] {
  const specifiers: string[] = [];
  const isRequire = (callee: ts.Expression): boolean => (ts.isIdentifier(callee) && callee.text === 'require') ||
    (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' &&
      callee.name.text === 'resolve');
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isRequire(node.expression) &&
        node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!)) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return specifiers;
}

/**
 * `import type {...}`, and `import { type A, type B }` (erased under the project's settings:
 * no verbatimModuleSyntax). A bare `import './x.js'` runs the module.
 */
function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly);
}

/** `./x.js` next to `from` -> the .ts source file. */
function resolveRelative(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier);
  for (const candidate of [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts'), target]) {
    if (existsSync(candidate) && /\.(ts|cjs)$/.test(candidate)) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${relative(ROOT, from)}`);
}

/** The first chain of runtime imports from `entry` to the package `target`, or undefined. */
function importChainTo(entry: string, target: string): string[] | undefined {
  const parents = new Map<string, string | undefined>([[entry, undefined]]);
  const pending = [entry];
  const chainTo = (file: string | undefined): string[] => {
    const chain: string[] = [];
    for (let current = file; current !== undefined; current = parents.get(current)) chain.unshift(relative(ROOT, current));
    return chain;
  };
  while (pending.length > 0) {
    const file = pending.shift()!;
    for (const specifier of runtimeImportsOf(file)) {
      if (specifier === target || specifier.startsWith(`${target}/`)) return [...chainTo(file), target];
      if (!specifier.startsWith('.')) continue;
      const next = resolveRelative(file, specifier);
      if (parents.has(next)) continue;
      parents.set(next, file);
      pending.push(next);
    }
  }
  return undefined;
}

describe('front ends load only what they need', () => {
  for (const language of ['python', 'java', 'go', 'config']) {
    it(`the ${language} front end never loads ts-morph`, () => {
      expect(importChainTo(join(SRC, 'analyze', language, 'front-end.ts'), 'ts-morph')).toBeUndefined();
    });
  }

  it('the JS/TS front end does load ts-morph (the walk sees it)', () => {
    const chain = importChainTo(join(SRC, 'analyze', 'js', 'analyzer.ts'), 'ts-morph');
    expect(chain).toBeDefined();
    expect(chain![0]).toBe('src/analyze/js/analyzer.ts');
  });

  it('skips type-only imports but follows value imports and re-exports', () => {
    const text = [
      "import { ts } from 'ts-morph';",
      "import type { A } from './type-only.js';",
      "import { type B, type C } from './type-specifiers.js';",
      "import { type D, e } from './mixed.js';",
      "import './side-effect.js';",
      "export { f } from './re-export.js';",
      "export type { G } from './type-re-export.js';",
      "const lazy = await import('./dynamic.js');",
    ].join('\n');
    expect(runtimeImports('example.ts', text)).toEqual(['ts-morph', './mixed.js', './side-effect.js', './re-export.js']);
  });
});
