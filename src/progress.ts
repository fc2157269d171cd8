/**
 * The progress line of long scans: `jwt-lint: 120/4,310 files, 3 findings` on stderr,
 * redrawn in place and erased when the scan ends. It is shown only to a person watching a
 * terminal: never when stderr is redirected or piped, never in CI (the `CI` variable is set
 * by GitHub Actions, GitLab CI and most others), and never with `--quiet`.
 */

export interface ScanProgress {
  /** Files read so far, in discovery order (analysed, or passed over by the keyword prefilter). */
  filesScanned: number;
  /** Files the scan reads. */
  filesTotal: number;
  /** Findings so far, before suppressions and filters. */
  findings: number;
}

/** The stream the line is drawn on; `process.stderr` in the CLI. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface ProgressReporter {
  update(progress: ScanProgress): void;
  /** Erases the line; call it before printing anything else. */
  done(): void;
}

const REDRAW_INTERVAL_MS = 100;

export function shouldShowProgress(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !isCi(env) && env.TERM !== 'dumb';
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') ||
    env.GITHUB_ACTIONS === 'true' || env.GITLAB_CI !== undefined || env.BUILDKITE !== undefined || env.TF_BUILD !== undefined;
}

/** `jwt-lint: 120/4,310 files, 1 finding`, cut to the terminal width. */
export function formatProgress(progress: ScanProgress, columns = 80): string {
  const total = Math.max(progress.filesTotal, progress.filesScanned);
  const count = (n: number): string => n.toLocaleString('en-US');
  const findings = `${count(progress.findings)} finding${progress.findings === 1 ? '' : 's'}`;
  const line = `jwt-lint: ${count(progress.filesScanned)}/${count(total)} files, ${findings}`;
  return line.length < columns ? line : line.slice(0, Math.max(columns - 1, 0));
}

/**
 * A reporter that draws on `stream` when it is an interactive terminal and does nothing
 * otherwise. Redraws at most every 100 ms so that fast scans cost nothing.
 */
export function createProgressReporter(
  stream: ProgressStream = process.stderr,
  options: { env?: NodeJS.ProcessEnv; now?: () => number } = {},
): ProgressReporter {
  if (!shouldShowProgress(stream, options.env)) return { update: () => {}, done: () => {} };
  const now = options.now ?? (() => performance.now());
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(progress) {
      const time = now();
      if (time - lastDraw < REDRAW_INTERVAL_MS) return;
      lastDraw = time;
      // \r to the line start, \x1b[K to erase what a longer previous line left behind.
      stream.write(`\r${formatProgress(progress, stream.columns || 80)}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
