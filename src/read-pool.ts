/**
 * Reading and prefiltering the discovered files: on the main thread, helped from the back of
 * the list by the analysis worker when the main thread falls behind, or, from 4 cores and
 * 5,000 files, on a pool of read workers. On a large tree most of a scan is reading bytes and
 * searching them for keywords; the few files that pass the prefilter come back as text, in
 * discovery order, and are analysed (on the main thread, or handed to the analysis worker)
 * while the rest is read.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from './analyze/front-ends.js';
import type { DiscoveredFile } from './discover.js';
import { FileClaims } from './file-claims.js';
import { readSource } from './read-source.js';
import type { SkippedFile } from './types.js';

/** Below this many files, the tree is read on the main thread (about 35 MB of source). */
export const WORKER_MIN_FILES = 5000;
const MAX_DEFAULT_WORKERS = 4;
const MIN_CORES_FOR_WORKERS = 4;
const BATCH_FILES = 256;
/**
 * The analysis worker joins in, reading the list from the back, when at least this many files
 * are left and the main thread has fallen behind: it is about to analyse a file itself (the
 * first JS/TS file alone keeps it busy for 0.1-0.3 s), or it has read for `BACK_READER_AFTER_MS`.
 * Measured on 2 cores: started at once, a worker that found the main thread done with a tree of
 * 5,000 files to read (and nothing to analyse) added 25 ms, mostly its own start; where the main
 * thread analyses as it reads, it saved 0.1-0.2 s on 7,600-20,000 files.
 */
export const BACK_READER_MIN_FILES = 2000;
export const BACK_READER_AFTER_MS = 100;
/** Files per claim: the main thread's claims are small, so it rarely waits at the meeting point. */
const FRONT_CLAIM_FILES = 16;

export interface ReadBatch {
  batchId: number;
  /** Position of the first file in discovery order. */
  firstOrder: number;
  files: Pick<DiscoveredFile, 'absPath' | 'relPath'>[];
  maxFileSize: number;
}

export interface ReadBatchResult extends ReadShare {
  batchId: number;
}

/** A file that passed the prefilter, with its position in discovery order. */
export interface ReadCandidate {
  order: number;
  source: SourceFile;
  /** Read by the analysis worker, which analyses it too: its findings come back from there. */
  analysedByWorker?: boolean;
}

export interface CandidateReader {
  /**
   * The files that pass the prefilter, in discovery order, each as soon as it has been read:
   * the caller analyses one while the workers read the next ones.
   */
  candidates: AsyncIterable<ReadCandidate>;
  /** Files that could not be read; complete once `candidates` has been consumed. */
  skipped: SkippedFile[];
  /** How many worker threads read the files (0: the main thread does). */
  workers: number;
  /** The analysis worker read the back of the list (known once `candidates` has been consumed). */
  sharedWithAnalysisWorker: boolean;
}

/** How the analysis worker reads beside the main thread: see `BACK_READER_MIN_FILES`. */
export interface BackReading {
  /** Starts the thread that reads from the back (called at most once). */
  start(): BackReader;
  /** Whether the main thread analyses this file itself (as opposed to handing it on). */
  analysedHere(source: SourceFile): boolean;
}

/** Another thread that reads the list from the back while the main thread reads the front. */
export interface BackReader {
  /** Starts reading; resolves with what it read once it meets the main thread. */
  readFromBack(files: readonly DiscoveredFile[], claims: FileClaims, maxFileSize: number): Promise<ReadShare>;
}

/** What a reader found in its part of the list, by position in the list. */
export interface ReadShare {
  sources: ReadCandidate[];
  skipped: { order: number; entry: SkippedFile }[];
}

/** Reads the files at positions [start, end) of a list into `share`. */
export function readPositions(files: readonly Pick<DiscoveredFile, 'absPath' | 'relPath'>[], start: number, end: number,
  maxFileSize: number, share: ReadShare, firstOrder = 0): void {
  const skipped: SkippedFile[] = [];
  for (let index = start; index < end; index++) {
    const source = readSource(files[index] as DiscoveredFile, skipped, 'drop', maxFileSize);
    if (source) share.sources.push({ order: firstOrder + index, source });
    for (const entry of skipped) share.skipped.push({ order: firstOrder + index, entry });
    skipped.length = 0;
  }
}

/**
 * How many read workers a tree gets: `requested` when given (1 means the main thread).
 * Otherwise none below 4 cores or on a small tree. On 2 cores, measured on the benchmark
 * corpus, two workers took 1.00x-1.02x the time of the main thread alone and 33 MB more, and
 * one made the main thread wait 0.3 s for it and analyse more slowly beside it. With 4 cores
 * or more, workers leave two cores to the main thread and the collector and read beside them
 * (at most 4).
 */
