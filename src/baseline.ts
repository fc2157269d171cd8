/**
 * Baselines: accept the findings a project has today and report only new ones.
 *
 * `--write-baseline FILE` records one entry per finding:
 *   - `ruleId` and `file` (relative to the scan root);
 *   - `code`: a hash of the flagged line as the report shows it (whitespace collapsed,
 *     every secret and token masked). Only the hash is stored, never the line, so the
 *     baseline file can be committed without carrying a secret, even a masked one;
 *   - `occurrence`: the finding's index, in line order, among findings with the same rule,
 *     file and code, so that two identical flagged lines are two entries;
 *   - `line`: where it was when recorded. A hint for people pruning the file; never matched.
 *
 * `--baseline FILE` matches findings to entries in two passes:
 *   1. same rule, file, code and occurrence: the line number plays no part, so findings
 *      survive code moving up or down;
 *   2. a moved or renamed file: an entry whose file no longer exists matches a remaining
 *      finding with the same rule and code in any file (unchanged code, new place).
 * Entries that match nothing and whose file was in the scan's scope are stale: the finding
 * was fixed or the code changed. They are counted so the file can be pruned (rewrite it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Finding } from './types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  file: string;
  code: string;
  occurrence: number;
  line?: number;
}

export interface BaselineMatch {
  /** Findings that are not in the baseline: the ones to report. */
  newFindings: Finding[];
  /** How many findings the baseline accepted. */
  matched: number;
  /** Entries in scope that matched no finding. */
  stale: BaselineEntry[];
}

export interface BaselineScope {
  /** Whether a file (relative to the scan root) exists now; decides whether pass 2 may use an entry. */
  fileExists: (file: string) => boolean;
  /** Whether the scan looked at this file, so an unmatched entry for it is stale. Default: every file. */
  inScope?: (file: string) => boolean;
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** The flagged line as the report shows it, whitespace collapsed, hashed. */
export function codeFingerprint(finding: Finding): string {
  const code = (finding.snippet ?? finding.message).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${finding.ruleId}\0${code}`).digest('hex').slice(0, 20);
}

/** One entry per finding, with occurrences numbered in line order. */
export function baselineEntries(findings: readonly Finding[]): BaselineEntry[] {
  return withEntries(findings).map(({ entry }) => entry);
}

/** Findings in line order, each with its entry. */
function withEntries(findings: readonly Finding[]): Array<{ finding: Finding; entry: BaselineEntry }> {
  const ordered = [...findings].sort((a, b) =>
    compare(a.file, b.file) || a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column || compare(a.ruleId, b.ruleId));
  const occurrences = new Map<string, number>();
  return ordered.map((finding) => {
    const code = codeFingerprint(finding);
    const key = `${finding.ruleId}\0${finding.file}\0${code}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return { finding, entry: { ruleId: finding.ruleId, file: finding.file, code, occurrence, line: finding.range.start.line } };
  });
}

/** The baseline file's content: JSON, one entry per line for readable diffs. */
export function renderBaseline(findings: readonly Finding[]): string {
  const entries = baselineEntries(findings).map((entry) => `    ${JSON.stringify(entry)}`);
  return `{\n  "jwtLintBaseline": ${BASELINE_VERSION},\n  "entries": [\n${entries.join(',\n')}${entries.length > 0 ? '\n' : ''}  ]\n}\n`;
}

/** Reads and checks a baseline file; throws `BaselineError` naming the file and the problem. */
export function readBaseline(path: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(`--baseline ${JSON.stringify(path)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseBaseline(text, path);
}

export function parseBaseline(text: string, label: string): BaselineEntry[] {
  const fail = (problem: string): never => {
    throw new BaselineError(`--baseline ${JSON.stringify(label)}: ${problem}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    fail('not valid JSON (write one with --write-baseline)');
  }
  const root = data as { jwtLintBaseline?: unknown; entries?: unknown };
  if (typeof data !== 'object' || data === null || root.jwtLintBaseline === undefined) fail('not a jwt-lint baseline (write one with --write-baseline)');
  if (root.jwtLintBaseline !== BASELINE_VERSION) fail(`unsupported baseline version ${JSON.stringify(root.jwtLintBaseline)}; expected ${BASELINE_VERSION}`);
  if (!Array.isArray(root.entries)) fail('"entries" must be an array');
  return (root.entries as unknown[]).map((entry, index) => {
    const e = entry as Partial<BaselineEntry> | null;
    if (typeof e !== 'object' || e === null || typeof e.ruleId !== 'string' || typeof e.file !== 'string' ||
        typeof e.code !== 'string' || typeof e.occurrence !== 'number') {
      return fail(`entries[${index}]: expected { ruleId, file, code, occurrence }`);
    }
    return { ruleId: e.ruleId, file: e.file, code: e.code, occurrence: e.occurrence, ...(typeof e.line === 'number' ? { line: e.line } : {}) };
  });
}

/** Splits findings into new ones and ones the baseline accepts; see the module comment. */
export function applyBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[], scope: BaselineScope): BaselineMatch {
  const exactKey = (e: BaselineEntry): string => `${e.ruleId}\0${e.file}\0${e.code}\0${e.occurrence}`;
  const movedKey = (e: BaselineEntry): string => `${e.ruleId}\0${e.code}`;
  const unmatched = new Set(entries);
  const byExactKey = new Map<string, BaselineEntry>();
  for (const entry of entries) if (!byExactKey.has(exactKey(entry))) byExactKey.set(exactKey(entry), entry);

  const remaining: Array<{ finding: Finding; entry: BaselineEntry }> = [];
  for (const item of withEntries(findings)) {
    const hit = byExactKey.get(exactKey(item.entry));
    if (hit && unmatched.has(hit)) unmatched.delete(hit);
    else remaining.push(item);
  }

  // Pass 2: entries of files that are gone, for unchanged code that now lives elsewhere.
  const movedEntries = new Map<string, BaselineEntry[]>();
  for (const entry of unmatched) {
    if (scope.fileExists(entry.file)) continue;
    const list = movedEntries.get(movedKey(entry)) ?? [];
    list.push(entry);
    movedEntries.set(movedKey(entry), list);
  }
  const fresh = new Set<Finding>();
  for (const { finding, entry } of remaining) {
    const moved = movedEntries.get(movedKey(entry))?.shift();
    if (moved) unmatched.delete(moved);
    else fresh.add(finding);
  }

  const inScope = scope.inScope ?? (() => true);
  return {
    newFindings: findings.filter((finding) => fresh.has(finding)),
    matched: findings.length - fresh.size,
    stale: [...unmatched].filter((entry) => inScope(entry.file)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
