import { describe, expect, it } from 'vitest';
import { applySuppressions, parseSuppressions, type SuppressionDirective } from '../src/suppressions.js';
import type { Finding } from '../src/types.js';

const KNOWN = new Set(['weak-secret', 'hardcoded-secret', 'jwt-literal', 'alg-none']);

function finding(ruleId: string, line: number, file = 'src/auth.ts'): Finding {
  return {
    ruleId,
    severity: 'high',
    file,
    range: { start: { line, column: 1 }, end: { line, column: 10 } },
    message: `${ruleId} at ${line}`,
    fix: 'fix it',
    engine: 'ast',
  };
}

describe('parseSuppressions', () => {
  it('returns nothing for text without directives', () => {
    expect(parseSuppressions('const a = 1;\n// eslint-disable-next-line\n')).toEqual([]);
  });

  it('parses next-line and same-line directives with ids and reasons', () => {
    const text = [
      'import jwt from "jsonwebtoken";',
      '// jwt-lint-disable-next-line weak-secret, hardcoded-secret -- test key, never deployed',
      'jwt.sign(p, "dev");',
      'jwt.sign(p, "x"); // jwt-lint-disable-line weak-secret -- local only',
    ].join('\n');
    expect(parseSuppressions(text)).toEqual([
      {
        line: 2,
        appliesToLine: 3,
        kind: 'next-line',
        ruleIds: ['weak-secret', 'hardcoded-secret'],
        reason: 'test key, never deployed',
        column: 1,
        endColumn: 88,
      },
      {
        line: 4,
        appliesToLine: 4,
        kind: 'line',
        ruleIds: ['weak-secret'],
        reason: 'local only',
        column: 19,
        endColumn: 69,
      },
    ]);
  });

  it('understands block, hash and HTML comments', () => {
    const text = [
      '/* jwt-lint-disable-next-line alg-none -- demo of the attack */ const x = 1;',
      'JWT_SECRET=changeme # jwt-lint-disable-line weak-secret -- local docker only',
      '  <!-- jwt-lint-disable-next-line jwt-literal -- sample token in docs -->',
      '{/* jwt-lint-disable-line jwt-literal -- JSX sample */}',
      '    # jwt-lint-disable-next-line -- whole line is a fixture',
    ].join('\r\n');
    const directives = parseSuppressions(text);
    expect(directives.map((d) => [d.line, d.kind, d.ruleIds, d.reason])).toEqual([
      [1, 'next-line', ['alg-none'], 'demo of the attack'],
      [2, 'line', ['weak-secret'], 'local docker only'],
      [3, 'next-line', ['jwt-literal'], 'sample token in docs'],
      [4, 'line', ['jwt-literal'], 'JSX sample'],
      [5, 'next-line', [], 'whole line is a fixture'],
    ]);
    // The block comment range ends at its closer, not at the end of the line.
    expect(directives[0]).toMatchObject({ column: 1, endColumn: 64 });
    expect(directives[2]).toMatchObject({ column: 3, endColumn: 74 });
  });

  it('leaves the reason undefined when it is missing or empty', () => {
    const directives = parseSuppressions('// jwt-lint-disable-next-line weak-secret\n# jwt-lint-disable-line alg-none --\n');
    expect(directives).toHaveLength(2);
    expect(directives[0]?.reason).toBeUndefined();
    expect(directives[0]?.ruleIds).toEqual(['weak-secret']);
    expect(directives[1]?.reason).toBeUndefined();
    expect(directives[1]?.ruleIds).toEqual(['alg-none']);
  });

  it('ignores the directive name outside a comment or inside another word', () => {
    const text = [
      'const doc = "`// jwt-lint-disable-next-line <id>`";',
      'const url = "http://jwt-lint-disable-line.example";',
      '// jwt-lint-disable-lines weak-secret -- typo in the name',
      'Write `# jwt-lint-disable-next-line weak-secret -- why` above the line.',
    ].join('\n');
    expect(parseSuppressions(text)).toEqual([]);
  });
});

