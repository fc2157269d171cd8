/**
 * The CLI flags that change what a scan covers or what it reports, kept out of cli.ts:
 * `--stdin-filename`, `--changed-since`, `--baseline`, `--write-baseline`, and the progress line.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { applyBaseline, BaselineError, readBaseline, renderBaseline } from './baseline.js';
import { changedFilesSince, changedFileSelector } from './changed-files.js';
import { createProgressReporter } from './progress.js';
import type { ScanOptions } from './scan.js';
import type { ScanResult } from './types.js';

export interface ScanModeFlags {
  baseline?: string;
  writeBaseline?: string;
  changedSince?: string;
  stdinFilename?: string;
  quiet?: boolean;
}

export interface ScanModes {
  /** Spread into the options of `scan()`. */
  scanOptions: Pick<ScanOptions, 'virtualFile' | 'select' | 'onProgress'>;
  /** Erases the progress line; call it when the scan ends, however it ends. */
  finishProgress: () => void;
  /**
   * After the scan: writes the baseline (`{ exitCode: 0 }`: nothing more to do) or drops the
   * findings the baseline accepts and says on stderr how many entries are stale.
   */
  afterScan: (result: ScanResult) => { result: ScanResult } | { exitCode: number };
}

export async function prepareScanModes(
  flags: ScanModeFlags,
  targets: string[],
  root: string,
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stderr,
): Promise<ScanModes> {
  const scanOptions: ScanModes['scanOptions'] = {};
  // Which files an unmatched baseline entry may be stale for: those the scan covered.
  let inScope = (file: string): boolean => isUnder(resolve(root, file), targets.map((target) => resolve(root, target)));

  if (flags.stdinFilename !== undefined) {
    const path = flags.stdinFilename;
    scanOptions.virtualFile = { path, text: readFileSync(0, 'utf8') };
    inScope = (file) => resolve(root, file) === resolve(root, path);
  } else if (flags.changedSince !== undefined) {
    const changed = await changedFilesSince(flags.changedSince, root);
    const selector = changedFileSelector(changed.files);
    scanOptions.select = selector.select;
    inScope = (file) => selector.selected.has(resolve(root, file)) || changed.files.has(resolve(root, file));
  }

  const progress = createProgressReporter(flags.quiet ? { write: () => true } : stderr);
  scanOptions.onProgress = (update) => progress.update(update);
  const baselineEntries = flags.baseline !== undefined && flags.writeBaseline === undefined
    ? readBaseline(resolve(root, flags.baseline))
    : undefined;

  const afterScan: ScanModes['afterScan'] = (result) => {
    if (flags.writeBaseline !== undefined) {
      writeBaselineFile(resolve(root, flags.writeBaseline), renderBaseline(result.findings));
      const count = result.findings.length;
      if (!flags.quiet) stderr.write(`jwt-lint: wrote ${count} baseline entr${count === 1 ? 'y' : 'ies'} to ${flags.writeBaseline}\n`);
      return { exitCode: 0 };
    }
    if (!baselineEntries) return { result };
    const match = applyBaseline(result.findings, baselineEntries, {
      fileExists: (file) => existsSync(resolve(root, file)),
      inScope,
    });
    if (!flags.quiet) {
      const stale = match.stale.length;
      const staleNote = stale > 0
        ? `; ${stale} baseline entr${stale === 1 ? 'y no longer matches' : 'ies no longer match'} (fixed or changed: rewrite the baseline with --write-baseline to prune)`
        : '';
      stderr.write(`jwt-lint: baseline ${flags.baseline}: ${match.matched} known finding${match.matched === 1 ? '' : 's'} hidden${staleNote}\n`);
    }
    return { result: { ...result, findings: match.newFindings } };
  };

  return { scanOptions, finishProgress: () => progress.done(), afterScan };
}

function isUnder(path: string, targets: string[]): boolean {
  return targets.some((target) => {
    const rel = relative(target, path);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  });
}

/** Written beside the target, then renamed: never a half-written baseline. */
function writeBaselineFile(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new BaselineError(`--write-baseline ${JSON.stringify(path)}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
