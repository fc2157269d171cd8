/** The library API: `import { scan } from 'jwt-lint'`. */
export { scan, isTestPath, DEFAULT_MAX_FILE_SIZE, type ScanOptions } from './scan.js';
export {
  defaultConfig, loadConfig, findConfigFile, applyRuleSelection, ConfigError, CONFIG_KEYS,
  type ResolvedConfig, type ResolvedRule, type KnownRule, type RuleOptionSpec, type ConfigKeySpec,
} from './config.js';
export { knownRules } from './rules/catalog.js';
export { loadRuleDocs } from './rules/docs.js';
export { renderReport, summaryLine, REPORT_FORMATS, type ReportFormat, type ReportOptions } from './report/index.js';
export { applyBaseline, baselineEntries, parseBaseline, readBaseline, renderBaseline, BaselineError, type BaselineEntry, type BaselineMatch, type BaselineScope } from './baseline.js';
export { changedFilesSince, changedFileSelector, GitError, type ChangedFiles } from './changed-files.js';
export type { ScanProgress } from './progress.js';
export type { VirtualFile } from './virtual-file.js';
export type { DiscoveredFile } from './discover.js';
export * from './types.js';
