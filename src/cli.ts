/**
 * The command line: argv -> options -> scan -> report -> exit code.
 * Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or config error (or
 * skipped files with --strict), 130/143 interrupted by SIGINT/SIGTERM (no report is written).
 * The scanner modules load lazily so that `--version` and `--help` stay instant.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { SEVERITIES, SEVERITY_RANK, type Severity } from './types.js';

const FAIL_ON_CHOICES = [...SEVERITIES.filter((s) => s !== 'note'), 'none'];

export function toolVersion(): string {
  const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export interface CliOptions {
  format: string;
  output?: string;
  failOn?: string;
  minSeverity?: string;
  config?: string | false;
  rule?: string[];
  disable?: string[];
  listRules?: boolean;
  include?: string[];
  exclude?: string[];
  gitignore: boolean;
  maxFileSize?: string;
  weakSecrets?: string;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  strict?: boolean;
  timeout?: string;
  followSymlinks?: boolean;
  baseline?: string;
  writeBaseline?: string;
  changedSince?: string;
  stdinFilename?: string;
  workers?: string;
  timing?: boolean;
}

/** Repeatable options: `--rule a --rule b`. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Raised for bad flag values; reported with exit code 2. */
class UsageError extends Error {}

const EXAMPLES = `
Examples:
  $ jwt-lint                                  scan the current directory
  $ jwt-lint src config                       scan two folders
  $ jwt-lint . --format sarif --output jwt-lint.sarif
  $ jwt-lint . --fail-on critical             fail the build on critical findings only
  $ jwt-lint . --rule weak-secret,alg-none    run only these rules
  $ jwt-lint . --disable missing-issuer       run every rule but this one
  $ jwt-lint --list-rules                     show the rule catalog
  $ jwt-lint . --changed-since origin/main    scan only what this branch changed
  $ jwt-lint . --write-baseline jwt-lint-baseline.json   accept today's findings...
  $ jwt-lint . --baseline jwt-lint-baseline.json         ...then report only new ones
  $ jwt-lint --stdin-filename src/auth.ts < buffer       scan stdin as src/auth.ts

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error
(or, with --strict, any skipped file), 130/143 interrupted by SIGINT/SIGTERM (no report written).
Config: .jwtlintrc.json, jwt-lint.config.json or package.json "jwt-lint", found upward from the first path.
Suppress one finding: // jwt-lint-disable-next-line <rule-id> -- reason`;

export function buildProgram(): Command {
  return new Command()
    .name('jwt-lint')
    .description('Find JWT misconfigurations in source code and config before they ship.')
    .version(toolVersion(), '-V, --version')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif', 'markdown', 'codequality']).default('text'))
    .option('-o, --output <file>', 'write the report to a file (a one-line summary goes to stderr)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: high)').choices(FAIL_ON_CHOICES))
    .addOption(new Option('--min-severity <severity>', 'report only findings at or above this severity').choices([...SEVERITIES]))
    .option('-c, --config <file>', 'config file (default: discovered upward from the first path)')
    .option('--no-config', 'ignore config files')
    .option('--rule <id>', 'run only these rules (repeatable, or comma-separated)', collect)
    .option('--disable <id>', 'turn these rules off (repeatable, or comma-separated)', collect)
    .option('--list-rules', 'list the rules with their severity and description')
    .option('--include <glob>', 'only scan files matching these globs (repeatable)', collect)
    .option('--exclude <glob>', 'also skip files matching these globs (repeatable)', collect)
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('--max-file-size <size>', 'skip larger files, e.g. 1048576, 512k, 2m (default: 1m)')
    .option('--weak-secrets <file>', 'a word list of weak secrets, one per line: secrets on it are weak, and JWT literals are cracked with it')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .option('-q, --quiet', 'print findings only')
    .option('-v, --verbose', 'also list skipped files with the reason')
    .option('--strict', 'exit 2 when any file was skipped (unreadable, too large, binary, failed or out of time)')
    .option('--timeout <seconds>', 'stop analysing after this many seconds; files not reached are listed as skipped')
    .option('--follow-symlinks', 'follow symbolic links (default: not followed)')
    .option('--baseline <file>', 'report only findings that are not in this baseline file')
    .option('--write-baseline <file>', 'record the current findings as the baseline and exit 0')
    .option('--changed-since <ref>', 'scan only files changed since this git ref (and files importing them)')
    .option('--stdin-filename <name>', 'scan stdin as the content of this file (editors, hooks)')
    .option('--workers <count>', 'threads beside the main thread: read workers (default: none below 4 cores or on small trees, else cores - 2, at most 4); from 2 cores, an analysis worker for Python, Java, Go and config files when the tree has 20 such files and 20 JS/TS files, or when the main thread alone falls behind on a large tree; 1 = everything on the main thread')
    .option('--timing', 'print the time of each stage, the files read and analysed, and peak memory on stderr')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride();
}

