#!/usr/bin/env node
// Rewrites the generated tables of README.md (configuration reference, command-line options)
// from the code: run `npm run docs:config`, which builds first. With --check, exits 1 instead
// of writing when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigReference } from '../dist/config-reference.js';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const current = readFileSync(readmePath, 'utf8');
const updated = withConfigReference(current);
if (process.argv.includes('--check')) {
  if (updated !== current) {
    console.error('README.md: the generated reference tables (configuration, command-line options) are stale; run `npm run docs:config`');
    process.exit(1);
  }
} else if (updated !== current) {
  writeFileSync(readmePath, updated);
  console.log('README.md: reference tables updated');
} else {
  console.log('README.md: reference tables are up to date');
}
