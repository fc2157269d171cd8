/**
 * Shell commands written inside YAML: CI steps (`run:`, GitLab `script:` lists), compose and
 * Kubernetes `command:`/`args:` strings. Only values that mention `openssl` are parsed (the
 * only commands the config rules judge), with offsets mapped back to the YAML file.
 */
import type { ConfigEntry, ConfigItem, ShellCommand } from './entries.js';
import { readShell } from './shell.js';

const SCRIPT_KEYS = new Set(['run', 'script', 'scripts', 'before_script', 'after_script', 'command', 'cmd', 'entrypoint', 'args']);

export async function embeddedCommands(text: string, entries: readonly ConfigEntry[]): Promise<ShellCommand[]> {
  const commands: ShellCommand[] = [];
  for (const entry of entries) {
    if (!SCRIPT_KEYS.has(entry.key.split('.').pop()!.toLowerCase())) continue;
    for (const script of entry.items ?? [entry]) {
      if (!script.value.includes('openssl')) continue;
      const { commands: found } = await readShell(script.value);
      for (const command of found) commands.push(mapCommand(command, text, script));
    }
  }
  return commands;
}

function mapCommand(command: ShellCommand, text: string, script: ConfigItem): ShellCommand {
  const map = (offset: number): number => fileOffset(text, script, offset);
  return {
    name: command.name,
    start: map(command.start),
    end: map(command.end),
    args: command.args.map((arg) => ({ text: arg.text, start: map(arg.start), end: map(arg.end) })),
  };
}

/**
 * The file offset of an offset into a scalar's value: same line for one-line scalars; for block
 * scalars (`run: |`), the same line of the block, after that line's indentation.
 */
function fileOffset(text: string, script: ConfigItem, offset: number): number {
  const before = script.value.slice(0, offset);
  const line = before.split('\n').length - 1;
  if (line === 0) return script.start + offset;
  let lineStart = script.start;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', lineStart);
    if (next < 0 || next >= script.end) return script.start;
    lineStart = next + 1;
  }
  const indentation = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0].length;
  return lineStart + indentation + (offset - before.lastIndexOf('\n') - 1);
}
