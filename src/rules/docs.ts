/**
 * Rule metadata lives in one place: the front matter of `rules/<id>.md`.
 * `--list-rules`, the SARIF rule descriptors and the severities all come from here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSeverity, type RuleDoc } from '../types.js';

const PRECISIONS = ['very-high', 'high', 'medium', 'low'] as const;

/** `rules/` next to `dist/` (built) or `src/` (tests). */
export const RULE_DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

export function parseRuleDoc(text: string, fileName: string): RuleDoc {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${fileName}: missing front matter`);
  const fields = new Map<string, string>();
  for (const line of match[1]!.split(/\r?\n/)) {
    const kv = /^([a-z-]+):\s*(.*)$/.exec(line.trim());
    if (kv) fields.set(kv[1]!, kv[2]!.trim());
  }
  const need = (key: string): string => {
    const value = fields.get(key);
    if (!value) throw new Error(`${fileName}: front matter lacks "${key}"`);
    return value;
  };
  const severity = need('severity');
  if (!isSeverity(severity)) throw new Error(`${fileName}: unknown severity "${severity}"`);
  const precision = need('precision');
  if (!(PRECISIONS as readonly string[]).includes(precision)) {
    throw new Error(`${fileName}: unknown precision "${precision}"`);
  }
  const cwe = need('cwe')
    .split(',')
    .map((part) => Number(part.trim().replace(/^CWE-/i, '')))
    .filter((n) => Number.isInteger(n) && n > 0);
  return {
    id: need('id'),
    title: need('title'),
    severity,
    summary: need('summary'),
    cwe,
    precision: precision as RuleDoc['precision'],
    defaultEnabled: (fields.get('enabled') ?? 'true') !== 'false',
    body: match[2]!.trim(),
  };
}

let cache: Map<string, RuleDoc> | undefined;

/** All rule pages, keyed by id, sorted by id. Loaded once. */
export function loadRuleDocs(dir = RULE_DOCS_DIR): Map<string, RuleDoc> {
  if (cache && dir === RULE_DOCS_DIR) return cache;
  const docs = new Map<string, RuleDoc>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const doc = parseRuleDoc(readFileSync(join(dir, name), 'utf8'), name);
    if (`${doc.id}.md` !== name) throw new Error(`${name}: id "${doc.id}" does not match the file name`);
    docs.set(doc.id, doc);
  }
  if (dir === RULE_DOCS_DIR) cache = docs;
  return docs;
}
