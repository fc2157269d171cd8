/**
 * The V8 flags the CLI sets before anything runs (bin/jwt-lint.js). The build makes the
 * TypeScript code cache under the same flags (scripts/build.mjs): V8 refuses cached code made
 * under other flags. The library API leaves V8's defaults alone.
 *
 * `--liftoff-only`: WebAssembly (the tree-sitter grammars) as baseline Liftoff code only. With
 * tier-up, V8 recompiles a grammar's lexer, one huge function, in the background, and Node
 * waits for that compile whenever the event loop runs dry, mid-scan or at exit: about 0.9 s
 * once per run (measured on the benchmark corpus and on jwt-lint's own fixtures). Liftoff
 * code parses a 1 MB Python file about 1.3x slower, far less than that wait.
 */
export const CLI_V8_FLAGS: readonly string[] = ['--liftoff-only'];
