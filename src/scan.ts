/**
 * The pipeline, in one direction:
 * discover -> read + prefilter -> analyze (AST front ends and seed patterns) -> link
 * -> filter (dedupe, suppressions, config levels, test paths, min severity) -> mask -> result.
 * This is also the library API (`import { scan } from 'jwt-lint'`).
 */
import { resolve } from 'node:path';
import { frontEndOf } from './analyze/languages.js';
import type { SourceFile } from './analyze/front-ends.js';
import { FrontEnds, TIMEOUT_REASON, type FileAnalysis } from './analyze/file-analysis.js';
import { AnalysisThread, hasWorkForBothThreads, runsOnAnalysisWorker, wantsAnalysisWorker, WORKER_FRONT_ENDS, type AnalysisReply } from './analysis-thread.js';
import { ConfigError, defaultConfig, type ResolvedConfig } from './config.js';
import { discoverFiles, type DiscoveredFile } from './discover.js';
import { readCandidates, type ReadCandidate } from './read-pool.js';
import { readSource } from './read-source.js';
import { LineIndex } from './analyze/text/line-index.js';
import { JWT_PATTERN } from './analyze/text/jwt-token.js';
import { crackTokens, linkCrackedTokens, noteStoppedCracking, type TokenSighting } from './analyze/text/token-cracking.js';
import { loadSecretWordlist, useUserWeakSecrets, type SecretWordlist } from './analyze/secret-strength.js';
import { hasJwtContext, SEED_PATTERNS } from './analyze/text/patterns.js';
import { redactText } from './mask.js';
import { SensitiveValues } from './sensitive-values.js';
import { knownRules } from './rules/catalog.js';
import { applySuppressions, INVALID_SUPPRESSION_RULE_ID, parseSuppressions, type SuppressionDirective } from './suppressions.js';
import { SEVERITY_RANK, type Finding, type ScanResult, type Severity, type SkippedFile } from './types.js';
import { discoverVirtualFile, type VirtualFile } from './virtual-file.js';
import type { ScanProgress } from './progress.js';