export function readWorkerCount(files: readonly DiscoveredFile[], requested: number | undefined, cores = availableParallelism()): number {
  if (requested !== undefined) return requested <= 1 ? 0 : requested;
  if (files.length < WORKER_MIN_FILES || cores < MIN_CORES_FOR_WORKERS) return 0;
  return Math.min(cores - 2, MAX_DEFAULT_WORKERS);
}

/** `backReading`: when given, the analysis worker may read beside the main thread (see `BackReading`). */
export function readCandidates(files: DiscoveredFile[], maxFileSize: number, requestedWorkers?: number,
  backReading?: BackReading): CandidateReader {
  const workerScript = new URL('./read-worker.js', import.meta.url);
  const inMemory = files.some((file) => 'content' in file);
  const workers = inMemory || !existsSync(fileURLToPath(workerScript)) ? 0 : readWorkerCount(files, requestedWorkers);
  const reader = { skipped: [] as SkippedFile[], workers, sharedWithAnalysisWorker: false };
  return Object.assign(reader, {
    candidates: workers > 0 ? readInWorkers(files, maxFileSize, workers, workerScript, reader.skipped)
      : readOnMainThread(files, maxFileSize, reader, backReading),
  });
}

/**
 * The main thread reads from the front and hands each file that passes on at once. If it falls
 * behind, the analysis worker takes files from the back until they meet; its files come last, in order.
 */
async function* readOnMainThread(files: DiscoveredFile[], maxFileSize: number,
  reader: Pick<CandidateReader, 'skipped' | 'sharedWithAnalysisWorker'>, backReading: BackReading | undefined): AsyncGenerator<ReadCandidate> {
  const claims = FileClaims.create(files.length);
  const started = performance.now();
  let fromBack: Promise<ReadShare> | undefined;
  const startBackReader = (next: number): void => {
    if (!backReading || fromBack || files.length - next < BACK_READER_MIN_FILES) return;
    fromBack = backReading.start().readFromBack(files, claims, maxFileSize);
    fromBack.catch(() => { /* awaited below, after the front part */ });
  };
  for (let [start, end] = claims.fromFront(FRONT_CLAIM_FILES); start < end; [start, end] = claims.fromFront(FRONT_CLAIM_FILES)) {
    for (let order = start; order < end; order++) {
      const source = readSource(files[order]!, reader.skipped, 'drop', maxFileSize);
      if (!source) continue;
      if (backReading?.analysedHere(source)) startBackReader(end);
      yield { order, source };
    }
    if (performance.now() - started >= BACK_READER_AFTER_MS) startBackReader(end);
  }
  // A worker still starting when the front reached the end took nothing: no need to wait for it.
  if (!fromBack || claims.claimedFromBack() === 0) return;
  reader.sharedWithAnalysisWorker = true;
  const share = await fromBack;
  for (const { entry } of share.skipped) reader.skipped.push(entry);
  yield* share.sources;
}

async function* readInWorkers(
  files: DiscoveredFile[],
  maxFileSize: number,
  count: number,
  script: URL,
  skipped: SkippedFile[],
): AsyncGenerator<ReadCandidate> {
  const batches: ReadBatch[] = [];
  for (let first = 0; first < files.length; first += BATCH_FILES) {
    const slice = files.slice(first, first + BATCH_FILES).map(({ absPath, relPath }) => ({ absPath, relPath }));
    batches.push({ batchId: batches.length, firstOrder: first, files: slice, maxFileSize });
  }
  const returned = new Map<number, ReadBatchResult>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  let next = 0;
  let finished = false;
  const pool = Array.from({ length: Math.min(count, batches.length) }, () => new Worker(script));
  for (const worker of pool) {
    // Each worker takes the next batch as soon as it returns one: uneven files balance out.
    const feed = (): void => {
      const batch = batches[next++];
      if (batch) worker.postMessage(batch);
    };
    worker.on('message', (result: ReadBatchResult) => {
      returned.set(result.batchId, result);
      feed();
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      if (!finished) failure ??= new Error(`a read worker stopped (exit code ${code}) before the files were read`);
      notify();
    });
    // Two batches in flight: the main thread hands out the next one only between files it
    // analyses, and the worker reads the second meanwhile.
    feed();
    feed();
  }
  try {
    // Batches come back in any order; they are handed on in discovery order.
    for (let batchId = 0; batchId < batches.length; batchId++) {
      let result = returned.get(batchId);
      while (!result) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => { wake = resolve; });
        result = returned.get(batchId);
      }
      returned.delete(batchId);
      for (const { entry } of result.skipped) skipped.push(entry);
      yield* result.sources;
    }
  } finally {
    finished = true;
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
