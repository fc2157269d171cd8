/**
 * The pipeline, in one direction:
 * discover -> read + prefilter -> analyze (AST front ends and seed patterns) -> link
 * -> filter (dedupe, suppressions, config levels, test paths, min severity) -> mask -> result.
 * This is also the library API (`import { scan } from 'jwt-lint'`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { frontEndOf, type FrontEndId } from './analyze/languages.js';
import { createFileAnalyzer, type FileAnalyzer, type SourceFile } from './analyze/front-ends.js';
import { defaultConfig, type ResolvedConfig } from './config.js';
import { discoverFiles, looksBinary, type DiscoveredFile } from './discover.js';
import { LineIndex } from './analyze/text/line-index.js';
import { JWT_PATTERN } from './analyze/text/jwt-token.js';
import { hasJwtContext, SEED_PATTERNS } from './analyze/text/patterns.js';
import { redactText } from './mask.js';
import { SensitiveValues } from './sensitive-values.js';
import { knownRules } from './rules/catalog.js';
import { applySuppressions, INVALID_SUPPRESSION_RULE_ID, parseSuppressions, type SuppressionDirective } from './suppressions.js';
import { SEVERITY_RANK, type Finding, type ScanResult, type Severity, type SkippedFile } from './types.js';

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
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Raw-byte keywords: a file containing none of them never reaches a parser or a regex. */
const PREFILTER_TEXT = [
  'jwt', 'JWT', 'Jwt', 'jsonwebtoken', 'jose', 'token', 'Token', 'TOKEN', 'secret', 'Secret', 'SECRET',
  'eyJ', 'earer', 'localStorage', 'sessionStorage', 'ookie', 'genrsa', 'genpkey', 'modulusLength', 'generateKey',
  'NodeRSA', '"alg',
  'jwt-lint-disable', 'redux-persist',
];
const PREFILTER_BYTES = PREFILTER_TEXT.map((keyword) => Buffer.from(keyword));

/** Rules whose literal findings are expected in test code and drop to `testSeverity` there. */
const TEST_DOWNGRADED_RULES = new Set(['hardcoded-secret', 'weak-secret', 'jwt-literal']);
const TEST_PATH = /(^|\/)(tests?|__tests__|specs?|fixtures?|__fixtures__|mocks?|__mocks__|testdata|e2e)\/|\.(test|spec|e2e)\.[^./]+$/i;

