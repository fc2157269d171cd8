#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { CLI_V8_FLAGS } from '../dist/v8-flags.js';

// Set before anything runs; why each: src/v8-flags.ts. The CLI owns its process.
for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);

const { main } = await import('../dist/cli.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
