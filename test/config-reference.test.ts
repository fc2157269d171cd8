/**
 * The README's configuration reference is generated from the code (`npm run docs:config`):
 * it must match, and the schema it is generated from must match what the code does.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, defaultConfig, loadConfig } from '../src/config.js';
import { buildProgram } from '../src/cli.js';
import { CLI_OPTIONS_END, CLI_OPTIONS_START, REFERENCE_END, REFERENCE_START, renderCliOptions, renderConfigReference, withConfigReference } from '../src/config-reference.js';
import { knownRules } from '../src/rules/catalog.js';
import { RULE_OPTIONS } from '../src/rules/options.js';
import { DEFAULT_MAX_FILE_SIZE } from '../src/scan.js';

const repoRoot = join(import.meta.dirname, '..');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('configuration reference', () => {
  it('in the README is the generated one (run `npm run docs:config` after changing the schema)', () => {
    const start = readme.indexOf(REFERENCE_START);
    const end = readme.indexOf(REFERENCE_END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(readme.slice(start + REFERENCE_START.length + 1, end)).toBe(renderConfigReference());
    expect(withConfigReference(readme)).toBe(readme);
  });

  it('has the generated command-line options table, with every flag of the CLI', () => {
    const start = readme.indexOf(CLI_OPTIONS_START);
    const end = readme.indexOf(CLI_OPTIONS_END);
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start + CLI_OPTIONS_START.length + 1, end)).toBe(renderCliOptions());
    for (const option of buildProgram().options) expect(renderCliOptions()).toContain(`| \`${option.flags}\` |`);
    expect(renderCliOptions()).toContain('`text`, `json`, `sarif`, `markdown`, `codequality`');
  });

  it('lists every top-level key, every rule and every rule option', () => {
    const reference = renderConfigReference();
    for (const spec of CONFIG_KEYS) expect(reference).toContain(`| \`${spec.key}\` |`);
    for (const id of knownRules().keys()) expect(reference).toContain(`| \`${id}\` |`);
    for (const [rule, options] of Object.entries(RULE_OPTIONS)) {
      for (const name of Object.keys(options)) expect(reference).toContain(`| \`${rule}\` | \`${name}\` |`);
    }
  });

  it('documents exactly the keys the config validator accepts', () => {
    const source = readFileSync(join(repoRoot, 'src', 'config.ts'), 'utf8');
    const validator = source.slice(source.indexOf('function validateConfig('), source.indexOf('function validateRules('));
    const handled = [...validator.matchAll(/case '([^']+)':/g)].map((match) => match[1]);
    expect(handled.sort()).toEqual(CONFIG_KEYS.map((spec) => spec.key).sort());
  });

  it('states the defaults the code uses', () => {
    const defaults = Object.fromEntries(CONFIG_KEYS.map((spec) => [spec.key, spec.default]));
    expect(defaults.maxFileSize).toBe(DEFAULT_MAX_FILE_SIZE);
    expect(defaults.testSeverity).toBe(defaultConfig(knownRules()).testSeverity);
    expect(defaults.minSeverity).toBe('note');
    // failOn: the CLI's fallback when neither the flag nor the config sets it.
    const cli = readFileSync(join(repoRoot, 'src', 'cli.ts'), 'utf8');
    expect(cli).toContain(`options.failOn ?? config.failOn ?? '${String(defaults.failOn)}'`);
  });

  it('is what the script writes, and the script can check it', () => {
    const check = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'config-reference.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('rejects a README without the markers', () => {
    expect(() => withConfigReference('# no markers\n')).toThrow(/markers/);
  });
});
