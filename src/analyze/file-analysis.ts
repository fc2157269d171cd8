/**
 * One file through its front end, within its time budget and the scan's `--timeout`. Each
 * thread that analyses files (the main thread, the analysis worker) keeps one `FrontEnds`,
 * which creates each front end's analyzer on the first file that needs it.
 */
import type { Finding } from '../types.js';
import { createFileAnalyzer, type AnalyzerEnvironment, type FileAnalyzer, type FileResult, type SourceFile } from './front-ends.js';
import type { FrontEndId } from './languages.js';
import { TimeBudgetExceeded, withDeadline } from './time-budget.js';

export const TIMEOUT_REASON = 'not analysed: the scan --timeout was reached';

export interface FileAnalysis {
  findings: Finding[];
  /** Secret values seen (the file they are written in, and the text), for masking code frames. */
  sensitive: FileResult['sensitive'];
  /** Why the file was not analysed (a parse failure, its time budget, the scan's timeout). */
  skipReason?: string;
  /** The scan's `--timeout` passed before or while this file was analysed. */
  timedOut?: boolean;
}

export class FrontEnds {
  private readonly analyzers = new Map<FrontEndId, Promise<FileAnalyzer>>();

  /**
   * `scanDeadline`: when the scan's `--timeout` runs out, as a `performance.now()` time of
   * this thread (infinite without one).
   */
  constructor(
    private readonly environment: AnalyzerEnvironment,
    private readonly fileBudgetMs: number,
    private readonly scanDeadline: number,
  ) {}

  async analyze(frontEnd: FrontEndId, source: SourceFile): Promise<FileAnalysis> {
    if (performance.now() > this.scanDeadline) return { findings: [], sensitive: [], skipReason: TIMEOUT_REASON, timedOut: true };
    let analyzer = this.analyzers.get(frontEnd);
    if (!analyzer) {
      analyzer = createFileAnalyzer(frontEnd, this.environment);
      this.analyzers.set(frontEnd, analyzer);
    }
    let result: FileResult;
    try {
      const fileAnalyzer = await analyzer;
      result = await withDeadline(Math.min(performance.now() + this.fileBudgetMs, this.scanDeadline), () => fileAnalyzer.analyze(source));
    } catch (error) {
      // The front ends note their own failures; this is one that could not load (on either thread).
      return { findings: [], sensitive: [], skipReason: `analysis failed: ${(error as Error)?.message ?? String(error)}` };
    }
    const analysis: FileAnalysis = { findings: result.findings, sensitive: result.sensitive };
    if (result.error === undefined) return analysis;
    if (result.error !== new TimeBudgetExceeded().message) return { ...analysis, skipReason: result.error };
    return performance.now() > this.scanDeadline
      ? { ...analysis, skipReason: TIMEOUT_REASON, timedOut: true }
      : { ...analysis, skipReason: `analysis exceeded the per-file time budget (${this.fileBudgetMs / 1000}s)` };
  }
}
