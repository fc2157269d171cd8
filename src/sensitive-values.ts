/**
 * The secrets and tokens a scan has seen, so that every code frame masks them. Long values
 * are masked in every file; short ones (a weak `'jwt'`) only in the file that holds them,
 * so they do not mangle unrelated code elsewhere.
 */
const MASK_EVERYWHERE_LENGTH = 8;
const MIN_LENGTH = 3;

export class SensitiveValues {
  private readonly everywhere = new Set<string>();
  private readonly byFile = new Map<string, Set<string>>();
  /** `everywhere` as `forFile` gives it, kept until a value is added (every code frame reads it). */
  private everywhereWritten: string[] | undefined;

  /** `file` is where the value is written (relative path, as in findings). */
  add(file: string, value: string): void {
    if (value.length < MIN_LENGTH) return;
    if (value.length >= MASK_EVERYWHERE_LENGTH) {
      if (!this.everywhere.has(value)) this.everywhereWritten = undefined;
      this.everywhere.add(value);
      return;
    }
    let values = this.byFile.get(file);
    if (!values) this.byFile.set(file, (values = new Set()));
    values.add(value);
  }

  /** Every value seen, in any file: the link stage tries them as JWT secrets. */
  values(): Set<string> {
    return new Set([...this.everywhere, ...[...this.byFile.values()].flatMap((values) => [...values])]);
  }

  /** What to mask in a line of `file`, longest first so no secret is left half-masked. */
  forFile(file: string): string[] {
    this.everywhereWritten ??= asWritten(this.everywhere);
    const own = this.byFile.get(file);
    return own ? asWritten([...this.everywhere, ...own]) : this.everywhereWritten;
  }

  /** Whether `file` has values of its own (short ones), besides those masked everywhere. */
  hasOwnValues(file: string): boolean {
    return this.byFile.has(file);
  }
}

/**
 * Values and their escaped forms, longest first. Code frames show source text, where a value
 * holding a line break or a tab is written with escapes (a PEM key in a Java or JS string):
 * both forms are masked.
 */
function asWritten(values: Iterable<string>): string[] {
  const written = new Set<string>();
  for (const value of values) {
    written.add(value);
    written.add(escapedAsInSource(value));
  }
  return [...written].sort((a, b) => b.length - a.length);
}

/** A string value as a string literal of most languages writes it: `\\`, `\n`, `\r`, `\t`. */
function escapedAsInSource(value: string): string {
  if (!/[\\\n\r\t]/.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}
