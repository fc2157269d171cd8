/** What the Python rules share about one file: value resolution and JWT library calls. */
import type { ProjectFile, TreeProject, TreeSource } from '../tree/analyzer.js';
import type { SyntaxFile } from '../tree/syntax.js';

export class PythonFacts {
  constructor(
    readonly syntax: SyntaxFile,
    readonly source: TreeSource,
    readonly project: TreeProject<PythonFacts>,
  ) {}

  /** Another file of the scan, parsed, with its facts. */
  other(absPath: string): ProjectFile<PythonFacts> | undefined {
    return this.project.file(absPath);
  }
}
