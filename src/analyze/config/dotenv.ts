/**
 * `.env` files as the dotenv package reads them: `KEY=value`, optional `export`, single,
 * double or backtick quotes (double-quoted values may span lines and expand `\n`), and
 * `#` comments after unquoted values. `${X}` and `$X` are dotenv-expand references.
 */
import { readInterpolation, type ConfigEntry } from './entries.js';

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?:=|:[ \t])[ \t]*/gm;

export function readDotenv(text: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const match of text.matchAll(LINE)) {
    const valueStart = match.index + match[0].length;
    const value = readValue(text, valueStart);
    if (!value) continue;
    const interpolation = value.quote === "'" ? { literal: true } : readInterpolation(value.text, value.start, 'shell');
    entries.push({ key: match[1]!, value: value.text, start: value.start, end: value.end, ...interpolation });
  }
  return entries;
}

function readValue(text: string, at: number): { text: string; start: number; end: number; quote?: string } | undefined {
  const quote = text[at];
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = findClosingQuote(text, at + 1, quote);
    if (close < 0) return undefined;
    const raw = text.slice(at + 1, close);
    const unescaped = quote === '"' ? raw.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\"/g, '"') : raw;
    return { text: unescaped, start: at + 1, end: close, quote };
  }
  const lineEnd = text.slice(at).search(/\r?\n|\r|$/);
  const line = text.slice(at, at + lineEnd);
  const comment = line.search(/(^|[ \t])#/);
  const value = (comment < 0 ? line : line.slice(0, comment)).trimEnd();
  return { text: value, start: at, end: at + value.length };
}

function findClosingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}
