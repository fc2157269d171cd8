/**
 * File discovery: which files of the targets the scan looks at.
 *
 * Directory targets are walked here with fast-glob, minus the default excludes, `.gitignore`
 * (unless turned off) and `.jwtlintignore` files at every level, `--exclude` and config `ignore` globs, and
 * restricted to `--include` globs when given. Known binary extensions are dropped
 * silently; directories that cannot be listed (permission denied, a path too long for the
 * system) are recorded as skipped with the reason. Files are neither read nor stat'ed here
 * (one system call less per file): the pipeline notes those it cannot read or finds over the
 * size cap, and calls `looksBinary` on what it reads. Explicit file targets are checked here.
 *
 * Symbolic links met during a walk are not followed by default (their targets inside the
 * repository are scanned in place; those outside it are not the repository's). With
 * `followSymlinks` they are followed, wherever they lead, and every directory and file is
 * visited once by its real path, so link loops end and nothing is scanned twice: what lies
 * inside the walked directory under its own path, what lies outside under the shortest
 * path that leads to it.
 *
 * User globs (`include`, `exclude`, `ignore`) are matched against the path relative to
 * the root; as in `.gitignore`, a glob without a slash matches a name at any depth
 * (`*.spec.ts`), and a glob that matches a directory covers everything below it
 * (`--exclude legacy`).
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import fg, { type FileSystemAdapter } from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { fileSystemReason, tooLargeReason } from './read-file.js';
import type { SkippedFile } from './types.js';

export interface DiscoverOptions {
  /** Files or directories, relative to `root` or absolute. */
  targets: string[];
  /** Absolute path that reported paths are relative to (normally the working directory). */
  root: string;
  include?: string[];
  exclude?: string[];
  /** Extra exclude globs from the config file. */
  ignore?: string[];
  useGitignore: boolean;
  /** Bytes; larger files are skipped. */
  maxFileSize: number;
  /** Follow symbolic links met in directory walks (default: no). */
  followSymlinks?: boolean;
}

export interface DiscoveredFile {
  absPath: string;
  /** Relative to the root, with forward slashes (`../` for files outside the root). */
  relPath: string;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Directories a walk never enters. */
const EXCLUDED_DIRECTORY_GLOBS = ['node_modules', 'dist', 'build', 'coverage', 'vendor', '.git'].map((dir) => `**/${dir}/**`);
/** Files a walk leaves out by name: minified bundles, source maps and lock files. */
const EXCLUDED_SUFFIXES = ['.min.js', '.min.mjs', '.map'];
const EXCLUDED_NAMES = new Set([
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'npm-shrinkwrap.json',
  'bun.lockb',
  'Cargo.lock',
  'poetry.lock',
  'Gemfile.lock',
  'composer.lock',
  'go.sum',
]);

/**
 * The default excludes as globs. A walk applies the directory globs while it lists (so it never
 * enters those directories) and the file names itself (`isExcludedName`): a glob per file
 * name would be matched against every entry of the tree.
 */
export const DEFAULT_EXCLUDES: readonly string[] = [
  ...EXCLUDED_DIRECTORY_GLOBS,
  ...EXCLUDED_SUFFIXES.map((suffix) => `**/*${suffix}`),
  ...[...EXCLUDED_NAMES].map((name) => `**/${name}`),
];

function isExcludedName(absPath: string): boolean {
  return EXCLUDED_NAMES.has(basename(absPath)) || EXCLUDED_SUFFIXES.some((suffix) => absPath.endsWith(suffix));
}

/** Extensions of files that are never text worth scanning; dropped without a record. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp tif tiff webp avif heic ico icns psd ' +
    'woff woff2 ttf otf eot ' +
    'zip gz tgz bz2 xz zst lz4 7z rar tar jar war ear apk ipa dmg iso ' +
    'mp3 mp4 m4a aac wav ogg flac avi mov mkv webm ' +
    'wasm pdf exe dll so dylib o a lib obj class pyc pyo node bin ' +
    'doc docx xls xlsx ppt pptx sqlite sqlite3 db'
  )
    .split(' ')
    .map((ext) => `.${ext}`),
);

const IGNORE_FILES = ['.gitignore', '.jwtlintignore'] as const;
type IgnoreFileName = (typeof IGNORE_FILES)[number];

export async function discoverFiles(options: DiscoverOptions): Promise<DiscoveryResult> {
  const root = resolve(options.root);
  const userExcludes = [...(options.exclude ?? []), ...(options.ignore ?? [])];
  const isExcluded = userExcludes.length > 0 ? globMatcher(userExcludes) : () => false;
  const isIncluded = options.include?.length ? globMatcher(options.include) : () => true;
  const ignoreFiles = new IgnoreFiles(options.useGitignore);

  const files = new Map<string, DiscoveredFile>();
  const skipped = new Map<string, SkippedFile>();

  /** Why a file is left out, or undefined. Explicit file targets bypass the default excludes and .gitignore. */
  const exclusionReason = (absPath: string, relPath: string, topDir: string, explicit: boolean): string | undefined => {
    if (BINARY_EXTENSIONS.has(extname(absPath).toLowerCase())) return 'binary file type';
    if (!explicit && ignoreFiles.ignores(absPath, topDir, '.gitignore')) return 'ignored by .gitignore';
    if (ignoreFiles.ignores(absPath, topDir, '.jwtlintignore')) return 'ignored by .jwtlintignore';
    if (isExcluded(relPath)) return 'excluded by --exclude or the config "ignore"';
    if (!isIncluded(relPath)) return 'not matched by --include';
    return undefined;
  };

