import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Some suites hold whole fixture trees, fuzz cases and large generated files in one
    // process; a larger heap keeps a busy CI machine from running a fork out of memory.
    execArgv: ['--max-old-space-size=6144'],
  },
});
