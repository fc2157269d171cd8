import { it } from 'vitest';
import { join } from 'node:path';
import { defaultConfig } from '../src/config.js';
import { knownRules } from '../src/rules/catalog.js';
import { scan } from '../src/scan.js';

it('prints findings (lifetime-client scratch)', async () => {
  const target = process.env.LC_TARGET ?? 'fixtures';
  const config = defaultConfig(knownRules());
  const result = await scan({ targets: [target], root: join(import.meta.dirname, '..'), config, useGitignore: false });
  const lines = result.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`);
  for (const s of result.skipped) lines.push(`SKIPPED ${s.file} ${s.reason}`);
  console.log('\n' + lines.join('\n'));
});