/**
 * Parses a command line as the CLI does, without running anything: the paths and the
 * options, or a thrown CommanderError for an invalid invocation (used to check integrations).
 */
export function parseArguments(args: string[]): { paths: string[]; options: CliOptions } {
  const program = buildProgram().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  program.parse(args, { from: 'user' });
  return { paths: program.args, options: program.opts<CliOptions>() };
}

/** Runs the CLI and returns the exit code; never calls process.exit itself. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
  });
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  const options = program.opts<CliOptions>();
  // The first SIGINT/SIGTERM stops the scan at the next file; a second one gets the default (immediate) exit.
  const interruption = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    interruption.abort(new Interrupted(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (options.stdinFilename !== undefined && program.args.length > 0) {
      throw new UsageError('--stdin-filename scans stdin as one file: pass no paths with it');
    }
    return await run(program.args.length > 0 ? program.args : ['.'], options, interruption.signal);
  } catch (error) {
    const { escapeControl } = await import('./report/text.js');
    if (error instanceof Interrupted) {
      process.stderr.write(`jwt-lint: interrupted by ${error.signal}; no report written\n`);
      return error.exitCode;
    }
    // One line, control characters escaped: messages can quote config keys or paths from the scanned tree.
    const message = escapeControl(((error as Error)?.message ?? String(error)).split('\n', 1)[0] ?? '');
    process.stderr.write(`jwt-lint: ${isUserError(error) ? 'error' : 'internal error'}: ${message}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** SIGINT/SIGTERM during a scan: no report is written, and the exit code says which signal (128 + n). */
class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }

  get exitCode(): number {
    return this.signal === 'SIGINT' ? 130 : 143;
  }
}

function isUserError(error: unknown): boolean {
  return error instanceof UsageError || (error instanceof Error && ['ConfigError', 'TargetError', 'BaselineError', 'GitError'].includes(error.name));
}

