/**
 * Shell scripts through tree-sitter's bash grammar: variable assignments (`JWT_SECRET=...`,
 * `export JWT_SECRET=...`, `JWT_SECRET=... node server.js`), `NAME=value` arguments
 * (`docker run -e`, `kubectl create secret --from-literal=`), and every command with its
 * literal arguments (for `openssl genrsa` and friends).
 */
import { loadLanguage, parseTree, type SyntaxNode } from '../tree/parser.js';
import { readInterpolation, splitAssignment, type CommandWord, type ConfigEntry, type ShellCommand } from './entries.js';

export async function readShell(text: string): Promise<{ entries: ConfigEntry[]; commands: ShellCommand[] }> {
  await loadLanguage('bash');
  const { root } = parseTree('bash', text);
  const entries: ConfigEntry[] = [];
  const commands: ShellCommand[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'variable_assignment') {
      const entry = assignmentEntry(node, text);
      if (entry) entries.push(entry);
    } else if (node.type === 'command') {
      const command = commandOf(node, text);
      if (command) {
        commands.push(command);
        entries.push(...argumentEntries(command));
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return { entries, commands };
}

function assignmentEntry(node: SyntaxNode, text: string): ConfigEntry | undefined {
  const name = node.children.find((child) => child.field === 'name');
  const value = node.children.find((child) => child.field === 'value');
  if (!name || !value) return undefined;
  const word = wordOf(value, text);
  const inner = unquotedRange(value, text);
  const entry: ConfigEntry = { key: text.slice(name.start, name.end), value: word.text ?? text.slice(inner.start, inner.end),
    start: inner.start, end: inner.end, literal: word.text !== undefined };
  if (!entry.literal) {
    const { fallback } = readInterpolation(entry.value, inner.start, 'shell');
    if (fallback) entry.fallback = fallback;
  }
  return entry;
}

function commandOf(node: SyntaxNode, text: string): ShellCommand | undefined {
  const name = node.children.find((child) => child.field === 'name');
  if (!name) return undefined;
  const args = node.children.filter((child) => child.field === 'argument').map((child) => wordOf(child, text));
  return { name: text.slice(name.start, name.end), args, start: node.start, end: node.end };
}

/** `-e JWT_SECRET=value`, `--from-literal=JWT_SECRET=value`, `env JWT_SECRET=value node app.js`. */
function argumentEntries(command: ShellCommand): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const arg of command.args) {
    if (arg.text === undefined) continue;
    const option = /^--[\w-]+=/.exec(arg.text)?.[0] ?? '';
    const assignment = splitAssignment(arg.text.slice(option.length));
    if (!assignment) continue;
    // Offsets are exact for unquoted words; for quoted ones the value starts one character later.
    const quoteShift = arg.end - arg.start > arg.text.length ? 1 : 0;
    const start = arg.start + quoteShift + option.length + assignment.valueIndex;
    entries.push({ key: assignment.key, value: assignment.value, start, end: start + assignment.value.length, literal: true });
  }
  return entries;
}

/** A word as the command receives it, when it is a literal (no expansion or substitution). */
function wordOf(node: SyntaxNode, text: string): CommandWord {
  return { text: literalText(node, text), start: node.start, end: node.end };
}

function literalText(node: SyntaxNode, text: string): string | undefined {
  const written = text.slice(node.start, node.end);
  switch (node.type) {
    case 'word':
    case 'number':
      return written.includes('$') || written.includes('`') ? undefined : written.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return written.slice(1, -1);
    case 'string':
      if (node.children.some((child) => child.named && child.type !== 'string_content')) return undefined;
      return written.slice(1, -1).replace(/\\([$`"\\])/g, '$1');
    case 'concatenation': {
      const parts = node.children.map((child) => literalText(child, text));
      return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
    }
    default:
      return undefined;
  }
}

/** The offsets of a value inside its quotes. */
function unquotedRange(node: SyntaxNode, text: string): { start: number; end: number } {
  const quoted = node.type === 'raw_string' || (node.type === 'string' && text[node.start] === '"');
  return quoted ? { start: node.start + 1, end: node.end - 1 } : { start: node.start, end: node.end };
}
