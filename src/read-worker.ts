/**
 * A read worker: reads and prefilters the batches of files the main thread sends, and
 * returns only the files that passed (as text) and the files it had to skip. Findings are
 * never computed here: analysis needs every file of the scan for cross-file resolution.
 */
import { parentPort } from 'node:worker_threads';
import type { DiscoveredFile } from './discover.js';
import type { ReadBatch, ReadBatchResult } from './read-pool.js';
import { readSource } from './read-source.js';
import type { SkippedFile } from './types.js';

parentPort?.on('message', (batch: ReadBatch) => {
  const result: ReadBatchResult = { batchId: batch.batchId, sources: [], skipped: [] };
  for (const [index, file] of batch.files.entries()) {
    const skipped: SkippedFile[] = [];
    const source = readSource(file as DiscoveredFile, skipped, 'drop', batch.maxFileSize);
    if (source) result.sources.push({ order: batch.firstOrder + index, source });
    for (const entry of skipped) result.skipped.push({ order: batch.firstOrder + index, entry });
  }
  parentPort!.postMessage(result);
});
