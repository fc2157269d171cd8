/** The rule catalog has one source: the pages in rules/. Code, README and pages must agree. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JS_RULES } from '../src/rules/js/index.js';
import { loadRuleDocs } from '../src/rules/docs.js';
import { RULE_OPTIONS } from '../src/rules/options.js';
import { INVALID_SUPPRESSION_RULE_ID } from '../src/suppressions.js';

const repoRoot = join(import.meta.dirname, '..');
const docs = loadRuleDocs();
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
/** The product catalog lives beside the repository in the team's workspace; absent in a plain clone. */
const catalogPath = join(repoRoot, '..', 'shared', 'RULES.md');

/** Rules implemented outside src/rules/js: the seed pattern engine and the suppression filter. */
const NON_AST_RULES = new Set(['jwt-literal', INVALID_SUPPRESSION_RULE_ID]);

describe('rule documentation', () => {
  it('has a page for every rule module and a rule for every page', () => {
    const implemented = new Set([...JS_RULES.map((rule) => rule.id), ...NON_AST_RULES]);
    expect([...docs.keys()].filter((id) => !implemented.has(id))).toEqual([]);
    expect([...implemented].filter((id) => !docs.has(id))).toEqual([]);
    expect(new Set(JS_RULES.map((rule) => rule.id)).size).toBe(JS_RULES.length);
  });

  it('gives every page the sections users rely on', () => {
    for (const doc of docs.values()) {
      expect(doc.body, doc.id).toMatch(/^## Why it matters$/m);
      expect(doc.body, doc.id).toMatch(/^### Bad$/m);
      expect(doc.body, doc.id).toMatch(/^### Good$/m);
      expect(doc.body, doc.id).toMatch(/^## How to fix$/m);
      expect(doc.cwe.length, doc.id).toBeGreaterThan(0);
      expect(doc.summary.length, doc.id).toBeLessThanOrEqual(120);
    }
  });

  it('documents every rule option on its page', () => {
    for (const [id, options] of Object.entries(RULE_OPTIONS)) {
      expect(docs.has(id), id).toBe(true);
      for (const name of Object.keys(options)) expect(docs.get(id)!.body, `${id}.${name}`).toContain(name);
    }
  });

  it('lists every rule with its severity in the README', () => {
    for (const doc of docs.values()) {
      expect(readme).toContain(`| [\`${doc.id}\`](rules/${doc.id}.md) | ${doc.severity} |`);
    }
  });

  it.skipIf(!existsSync(catalogPath))('keeps the severities of the catalog in RULES.md', () => {
    const catalog = readFileSync(catalogPath, 'utf8');
    for (const match of catalog.matchAll(/^\| `([a-z-]+)` \| (critical|high|medium|low|note) \|/gm)) {
      expect(docs.get(match[1]!)?.severity, match[1]).toBe(match[2]);
    }
  });
});
