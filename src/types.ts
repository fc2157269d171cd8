/** Shared vocabulary of the pipeline: severities, findings, rule metadata, scan results. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 5,
  high: 4,
  medium: 3,
  low: 2,
  note: 1,
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** A 1-based line and column position in a file. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

/** A secondary place that explains a finding ("secret defined here", "token signed here"). */
export interface RelatedLocation {
  file: string;
  range: SourceRange;
  message: string;
}

/**
 * What a rule reports. The message must already be safe to print: any secret in it
 * is masked with `maskSecret` before the rule hands the finding over.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  range: SourceRange;
  message: string;
  /** What to do about it, one sentence. */
  fix: string;
  related?: RelatedLocation[];
  /** Where the finding came from: an AST rule or a seed text pattern. */
  engine: 'ast' | 'pattern';
  /** The flagged source line, with every known secret and token masked. Set by the scan. */
  snippet?: string;
}

/** A file the scan did not analyse, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Metadata of a rule, read from the front matter of `rules/<id>.md`. */
export interface RuleDoc {
  id: string;
  title: string;
  severity: Severity;
  summary: string;
  cwe: number[];
  precision: 'very-high' | 'high' | 'medium' | 'low';
  /** Off unless enabled in the config. */
  defaultEnabled: boolean;
  /** The Markdown body of the page (without front matter). */
  body: string;
}

export interface ScanStats {
  filesDiscovered: number;
  filesScanned: number;
  filesSkipped: number;
  durationMs: number;
  /** Files that passed the keyword prefilter (or were read to resolve an import). */
  filesAnalysed?: number;
  /** Threads that read and prefiltered the files (0: the main thread). */
  readWorkers?: number;
  /** The analysis worker read the back of the file list while the main thread read the front. */
  readSharedWithAnalysisWorker?: boolean;
  /** Python, Java, Go and config files were analysed on the analysis worker. */
  analysisWorker?: boolean;
  /** Wall time of each pipeline stage, in milliseconds (`--timing` prints them). */
  stageMs?: StageTimes;
}

export interface StageTimes {
  discover: number;
  /**
   * Reading the files and the keyword prefilter, as far as analysis did not hide it: the
   * workers read while the main thread analyses, so this is the time spent waiting for them.
   */
  read: number;
  /** Parsing and running the rules and seed patterns (main-thread time). */
  analyze: number;
  /** JWT literals against the tree's secrets and the word lists. */
  link: number;
  /** Dedupe, suppressions, config levels, severities and code frames. */
  filter: number;
}

export interface ScanResult {
  /** Absolute path all finding paths are relative to. */
  root: string;
  findings: Finding[];
  skipped: SkippedFile[];
  stats: ScanStats;
  /** Why the scan stopped before analysing every file (`--timeout`); absent when it completed. */
  incomplete?: string;
}
