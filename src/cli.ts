/**
 * The command line: argv -> options -> scan -> report -> exit code.
 * Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or config error.
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

interface CliOptions {
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
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
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

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.
Config: .jwtlintrc.json, jwt-lint.config.json or package.json "jwt-lint", found upward from the first path.
Suppress one finding: // jwt-lint-disable-next-line <rule-id> -- reason`;

function buildProgram(): Command {
  return new Command()
    .name('jwt-lint')
    .description('Find JWT misconfigurations in source code and config before they ship.')
    .version(toolVersion(), '-V, --version')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif', 'markdown']).default('text'))
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
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .option('-q, --quiet', 'print findings only')
    .option('-v, --verbose', 'also list skipped files with the reason')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride();
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
  try {
    return await run(program.args.length > 0 ? program.args : ['.'], options);
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`jwt-lint: error: ${(error as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`jwt-lint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return 2;
  }
}

function isUserError(error: unknown): boolean {
  return error instanceof UsageError || (error instanceof Error && ['ConfigError', 'TargetError'].includes(error.name));
}

async function run(paths: string[], options: CliOptions): Promise<number> {
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
    configPath = findConfigFile(resolve(root, paths[0]!));
  }
  let config = configPath ? loadConfig(configPath, known) : defaultConfig(known);
  config = applyRuleSelection(config, { only: options.rule, disable: options.disable }, known);

  const failOn = (options.failOn ?? config.failOn ?? 'high') as Severity | 'none';
  const minSeverity = options.minSeverity as Severity | undefined;
  const maxFileSize = options.maxFileSize === undefined ? undefined : parseSize(options.maxFileSize);

  const { scan } = await import('./scan.js');
  const result = await scan({
    targets: paths,
    root,
    config,
    include: options.include,
    exclude: options.exclude,
    useGitignore: options.gitignore,
    maxFileSize,
    minSeverity,
  });

  const { renderReport, summaryLine } = await import('./report/index.js');
  const format = options.format as 'text' | 'json' | 'sarif' | 'markdown';
  const report = renderReport(format, result, {
    rules: docs,
    toolVersion: toolVersion(),
    color: format === 'text' && !options.output && useColor(options.color),
    quiet: Boolean(options.quiet),
    verbose: Boolean(options.verbose),
    failOn,
  });
  if (options.output) {
    writeAtomically(resolve(options.output), report);
    if (!options.quiet) process.stderr.write(`${summaryLine(result)} -> ${options.output}\n`);
  } else {
    process.stdout.write(report);
  }
  if (failOn === 'none') return 0;
  return result.findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
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