export function isTestPath(relPath: string): boolean {
  return TEST_PATH.test(relPath);
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const root = resolve(options.root ?? process.cwd());
  const known = knownRules();
  const config = options.config ?? defaultConfig(known);
  const maxFileSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const discovery = await discoverFiles({
    targets: options.targets.length > 0 ? options.targets : ['.'],
    root,
    include: options.include,
    exclude: options.exclude,
    ignore: config.ignore,
    useGitignore: options.useGitignore ?? true,
    maxFileSize,
  });
  const skipped: SkippedFile[] = [...discovery.skipped];
  const sources = readCandidates(discovery.files, skipped);
  // A module imported by an analysed file is read even if the prefilter passed it over
  // (a config module holding only `audience`/`issuer`), so that imports resolve.
  const discovered = new Map(discovery.files.map((file) => [file.absPath, file]));
  const readImported = (absPath: string): SourceFile | undefined => {
    const file = discovered.get(absPath);
    if (!file || !frontEndOf(absPath)) return undefined;
    discovered.delete(absPath);
    const source = readSource(file, skipped, false);
    if (source) sources.set(absPath, source);
    return source;
  };
  const enabled = (id: string): boolean => config.rules.get(id)?.enabled ?? false;

  const findings: Finding[] = [];
  const sensitive = new SensitiveValues();
  const directives = new Map<string, SuppressionDirective[]>();
  const minSecretLength = Number(config.rules.get('weak-secret')?.options.minLength ?? 32);

  const analyzers = new Map<FrontEndId, FileAnalyzer>();
  const environment = {
    config,
    read: (absPath: string) => sources.get(absPath) ?? readImported(absPath),
    scannedPaths: discovery.files.map((file) => file.absPath),
  };
  let failed = 0;
  for (const source of sources.values()) {
    if (source.text.includes('jwt-lint-disable')) directives.set(source.relPath, parseSuppressions(source.text));
    const frontEnd = frontEndOf(source.absPath);
    const isAstFile = frontEnd !== undefined;
    if (frontEnd) {
      let analyzer = analyzers.get(frontEnd);
      if (!analyzer) {
        analyzer = await createFileAnalyzer(frontEnd, environment);
        analyzers.set(frontEnd, analyzer);
      }
      const result = await analyzer.analyze(source);
      if (result.error) {
        skipped.push({ file: source.relPath, reason: result.error });
        failed++;
      }
      findings.push(...result.findings);
      for (const { file, text } of result.sensitive) sensitive.add(file, text);
    }
    try {
      findings.push(...runSeedPatterns(source, isAstFile, config, minSecretLength, sensitive));
    } catch (error) {
      skipped.push({ file: source.relPath, reason: `pattern scan failed: ${(error as Error)?.message ?? String(error)}` });
    }
  }

  const deduped = dedupe(findings);
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
    skipped: skipped.sort((a, b) => a.file.localeCompare(b.file)),
    stats: {
      filesDiscovered: discovery.files.length + discovery.skipped.length,
      filesScanned: sources.size - failed,
      filesSkipped: skipped.length,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

/** Reads every discovered file once; binary and undecodable files are skipped with a reason. */
function readCandidates(files: DiscoveredFile[], skipped: SkippedFile[]): Map<string, SourceFile> {
  const sources = new Map<string, SourceFile>();
  for (const file of files) {
    const source = readSource(file, skipped, true);
    if (source) sources.set(file.absPath, source);
  }
  return sources;
}

/** One file as text; undefined when unreadable or binary (recorded) or, with the prefilter, irrelevant. */
function readSource(file: DiscoveredFile, skipped: SkippedFile[], prefilter: boolean): SourceFile | undefined {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file.absPath);
  } catch (error) {
    skipped.push({ file: file.relPath, reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'read error'}` });
    return undefined;
  }
  const utf16 = hasUtf16Bom(buffer);
  if (prefilter && !utf16 && !PREFILTER_BYTES.some((keyword) => buffer.includes(keyword))) return undefined;
  const text = decodeText(buffer);
  if (text === undefined) {
    skipped.push({ file: file.relPath, reason: 'binary content' });
    return undefined;
  }
  if (prefilter && utf16 && !PREFILTER_TEXT.some((keyword) => text.includes(keyword))) return undefined;
  return { absPath: file.absPath, relPath: file.relPath, text };
}

function hasUtf16Bom(buffer: Buffer): boolean {
  return (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff);
}

/** UTF-8 (BOM stripped) or UTF-16 with a BOM; undefined for binary data. */
function decodeText(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return Buffer.from(buffer.subarray(2)).swap16().toString('utf16le');
  if (looksBinary(buffer)) return undefined;
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function runSeedPatterns(
  source: SourceFile,
  isAstFile: boolean,
  config: ResolvedConfig,
  minSecretLength: number,
  sensitive: SensitiveValues,
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
      findings.push({
        ruleId: hit.ruleId,
        severity: hit.severity ?? rule.severity,
        file: source.relPath,
        range,
        message: hit.message,
        fix: hit.fix,
        engine: 'pattern',
      });
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
  return (finding) => {
    const absPath = resolve(root, finding.file);
    if (!indexes.has(absPath)) {
      const source = sources.get(absPath);
      indexes.set(absPath, source ? new LineIndex(source.text) : undefined);
    }
    const index = indexes.get(absPath);
    if (!index) return finding;
    const line = index.lineText(finding.range.start.line).trim();
    return { ...finding, snippet: redactText(redactText(line, sensitive.forFile(finding.file)), tokensIn(line)) };
  };
}

/** Any JWT on a line is masked, whether or not a rule reported it. */
function tokensIn(line: string): string[] {
  return line.includes('eyJ') ? [...line.matchAll(JWT_PATTERN)].map((match) => match[0]) : [];
}

function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId);
}
