/**
 * The config front end: .env, YAML, .properties, JSON and shell scripts, read as key/value
 * entries (src/analyze/config/entries.ts) that the rules of src/rules/config/ judge. Every
 * JWT secret value found is registered as sensitive, whether or not a rule reports it.
 */
import { basename, extname } from 'node:path';
import { CONFIG_RULES } from '../../rules/config/index.js';
import type { ConfigRule } from '../../rules/config/rule.js';
import type { Finding, Severity } from '../../types.js';
import type { AnalyzerEnvironment, FileAnalyzer, FileResult, SourceFile } from '../front-ends.js';
import { isDockerfile, isDotenvFile } from '../languages.js';
import { readDockerfile } from './dockerfile.js';
import { LineIndex } from '../text/line-index.js';
import { readDotenv } from './dotenv.js';
import { embeddedCommands } from './embedded-scripts.js';
import type { ConfigFile, ConfigFormat, InterpolationSyntax } from './entries.js';
import { ConfigFacts } from './facts.js';
import { isCiConfigPath, isTemplatePath } from './names.js';
import { readProperties } from './properties.js';
import { readShell } from './shell.js';
import { readYaml } from './yaml.js';
import { checkNesting } from '../nesting.js';

/** Generated or tool-owned JSON/YAML that never holds app settings (and can be large). */
const NOT_CONFIG = /^(package-lock|npm-shrinkwrap|composer|pnpm-lock|yarn|tsconfig(\..*)?|jsconfig|deno|\.?babelrc|lerna|nx|turbo|renovate|\.eslintrc|\.prettierrc|cdk|angular|project)\.(json|ya?ml)$|^custom-environment-variables\.(json|ya?ml)$|\.(min|lock|schema|map)\.json$|^\.(jwtlintrc|jwt-lint\.config)/i;
/** JSON this large is data, not configuration. */
const MAX_JSON_CHARS = 256 * 1024;

interface EnabledConfigRule {
  rule: ConfigRule;
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
}

export function createConfigAnalyzer(env: AnalyzerEnvironment): FileAnalyzer {
  const rules: EnabledConfigRule[] = [];
  for (const rule of CONFIG_RULES) {
    const resolved = env.config.rules.get(rule.id);
    if (resolved?.enabled) rules.push({ rule, severity: resolved.severity, options: resolved.options });
  }
  return { analyze: (source) => analyzeConfig(source, rules) };
}

async function analyzeConfig(source: SourceFile, rules: EnabledConfigRule[]): Promise<FileResult> {
  const format = configFormatOf(source.absPath);
  if (!format || (format === 'json' && source.text.length > MAX_JSON_CHARS)) return { findings: [], sensitive: [] };
  let file: ConfigFile;
  try {
    checkNesting(source.text);
    file = await readConfigFile(source, format);
  } catch (error) {
    return { findings: [], sensitive: [], error: `config parse failed: ${(error as Error)?.message ?? String(error)}` };
  }
  const facts = new ConfigFacts(file);
  const sensitive: FileResult['sensitive'] = [];
  for (const secret of facts.secrets()) {
    sensitive.push({ file: source.relPath, text: secret.text });
    if (secret.entry.written) sensitive.push({ file: source.relPath, text: secret.entry.written });
  }
  const findings: Finding[] = [];
  let lines: LineIndex | undefined;
  for (const { rule, severity, options } of rules) {
    rule.check({
      file,
      facts,
      options,
      report(report) {
        lines ??= new LineIndex(source.text);
        findings.push({
          ruleId: rule.id,
          severity: report.severity ?? severity,
          file: source.relPath,
          range: lines.range(report.start, report.end),
          message: report.message,
          fix: report.fix ?? rule.fix,
          engine: 'ast',
        });
      },
    });
  }
  return { findings, sensitive };
}

/** Which reader a file needs; undefined for files the front end leaves alone (lock files, tsconfig). */
export function configFormatOf(path: string): ConfigFormat | undefined {
  const name = basename(path);
  if (NOT_CONFIG.test(name)) return undefined;
  if (isDotenvFile(path)) return 'dotenv';
  if (isDockerfile(path)) return 'dockerfile';
  switch (extname(name).toLowerCase()) {
    case '.yml':
    case '.yaml':
      return 'yaml';
    case '.json':
      return 'json';
    case '.properties':
      return 'properties';
    case '.sh':
    case '.bash':
      return 'shell';
    default:
      return undefined;
  }
}

async function readConfigFile(source: SourceFile, format: ConfigFormat): Promise<ConfigFile> {
  const file: ConfigFile = {
    path: source.relPath,
    format,
    template: isTemplatePath(source.relPath),
    ci: isCiConfigPath(source.relPath),
    entries: [],
    commands: [],
  };
  switch (format) {
    case 'dotenv':
      file.entries = readDotenv(source.text);
      break;
    case 'properties':
      file.entries = readProperties(source.text);
      break;
    case 'yaml':
    case 'json':
      file.entries = readYaml(source.text, yamlInterpolation(source.absPath));
      file.commands = await embeddedCommands(source.text, file.entries);
      break;
    case 'shell':
      Object.assign(file, await readShell(source.text));
      break;
    case 'dockerfile':
      Object.assign(file, await readDockerfile(source.text));
      break;
  }
  return file;
}

/** Spring and Micronaut read `${x:default}`; compose files and everything else `${X:-default}` first. */
function yamlInterpolation(path: string): InterpolationSyntax {
  const name = basename(path).toLowerCase();
  if (/^(application|bootstrap)([-.][^/]*)?\.ya?ml$/.test(name)) return 'spring';
  if (/(^|[-.])(docker-)?compose([-.][^/]*)?\.ya?ml$/.test(name)) return 'shell';
  return 'any';
}
