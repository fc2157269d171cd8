#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// WebAssembly (the tree-sitter grammars) as baseline Liftoff code only, set before anything
// runs. With tier-up, V8 recompiles a grammar's lexer, one huge function, in the background,
// and Node waits for that compile whenever the event loop runs dry, mid-scan or at exit:
// about 0.9 s once per run (measured on the benchmark corpus and on jwt-lint's own fixtures).
// Liftoff code parses a 1 MB Python file about 1.3x slower, far less than that wait. The CLI
// owns its process; the library API leaves V8's defaults alone.
setFlagsFromString('--liftoff-only');

const { main } = await import('../dist/cli.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
