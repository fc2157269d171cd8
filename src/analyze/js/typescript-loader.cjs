/**
 * Loads the TypeScript compiler that ts-morph bundles (@ts-morph/common's dist/typescript.js,
 * the module ts-morph re-exports as `ts`), with V8's code cache when there is one for it.
 *
 * The compiler is 9 MB of JavaScript: compiling it takes about 0.15 s of every scan that
 * parses a JS/TS file, and compiling its parser's functions on first use most of another
 * 0.05 s. The build (scripts/build.mjs) runs the compiler over the project's own sources and
 * fixtures and saves what V8 compiled as `typescript.cache` next to this file; a scan then
 * deserialises that instead (about 0.02 s). The cache is made at build time and only read
 * here: it is as trusted as the rest of dist/, and nothing is written while scanning.
 *
 * It is used only for the compiler file it was made from: its header holds the file's
 * SHA-256 and the V8 version, and V8 itself refuses data made by another V8 version or under
 * other V8 flags (the CLI's flags: src/v8-flags.ts). Anything else (no cache, another
 * compiler file, a refused cache) is an ordinary, slower load.
 */
'use strict';

const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const CACHE_FILE = join(__dirname, 'typescript.cache');

/** The compiler file ts-morph loads. */
function compilerPath() {
  return Module.createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common/dist/typescript.js');
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The cache's header: which compiler file and V8 version its data was made for. */
function cacheHeader(sourceHash) {
  return { source: sourceHash, v8: process.versions.v8 };
}

/** The V8 data of a cache file when it was made for this compiler file and V8, else undefined. */
function readCachedData(cacheFile, sourceHash) {
  let bytes;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline === -1) return undefined;
  let header;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
  } catch {
    return undefined;
  }
  const expected = cacheHeader(sourceHash);
  if (header?.source !== expected.source || header?.v8 !== expected.v8) return undefined;
  return bytes.subarray(newline + 1);
}

/**
 * Compiles and runs the compiler module as Node's CommonJS loader would, and registers it in
 * `require.cache`, so that a later `require('ts-morph')` in this process reuses it.
 * `codeCache`: 'used', 'refused' (by V8), 'none' (no cache for this compiler file and V8),
 * 'off' (`useCache: false`) or 'already loaded' (by ts-morph, before this ran). `script` and
 * `header` are there to make a cache from.
 */
function compileTypeScript({ useCache = true, cacheFile = CACHE_FILE } = {}) {
  const path = compilerPath();
  const known = require.cache[path];
  if (known?.loaded) return { ts: known.exports, codeCache: 'already loaded' };
  const bytes = readFileSync(path);
  const sourceHash = sha256(bytes);
  const source = bytes.toString('utf8');
  const cachedData = useCache ? readCachedData(cacheFile, sourceHash) : undefined;
  const script = new Script(Module.wrap(source), { filename: path, cachedData });
  const compiled = new Module(path, module);
  compiled.filename = path;
  const moduleRequire = Module.createRequire(path);
  script.runInThisContext().call(compiled.exports, compiled.exports, moduleRequire, compiled, path, dirname(path));
  compiled.loaded = true;
  require.cache[path] = compiled;
  const codeCache = !useCache ? 'off' : cachedData === undefined ? 'none' : script.cachedDataRejected ? 'refused' : 'used';
  return { ts: compiled.exports, codeCache, script, header: cacheHeader(sourceHash) };
}

let loaded;

/**
 * The compiler, loaded once per process; through ts-morph itself should its package layout
 * ever differ from the one above.
 */
function loadTypeScript() {
  if (!loaded) {
    try {
      loaded = compileTypeScript();
    } catch {
      loaded = { ts: require('ts-morph').ts, codeCache: 'off' };
    }
  }
  return loaded;
}

module.exports = { CACHE_FILE, compileTypeScript, loadTypeScript };
