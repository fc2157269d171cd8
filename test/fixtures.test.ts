/**
 * The fixture harness: runs the real scanner over each `fixtures/<dir>/` and compares the
 * exact set of (file, line, rule) with the expectations written inline in the samples.
 * Nothing missing, nothing extra; files without expectations must stay clean.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import fg from 'fast-glob';
import { defaultConfig } from '../src/config.js';
import { knownRules } from '../src/rules/catalog.js';
import { scan } from '../src/scan.js';
import { readExpectations } from './helpers/expectations.js';

const repoRoot = join(import.meta.dirname, '..');
const fixturesDir = join(repoRoot, 'fixtures');
const known = knownRules();
const dirs = readdirSync(fixturesDir).filter((name) => statSync(join(fixturesDir, name)).isDirectory()).sort();

async function actualFindings(dir: string): Promise<string[]> {
  const config = defaultConfig(known);
  // A rule that is off by default is switched on in its own fixture folder.
  const own = config.rules.get(dir);
  if (own) own.enabled = true;
  const result = await scan({ targets: [join(fixturesDir, dir)], root: repoRoot, config, useGitignore: false });
  expect(result.skipped.filter((s) => !s.reason.startsWith('larger'))).toEqual([]);
  return result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`).sort();
}

describe('fixtures', () => {
  it('has a folder for every rule', () => {
    const missing = [...known.keys()].filter((id) => !dirs.includes(id));
    expect(missing).toEqual([]);
  });

  for (const dir of dirs) {
    it(`${dir}: findings match the inline expectations exactly`, async () => {
      const files = await fg('**/*', { cwd: join(fixturesDir, dir), dot: true, absolute: true });
      const expected = files
        .flatMap((file) => readExpectations(file, relative(repoRoot, file).split('\\').join('/')))
        .sort();
      expect(await actualFindings(dir)).toEqual(expected);
    });

    it(`${dir}: has bad samples that fire and good samples that stay clean`, async () => {
      const files = await fg('**/*', { cwd: join(fixturesDir, dir), dot: true, absolute: true });
      const withExpectations = files.filter((file) => readExpectations(file, file).length > 0);
      const good = files.filter((file) => /(^|[/\\])(good|safe)[^/\\]*$/i.test(file));
      expect(withExpectations.length).toBeGreaterThan(0);
      expect(good.length).toBeGreaterThan(0);
      for (const file of good) expect(readExpectations(file, file)).toEqual([]);
    });
  }
});