  const consider = (absPath: string, topDir: string, explicit: boolean): void => {
    if (files.has(absPath) || skipped.has(absPath)) return;
    const relPath = toRelPath(root, absPath);
    const skip = (reason: string): void => {
      skipped.set(absPath, { file: relPath, reason });
    };
    if (!explicit && isExcludedName(absPath)) return;
    const excluded = exclusionReason(absPath, relPath, topDir, explicit);
    if (excluded) {
      // Excluded files of a directory walk are not interesting; an explicit target's are.
      if (explicit) skip(excluded);
      return;
    }
    if (explicit) {
      let stats: Stats;
      try {
        stats = statSync(absPath);
        if (!stats.isFile()) return;
      } catch (error) {
        skip(fileSystemReason(error, absPath));
        return;
      }
      if (stats.size > options.maxFileSize) {
        skip(tooLargeReason(options.maxFileSize, stats.size));
        return;
      }
    }
    // A walk lists only regular files (links when followed), and is not stat'ed file by file:
    // whether a file can be read, and its size, show when it is read (a skip note with the reason).
    files.set(absPath, { absPath, relPath });
  };

  for (const target of options.targets) {
    const absTarget = resolve(root, target);
    let stats: Stats;
    try {
      stats = statSync(absTarget);
    } catch {
      throw new TargetError(`path not found: ${target}`);
    }
    const targetDir = stats.isDirectory() ? absTarget : dirname(absTarget);
    // Ignore files are consulted up to the root, or up to the target when it lies outside.
    const topDir = isInside(root, targetDir) ? root : targetDir;
    ignoreFiles.loadAncestors(targetDir, topDir);
    if (!stats.isDirectory()) {
      consider(absTarget, topDir, true);
      continue;
    }
    const paths = walkDirectory(absTarget, options.followSymlinks ?? false, (absPath, reason) => {
      // A directory is reported with a trailing slash.
      const relPath = absPath.endsWith(sep) ? `${toRelPath(root, absPath) || '.'}/` : toRelPath(root, absPath);
      if (!skipped.has(absPath)) skipped.set(absPath, { file: relPath, reason });
    });
    for (const path of paths) ignoreFiles.noteIfIgnoreFile(path);
    for (const path of paths) consider(path, topDir, false);
  }

  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    files: [...files.values()].sort((a, b) => compare(a.relPath, b.relPath)),
    skipped: [...skipped.values()].sort((a, b) => compare(a.file, b.file)),
  };
}

/**
 * fast-glob's patterns never match a line break in a path segment before the last one, so
 * a directory with one in its name is reported as not scanned rather than dropped unseen.
 */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * Every file below `top` (absolute paths), without the default excludes. fast-glob walks;
 * the file system functions it is given add what it leaves out:
 * - a directory that cannot be listed is reported through `skip` and the walk goes on
 *   (fast-glob would stop, or drop it silently with `suppressErrors`);
 * - with `followSymlinks`, a link that cannot be followed (dangling, a loop) is reported,
 *   and each real directory is listed once, so link loops end (see `RealPaths`).
 * The synchronous API: discovery is a run of short system calls, and the synchronous fs
 * functions are the ones the tests replace to stand in for a refusing kernel.
 */
