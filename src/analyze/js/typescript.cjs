/**
 * The TypeScript compiler API that ts-morph bundles (the `ts` of `import { ts } from 'ts-morph'`),
 * loaded through `require`. An ES module's import of a CommonJS package first has Node scan
 * the package's source for its export names; from here, the 1 MB of ts-morph is not scanned,
 * which takes about 0.1 s off every scan that parses JS/TS. Types: typescript.d.cts. The build
 * copies both files to dist/ (TypeScript compiles no .cjs sources).
 */
'use strict';

// Not `module.exports = require(...)`: Node would take that for a re-export and scan ts-morph after all.
const tsMorph = require('ts-morph');

module.exports = tsMorph.ts;
