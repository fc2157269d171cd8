/**
 * The analysis worker (see analysis-thread.ts): analyses the Python, Java, Go and config files
 * the main thread sends, and those it reads itself from the back of the file list, one at a time
 * in the order they come, and replies with each file's findings. A module a file imports is
 * taken from the files this thread has, or read from disk once, as the main thread does.
 */
import { parentPort } from 'node:worker_threads';
import { runsOnAnalysisWorker, type AnalysisReply, type AnalysisRequest, type AnalysisSetup, type BackReadRequest,
  type WorkerMessage, type WorkerScopeFile } from './analysis-thread.js';
import { FrontEnds } from './analyze/file-analysis.js';
import type { SourceFile } from './analyze/front-ends.js';
import { frontEndOf } from './analyze/languages.js';
import { useUserWeakSecrets } from './analyze/secret-strength.js';
import { FileClaims } from './file-claims.js';
import { readPositions, type ReadShare } from './read-pool.js';
import { readSource } from './read-source.js';
import type { SkippedFile } from './types.js';

let frontEnds: FrontEnds | undefined;
/** The files of the worker's languages not read yet: each is read at most once, for an import. */
const unread = new Map<string, WorkerScopeFile>();
/** Every file this thread was given, read from the back or read for an import, by path. */
const known = new Map<string, SourceFile>();
let maxFileSize = 0;
/** Files per claim from the back: the main thread claims small batches from the front. */
const BACK_CLAIM_FILES = 64;
let imported: SourceFile[] = [];
let importSkipped: SkippedFile[] = [];

function setUp(setup: AnalysisSetup): void {
  useUserWeakSecrets(setup.userWeakSecrets);
  for (const file of setup.files) unread.set(file.absPath, file);
  maxFileSize = setup.maxFileSize;
  const environment = {
    config: setup.config,
    read: readImported,
    scannedPaths: setup.files.map((file) => file.absPath),
  };
  frontEnds = new FrontEnds(environment, setup.fileBudgetMs, setup.scanDeadlineEpochMs - performance.timeOrigin);
}

/**
 * A module an analysed file imports: a file this thread has, or one read now even if the
 * prefilter passed over it (import-only), as the main thread's `sources.get(p) ?? readImported(p)`.
 */
function readImported(absPath: string): SourceFile | undefined {
  const had = known.get(absPath);
  if (had) return had;
  const file = unread.get(absPath);
  if (!file) return undefined;
  unread.delete(absPath);
  const source = readSource(file, importSkipped, 'import-only', maxFileSize);
  if (!source) return undefined;
  const kept = file.analysed ? source : { ...source, importOnly: true };
  known.set(absPath, kept);
  imported.push(kept);
  return kept;
}

function have(source: SourceFile): void {
  unread.delete(source.absPath);
  if (!known.has(source.absPath)) known.set(source.absPath, source);
}

async function analyse(order: number, source: SourceFile): Promise<AnalysisReply> {
  have(source);
  const analysis = await frontEnds!.analyze(frontEndOf(source.absPath)!, source);
  const reply: AnalysisReply = { order, file: source.relPath, analysis, imported, skipped: importSkipped };
  imported = [];
  importSkipped = [];
  return reply;
}

/** Files are claimed in batches from the back until the main thread, reading from the front, is met. */
function readFromBack({ files, claims, maxFileSize }: BackReadRequest): ReadShare {
  const fileClaims = new FileClaims(claims);
  const share: ReadShare = { sources: [], skipped: [] };
  for (let [start, end] = fileClaims.fromBack(BACK_CLAIM_FILES); start < end; [start, end] = fileClaims.fromBack(BACK_CLAIM_FILES)) {
    readPositions(files, start, end, maxFileSize, share);
  }
  share.sources.sort((a, b) => a.order - b.order);
  for (const candidate of share.sources) {
    if (!runsOnAnalysisWorker(candidate.source.absPath)) continue;
    have(candidate.source);
    candidate.analysedByWorker = true;
  }
  return share;
}

const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
let queue = Promise.resolve();
const queueAnalysis = (order: number, source: SourceFile): void => {
  queue = queue.then(async () => post({ analysed: await analyse(order, source) }));
};
parentPort!.on('message', (request: AnalysisRequest) => {
  if ('setup' in request) setUp(request.setup);
  else if ('readFromBack' in request) {
    const share = readFromBack(request.readFromBack);
    post({ read: share });
    // Its own files among them are analysed here at once, without a round trip through the main thread.
    for (const { order, source, analysedByWorker } of share.sources) if (analysedByWorker) queueAnalysis(order, source);
  } else queueAnalysis(request.order, request.source);
});
