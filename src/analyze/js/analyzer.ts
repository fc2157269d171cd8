/**
 * The JS/TS front end: one parse (TypeScript's parser as bundled by ts-morph, no type
 * checker, no Project) and one traversal per file, dispatching nodes and recognised JWT
 * calls to every enabled rule. Files are analysed on demand and memoised, so a file whose
 * exports another file imports is analysed first, and still only once.
 */
import ts from './typescript.cjs';
import { dirname, extname, resolve as resolvePath } from 'node:path';
import type { Finding, Severity } from '../../types.js';
import type { JsRule, JsRuleContext, JsRuleListeners, ReportDescriptor } from '../../rules/rule.js';
import { SCRIPT_HOST_EXTENSIONS } from '../languages.js';
import { KeyMaterialCollector, sensitiveTexts } from './key-material.js';
import { recogniseJwtCall, type JwtCall } from './libraries.js';
import { extractScriptBlocks } from './script-blocks.js';
import { ValueResolver, type ExportTable, type Value } from './values.js';
import { checkNesting } from '../nesting.js';
import { checkDeadline, TimeBudgetExceeded } from '../time-budget.js';


export interface EnabledJsRule {
  rule: JsRule;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface JsFileResult {
  findings: Finding[];
  /** Secret values seen (the file they are written in, and the text), for masking code frames. */
  sensitive: { file: string; text: string }[];
  exports: ExportTable;
  /** Set when the file could not be analysed. */
  error?: string;
}

export type JsSource = import('../front-ends.js').SourceFile;

const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts', '.cts',
  '/index.ts', '/index.tsx', '/index.js', '/index.mjs', '/index.cjs'];

export class JsAnalyzer {
  private readonly results = new Map<string, JsFileResult>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly rules: EnabledJsRule[],
    /** Reads a file of the scan by absolute path, or undefined when it is not part of the scan. */
    private readonly readScanFile: (absPath: string) => JsSource | undefined,
  ) {}

  analyze(source: JsSource): JsFileResult {
    const done = this.results.get(source.absPath);
    if (done) return done;
    this.inProgress.add(source.absPath);
    let result: JsFileResult;
    try {
      result = this.analyzeUncached(source);
    } catch (error) {
      // An imported file analysed inside another's budget: the importing file fails, this one gets its own turn.
      if (error instanceof TimeBudgetExceeded && this.inProgress.size > 1) throw error;
      const reason = error instanceof TimeBudgetExceeded ? error.message : `analysis failed: ${errorText(error)}`;
      result = { findings: [], sensitive: [], exports: new Map(), error: reason };
    } finally {
      this.inProgress.delete(source.absPath);
    }
    this.results.set(source.absPath, result);
    return result;
  }

  private exportsOf(fromAbsPath: string, specifier: string): ExportTable | undefined {
    const base = resolvePath(dirname(fromAbsPath), specifier);
    const candidates = RESOLVE_SUFFIXES.map((suffix) => base + suffix);
    // TypeScript ESM writes `./config.js` for `./config.ts`.
    const jsExt = /\.(m|c)?js$/.exec(base);
    if (jsExt) candidates.push(base.slice(0, -jsExt[0].length) + `.${jsExt[1] ?? ''}ts`);
    for (const candidate of candidates) {
      if (this.inProgress.has(candidate)) return undefined;
      const cached = this.results.get(candidate);
      if (cached) return cached.exports;
      const source = this.readScanFile(candidate);
      if (source) return this.analyze(source).exports;
    }
    return undefined;
  }

  private analyzeUncached(source: JsSource): JsFileResult {
    const ext = extname(source.absPath).toLowerCase();
    const text = SCRIPT_HOST_EXTENSIONS.has(ext) ? extractScriptBlocks(source.text) : source.text;
    checkNesting(text);
    const sourceFile = ts.createSourceFile(source.absPath, text, {
      languageVersion: ts.ScriptTarget.Latest,
      jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
    }, true /* parent pointers: scope lookups walk up the tree (TypeScript 6 no longer sets them otherwise) */, scriptKind(ext));
    checkDeadline(); // the parse itself cannot be interrupted; a slow one still counts
    const resolver = new ValueResolver(sourceFile, source.relPath, (specifier) => this.exportsOf(source.absPath, specifier));
    if (source.importOnly) return { findings: [], sensitive: [], exports: collectExports(sourceFile, resolver) };
    const findings: Finding[] = [];
    const sensitive: { file: string; text: string }[] = [];
    const callCache = new Map<ts.Node, JwtCall | undefined>();
    const jwtCall = (node: ts.CallExpression | ts.NewExpression): JwtCall | undefined => {
      if (!callCache.has(node)) callCache.set(node, recogniseJwtCall(node, resolver));
      return callCache.get(node);
    };

    const keyMaterial = new KeyMaterialCollector(resolver, source.relPath);
    const listeners: JsRuleListeners[] = this.rules.map(({ rule, severity, options }) => {
      const context: JsRuleContext = {
        file: source.relPath,
        sourceFile,
        resolver,
        options,
        jwtCall,
        markSensitive: (value) => { sensitive.push({ file: source.relPath, text: value }); },
        keyMaterial: () => keyMaterial.all(),
        report: (descriptor) => findings.push(toFinding(rule, severity, descriptor, resolver)),
      };
      return rule.create(context);
    });
    const byKind = new Map<ts.SyntaxKind, ((node: ts.Node) => void)[]>();
    const callListeners: ((call: JwtCall) => void)[] = [(call) => keyMaterial.addCall(call)];
    for (const listener of [{ nodes: keyMaterial.listeners() }, ...listeners]) {
      for (const [kind, visit] of Object.entries(listener.nodes ?? {})) {
        const list = byKind.get(Number(kind)) ?? [];
        list.push(visit as (node: ts.Node) => void);
        byKind.set(Number(kind), list);
      }
      if (listener.jwtCall) callListeners.push(listener.jwtCall);
    }

    const visit = (node: ts.Node): void => {
      const visitors = byKind.get(node.kind);
      if (visitors) for (const visitor of visitors) visitor(node);
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const call = jwtCall(node);
        if (call) for (const listener of callListeners) listener(call);
      }
    };
    // An explicit stack instead of recursion: deeply nested code (long concatenation chains in
    // generated files) must not overflow the call stack. Children are visited in source order.
    const stack: ts.Node[] = [sourceFile];
    const children: ts.Node[] = [];
    const collect = (child: ts.Node): void => { children.push(child); };
    let visited = 0;
    while (stack.length > 0) {
      const node = stack.pop()!;
      if ((++visited & 1023) === 0) checkDeadline();
      visit(node);
      ts.forEachChild(node, collect);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      children.length = 0;
    }
    // Key material is masked in code frames whatever rules are enabled.
    for (const candidate of keyMaterial.all()) {
      for (const text of sensitiveTexts(candidate)) sensitive.push({ file: candidate.origin.file, text });
    }
    for (const listener of listeners) listener.end?.();
    return { findings, sensitive, exports: collectExports(sourceFile, resolver) };
  }
}

