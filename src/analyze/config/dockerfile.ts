/**
 * Dockerfiles: `ENV`/`ARG` settings baked into the image (`ENV JWT_SECRET=...`,
 * `ENV JWT_SECRET value`, `ARG JWT_SECRET=default`) and `RUN` commands, read with the shell
 * reader (line continuations included) for `openssl genrsa` and friends.
 */
import { readInterpolation, type ConfigEntry, type ShellCommand } from './entries.js';
import { readShell } from './shell.js';

const INSTRUCTION = /^[ \t]*(ENV|ARG|RUN)[ \t]+/gim;
/**
 * `KEY=value`, `KEY="quoted value"` or `KEY='quoted'`, one of several on an ENV line. A key
 * starts at a word boundary (the lookbehind), so a long word is scanned once, not from every
 * character (quadratic on a hostile line).
 */
const PAIR = /(?<![\w.-])([A-Za-z_][\w.-]*)=("(?:\\.|[^"\\])*"|'[^']*'|[^\s"']*)/g;

export async function readDockerfile(text: string): Promise<{ entries: ConfigEntry[]; commands: ShellCommand[] }> {
  const entries: ConfigEntry[] = [];
  const commands: ShellCommand[] = [];
  for (const match of text.matchAll(INSTRUCTION)) {
    const start = match.index + match[0].length;
    const end = instructionEnd(text, start);
    const body = text.slice(start, end);
    if (match[1]!.toUpperCase() === 'RUN') {
      if (!body.includes('openssl') || body.trimStart().startsWith('[')) continue;
      for (const command of (await readShell(body)).commands) commands.push(shift(command, start));
    } else {
      entries.push(...settings(body, start));
    }
  }
  return { entries, commands };
}

/** `ENV A=1 B="two"` or the legacy `ENV KEY value with spaces` (one line). */
function settings(body: string, offset: number): ConfigEntry[] {
  const legacy = /^([A-Za-z_][\w.-]*)[ \t]+(?!=)([^\r\n]+)/.exec(body);
  if (legacy && !legacy[1]!.includes('=')) {
    const value = legacy[2]!.trimEnd();
    const start = offset + legacy[0].length - legacy[2]!.length;
    return [{ key: legacy[1]!, value, start, end: start + value.length, ...readInterpolation(value, start, 'shell') }];
  }
  const entries: ConfigEntry[] = [];
  for (const pair of body.matchAll(PAIR)) {
    const written = pair[2]!;
    const quote = written[0] === '"' || written[0] === "'" ? written[0] : '';
    const value = quote ? written.slice(1, -1) : written;
    const start = offset + pair.index + pair[1]!.length + 1 + quote.length;
    const interpolation = quote === "'" ? { literal: true } : readInterpolation(value, start, 'shell');
    entries.push({ key: pair[1]!, value, start, end: start + value.length, ...interpolation });
  }
  return entries;
}

/** The end of an instruction: the first line break not escaped by a trailing backslash. */
function instructionEnd(text: string, from: number): number {
  const lineBreak = /(?<!\\)\r?\n/g;
  lineBreak.lastIndex = from;
  const match = lineBreak.exec(text);
  return match ? match.index : text.length;
}

function shift(command: ShellCommand, offset: number): ShellCommand {
  return {
    name: command.name,
    start: command.start + offset,
    end: command.end + offset,
    args: command.args.map((arg) => ({ ...arg, start: arg.start + offset, end: arg.end + offset })),
  };
}
