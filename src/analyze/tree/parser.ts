/**
 * The tree-sitter runtime and grammars for Python, Java, Go and shell scripts, from the
 * `@vscode/tree-sitter-wasm` package: WebAssembly builds of the runtime and the grammars,
 * made together (so their ABI versions match), shipped inside the npm package (no native
 * build, no download). Loaded lazily: the runtime on the first file that needs it, each
 * grammar on the first file of its language.
 *
 * The tree is copied once into plain `SyntaxNode` objects (one cursor walk), so rules read
 * nodes as ordinary JavaScript data instead of calling into WebAssembly for every property.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { checkDeadline, deadlinePassed } from '../time-budget.js';

export type TreeLanguage = 'python' | 'java' | 'go' | 'bash';

/** One node of a parsed file. `start`/`end` are UTF-16 offsets into the file's text. */
export interface SyntaxNode {
  readonly type: string;
  /** False for anonymous tokens such as `(`, `=` or keywords. */
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  /** The grammar's field name of this node in its parent (`function`, `arguments`, ...). */
  readonly field: string | null;
  readonly children: SyntaxNode[];
  readonly parent: SyntaxNode | null;
}

export interface ParsedTree {
  root: SyntaxNode;
  /** The parser recovered from syntax errors somewhere in the file. */
  hasError: boolean;
}

/* The runtime's own types, as far as this module uses them. */
interface TsCursor {
  nodeType: string;
  nodeIsNamed: boolean;
  startIndex: number;
  endIndex: number;
  currentFieldName: string | null;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}
interface TsTree {
  rootNode: { hasError: boolean };
  walk(): TsCursor;
  delete(): void;
}
interface TsParser {
  setLanguage(language: unknown): void;
  setTimeoutMicros?(micros: number): void;
  /** A progress callback that returns true cancels the parse (the result is then null). */
  parse(text: string, oldTree?: null, options?: { progressCallback?: (state: unknown) => boolean }): TsTree | null;
}
interface TsModule {
  Parser: { new (): TsParser; init(options: { locateFile: (file: string) => string }): Promise<void> };
  Language: { load(bytes: Uint8Array): Promise<unknown> };
}

let runtime: Promise<{ module: TsModule; wasmDir: string }> | undefined;
const parsers = new Map<TreeLanguage, Promise<TsParser>>();

function loadRuntime(): Promise<{ module: TsModule; wasmDir: string }> {
  runtime ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmDir = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
    const module = require('@vscode/tree-sitter-wasm') as TsModule;
    await module.Parser.init({ locateFile: (file) => join(wasmDir, file) });
    return { module, wasmDir };
  })();
  return runtime;
}

function parserFor(language: TreeLanguage): Promise<TsParser> {
  let parser = parsers.get(language);
  if (!parser) {
    parser = (async () => {
      const { module, wasmDir } = await loadRuntime();
      const grammar = await module.Language.load(readFileSync(join(wasmDir, `tree-sitter-${language}.wasm`)));
      const created = new module.Parser();
      created.setLanguage(grammar);
      return created;
    })();
    parsers.set(language, parser);
  }
  return parser;
}

const loaded = new Map<TreeLanguage, TsParser>();

/** The grammars loaded so far in this process (a scan loads only those its files need). */
export function loadedLanguages(): TreeLanguage[] {
  return [...loaded.keys()];
}

/** Loads the runtime and a grammar; after this, `parseTree` for the language is synchronous. */
export async function loadLanguage(language: TreeLanguage): Promise<void> {
  if (!loaded.has(language)) loaded.set(language, await parserFor(language));
}

/** Parses a file and copies its tree into plain nodes. The language must be loaded. */
export function parseTree(language: TreeLanguage, text: string): ParsedTree {
  const parser = loaded.get(language);
  if (!parser) throw new Error(`the ${language} grammar is not loaded`);
  const tree = parser.parse(text, null, { progressCallback: deadlinePassed });
  checkDeadline(); // a cancelled parse returns no tree
  if (!tree) throw new Error(`the ${language} parser returned no tree`);
  try {
    return { root: copyTree(tree.walk()), hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

function copyTree(cursor: TsCursor): SyntaxNode {
  const make = (parent: SyntaxNode | null): SyntaxNode => ({
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    start: cursor.startIndex,
    end: cursor.endIndex,
    field: cursor.currentFieldName,
    children: [],
    parent,
  });
  const root = make(null);
  let current = root;
  try {
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = make(current);
        current.children.push(child);
        current = child;
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          const sibling = make(current.parent);
          current.parent!.children.push(sibling);
          current = sibling;
          break;
        }
        if (!cursor.gotoParent()) return root;
        current = current.parent!;
      }
    }
  } finally {
    cursor.delete();
  }
}
