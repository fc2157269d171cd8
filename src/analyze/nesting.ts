/**
 * A guard against code nested too deeply to parse. The TypeScript parser, the `yaml` parser
 * and the rule walks recurse once per level of brackets, and in a run of other files V8
 * aborted the whole process (not a catchable stack overflow) when a regular expression was
 * first compiled near the end of the stack. Files nested deeper than `MAX_NESTING` are
 * therefore skipped before any parser sees them. Measured: the JS/TS front end overflowed the
 * default stack between 600 and 1,000 nested brackets; real code, minified bundles included,
 * stays far below 500.
 */
export const MAX_NESTING = 500;

export const NESTED_TOO_DEEPLY = 'code nested too deeply to analyse';

export class NestedTooDeeply extends Error {
  constructor() {
    super(NESTED_TOO_DEEPLY);
    this.name = 'NestedTooDeeply';
  }
}

/**
 * Throws `NestedTooDeeply` when `(`, `[` and `{` open more than `MAX_NESTING` levels at some
 * point of the text. Brackets in strings and comments count too: only an unbalanced run of
 * hundreds of them could tip the count, and then the file is skipped with a note.
 */
export function checkNesting(text: string): void {
  if (text.length <= MAX_NESTING) return;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x28 || code === 0x5b || code === 0x7b) {
      if (++depth > MAX_NESTING) throw new NestedTooDeeply();
    } else if ((code === 0x29 || code === 0x5d || code === 0x7d) && depth > 0) {
      depth--;
    }
  }
}
