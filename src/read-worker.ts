/**
 * A read worker: reads and prefilters the batches of files the main thread sends, and
 * returns only the files that passed (as text) and the files it had to skip. Findings are
 * never computed here: analysis needs every file of the scan for cross-file resolution.
 */
import { parentPort } from 'node:worker_threads';
import { readPositions, type ReadBatch, type ReadBatchResult } from './read-pool.js';

parentPort?.on('message', (batch: ReadBatch) => {
  const result: ReadBatchResult = { batchId: batch.batchId, sources: [], skipped: [] };
  readPositions(batch.files, 0, batch.files.length, batch.maxFileSize, result, batch.firstOrder);
  parentPort!.postMessage(result);
});
