/**
 * Inline expectations in fixture files, Semgrep-test style:
 *   jwt.verify(token, key); // expect: missing-algorithms, missing-audience
 *   # expect-next-line: weak-secret        (for lines that cannot carry a trailing comment)
 * A line is listed once per expected rule id.
 */
import { readFileSync } from 'node:fs';

const EXPECT = /(?:\/\/|#|<!--|\/\*)\s*expect(-next-line)?:\s*([a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)/;

export function readExpectations(absPath: string, relPath: string): string[] {
  const lines = readFileSync(absPath, 'utf8').split(/\r?\n/);
  const expected: string[] = [];
  lines.forEach((line, index) => {
    const match = EXPECT.exec(line);
    if (!match) return;
    const target = index + 1 + (match[1] ? 1 : 0);
    for (const id of match[2]!.split(',')) expected.push(`${relPath}:${target} ${id.trim()}`);
  });
  return expected.sort();
}
