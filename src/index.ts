/** The library API: `import { scan } from 'jwt-lint'`. */
export { scan, isTestPath, DEFAULT_MAX_FILE_SIZE, type ScanOptions } from './scan.js';
export { defaultConfig, loadConfig, findConfigFile, applyRuleSelection, ConfigError, type ResolvedConfig } from './config.js';
export { knownRules } from './rules/catalog.js';
export { loadRuleDocs } from './rules/docs.js';
export { renderReport, REPORT_FORMATS, type ReportFormat, type ReportOptions } from './report/index.js';
export * from './types.js';
