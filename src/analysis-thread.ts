/**
 * The analysis worker, seen from the main thread. The Python, Java, Go and config front ends
 * run on a second thread while the main thread reads the files, runs the seed patterns and
 * analyses JavaScript and TypeScript; on a large tree the worker also reads the file list from
 * the back while the main thread reads it from the front (see read-pool.ts and file-claims.ts).
 * No file of the worker's languages imports a JS/TS module, so the worker resolves imports
 * among its languages' files, from the files it has and from disk, as the main thread does.
 *
 * Measured on the benchmark corpus on 2 cores: the worker's files cost the main thread about
 * 0.4 s (mostly first-use costs: the tree-sitter runtime, the grammars, the YAML reader and
 * their rules running cold), which now overlaps with the main thread's own work, and reading
 * from both ends took another 0.1-0.2 s off. On one core there is nothing to overlap with, so
 * everything stays on the main thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from './config.js';
import type { FileAnalysis } from './analyze/file-analysis.js';
import type { SourceFile } from './analyze/front-ends.js';
import { frontEndOf, type FrontEndId } from './analyze/languages.js';
import type { SecretWordlist } from './analyze/secret-strength.js';
import type { DiscoveredFile } from './discover.js';
import type { FileClaims } from './file-claims.js';
import type { BackReader, ReadShare } from './read-pool.js';
import type { SkippedFile } from './types.js';

/** The front ends the worker runs; JavaScript and TypeScript stay on the main thread. */
export const WORKER_FRONT_ENDS: ReadonlySet<FrontEndId> = new Set<FrontEndId>(['python', 'java', 'go', 'config']);

/** Whether a file's front end is one the worker runs. */
export function runsOnAnalysisWorker(path: string): boolean {
  const frontEnd = frontEndOf(path);
  return frontEnd !== undefined && WORKER_FRONT_ENDS.has(frontEnd);
}

/** A discovered file of the worker's languages, which it may read to resolve an import. */
export interface WorkerScopeFile {
  absPath: string;
  relPath: string;
  /** False outside `--changed-since`: read for its exports only, no findings of its own. */
  analysed: boolean;
}

export interface AnalysisSetup {
  config: ResolvedConfig;
  userWeakSecrets?: SecretWordlist;
  files: WorkerScopeFile[];
  maxFileSize: number;
  fileBudgetMs: number;
  /** When the scan's `--timeout` runs out, in milliseconds since the epoch (infinite without one). */
  scanDeadlineEpochMs: number;
}

/** Read the list from the back, claiming files through the shared `claims` (see file-claims.ts). */
export interface BackReadRequest {
  files: Pick<DiscoveredFile, 'absPath' | 'relPath'>[];
  claims: SharedArrayBuffer;
  maxFileSize: number;
}

export type AnalysisRequest = { setup: AnalysisSetup } | { readFromBack: BackReadRequest } | { order: number; source: SourceFile };

export type WorkerMessage = { analysed: AnalysisReply } | { read: ReadShare };

export interface AnalysisReply {
  /** The file's position among the scan's candidates, as submitted. */
  order: number;
  /** The file's path relative to the scan root. */
  file: string;
  analysis: FileAnalysis;
  /** Files the worker read to resolve this file's imports (the main thread keeps their text for code frames). */
  imported: SourceFile[];
  /** Imports that could not be read, and why. */
  skipped: SkippedFile[];
}

const WORKER_SCRIPT = new URL('./analysis-worker.js', import.meta.url);

/**
 * Whether a scan gets the analysis worker: not with `--workers 1`, not for in-memory content
 * (one file), not on a single core, and not when running from sources without a build.
 */
export function wantsAnalysisWorker(requestedWorkers: number | undefined, inMemory: boolean, cores = availableParallelism()): boolean {
  if (requestedWorkers === 1 || inMemory || cores < 2) return false;
  return existsSync(fileURLToPath(WORKER_SCRIPT));
}

/**
 * Whether a tree gives both threads work from its first file on: this many Python, Java or Go
 * files (the worker's) and as many JS/TS files (the main thread's). A few files alone do not pay
 * for the worker's start, about 0.1 s under the CLI's V8 flags: a tree whose only such file was
 * one config file took 0.09 s longer with the worker than without.
 */
const BOTH_THREADS_MIN_FILES = 20;

export function hasWorkForBothThreads(files: readonly Pick<DiscoveredFile, 'absPath'>[]): boolean {
  let workerFiles = 0;
  let mainFiles = 0;
  for (const file of files) {
    const frontEnd = frontEndOf(file.absPath);
    if (frontEnd === 'js') mainFiles++;
    else if (frontEnd !== undefined && frontEnd !== 'config') workerFiles++;
    if (workerFiles >= BOTH_THREADS_MIN_FILES && mainFiles >= BOTH_THREADS_MIN_FILES) return true;
  }
  return false;
}

export class AnalysisThread implements BackReader {
  private readonly worker: Worker;
  private readonly replies: AnalysisReply[] = [];
  /** Replies still to come: files submitted, and files the worker read and analyses on its own. */
  private expected = 0;
  private failure: Error | undefined;
  private closing = false;
  private wake: (() => void) | undefined;
  private backRead: { resolve: (share: ReadShare) => void; reject: (error: Error) => void } | undefined;

  constructor(setup: AnalysisSetup) {
    this.worker = new Worker(WORKER_SCRIPT);
    this.worker.on('message', (message: WorkerMessage) => {
      if ('read' in message) {
        this.expected += message.read.sources.filter((candidate) => candidate.analysedByWorker).length;
        this.backRead?.resolve(message.read);
      } else this.replies.push(message.analysed);
      this.notify();
    });
    this.worker.on('error', (error) => {
      this.fail(new Error(`the analysis worker failed: ${error?.message ?? String(error)}`));
    });
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`the analysis worker stopped (exit code ${code}) before it had finished`));
    });
    try {
      this.post({ setup });
    } catch (error) {
      // A setting that cannot be copied to another thread (a library caller's config): no thread is left behind.
      this.closing = true;
      void this.worker.terminate();
      throw error;
    }
  }

  readFromBack(files: readonly DiscoveredFile[], claims: FileClaims, maxFileSize: number): Promise<ReadShare> {
    const read = new Promise<ReadShare>((resolve, reject) => { this.backRead = { resolve, reject }; });
    if (this.failure) this.backRead!.reject(this.failure);
    this.post({ readFromBack: { files: files.map(({ absPath, relPath }) => ({ absPath, relPath })), claims: claims.buffer, maxFileSize } });
    return read;
  }

  /** Queues a file; the worker analyses files in the order they are submitted. */
  submit(order: number, source: SourceFile): void {
    this.post({ order, source });
    this.expected++;
  }

  /** The replies of every file the worker analysed, in candidate order, once all have arrived. */
  async results(signal?: AbortSignal): Promise<AnalysisReply[]> {
    const onAbort = (): void => this.notify();
    signal?.addEventListener('abort', onAbort);
    try {
      while (this.replies.length < this.expected) {
        if (this.failure) throw this.failure;
        signal?.throwIfAborted();
        await new Promise<void>((resolve) => { this.wake = resolve; });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return this.replies.sort((a, b) => a.order - b.order);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private post(request: AnalysisRequest): void {
    this.worker.postMessage(request);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.backRead?.reject(this.failure);
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }
}
