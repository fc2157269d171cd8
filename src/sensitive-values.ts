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

  /** `file` is where the value is written (relative path, as in findings). */
  add(file: string, value: string): void {
    if (value.length < MIN_LENGTH) return;
    if (value.length >= MASK_EVERYWHERE_LENGTH) {
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
    return [...this.everywhere, ...(this.byFile.get(file) ?? [])].sort((a, b) => b.length - a.length);
  }
}
