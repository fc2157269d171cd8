/**
 * Every regular expression written in src/ (regex literals, and `new RegExp` / `RegExp` with
 * literal patterns), found with the TypeScript parser, must run in near-linear time on long
 * adversarial inputs: repetitions of characters that commonly feed nested quantifiers, and of
 * the literal fragments of the pattern itself, each followed by a character that forces a
 * failed match. Scanned files are hostile, and a regex that backtracks catastrophically would
 * hang a scan on one crafted line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');
/** Characters of each adversarial run. */
const LENGTH = 50_000;
/**
 * Milliseconds per MB of input. Linear patterns need well under a second per MB even with a
 * match at every character; a quadratic one needs seconds on these 50 KB, an exponential one years.
 */
const BUDGET_MS_PER_MB = 10_000;
const SUFFIXES = ['!', '\n'];
const COMMON_RUNS = ['a', 'A', '0', ' ', '\t', '-', '_', '=', '.', ',', ':', '/', '\\', '"', "'", '`', '(', '[', '{', '<',
  'eyJ', 'eyJa.', 'a.', 'a-', 'a=', 'a ', '= ', '/*', '"a', "'a", 'a@', '%2', '\\"', '0.', '-a', 'Bearer ', 'secret_'];

/**
 * Patterns that are quadratic on long input, and the bound on their input at every call
 * site (checked here at that length). Keep this list short: prefer a linear pattern.
 */
const BOUNDED_INPUTS = new Map<string, { length: number; why: string }>([
  ['\\s+(?=[.;*])|(?<=\\.)\\s+', { length: 1000, why: 'Java import declarations longer than 1000 chars are skipped' }],
  ['([A-Z]+)([A-Z][a-z])', { length: 200, why: 'nameWords() cuts names to 200 chars' }],
  ['(\\w+)\\)?$', { length: 200, why: 'claim labels are cut to their last 200 chars' }],
  ['\\s*(?:in JSON )?at position \\d+.*$', { length: 200, why: "V8's JSON.parse messages (under 100 chars)" }],
  [', ".*" is not valid JSON$', { length: 200, why: "V8's JSON.parse messages (under 100 chars)" }],
  ['(^|\\/)pages\\/api\\/|(^|\\/)app\\/(?:.*\\/)?route\\.[cm]?[jt]sx?$|(^|\\/)middleware\\.[cm]?[jt]s$|(^|\\/)\\+server\\.[cm]?[jt]s$',
    { length: 4096, why: 'file paths (PATH_MAX)' }],
]);

interface FoundRegex {
  where: string;
  regex: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Regex literals and RegExp constructions with literal arguments, with their location. */
function collectRegexes(): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const path of sourceFiles(SRC)) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${relative(SRC, path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const text = node.text;
        const slash = text.lastIndexOf('/');
        found.push({ where: where(node), regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) &&
                 node.expression.text === 'RegExp' && node.arguments?.[0] && ts.isStringLiteralLike(node.arguments[0])) {
        const flags = node.arguments[1] && ts.isStringLiteralLike(node.arguments[1]) ? node.arguments[1].text : '';
        found.push({ where: where(node), regex: new RegExp(node.arguments[0].text, flags) });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** The literal fragments of a pattern (`Bearer `, `eyJ`, `secret`), to repeat as adversarial input. */
function literalFragments(source: string): string[] {
  const fragments = source
    .replace(/\\[dDwWsSbB]/g, ' ')
    .replace(/\\(.)/g, '$1')
    .split(/[()[\]{}|?*+^$]+/)
    .map((part) => part.slice(0, 12))
    .filter((part) => part.length > 0);
  return [...new Set(fragments)].slice(0, 8);
}

function adversarialInputs(regex: RegExp): string[] {
  const runs = [...COMMON_RUNS, ...literalFragments(regex.source)];
  const length = BOUNDED_INPUTS.get(regex.source)?.length ?? LENGTH;
  const inputs: string[] = [];
  for (const run of runs) {
    const body = run.repeat(Math.ceil(length / run.length)).slice(0, length);
    for (const suffix of SUFFIXES) inputs.push(body + suffix);
  }
  return inputs;
}

/** Runs the regex as the product does: every match of a global scan, one search, or one sticky match. */
function exercise(regex: RegExp, input: string): void {
  if (regex.sticky) {
    regex.lastIndex = 0;
    regex.exec(input); // a tokenizer: one attempt at the current position
    return;
  }
  const flags = regex.flags.includes('g') ? regex.flags : `${regex.flags}g`;
  const global = new RegExp(regex.source, flags);
  let matches = 0;
  for (let match = global.exec(input); match && matches < 100_000; match = global.exec(input)) {
    matches++;
    if (match[0].length === 0) global.lastIndex++;
  }
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

const regexes = collectRegexes();

describe('regex safety', () => {
  it('finds the regular expressions of the product, and every bounded one still exists', () => {
    expect(regexes.length).toBeGreaterThan(50);
    const sources = new Set(regexes.map((r) => r.regex.source));
    for (const source of BOUNDED_INPUTS.keys()) expect(sources.has(source), source).toBe(true);
    expect(regexes.some((r) => r.where.startsWith('analyze/text/'))).toBe(true);
  });

  it('runs every regex in near-linear time on long adversarial inputs', () => {
    const slow: string[] = [];
    for (const { where, regex } of regexes) {
      for (const input of adversarialInputs(regex)) {
        // Bounded inputs are short: a floor of 50ms keeps timer noise out; a slow run is retried
        // once, as other processes may share the machine.
        const budget = Math.max(50, (BUDGET_MS_PER_MB * input.length) / 1_000_000);
        let elapsed = timed(() => exercise(regex, input));
        if (elapsed > budget) elapsed = Math.min(elapsed, timed(() => exercise(regex, input)));
        if (elapsed > budget) {
          slow.push(`${where} /${regex.source}/ took ${elapsed.toFixed(0)}ms on ${JSON.stringify(input.slice(0, 12))}…`);
          break;
        }
      }
    }
    expect(slow).toEqual([]);
  }, 120_000);
});