function toFinding(rule: JsRule, severity: Severity, descriptor: ReportDescriptor, resolver: ValueResolver): Finding {
  const origin = descriptor.origin ?? (descriptor.node ? resolver.originOf(descriptor.node) : undefined);
  if (!origin) throw new Error(`rule ${rule.id} reported without a location`);
  return {
    ruleId: rule.id,
    severity: descriptor.severity ?? severity,
    file: origin.file,
    range: origin.range,
    message: descriptor.message,
    fix: descriptor.fix ?? rule.fix,
    related: descriptor.related,
    engine: 'ast',
  };
}

function scriptKind(ext: string): ts.ScriptKind {
  switch (ext) {
    case '.ts': case '.mts': case '.cts': return ts.ScriptKind.TS;
    case '.tsx': return ts.ScriptKind.TSX;
    case '.jsx': return ts.ScriptKind.JSX;
    case '.js': case '.mjs': case '.cjs': return ts.ScriptKind.JSX; // JSX is common in .js; the parser tolerates both
    default: return ts.ScriptKind.TS; // script blocks of .vue/.svelte/.html may be TS
  }
}

/** The file's exported values: ESM exports, `module.exports` and `exports.x`. */
function collectExports(sourceFile: ts.SourceFile, resolver: ValueResolver): ExportTable {
  const table: ExportTable = new Map();
  const setDefault = (value: Value | undefined): void => {
    table.set('default', value);
    if (value?.kind === 'object') {
      for (const [key, entry] of value.props) if (!table.has(key)) table.set(key, entry.value);
    }
  };
  for (const statement of sourceFile.statements) {
    const exported = ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isVariableStatement(statement) && exported) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name)) table.set(decl.name.text, resolver.resolve(decl.name));
      }
    } else if (ts.isFunctionDeclaration(statement) && exported) {
      const value: Value = { kind: 'function', node: statement, origin: resolver.originOf(statement) };
      if (isDefault) table.set('default', value);
      else if (statement.name) table.set(statement.name.text, value);
    } else if (ts.isExportAssignment(statement)) {
      setDefault(resolver.resolve(statement.expression));
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const from = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text : undefined;
      for (const element of statement.exportClause.elements) {
        const local = element.propertyName ?? element.name;
        if (!ts.isIdentifier(local)) continue;
        if (from === undefined) table.set(element.name.text, resolver.resolve(local));
      }
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) &&
               statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = statement.expression;
      const target = left.getText(sourceFile);
      if (target === 'module.exports') setDefault(resolver.resolve(right));
      else {
        const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
        if (named) table.set(named[1]!, resolver.resolve(right));
      }
    }
  }
  return table;
}

function errorText(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'code nested too deeply to analyse';
  return error instanceof Error ? error.message : String(error);
}
