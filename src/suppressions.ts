/**
 * Inline suppressions:
 *
 * ```
 * // jwt-lint-disable-next-line weak-secret, jwt-literal -- test key, never deployed
 * const token = jwt.sign(p, 'dev-key'); // jwt-lint-disable-line weak-secret -- local only
 * ```
 *
 * The directive may sit in a `//`, `/* *\/`, `#` or `<!-- -->` comment on one line. No
 * ids means every rule. A reason after `--` is required: a directive without one still
 * suppresses (so builds do not flip when it is added), but it is reported as an
 * `invalid-suppression` finding, as is every unknown rule id (which suppresses nothing).
 */
import { closestMatch } from './config.js';
import type { Finding } from './types.js';

export const INVALID_SUPPRESSION_RULE_ID = 'invalid-suppression';

export interface SuppressionDirective {
  /** 1-based line of the comment. */
  line: number;
  /** The line whose findings it suppresses. */
  appliesToLine: number;
  kind: 'next-line' | 'line';
  /** Empty means every rule. */
  ruleIds: string[];
  reason?: string;
  /** 1-based column where the comment starts. */
  column: number;
  /** 1-based column just after the directive (exclusive, as in SARIF). */
  endColumn: number;
}

/**
 * A comment opener at the start of the line or after whitespace, `;`, `,`, `{` or `(`
 * (so `http://` or a directive quoted in a string or in Markdown backticks is not one),
 * then the directive name followed by whitespace or the end of the comment.
 */
const DIRECTIVE = /(?<![^\s;,{(])(\/\/+|\/\*+|#+|<!--)\s*jwt-lint-disable-(next-line|line)(?=\s|$|\*\/|-->)(.*)$/;

export function parseSuppressions(text: string): SuppressionDirective[] {
  if (!text.includes('jwt-lint-disable')) return [];
  const directives: SuppressionDirective[] = [];
  // The same line breaks as findings use: LF, CRLF and a lone CR.
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((lineText, index) => {
    if (!lineText.includes('jwt-lint-disable')) return;
    const match = DIRECTIVE.exec(lineText);
    if (!match) return;
    const [whole, opener = '', kind, rest = ''] = match;
    const start = match.index;
    const restStart = start + whole.length - rest.length;
    const closer = opener.startsWith('/*') ? '*/' : opener === '<!--' ? '-->' : undefined;
    const closeAt = closer ? rest.indexOf(closer) : -1;
    const body = closeAt === -1 ? rest : rest.slice(0, closeAt);
    // A block comment ends at its closer; a line comment (or an unclosed block) at the line end.
    const end = closeAt === -1 ? start + whole.trimEnd().length : restStart + closeAt + closer!.length;

    const separator = /(?:^|\s)--(?:\s|$)/.exec(body);
    const idText = separator ? body.slice(0, separator.index) : body;
    const reason = separator ? body.slice(separator.index + separator[0].length).trim() : '';
    const line = index + 1;
    directives.push({
      line,
      appliesToLine: kind === 'next-line' ? line + 1 : line,
      kind: kind === 'next-line' ? 'next-line' : 'line',
      ruleIds: [...new Set(idText.split(/[\s,]+/).filter(Boolean))],
      ...(reason ? { reason } : {}),
      column: start + 1,
      endColumn: end + 1,
    });
  });
  return directives;
}

/**
 * Drops the findings that a directive of their file covers (matched on the finding's start
 * line) and reports malformed directives as `invalid-suppression` findings.
 */
export function applySuppressions(
  findings: Finding[],
  directivesByFile: Map<string, SuppressionDirective[]>,
  knownRuleIds: Set<string>,
): { kept: Finding[]; suppressed: number; problems: Finding[] } {
  const problems: Finding[] = [];
  /** file -> line -> rule ids suppressed there ('*' = all). */
  const covered = new Map<string, Map<number, Set<string>>>();

  for (const [file, directives] of directivesByFile) {
    const byLine = new Map<number, Set<string>>();
    covered.set(file, byLine);
    for (const directive of directives) {
      problems.push(...checkDirective(file, directive, knownRuleIds));
      const ids = byLine.get(directive.appliesToLine) ?? new Set<string>();
      if (directive.ruleIds.length === 0) ids.add('*');
      for (const id of directive.ruleIds) if (knownRuleIds.has(id)) ids.add(id);
      byLine.set(directive.appliesToLine, ids);
    }
  }

  const kept = findings.filter((finding) => {
    const ids = covered.get(finding.file)?.get(finding.range.start.line);
    return !(ids && (ids.has('*') || ids.has(finding.ruleId)));
  });
  return { kept, suppressed: findings.length - kept.length, problems };
}

function checkDirective(file: string, directive: SuppressionDirective, knownRuleIds: Set<string>): Finding[] {
  const problem = (message: string, fix: string): Finding => ({
    ruleId: INVALID_SUPPRESSION_RULE_ID,
    severity: 'low',
    file,
    range: {
      start: { line: directive.line, column: directive.column },
      end: { line: directive.line, column: directive.endColumn },
    },
    message,
    fix,
    engine: 'pattern',
  });
  const problems: Finding[] = [];
  for (const id of directive.ruleIds) {
    if (knownRuleIds.has(id)) continue;
    const suggestion = closestMatch(id, knownRuleIds);
    problems.push(
      suggestion
        ? problem(`Suppression names unknown rule "${id}" (did you mean "${suggestion}"?)`, `Replace "${id}" with "${suggestion}".`)
        : problem(`Suppression names unknown rule "${id}"`, 'Use the id of an existing jwt-lint rule, or remove the directive.'),
    );
  }
  if (directive.reason === undefined) {
    const what = directive.ruleIds.length === 0 ? 'all rules' : directive.ruleIds.map((id) => `"${id}"`).join(', ');
    const example = [`jwt-lint-disable-${directive.kind}`, directive.ruleIds.join(', '), '-- test key, never deployed']
      .filter(Boolean)
      .join(' ');
    problems.push(
      problem(`Suppression of ${what} has no reason; add one after "--"`, `Say why the finding is acceptable, e.g. "${example}".`),
    );
  }
  return problems;
}