describe('applySuppressions', () => {
  const directives = (text: string, file = 'src/auth.ts'): Map<string, SuppressionDirective[]> =>
    new Map([[file, parseSuppressions(text)]]);

  it('suppresses only the named rules on the target line of the same file', () => {
    const byFile = directives('// jwt-lint-disable-next-line weak-secret -- fixture\nline2\nline3 // jwt-lint-disable-line alg-none -- demo');
    const findings = [
      finding('weak-secret', 2),
      finding('hardcoded-secret', 2),
      finding('weak-secret', 3),
      finding('alg-none', 3),
      finding('weak-secret', 2, 'src/other.ts'),
    ];
    const result = applySuppressions(findings, byFile, KNOWN);
    expect(result.kept.map((f) => `${f.file}:${f.range.start.line}:${f.ruleId}`)).toEqual([
      'src/auth.ts:2:hardcoded-secret',
      'src/auth.ts:3:weak-secret',
      'src/other.ts:2:weak-secret',
    ]);
    expect(result.suppressed).toBe(2);
    expect(result.problems).toEqual([]);
  });

  it('suppresses every rule when no id is given', () => {
    const result = applySuppressions(
      [finding('weak-secret', 2), finding('jwt-literal', 2), finding('alg-none', 3)],
      directives('# jwt-lint-disable-next-line -- generated fixture'),
      KNOWN,
    );
    expect(result.kept.map((f) => f.ruleId)).toEqual(['alg-none']);
    expect(result.suppressed).toBe(2);
  });

  it('still suppresses without a reason but reports the directive', () => {
    const result = applySuppressions(
      [finding('weak-secret', 2)],
      directives('  // jwt-lint-disable-next-line weak-secret'),
      KNOWN,
    );
    expect(result.kept).toEqual([]);
    expect(result.suppressed).toBe(1);
    expect(result.problems).toEqual([
      {
        ruleId: 'invalid-suppression',
        severity: 'low',
        file: 'src/auth.ts',
        range: { start: { line: 1, column: 3 }, end: { line: 1, column: 44 } },
        message: 'Suppression of "weak-secret" has no reason; add one after "--"',
        fix: 'Say why the finding is acceptable, e.g. "jwt-lint-disable-next-line weak-secret -- test key, never deployed".',
        engine: 'pattern',
      },
    ]);
  });

  it('reports a reasonless suppression of all rules', () => {
    const result = applySuppressions([], directives('x // jwt-lint-disable-line'), KNOWN);
    expect(result.problems.map((p) => p.message)).toEqual(['Suppression of all rules has no reason; add one after "--"']);
  });

  it('reports unknown ids, which suppress nothing', () => {
    const result = applySuppressions(
      [finding('weak-secret', 2), finding('alg-none', 2)],
      directives('// jwt-lint-disable-next-line weak-secrt, totally-unknown-thing, alg-none -- fixture'),
      KNOWN,
    );
    expect(result.kept.map((f) => f.ruleId)).toEqual(['weak-secret']);
    expect(result.suppressed).toBe(1);
    expect(result.problems.map((p) => [p.ruleId, p.message, p.fix])).toEqual([
      ['invalid-suppression', 'Suppression names unknown rule "weak-secrt" (did you mean "weak-secret"?)', 'Replace "weak-secrt" with "weak-secret".'],
      ['invalid-suppression', 'Suppression names unknown rule "totally-unknown-thing"', 'Use the id of an existing jwt-lint rule, or remove the directive.'],
    ]);
  });

  it('does not widen a directive whose ids are all unknown into "all rules"', () => {
    const result = applySuppressions(
      [finding('weak-secret', 2)],
      directives('// jwt-lint-disable-next-line weak-secrt -- fixture'),
      KNOWN,
    );
    expect(result.kept).toHaveLength(1);
    expect(result.suppressed).toBe(0);
    expect(result.problems).toHaveLength(1);
  });
});