export interface ScanOptions {
  targets: string[];
  /** Paths in the results are relative to this directory (default: the working directory). */
  root?: string;
  config?: ResolvedConfig;
  include?: string[];
  exclude?: string[];
  useGitignore?: boolean;
  maxFileSize?: number;
  minSeverity?: Severity;
  /** A user word list of weak secrets (`--weak-secrets`); wins over the config's `weakSecrets`. */
  weakSecrets?: string;
  /** Scan this in-memory content as the one file at its path (stdin, editor buffers); `targets` are not read. */
  virtualFile?: VirtualFile;
  /**
   * Narrows the files that are analysed (`--changed-since`); the other discovered files stay
   * available for resolving imports, but get no findings of their own. `maxFileSize`: the
   * scan's cap, for a hook that reads files (discovery does not check walked files against it).
   */
  select?: (files: DiscoveredFile[], maxFileSize: number) => DiscoveredFile[];
  /**
   * Threads that read and prefilter files while the main thread analyses: by default none
   * below 4 cores or on a small tree (see `readWorkerCount`). From 2 cores, the analysis
   * worker also takes the Python, Java, Go and config files (see analysis-thread.ts). 1 runs
   * everything on the main thread.
   */
  workers?: number;
  /** Called after each analysed file (the CLI draws its progress line with it). */
  onProgress?: (progress: ScanProgress) => void;
  /** Follow symbolic links met in directory walks (`--follow-symlinks`). */
  followSymlinks?: boolean;
  /** Milliseconds one file may spend in parsing and rules before it is skipped with a note. */
  fileTimeBudgetMs?: number;
  /** Milliseconds for the whole scan (`--timeout`); files not reached by then are skipped with a note. */
  timeoutMs?: number;
  /** Aborts the scan between files (the CLI's SIGINT/SIGTERM); the scan rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Generous: analysing a 1 MiB file takes well under a second. */
export const DEFAULT_FILE_TIME_BUDGET_MS = 20_000;

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Rules whose literal findings are expected in test code and drop to `testSeverity` there. */
const TEST_DOWNGRADED_RULES = new Set(['hardcoded-secret', 'weak-secret', 'jwt-literal']);
const TEST_PATH = /(^|\/)(tests?|__tests__|specs?|fixtures?|__fixtures__|mocks?|__mocks__|testdata|e2e)\/|\.(test|spec|e2e)\.[^./]+$/i;

function inDiscoveryOrder(files: Iterable<SourceFile>, discovered: readonly DiscoveredFile[]): SourceFile[] {
  const position = new Map(discovered.map((file, index) => [file.absPath, index]));
  return [...files].sort((a, b) => (position.get(a.absPath) ?? 0) - (position.get(b.absPath) ?? 0));
}

export function isTestPath(relPath: string): boolean {
  return TEST_PATH.test(relPath);
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const root = resolve(options.root ?? process.cwd());
  const known = knownRules();
  const config = options.config ?? defaultConfig(known);
  const maxFileSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const discovery = options.virtualFile
    ? discoverVirtualFile(root, options.virtualFile, { include: options.include, exclude: [...(options.exclude ?? []), ...config.ignore] })
    : await discoverFiles({
      targets: options.targets.length > 0 ? options.targets : ['.'],
      root,
      include: options.include,
      exclude: options.exclude,
      ignore: config.ignore,
      useGitignore: options.useGitignore ?? true,
      maxFileSize,
      followSymlinks: options.followSymlinks,
    });
  const skipped: SkippedFile[] = [...discovery.skipped];
  const selected = options.select ? new Set(options.select(discovery.files, maxFileSize).map((file) => file.absPath)) : undefined;
  const discovered = performance.now();
  const toRead = selected ? discovery.files.filter((file) => selected.has(file.absPath)) : discovery.files;
  // The files read so far (discovery order), analysed as they arrive, and imported modules.
  const sources = new Map<string, SourceFile>();
  const inReadSet = new Set(toRead.map((file) => file.absPath));
  // A module imported by an analysed file is read at once, even if the prefilter passes it over
  // (a config module holding only `audience`/`issuer`) or the workers have not reached it yet.
  const unread = new Map(discovery.files.map((file) => [file.absPath, file]));
  const readForImport = new Set<string>();
  const readImported = (absPath: string): SourceFile | undefined => {
    const file = unread.get(absPath);
    if (!file || !frontEndOf(absPath)) return undefined;
    unread.delete(absPath);
    readForImport.add(file.relPath);
    // Import-only when the prefilter passes it over (readSource marks it) or when it lies
    // outside `--changed-since`: it resolves imports but gets no findings of its own.
    const source = readSource(file, skipped, 'import-only', maxFileSize);
    if (source) sources.set(absPath, inReadSet.has(absPath) ? source : { ...source, importOnly: true });
    return sources.get(absPath);
  };
  const enabled = (id: string): boolean => config.rules.get(id)?.enabled ?? false;

  const findings: Finding[] = [];
  const sensitive = new SensitiveValues();
  const directives = new Map<string, SuppressionDirective[]>();
  const minSecretLength = Number(config.rules.get('weak-secret')?.options.minLength ?? 32);
  const userWeakSecrets = loadUserWeakSecrets(options.weakSecrets ?? config.weakSecrets);
  // Every front end's weak-secret check consults the user list through secret-strength.
  useUserWeakSecrets(userWeakSecrets);
  const tokenSightings: TokenSighting[] = [];

  const environment = {
    config,
    read: (absPath: string) => sources.get(absPath) ?? readImported(absPath),
    scannedPaths: discovery.files.map((file) => file.absPath),
  };
  let failed = 0;
  const fileBudget = options.fileTimeBudgetMs ?? DEFAULT_FILE_TIME_BUDGET_MS;
  const scanDeadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : started + options.timeoutMs;
  let timedOut = false;
  let lastYield = performance.now();
  const frontEnds = new FrontEnds(environment, fileBudget, scanDeadline);
  // The analysis worker starts when both threads have work (see analysis-thread.ts): when the
  // main thread falls behind reading a large tree, or on the first Python, Java, Go or config
  // file of a tree with many files for each thread. Until then the main thread analyses all.
  const useWorker = wantsAnalysisWorker(options.workers, options.virtualFile !== undefined);
  const workerFromFirstFile = useWorker && hasWorkForBothThreads(toRead);
  let worker: AnalysisThread | undefined;
  const startedWorker = (): AnalysisThread => worker ??= new AnalysisThread({
    config,
    userWeakSecrets,
    files: discovery.files.filter((file) => runsOnAnalysisWorker(file.absPath))
      .map((file) => ({ absPath: file.absPath, relPath: file.relPath, analysed: inReadSet.has(file.absPath) })),
    maxFileSize,
    fileBudgetMs: fileBudget,
    scanDeadlineEpochMs: performance.timeOrigin + scanDeadline,
  });
  // On a large tree the worker also reads: from the back, while this thread reads from the front.
  const reader = readCandidates(toRead, maxFileSize, options.workers, useWorker ? {
    start: startedWorker,
    analysedHere: (source) => frontEndOf(source.absPath) === 'js',
  } : undefined);
  const record = (file: string, analysis: FileAnalysis): void => {
    if (analysis.skipReason !== undefined) {
      skipped.push({ file, reason: analysis.skipReason });
      failed++;
    }
    if (analysis.timedOut) timedOut = true;
    findings.push(...analysis.findings);
    for (const { file, text } of analysis.sensitive) sensitive.add(file, text);
  };
  /** `analysed`: false for a file this thread already noted as not reached by the --timeout. */
  const recordWorkerReply = (reply: AnalysisReply, analysed: boolean): void => {
    if (analysed) record(reply.file, reply.analysis);
    for (const source of reply.imported) {
      readForImport.add(source.relPath);
      if (!sources.has(source.absPath)) sources.set(source.absPath, source);
    }
    // An import this thread read (and noted) before the worker started is noted once.
    for (const entry of reply.skipped) {
      if (readForImport.has(entry.file)) continue;
      readForImport.add(entry.file);
      skipped.push(entry);
    }
  };
  /** Parsing, rules and seed patterns of one file, recorded into the scan's findings (worker files: later). */
  const analyzeFile = async ({ source, order, analysedByWorker }: ReadCandidate): Promise<void> => {
    if (source.text.includes('jwt-lint-disable')) directives.set(source.relPath, parseSuppressions(source.text));
    const frontEnd = frontEndOf(source.absPath);
    const isAstFile = frontEnd !== undefined;
    // A file the worker read itself comes back with the worker's replies; files without a front end get seed patterns only.
    if (frontEnd && !analysedByWorker) {
      if (WORKER_FRONT_ENDS.has(frontEnd) && (worker || workerFromFirstFile)) startedWorker().submit(order, source);
      else record(source.relPath, await frontEnds.analyze(frontEnd, source));
    }
    try {
      findings.push(...runSeedPatterns(source, isAstFile, config, minSecretLength, sensitive, tokenSightings));
    } catch (error) {
      skipped.push({ file: source.relPath, reason: `pattern scan failed: ${(error as Error)?.message ?? String(error)}` });
    }
  };

  // Reading and analysis overlap: the workers read ahead while this thread analyses.
  let analyzeMs = 0;
  const skippedByTimeout = new Set<number>();
  let workerAnalysed = 0;
  try {
    for await (const candidate of reader.candidates) {
      unread.delete(candidate.source.absPath);
      // Read already because an earlier file imports it: analysed now, once, unless import-only.
      const source = sources.get(candidate.source.absPath) ?? candidate.source;
      sources.set(source.absPath, source);
      if (source.importOnly) continue;
      // The front ends are synchronous: let signal handlers and timers run now and then.
      if (performance.now() - lastYield > 50) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      options.signal?.throwIfAborted();
      if (performance.now() > scanDeadline) {
        timedOut = true;
        skipped.push({ file: source.relPath, reason: TIMEOUT_REASON });
        failed++;
        if (candidate.analysedByWorker) skippedByTimeout.add(candidate.order); // noted here once, not again from the worker
        continue;
      }
      const fileStarted = performance.now();
      await analyzeFile({ ...candidate, source });
      analyzeMs += performance.now() - fileStarted;
      options.onProgress?.({ filesScanned: candidate.order + 1, filesTotal: toRead.length, findings: findings.length });
    }
    if (worker) {
      // The worker's files end the analyze stage: waiting for the last of them counts there.
      const waitStarted = performance.now();
      const replies = await worker.results(options.signal);
      for (const reply of replies) recordWorkerReply(reply, !skippedByTimeout.has(reply.order));
      workerAnalysed = replies.length;
      analyzeMs += performance.now() - waitStarted;
    }
  } finally {
    // However the scan ends (an abort, an error), the worker ends with it.
    await worker?.close();
  }
  // Skip notes for files an import had already read (and noted) come once.
  skipped.push(...reader.skipped.filter((entry) => !readForImport.has(entry.file)));
  options.onProgress?.({ filesScanned: toRead.length, filesTotal: toRead.length, findings: findings.length });

  const analysed = performance.now();
  const deduped = dedupe(findings);
  // Link stage: the JWT literals of the whole tree against its secrets and the word lists.
  const crackingOptions = config.rules.get('jwt-literal')?.options;
  const crackingTimeLimitMs = 1000 * Number(crackingOptions?.crackingTimeLimit ?? 2);
  const cracking = crackTokens({
    sightings: tokenSightings,
    // In discovery order: the first place a literal is written wins, whichever thread read it.
    files: tokenSightings.length > 0 ? inDiscoveryOrder(sources.values(), discovery.files) : [],
    keyMaterial: sensitive.values(),
    userList: userWeakSecrets,
    budget: Number(crackingOptions?.crackingBudget ?? 1_000_000),
    timeLimitMs: crackingTimeLimitMs,
  });
  noteStoppedCracking(cracking, deduped, crackingTimeLimitMs);
  deduped.push(...linkCrackedTokens(cracking.cracked, deduped, minSecretLength,
    (ruleId) => config.rules.get(ruleId)?.severity ?? 'high', (file, secret) => sensitive.add(file, secret)));
  const linked = performance.now();
  const { kept, problems } = applySuppressions(deduped, directives, new Set(known.keys()));
  const configured = [...kept, ...(enabled(INVALID_SUPPRESSION_RULE_ID) ? problems : [])]
    .filter((finding) => enabled(finding.ruleId))
    .map((finding) => applyTestSeverity(finding, config));
  const minRank = SEVERITY_RANK[options.minSeverity ?? config.minSeverity ?? 'note'];
  const reported = configured
    .filter((finding) => SEVERITY_RANK[finding.severity] >= minRank)
    .map(snippetMaker(sources, root, sensitive))
    .sort(compareFindings);

  return {
    root,
    findings: reported,
    // Reasons may quote an exception: one line, no long quoted text, known secrets masked.
    skipped: skipped.map((entry) => ({ file: entry.file, reason: redactText(safeReason(entry.reason), sensitive.forFile(entry.file)) }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.reason.localeCompare(b.reason)),
    ...(timedOut ? { incomplete: `the --timeout of ${formatDuration(options.timeoutMs ?? 0)} was reached` } : {}),
    stats: {
      filesDiscovered: discovery.files.length + discovery.skipped.length,
      filesScanned: sources.size - failed,
      filesSkipped: skipped.length,
      durationMs: Math.round(performance.now() - started),
      filesAnalysed: sources.size,
      readWorkers: reader.workers,
      ...(reader.sharedWithAnalysisWorker ? { readSharedWithAnalysisWorker: true } : {}),
      ...(workerAnalysed > 0 ? { analysisWorker: true } : {}),
      stageMs: {
        discover: Math.round(discovered - started),
        read: Math.round(analysed - discovered - analyzeMs),
        analyze: Math.round(analyzeMs),
        link: Math.round(linked - analysed),
        filter: Math.round(performance.now() - linked),
      },
    },
  };
}

/**
 * A skip reason fit to print: its first line, quoted text longer than a few characters
 * elided (parser errors quote the source they choke on), at most 200 characters.
 */
function safeReason(reason: string): string {
  const line = reason.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const elided = line.replace(/(["'`])[^"'`]{13,}?\1/g, '$1…$1');
  return elided.length > 200 ? `${elided.slice(0, 199)}…` : elided;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** The user's weak-secret word list, read once per scan; a missing file is a configuration error. */
function loadUserWeakSecrets(path: string | undefined): SecretWordlist | undefined {
  if (path === undefined) return undefined;
  try {
    return loadSecretWordlist(path);
  } catch (error) {
    throw new ConfigError(`--weak-secrets / weakSecrets ${JSON.stringify(path)}: cannot read the word list (${(error as NodeJS.ErrnoException).code ?? 'read error'})`);
  }
}

function runSeedPatterns(
  source: SourceFile,
  isAstFile: boolean,
  config: ResolvedConfig,
  minSecretLength: number,
  sensitive: SensitiveValues,
  tokenSightings: TokenSighting[],
): Finding[] {
  const findings: Finding[] = [];
  let lowered: string | undefined;
  let lines: LineIndex | undefined;
  let jwtContext: boolean | undefined;
  for (const pattern of SEED_PATTERNS) {
    if (isAstFile && !pattern.inAstFiles) continue;
    lowered ??= source.text.toLowerCase();
    if (!pattern.keywords.some((keyword) => lowered!.includes(keyword))) continue;
    lines ??= new LineIndex(source.text);
    pattern.regex.lastIndex = 0;
    for (const match of source.text.matchAll(pattern.regex)) {
      const range = lines.range(match.index, match.index + match[0].length);
      jwtContext ??= hasJwtContext(source.text);
      const hit = pattern.check(match as RegExpExecArray, {
        lineText: lines.lineText(range.start.line),
        isAstFile,
        minSecretLength,
        jwtContext,
      });
      if (!hit) continue;
      for (const value of hit.sensitive) sensitive.add(source.relPath, value);
      const rule = config.rules.get(hit.ruleId);
      if (!rule?.enabled) continue;
      const finding: Finding = {
        ruleId: hit.ruleId,
        severity: hit.severity ?? rule.severity,
        file: source.relPath,
        range,
        message: hit.message,
        fix: hit.fix,
        engine: 'pattern',
      };
      findings.push(finding);
      if (hit.ruleId === 'jwt-literal') tokenSightings.push({ token: match[0], finding });
    }
  }
  return findings;
}

/**
 * One finding per place: the same rule on the same line is reported once (AST findings
 * win over pattern findings), and `weak-secret` supersedes `hardcoded-secret` on a line.
 */
function dedupe(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  const weakLines = new Set<string>();
  for (const finding of findings) {
    if (finding.ruleId === 'weak-secret') weakLines.add(`${finding.file}:${finding.range.start.line}`);
  }
  for (const finding of findings) {
    const line = `${finding.file}:${finding.range.start.line}`;
    if (finding.ruleId === 'hardcoded-secret' && weakLines.has(line)) continue;
    const key = `${finding.ruleId}@${line}`;
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, finding);
    else byKey.set(key, mergeDuplicates(existing, finding));
  }
  return [...byKey.values()];
}

/** The AST finding wins over a pattern finding; the related locations of both are kept. */
function mergeDuplicates(existing: Finding, duplicate: Finding): Finding {
  const kept = existing.engine === 'pattern' && duplicate.engine === 'ast' ? duplicate : existing;
  const related = [...(existing.related ?? []), ...(duplicate.related ?? [])];
  const unique = related.filter((location, index) => related.findIndex((other) =>
    other.file === location.file && other.range.start.line === location.range.start.line &&
    other.range.start.column === location.range.start.column) === index);
  return unique.length > 0 ? { ...kept, related: unique } : kept;
}

/** Literal secrets and tokens are normal in test code: they drop to `testSeverity` there. */
function applyTestSeverity(finding: Finding, config: ResolvedConfig): Finding {
  if (TEST_DOWNGRADED_RULES.has(finding.ruleId) && isTestPath(finding.file) &&
      SEVERITY_RANK[config.testSeverity] < SEVERITY_RANK[finding.severity]) {
    return { ...finding, severity: config.testSeverity };
  }
  return finding;
}

/** Adds the flagged line as a code frame, with every secret and token seen in the scan masked. */
function snippetMaker(sources: Map<string, SourceFile>, root: string, sensitive: SensitiveValues): (finding: Finding) => Finding {
  const indexes = new Map<string, LineIndex | undefined>();
  const secretsByFile = new Map<string, SecretLookup>(); // no values are added once findings are being masked
  return (finding) => {
    const absPath = resolve(root, finding.file);
    if (!indexes.has(absPath)) {
      const source = sources.get(absPath);
      indexes.set(absPath, source ? new LineIndex(source.text) : undefined);
    }
    const index = indexes.get(absPath);
    if (!index) return finding;
    const line = index.lineText(finding.range.start.line).trim();
    // Most files have no values of their own: they share the lookup of the values masked everywhere.
    const key = sensitive.hasOwnValues(finding.file) ? finding.file : '';
    let secrets = secretsByFile.get(key);
    if (!secrets) secretsByFile.set(key, (secrets = new SecretLookup(sensitive.forFile(finding.file))));
    // Only the secrets on this line: a file with thousands of secrets must not cost thousands of passes per finding.
    const onLine = secrets.on(line);
    const masked = redactText(redactText(line, [...onLine, ...credentialLiterals(line)]), tokensIn(line));
    return { ...finding, snippet: snippetWindow(masked, finding.range.start.column) };
  };
}

/**
 * Finds which of many secrets occur in a line: each position of the line is looked up by the
 * characters ending there (three, or the length of the shortest secret). Secrets are keyed by
 * their last characters, not their first: every JWT starts with `eyJ`, but ends differently.
 * A line costs one pass however many secrets the scan has seen.
 */
class SecretLookup {
  private readonly keyLength: number;
  private readonly byEnding = new Map<string, number[]>();

  /** `secrets` in masking order (longest first); `on` keeps that order. */
  constructor(private readonly secrets: string[]) {
    this.keyLength = Math.max(1, secrets.reduce((shortest, secret) => Math.min(shortest, secret.length), 3));
    secrets.forEach((secret, order) => {
      const ending = secret.slice(secret.length - this.keyLength);
      const orders = this.byEnding.get(ending);
      if (orders) orders.push(order);
      else this.byEnding.set(ending, [order]);
    });
  }

  private readonly lines = new Map<string, string[]>();

  on(line: string): string[] {
    let cached = this.lines.get(line); // several findings on one (long, minified) line
    if (!cached) this.lines.set(line, (cached = this.find(line)));
    return cached;
  }

  private find(line: string): string[] {
    const found = new Set<number>();
    for (let end = this.keyLength; end <= line.length; end++) {
      const orders = this.byEnding.get(line.slice(end - this.keyLength, end));
      if (!orders) continue;
      for (const order of orders) {
        const secret = this.secrets[order]!;
        const start = end - secret.length;
        if (start >= 0 && line.startsWith(secret, start)) found.add(order);
      }
    }
    return [...found].sort((a, b) => a - b).map((order) => this.secrets[order]!);
  }
}

const SNIPPET_WINDOW = 240;

/** A long (minified) line is cut, after masking, to a window around the finding: reports stay small. */
function snippetWindow(line: string, column: number): string {
  if (line.length <= SNIPPET_WINDOW) return line;
  const start = Math.max(0, Math.min(column - 80, line.length - SNIPPET_WINDOW));
  const end = start + SNIPPET_WINDOW;
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

/**
 * Quoted strings of a code frame that look like credentials (20+ characters without
 * whitespace, letters and digits, not a URL or a path), and private keys written on one line,
 * are masked even when no rule recognised them as secrets: in code that fails to parse, a
 * secret argument may not be seen.
 */
function credentialLiterals(line: string): string[] {
  const found: string[] = [];
  for (const match of line.matchAll(/(["'`])([^"'`\s]{20,})\1/g)) {
    const text = match[2]!;
    if (/[A-Za-z]/.test(text) && /\d/.test(text) && !text.includes('://') && !/^[./@~]/.test(text)) found.push(text);
  }
  // A private key written on one line (with `\n` escapes) holds spaces in its armour lines.
  for (const match of line.matchAll(/-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[^"'`]*/g)) found.push(match[0]);
  return found;
}

/** Any JWT on a line is masked, whether or not a rule reported it. */
function tokensIn(line: string): string[] {
  return line.includes('eyJ') ? [...line.matchAll(JWT_PATTERN)].map((match) => match[0]) : [];
}

function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId);
}
