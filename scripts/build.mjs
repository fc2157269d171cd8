#!/usr/bin/env node
/**
 * `npm run build`: compiles src/ to dist/, copies the CommonJS modules TypeScript does not
 * compile, then makes the TypeScript compiler's code cache (dist/analyze/js/typescript.cache,
 * see src/analyze/js/typescript-loader.cjs).
 *
 * The cache is made under the CLI's V8 flags, after running the compiler over the project's
 * own sources and fixtures, so that it also holds the parser functions a scan compiles on
 * first use. Should making it fail, the build still succeeds: scans are then only slower.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COPIED = ['typescript.cjs', 'typescript.d.cts', 'typescript-loader.cjs'];

if (process.argv[2] === '--code-cache') {
  makeCodeCache();
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  run([tsc, '-p', join(root, 'tsconfig.build.json')]);
  for (const file of COPIED) copyFileSync(join(root, 'src', 'analyze', 'js', file), join(root, 'dist', 'analyze', 'js', file));
  // A process of its own: the flags must be set before the compiler is compiled.
  const cache = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--code-cache'], { stdio: 'inherit' });
  if (cache.status !== 0) console.error('build: no TypeScript code cache was made (scans will be slower); see the error above.');
}

function run(args) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function makeCodeCache() {
  const { setFlagsFromString } = await import('node:v8');
  const { CLI_V8_FLAGS } = await import(pathToFileURL(join(root, 'dist', 'v8-flags.js')).href);
  for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
  const require = createRequire(import.meta.url);
  const { CACHE_FILE, compileTypeScript } = require(join(root, 'dist', 'analyze', 'js', 'typescript-loader.cjs'));
  const { ts, script, header } = compileTypeScript({ useCache: false });
  let files = 0;
  for (const path of sourceFiles([join(root, 'src'), join(root, 'fixtures')])) {
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(ts, path));
    const visit = (node) => {
      node.getStart(source);
      ts.forEachChild(node, visit);
    };
    visit(source);
    source.getLineAndCharacterOfPosition(text.length);
    files++;
  }
  const data = script.createCachedData();
  writeFileSync(CACHE_FILE, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), data]));
  console.log(`build: TypeScript code cache, ${(data.length / 1e6).toFixed(1)} MB after parsing ${files} files`);
}

function* sourceFiles(dirs) {
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && /\.[cm]?[jt]sx?$/.test(entry.name)) yield join(entry.parentPath ?? entry.path, entry.name);
    }
  }
}

function scriptKind(ts, path) {
  const ext = extname(path);
  if (ext.endsWith('x')) return ext.startsWith('.t') ? ts.ScriptKind.TSX : ts.ScriptKind.JSX;
  return ext.includes('t') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}
