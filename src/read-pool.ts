/**
 * Reading and prefiltering the discovered files, on the main thread or on a pool of worker
 * threads. On a large tree most of a scan is reading bytes and searching them for keywords,
 * work that splits evenly across cores; the few files that pass the prefilter come back as
 * text and are analysed on the main thread. Small trees are read in-process: starting
 * workers would cost more than it saves.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from './analyze/front-ends.js';
import type { DiscoveredFile } from './discover.js';
import { readSource } from './read-source.js';
import type { SkippedFile } from './types.js';

/** Below this many bytes in all, the tree is read on the main thread. */
export const WORKER_MIN_TOTAL_BYTES = 48 * 1024 * 1024;
const MAX_DEFAULT_WORKERS = 4;
const BATCH_FILES = 256;

export interface ReadBatch {
  batchId: number;
  /** Position of the first file in discovery order. */
  firstOrder: number;
  files: Pick<DiscoveredFile, 'absPath' | 'relPath' | 'size'>[];
  maxFileSize: number;
}

export interface ReadBatchResult {
  batchId: number;
  sources: { order: number; source: SourceFile }[];
  skipped: { order: number; entry: SkippedFile }[];
}

export interface ReadOutcome {
  /** The files that passed the prefilter, in discovery order. */
  sources: Map<string, SourceFile>;
  skipped: SkippedFile[];
  /** How many worker threads read the files (0: the main thread did). */
  workers: number;
}

/**
 * How many read workers a tree gets: `requested` when given (1 means the main thread),
 * otherwise one per core up to 4 when the tree is large enough to repay them.
 */
export function readWorkerCount(files: readonly DiscoveredFile[], requested: number | undefined): number {
  if (requested !== undefined) return requested <= 1 ? 0 : requested;
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  if (totalBytes < WORKER_MIN_TOTAL_BYTES) return 0;
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, MAX_DEFAULT_WORKERS) : 0;
}

export async function readCandidates(files: DiscoveredFile[], maxFileSize: number, requestedWorkers?: number): Promise<ReadOutcome> {
  const workerScript = new URL('./read-worker.js', import.meta.url);
  const inMemory = files.some((file) => 'content' in file);
  const workers = inMemory || !existsSync(fileURLToPath(workerScript)) ? 0 : readWorkerCount(files, requestedWorkers);
  if (workers === 0) {
    const sources = new Map<string, SourceFile>();
    const skipped: SkippedFile[] = [];
    for (const file of files) {
      const source = readSource(file, skipped, true, maxFileSize);
      if (source) sources.set(file.absPath, source);
    }
    return { sources, skipped, workers: 0 };
  }
  return readInWorkers(files, maxFileSize, workers, workerScript);
}

async function readInWorkers(files: DiscoveredFile[], maxFileSize: number, count: number, script: URL): Promise<ReadOutcome> {
  const batches: ReadBatch[] = [];
  for (let first = 0; first < files.length; first += BATCH_FILES) {
    const slice = files.slice(first, first + BATCH_FILES).map(({ absPath, relPath, size }) => ({ absPath, relPath, size }));
    batches.push({ batchId: batches.length, firstOrder: first, files: slice, maxFileSize });
  }
  const passed: { order: number; source: SourceFile }[] = [];
  const skipped: { order: number; entry: SkippedFile }[] = [];
  let next = 0;
  const pool = Array.from({ length: Math.min(count, batches.length) }, () => new Worker(script));
  try {
    // Each worker takes the next batch as soon as it returns one: uneven files balance out.
    await Promise.all(pool.map((worker) => new Promise<void>((resolve, reject) => {
      const feed = (): void => {
        const batch = batches[next++];
        if (batch) worker.postMessage(batch);
        else resolve();
      };
      worker.on('message', (result: ReadBatchResult) => {
        passed.push(...result.sources);
        skipped.push(...result.skipped);
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`a read worker stopped with exit code ${code}`));
      });
      feed();
    })));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  passed.sort((a, b) => a.order - b.order);
  skipped.sort((a, b) => a.order - b.order);
  return {
    sources: new Map(passed.map(({ source }) => [source.absPath, source])),
    skipped: skipped.map(({ entry }) => entry),
    workers: pool.length,
  };
}
