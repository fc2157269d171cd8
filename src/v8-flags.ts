/**
 * The V8 flags the CLI sets before anything runs (bin/jwt-lint.js). The build makes the
 * TypeScript code cache under the same flags (scripts/build.mjs): V8 refuses cached code made
 * under other flags. The library API leaves V8's defaults alone.
 *
 * A scan is a short run through a lot of code, where V8's defaults for long-running servers
 * cost more than they bring (measured with `npm run bench` on 2 cores):
 *
 * - `--liftoff-only`: WebAssembly (the tree-sitter grammars) as baseline Liftoff code only.
 *   With tier-up, V8 recompiles a grammar's lexer, one huge function, in the background, and
 *   Node waits for that compile whenever the event loop runs dry, mid-scan or at exit: about
 *   0.9 s once per run. Liftoff code parses a 1 MB Python file about 1.3x slower, far less
 *   than that wait.
 * - `--interrupt-budget=200000` (3x the default) and `--max-inlined-bytecode-size-cumulative=460`
 *   (half): functions are optimised a little later and with less inlining. With the defaults,
 *   optimising compiles took 1.6 s of CPU on the other core in a 2.4 s scan of the benchmark
 *   corpus, competing with the scan itself; with these, a scan takes 0.1-0.2 s less (corpus
 *   2.38 -> 2.21 s, doubled corpus 3.74 -> 3.62 s, jwt-lint's fixtures 1.32 -> 1.25 s, four
 *   files of 0.7-1 MB 2.64 -> 2.43 s) and about 20% less CPU, with the same findings.
 */
export const CLI_V8_FLAGS: readonly string[] = [
  '--liftoff-only',
  '--interrupt-budget=200000',
  '--max-inlined-bytecode-size-cumulative=460',
];
