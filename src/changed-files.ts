/**
 * `--changed-since REF`: scan only what a branch changed, for fast pull-request checks.
 *
 * The changed files are those of `git diff REF...HEAD` (everything since the branch left
 * REF), plus staged, modified and untracked files of the working tree. Cross-file rules need
 * more than that: when a changed config module now exports a weak secret, the finding lands
 * in the file that imports it. So files that import a changed file are analysed too. That
 * check is deliberately cheap: a file whose import/require/from/include lines mention a
 * changed file's name without extension (or, for `index.*` files and Go packages, its
 * directory name) counts as an importer. Other files are still read when an analysed file
 * imports them, but get no findings of their own.
 *
 * git runs through `execFile` (no shell), so a ref cannot inject commands; refs starting
 * with `-` are refused so they cannot pass as git options.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DiscoveredFile } from './discover.js';
import { readFileBounded } from './read-file.js';

const run = promisify(execFile);

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export interface ChangedFiles {
  /** The repository's top-level directory. */
  repoRoot: string;
  /** Absolute paths of changed files, deleted ones included. */
  files: Set<string>;
}

async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** Files changed since `ref` in the repository around `cwd`; throws `GitError` with a clear message. */
export async function changedFilesSince(ref: string, cwd: string): Promise<ChangedFiles> {
  if (ref === '' || ref.startsWith('-')) throw new GitError(`--changed-since ${JSON.stringify(ref)}: expected a git ref such as origin/main`);
  let repoRoot: string;
  try {
    // --show-cdup (`../..`) rather than --show-toplevel: the root keeps the spelling of `cwd`
    // (symbolic links unresolved), so the paths match those discovery produces.
    repoRoot = resolve(cwd, (await git(['rev-parse', '--show-cdup'], cwd)).trim() || '.');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError('--changed-since needs git, which was not found on PATH');
    throw new GitError(`--changed-since: ${cwd} is not inside a git repository`);
  }
  try {
    await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repoRoot);
  } catch {
    throw new GitError(`--changed-since ${JSON.stringify(ref)}: unknown git ref (fetch it first, e.g. git fetch origin main)`);
  }
  let committed: string;
  try {
    committed = await git(['diff', '--name-only', '-z', `${ref}...HEAD`, '--'], repoRoot);
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr ?? '').trim().split('\n')[0] ?? '';
    throw new GitError(`--changed-since ${JSON.stringify(ref)}: git diff failed${detail ? ` (${detail})` : ''}; in a shallow clone, fetch more history (actions/checkout with fetch-depth: 0)`);
  }
  // Staged and unstaged changes (HEAD may not exist yet in a fresh repository) and untracked files.
  const working = await git(['diff', '--name-only', '-z', 'HEAD', '--'], repoRoot).catch(() => '');
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], repoRoot);
  const files = new Set<string>();
  for (const name of [committed, working, untracked].flatMap((output) => output.split('\0'))) {
    if (name) files.add(resolve(repoRoot, name));
  }
  return { repoRoot, files };
}

/**
 * The `select` hook of `scan()`: keeps the changed files and the files that import them.
 * `selected` holds the chosen absolute paths once the scan has called it.
 */
export function changedFileSelector(changed: Set<string>): {
  select: (files: DiscoveredFile[], maxFileSize?: number) => DiscoveredFile[];
  selected: Set<string>;
} {
  const selected = new Set<string>();
  const mentionsChanged = importMatcher(changed);
  const select = (files: DiscoveredFile[], maxFileSize = Number.POSITIVE_INFINITY): DiscoveredFile[] => {
    const kept = files.filter((file) => changed.has(file.absPath) ||
      (mentionsChanged !== undefined && importsChanged(file, mentionsChanged, maxFileSize)));
    for (const file of kept) selected.add(file.absPath);
    return kept;
  };
  return { select, selected };
}

/** The names an importer would write: `config` for `src/config.ts`, also `auth` for `src/auth/index.ts` or a Go file in `auth/`. */
export function importNames(absPath: string): string[] {
  const stem = basename(absPath, extname(absPath));
  const names = [stem];
  if (stem === 'index' || stem === '__init__' || stem === 'mod' || extname(absPath) === '.go') names.push(basename(dirname(absPath)));
  return names.filter((name) => name.length > 0 && name !== '.');
}

const IMPORT_LINE = /^.*\b(?:import|require|from|include|using)\b.*$/gm;

/** One regex matching any changed file's import name as a whole word. */
function importMatcher(changed: Set<string>): RegExp | undefined {
  const names = new Set([...changed].flatMap(importNames));
  if (names.size === 0) return undefined;
  const alternatives = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![\\w$-])(?:${alternatives})(?![\\w$-])`);
}

/** Whether a file imports a changed one. A file over the scan's size cap is not scanned, so it is not read here either. */
function importsChanged(file: DiscoveredFile, mentionsChanged: RegExp, maxFileSize: number): boolean {
  let text: string;
  try {
    text = (Number.isFinite(maxFileSize) ? readFileBounded(file.absPath, maxFileSize) : readFileSync(file.absPath)).toString('utf8');
  } catch {
    return false;
  }
  for (const match of text.matchAll(IMPORT_LINE)) {
    if (mentionsChanged.test(match[0])) return true;
  }
  return false;
}