async function run(paths: string[], options: CliOptions, signal: AbortSignal): Promise<number> {
  const { knownRules } = await import('./rules/catalog.js');
  const { loadRuleDocs } = await import('./rules/docs.js');
  const known = knownRules();
  const docs = loadRuleDocs();
  if (options.listRules) {
    process.stdout.write(listRules(docs));
    return 0;
  }
  const { applyRuleSelection, defaultConfig, findConfigFile, loadConfig, ConfigError } = await import('./config.js');
  const root = process.cwd();
  let configPath: string | undefined;
  if (typeof options.config === 'string') {
    configPath = resolve(options.config);
    if (!existsSync(configPath)) throw new ConfigError(`--config ${JSON.stringify(options.config)}: file not found`);
  } else if (options.config !== false) {
    configPath = findConfigFile(resolve(root, options.stdinFilename ?? paths[0]!));
  }
  let config = configPath ? loadConfig(configPath, known) : defaultConfig(known);
  config = applyRuleSelection(config, { only: options.rule, disable: options.disable }, known);

  const failOn = (options.failOn ?? config.failOn ?? 'high') as Severity | 'none';
  const minSeverity = options.minSeverity as Severity | undefined;
  const maxFileSize = options.maxFileSize === undefined ? undefined : parseSize(options.maxFileSize);
  const timeoutMs = options.timeout === undefined ? undefined : parseSeconds(options.timeout);
  const workers = options.workers === undefined ? undefined : parseWorkers(options.workers);

  const { prepareScanModes } = await import('./scan-modes.js');
  const modes = await prepareScanModes(options, paths, root);
  const { scan } = await import('./scan.js');
  const scanned = await scan({
    ...modes.scanOptions,
    targets: paths,
    root,
    config,
    include: options.include,
    exclude: options.exclude,
    useGitignore: options.gitignore,
    maxFileSize,
    minSeverity,
    weakSecrets: options.weakSecrets === undefined ? undefined : resolve(options.weakSecrets),
    followSymlinks: Boolean(options.followSymlinks),
    timeoutMs,
    workers,
    signal,
  }).finally(modes.finishProgress);
  const baselined = modes.afterScan(scanned);
  if ('exitCode' in baselined) return baselined.exitCode;
  const { result } = baselined;

  const renderStarted = performance.now();
  const { renderReport, summaryLine } = await import('./report/index.js');
  const format = options.format as import('./report/index.js').ReportFormat;
  const report = renderReport(format, result, {
    rules: docs,
    toolVersion: toolVersion(),
    color: format === 'text' && !options.output && useColor(options.color),
    quiet: Boolean(options.quiet),
    verbose: Boolean(options.verbose),
    failOn,
  });
  signal.throwIfAborted(); // interrupted while rendering: no report rather than a late one
  const reportStarted = performance.now();
  if (options.output) {
    writeAtomically(resolve(options.output), report);
    if (!options.quiet) process.stderr.write(`${summaryLine(result)} -> ${options.output}\n`);
  } else {
    process.stdout.write(report);
  }
  if (options.timing) process.stderr.write(timingReport(result.stats, Math.round(performance.now() - reportStarted + (reportStarted - renderStarted))));
  if (result.incomplete) {
    process.stderr.write(`jwt-lint: warning: ${result.incomplete}; the files not analysed are listed as skipped\n`);
  }
  if (options.strict && result.skipped.length > 0) {
    const count = result.skipped.length;
    process.stderr.write(`jwt-lint: --strict: ${count} file${count === 1 ? ' was' : 's were'} skipped (--verbose lists them)\n`);
    return 2;
  }
  if (failOn === 'none') return 0;
  return result.findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

/** `--timing`: one line per stage, then what was read and the peak memory. */
function timingReport(stats: import('./types.js').ScanStats, reportMs: number): string {
  const stages = { ...(stats.stageMs ?? {}), report: reportMs };
  const width = Math.max(...Object.keys(stages).map((name) => name.length));
  const lines = Object.entries(stages).map(([name, ms]) => `  ${name.padEnd(width)}  ${String(ms).padStart(6)} ms`);
  const reading = stats.readWorkers ? `${stats.readWorkers} read workers`
    : stats.readSharedWithAnalysisWorker ? 'read on the main thread and the analysis worker' : 'read on the main thread';
  const analysing = stats.analysisWorker ? '; Python, Java, Go and config files analysed on the analysis worker' : '';
  return [
    'jwt-lint timing:',
    ...lines,
    `  files: ${stats.filesDiscovered} discovered, ${stats.filesAnalysed ?? stats.filesScanned} analysed after the prefilter (${reading}${analysing})`,
    `  peak memory (RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    '',
  ].join('\n');
}

function parseWorkers(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new UsageError(`--workers ${JSON.stringify(value)}: expected a whole number from 1 to 64`);
  }
  return count;
}

function listRules(docs: Map<string, import('./types.js').RuleDoc>): string {
  const width = Math.max(...[...docs.keys()].map((id) => id.length));
  const lines = [...docs.values()].map((doc) =>
    `${doc.id.padEnd(width)}  ${doc.severity.padEnd(8)}  ${doc.summary}${doc.defaultEnabled ? '' : ' (off by default)'}`);
  return `${lines.join('\n')}\n`;
}

/** NO_COLOR wins, then FORCE_COLOR, then --color/--no-color, then whether stdout is a terminal. */
function useColor(flag: boolean | undefined): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '') return process.env.FORCE_COLOR !== '0';
  if (flag !== undefined) return flag;
  return Boolean(process.stdout.isTTY);
}

/** '1048576', '512k', '2m', '1MiB' -> bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--max-file-size ${JSON.stringify(text)}: expected a size such as 1048576, 512k or 2m`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * factor);
}

/** '90', '2.5' -> milliseconds; a positive number of seconds. */
export function parseSeconds(text: string): number {
  const seconds = Number(text.trim());
  if (!/^\d+(?:\.\d+)?$/.test(text.trim()) || !(seconds > 0)) {
    throw new UsageError(`--timeout ${JSON.stringify(text)}: expected a positive number of seconds, such as 300`);
  }
  return Math.round(seconds * 1000);
}

/** A report is never left half-written: write a temp file beside it, then rename. */
function writeAtomically(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UsageError(`--output ${JSON.stringify(path)}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