function walkDirectory(top: string, followSymlinks: boolean, skip: (absPath: string, reason: string) => void): string[] {
  const realPaths = followSymlinks ? new RealPaths(top) : undefined;
  const adapter: Partial<FileSystemAdapter> = {
    readdirSync: ((dir: string, options?: { withFileTypes: true }): Dirent[] | string[] => {
      try {
        if (realPaths && !realPaths.isFirstVisit(dir)) return [];
        if (LINE_BREAK.test(relative(top, dir))) {
          skip(`${dir}${sep}`, 'directory not scanned: its name holds a line break');
          return [];
        }
        return options ? readdirSync(dir, options) : readdirSync(dir);
      } catch (error) {
        skip(`${dir}${sep}`, `directory not scanned: ${fileSystemReason(error, dir)}`);
        return [];
      }
    }) as FileSystemAdapter['readdirSync'],
    // fast-glob stats a link only to follow it; when that fails it leaves the link out.
    statSync: ((path: string) => {
      try {
        const stats = statSync(path);
        realPaths?.noteLink(path);
        return stats;
      } catch (error) {
        skip(path, `symbolic link not followed: ${fileSystemReason(error, path)}`);
        throw error;
      }
    }) as FileSystemAdapter['statSync'],
  };
  // `**/[^/]*` rather than `**`: a character class also matches a file name holding a
  // line break, which `**` and `*` never do. `stats` stays off: fast-glob then lists each
  // directory with file types in one call, where `stats` costs an lstat per entry.
  const relPaths = fg.sync('**/[^/]*', {
    cwd: top,
    fs: adapter,
    ignore: EXCLUDED_DIRECTORY_GLOBS,
    dot: true,
    onlyFiles: true,
    unique: false, // `consider` keeps each path once
    followSymbolicLinks: followSymlinks,
  });
  // fast-glob's paths are normalised and use `/`: on POSIX systems a prefix makes them absolute.
  const prefix = top.endsWith(sep) ? top : `${top}${sep}`;
  const files = relPaths.map(sep === '/' ? (relPath) => prefix + relPath : (relPath) => join(top, relPath));
  return realPaths ? realPaths.oncePerRealFile(files) : files;
}

/**
 * Real paths met while a walk follows links. What a link leads to inside `top` is walked
 * in place, under its own path, so the link adds nothing. Outside `top`, each real
 * directory is listed once (which ends link loops) and each real file is kept once, under
 * its shortest path. Real paths come from the links' targets and the directories' names:
 * one realpath call per link, none per plain directory or file.
 */
class RealPaths {
  private readonly topReal: string;
  /** Walked path -> real path, for the directories listed and the links followed. */
  private readonly known = new Map<string, string>();
  /** Real directories outside `top` already listed. */
  private readonly listedOutside = new Set<string>();

  constructor(private readonly top: string) {
    this.topReal = realPathOrSelf(top);
    this.known.set(top, this.topReal);
  }

  noteLink(path: string): void {
    this.known.set(path, realpathSync.native(path));
  }

  /** Whether `dir` is the first way to its real directory (to be listed). */
  isFirstVisit(dir: string): boolean {
    const real = this.realPathOf(dir);
    this.known.set(dir, real);
    if (this.isInPlace(dir, real)) return true;
    if (isInside(this.topReal, real) || this.listedOutside.has(real)) return false;
    this.listedOutside.add(real);
    return true;
  }

  /** `files` with each real file once: in place, or else by its shortest path. */
  oncePerRealFile(files: string[]): string[] {
    const byRealPath = new Map<string, string>();
    const depth = (path: string): number => path.split(sep).length;
    for (const path of files) {
      const real = this.realPathOf(path);
      if (!this.isInPlace(path, real) && isInside(this.topReal, real)) continue; // kept in place
      const kept = byRealPath.get(real);
      if (kept === undefined || depth(path) < depth(kept) || (depth(path) === depth(kept) && path < kept)) {
        byRealPath.set(real, path);
      }
    }
    return [...byRealPath.values()];
  }

