/**
 * SARIF 2.1.0 output for GitHub code scanning (`--format sarif`).
 *
 * - Every known rule is described in `tool.driver.rules` (sorted by id), not only the ones that
 *   fired, so GitHub shows help for alerts and keeps closed alerts' rules.
 * - `security-severity` plus the `security` tag make GitHub show Critical/High/Medium/Low.
 * - `partialFingerprints['jwtLintFingerprint/v1']` hashes the rule, the file and the masked
 *   snippet (not the line number), so an alert survives code moving up or down.
 * - Paths are relative to `%SRCROOT%`; no source text (snippets, context regions) is embedded.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, RelatedLocation, RuleDoc, ScanResult, Severity, SourceRange } from '../types.js';
import type { ReportOptions } from './index.js';
import { sortFindings, sortSkipped } from './summary.js';

export type SarifOptions = Pick<ReportOptions, 'rules' | 'toolVersion'>;

export const INFORMATION_URI = 'https://github.com/jwt-lint/jwt-lint';

/** GitHub's CVSS-like score per severity (see RULES.md). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.1',
  high: '7.5',
  medium: '5.5',
  low: '3.5',
  note: '2.0',
};

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'note':
      return 'note';
  }
}

/** The `problem.severity` vocabulary GitHub and CodeQL use. */
function problemSeverity(severity: Severity): 'error' | 'warning' | 'recommendation' {
  const level = sarifLevel(severity);
  return level === 'note' ? 'recommendation' : level === 'error' ? 'error' : 'warning';
}

export function ruleHelpUri(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/rules/${ruleId}.md`;
}

/** `weak-secret` -> `WeakSecret`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function physicalLocation(file: string, range?: SourceRange): Sarif.PhysicalLocation {
  const location: Sarif.PhysicalLocation = {
    artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' },
  };
  if (range) {
    location.region = {
      startLine: range.start.line,
      startColumn: range.start.column,
      endLine: range.end.line,
      endColumn: range.end.column,
    };
  }
  return location;
}

function ruleDescriptor(doc: RuleDoc): Sarif.ReportingDescriptor {
  const defaultConfiguration: Sarif.ReportingConfiguration = { level: sarifLevel(doc.severity) };
  if (!doc.defaultEnabled) defaultConfiguration.enabled = false;
  return {
    id: doc.id,
    name: pascalCase(doc.id),
    shortDescription: { text: doc.title },
    fullDescription: { text: doc.summary },
    help: { text: doc.body, markdown: doc.body },
    helpUri: ruleHelpUri(doc.id),
    defaultConfiguration,
    properties: {
      tags: ['security', ...doc.cwe.map((n) => `external/cwe/cwe-${n}`)],
      precision: doc.precision,
      'security-severity': SECURITY_SEVERITY[doc.severity],
      'problem.severity': problemSeverity(doc.severity),
    },
  };
}

function relatedLocation(related: RelatedLocation, index: number): Sarif.Location {
  return {
    id: index + 1,
    physicalLocation: physicalLocation(related.file, related.range),
    message: { text: related.message },
  };
}

/** What the fingerprint hashes besides the occurrence: rule, file and the collapsed snippet. */
function fingerprintKey(finding: Finding): string {
  const text = (finding.snippet ?? finding.message).replace(/\s+/g, ' ').trim();
  return [finding.ruleId, finding.file, text].join('\0');
}

/**
 * sha256 (first 32 hex chars) of rule id, file, the snippet with whitespace collapsed (the
 * message when there is no snippet) and which occurrence of that triple in the file this is,
 * counted in report order. Line numbers are deliberately left out.
 */
function fingerprint(key: string, occurrence: number): string {
  return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32);
}

export function buildSarifLog(result: ScanResult, options: SarifOptions): Sarif.Log {
  const docs = [...options.rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(docs.map((doc, index) => [doc.id, index]));
  const occurrences = new Map<string, number>();

  const results = sortFindings(result.findings).map((finding): Sarif.Result => {
    const key = fingerprintKey(finding);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const index = ruleIndex.get(finding.ruleId);
    const sarifResult: Sarif.Result = {
      ruleId: finding.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: sarifLevel(finding.severity),
      message: { text: `${finding.message} Fix: ${finding.fix}` },
      locations: [{ physicalLocation: physicalLocation(finding.file, finding.range) }],
      partialFingerprints: { 'jwtLintFingerprint/v1': fingerprint(key, occurrence) },
      properties: { 'security-severity': SECURITY_SEVERITY[finding.severity] },
    };
    if (finding.related && finding.related.length > 0) {
      sarifResult.relatedLocations = finding.related.map(relatedLocation);
    }
    return sarifResult;
  });

  // Every skipped file, and why; an incomplete scan (--timeout) is an unsuccessful execution.
  const notifications = sortSkipped(result.skipped).map(
    (skipped): Sarif.Notification => ({
      level: 'note',
      message: { text: `Skipped: ${skipped.reason}` },
      locations: [{ physicalLocation: physicalLocation(skipped.file) }],
    }),
  );
  if (result.incomplete) notifications.unshift({ level: 'error', message: { text: `Incomplete scan: ${result.incomplete}` } });

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'jwt-lint',
            semanticVersion: options.toolVersion,
            version: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: docs.map(ruleDescriptor),
          },
        },
        automationDetails: { id: 'jwt-lint/' },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri(result.root) } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: !result.incomplete, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

export function renderSarif(result: ScanResult, options: SarifOptions): string {
  return `${JSON.stringify(buildSarifLog(result, options), null, 2)}\n`;
}
