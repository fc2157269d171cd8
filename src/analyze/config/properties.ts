/**
 * Java `.properties` files (Spring `application.properties`): `key=value`, `key: value` or
 * `key value`; `#` and `!` comment lines; a trailing backslash continues the value on the
 * next line. Spring placeholders `${JWT_SECRET:default}` are read as fallbacks.
 */
import { readInterpolation, type ConfigEntry } from './entries.js';

export function readProperties(text: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const lines = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let logical: { text: string; start: number } | undefined;
  for (const match of text.matchAll(lines)) {
    if (match[0] === '' && match.index >= text.length) break;
    const line = match[0].replace(/\r?\n$|\r$/, '');
    if (!logical) {
      if (/^\s*([#!]|$)/.test(line)) continue;
      logical = { text: '', start: match.index };
    }
    // An odd number of trailing backslashes continues the line; the next line's indentation is dropped.
    const continued = /(?:^|[^\\])(?:\\\\)*\\$/.test(line);
    logical.text += logical.text === '' ? line : line.trimStart();
    if (continued) {
      logical.text = logical.text.slice(0, -1);
      continue;
    }
    const entry = readLine(logical.text, logical.start);
    if (entry) entries.push(entry);
    logical = undefined;
  }
  return entries;
}

function readLine(line: string, offset: number): ConfigEntry | undefined {
  const match = /^(\s*)((?:\\.|[^\s=:\\])+)\s*[=:\s]\s*/.exec(line);
  if (!match) return undefined;
  const key = match[2]!.replace(/\\(.)/g, '$1');
  const raw = line.slice(match[0].length).trimEnd();
  const value = raw.replace(/\\u([0-9a-fA-F]{4})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\(.)/g, (_all, ch: string) => ({ n: '\n', t: '\t', r: '\r' })[ch] ?? ch);
  const start = offset + match[0].length;
  return { key, value, start, end: start + raw.length, ...readInterpolation(value, start, 'spring') };
}