  /** A listed directory's or a followed link's own entry; otherwise its parent's real path. */
  private realPathOf(path: string): string {
    const parent = dirname(path);
    return this.known.get(path) ?? join(this.known.get(parent) ?? realPathOrSelf(parent), basename(path));
  }

  private isInPlace(path: string, real: string): boolean {
    return real === join(this.topReal, relative(this.top, path));
  }
}

function realPathOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}


// ---------------------------------------------------------------------------------------

/**
 * The `.gitignore` and `.jwtlintignore` files that apply to a path: those in its directory
 * and every ancestor up to the scan root. Each file's patterns are relative to its own
 * directory; deeper files override shallower ones (`!negations` included).
 */
class IgnoreFiles {
  /** Directory -> its parsed ignore files. */
  private readonly loaded = new Map<string, Partial<Record<IgnoreFileName, Ignore>>>();
  private readonly ignoreCase = process.platform === 'darwin' || process.platform === 'win32';

  constructor(private readonly useGitignore: boolean) {}

  /** Loads the ignore files of `dir` and of its ancestors up to `topDir`. */
  loadAncestors(dir: string, topDir: string): void {
    for (const current of ancestors(dir, topDir)) {
      for (const name of IGNORE_FILES) this.noteIfIgnoreFile(join(current, name));
    }
  }

  /** Loads `path` if it is an ignore file this scan honours and it can be read. */
  noteIfIgnoreFile(path: string): void {
    const name = IGNORE_FILES.find((candidate) => path.endsWith(sep + candidate));
    if (!name || (name === '.gitignore' && !this.useGitignore)) return;
    const dir = dirname(path);
    const entry = this.loaded.get(dir) ?? {};
    if (entry[name]) return;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return; // absent or unreadable: nothing to honour
    }
    entry[name] = ignore({ ignorecase: this.ignoreCase }).add(text);
    this.loaded.set(dir, entry);
  }

  /** Whether the `name` files between `topDir` and the file's directory ignore it. */
  ignores(absPath: string, topDir: string, name: IgnoreFileName): boolean {
    if (this.loaded.size === 0) return false;
    let ignored = false;
    for (const dir of ancestors(dirname(absPath), topDir).reverse()) {
      const matcher = this.loaded.get(dir)?.[name];
      if (!matcher) continue;
      const result = matcher.test(toRelPath(dir, absPath));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** `dir`, its parent, ... up to and including `topDir` (or the filesystem root). */
function ancestors(dir: string, topDir: string): string[] {
  const dirs = [dir];
  for (let current = dir; current !== topDir && dirname(current) !== current; ) {
    current = dirname(current);
    dirs.push(current);
  }
  return dirs;
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function toRelPath(root: string, absPath: string): string {
  // Walked paths are normalised and mostly inside the root: a prefix cut, no path.relative.
  const prefix = root.endsWith(sep) ? root : root + sep;
  const rel = absPath.startsWith(prefix) && !absPath.endsWith(sep) ? absPath.slice(prefix.length) : relative(root, absPath);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Compiles globs to one predicate over root-relative paths: `*` and `?` stay inside a
 * path segment, `**` spans segments, `{a,b}` and `[abc]` work as usual. A glob without a
 * slash matches a name at any depth; a glob that matches a directory covers its contents.
 */
export function globMatcher(globs: string[]): (relPath: string) => boolean {
  const regexps = globs.map(globToRegExp);
  return (relPath) => {
    const segments = relPath.split('/');
    for (let end = segments.length; end > 0; end--) {
      const prefix = segments.slice(0, end).join('/');
      if (regexps.some((regexp) => regexp.test(prefix))) return true;
    }
    return false;
  };
}

function globToRegExp(glob: string): RegExp {
  let pattern = glob.replace(/^\.\//, '');
  while (pattern.endsWith('/')) pattern = pattern.slice(0, -1);
  if (!pattern.includes('/')) pattern = `**/${pattern}`;
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{') {
      source += '(?:';
      braceDepth++;
    } else if (ch === '}' && braceDepth > 0) {
      source += ')';
      braceDepth--;
    } else if (ch === ',' && braceDepth > 0) source += '|';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += ch.replace(/[.+^$(){}|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
