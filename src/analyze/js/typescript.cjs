/**
 * The TypeScript compiler API that ts-morph bundles (the `ts` of `import { ts } from 'ts-morph'`),
 * loaded by typescript-loader.cjs: from its own file, with V8's code cache, and without the
 * rest of ts-morph (4 MB this scanner does not use). CommonJS, so that ES modules import it
 * without Node scanning a package's source for export names. Types: typescript.d.cts. The
 * build copies these files to dist/ (TypeScript compiles no .cjs sources).
 */
'use strict';

module.exports = require('./typescript-loader.cjs').loadTypeScript().ts;
