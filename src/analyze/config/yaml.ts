/**
 * YAML and JSON files (one parser: JSON is YAML), every document of a `---` stream:
 * nested keys become dotted paths (`jwt.secret`, `auth.jwtSecret`), and the places that
 * hold environment variables use the variable name as the key: docker-compose
 * `environment:`/`args:` (map or `KEY=value` list), Kubernetes container `env:` entries
 * (`name`/`value`; `valueFrom` references are not values), ConfigMap `data` and Secret
 * `data` (base64-decoded) / `stringData`.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node, type Scalar, type YAMLMap } from 'yaml';
import { readInterpolation, splitAssignment, type ConfigEntry, type ConfigItem, type InterpolationSyntax } from './entries.js';

const ENV_KEYS = new Set(['environment', 'args']);

export function readYaml(text: string, syntax: InterpolationSyntax): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const document of parseAllDocuments(text, { uniqueKeys: false })) {
    // A document the parser had to repair (a Helm template, a half-edited file) is not read: precision first.
    if (document.errors.length > 0 || !document.contents) continue;
    const reader = new YamlReader(text, syntax, entries);
    const root = document.contents;
    if (isMap(root) && readKubernetesData(root, reader)) continue;
    reader.walk(root, []);
  }
  return entries;
}

class YamlReader {
  scope: string | undefined;

  constructor(private readonly text: string, private readonly syntax: InterpolationSyntax, private readonly entries: ConfigEntry[]) {}

  walk(node: unknown, path: string[]): void {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (ENV_KEYS.has(key) && path.length > 0) this.readEnvironment(pair.value);
        else this.readValue(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isMap(item) && isContainerEnvVar(item)) this.readContainerEnvVar(item);
        else if (isMap(item) || isSeq(item)) this.walk(item, path);
      }
    }
  }

  private readValue(value: unknown, path: string[]): void {
    if (isScalar(value)) {
      const entry = this.scalarEntry(path.join('.'), value);
      if (entry) this.entries.push(entry);
    } else if (isSeq(value) && value.items.length > 0 && value.items.every(isScalar)) {
      const items = value.items.map((item) => this.item(item as Scalar)).filter((item) => item !== undefined);
      const [start, end] = value.range ?? [0, 0];
      this.entries.push({ key: path.join('.'), value: items.map((item) => item.value).join(','), start, end, literal: false, items });
    } else {
      this.walk(value, path);
    }
  }

  /** docker-compose `environment:` / `args:`: a map of names, or a list of `NAME=value`. */
  private readEnvironment(value: unknown): void {
    if (isMap(value)) {
      for (const pair of value.items) {
        if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
        const entry = this.scalarEntry(String(pair.key.value), pair.value);
        if (entry) this.entries.push(entry);
      }
    } else if (isSeq(value)) {
      for (const item of value.items) {
        const scalar = isScalar(item) ? this.item(item) : undefined;
        const assignment = scalar ? splitAssignment(scalar.value) : undefined;
        if (!scalar || !assignment) continue;
        const start = scalar.start + assignment.valueIndex;
        this.push(assignment.key, assignment.value, start, scalar.end);
      }
    }
  }

  /** A Kubernetes container `env:` item: `- name: JWT_SECRET` with `value:` (a `valueFrom:` is a reference). */
  private readContainerEnvVar(item: YAMLMap): void {
    const name = item.get('name');
    const value = item.get('value', true);
    if (typeof name === 'string' && isScalar(value)) {
      const entry = this.scalarEntry(name, value);
      if (entry) this.entries.push(entry);
    }
  }

  scalarEntry(key: string, node: Scalar): ConfigEntry | undefined {
    const item = this.item(node);
    if (!item) return undefined;
    const typed = node.value === null ? 'null' : typeof node.value === 'boolean' ? 'boolean'
      : typeof node.value === 'number' ? 'number' : undefined;
    return this.entry(key, item.value, item.start, item.end, typed ? { typed } : {});
  }

  push(key: string, value: string, start: number, end: number, extra: Partial<ConfigEntry> = {}): void {
    this.entries.push(this.entry(key, value, start, end, extra));
  }

  private entry(key: string, value: string, start: number, end: number, extra: Partial<ConfigEntry>): ConfigEntry {
    const entry: ConfigEntry = { key, value, start, end, ...readInterpolation(value, start, this.syntax), ...extra };
    if (this.scope) entry.scope = this.scope;
    return entry;
  }

  /** A scalar's text and the offsets of its value (inside quotes; plain scalars keep their written text). */
  item(node: Scalar): ConfigItem | undefined {
    if (!node.range) return undefined;
    const [start, end] = node.range;
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { value: String(node.value), start: start + 1, end: end - 1 };
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      const body = this.text.indexOf('\n', start) + 1;
      return { value: String(node.value ?? ''), start: body > 0 ? body : start, end };
    }
    return { value: node.value === null ? '' : this.text.slice(start, end), start, end };
  }
}

function isContainerEnvVar(item: YAMLMap): boolean {
  return item.items.length <= 3 && item.has('name') && (item.has('value') || item.has('valueFrom'));
}

/**
 * A Kubernetes ConfigMap or Secret: each `data` (base64 in a Secret) and `stringData` key is
 * an entry named by the key, scoped by `metadata.name`. False for any other document.
 */
function readKubernetesData(root: YAMLMap, reader: YamlReader): boolean {
  const kind = root.get('kind');
  if ((kind !== 'Secret' && kind !== 'ConfigMap') || typeof root.get('apiVersion') !== 'string') return false;
  const metadata = root.get('metadata');
  const name = isMap(metadata) ? metadata.get('name') : undefined;
  if (typeof name === 'string') reader.scope = name;
  for (const section of ['data', 'stringData']) {
    const data = root.get(section, true) as Node | undefined;
    if (!isMap(data)) continue;
    for (const pair of data.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) continue;
      const key = String(pair.key.value);
      const item = reader.item(pair.value);
      if (!item) continue;
      if (kind === 'Secret' && section === 'data') {
        const decoded = decodeBase64(item.value);
        if (decoded !== undefined) reader.push(key, decoded, item.start, item.end, { written: item.value, literal: true });
      } else {
        reader.push(key, item.value, item.start, item.end);
      }
    }
  }
  return true;
}

/** Base64 that decodes to text; undefined for anything else (a template, binary data). */
function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded) ? undefined : decoded;
}
