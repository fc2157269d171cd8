/** What the Java rules share about one file: value resolution and JWT library calls. */
import type { ProjectFile, TreeProject, TreeSource } from '../tree/analyzer.js';
import type { SyntaxFile } from '../tree/syntax.js';
import { JavaClasses } from './classes.js';
import { JavaLibraries } from './libraries.js';
import { JavaValues } from './values.js';

export class JavaFacts {
  readonly classes: JavaClasses;
  readonly values: JavaValues;
  private libraryFacts: JavaLibraries | undefined;

  constructor(
    readonly syntax: SyntaxFile,
    readonly source: TreeSource,
    readonly project: TreeProject<JavaFacts>,
  ) {
    this.classes = new JavaClasses(this);
    this.values = new JavaValues(syntax, this.classes);
  }

  /** JWT library calls and key uses of this file, recognised once on first use. */
  get libraries(): JavaLibraries {
    this.libraryFacts ??= new JavaLibraries(this);
    return this.libraryFacts;
  }

  /** Another file of the scan, parsed, with its facts. */
  other(absPath: string): ProjectFile<JavaFacts> | undefined {
    return this.project.file(absPath);
  }
}
