/**
 * In-memory content scanned as if it were a file on disk (`--stdin-filename NAME`, editors,
 * hooks): the text of an unsaved buffer goes through the same pipeline as files, with the
 * path deciding the front end, test-path severities, suppressions and config `ignore` globs.
 */
import { resolve, relative, sep } from 'node:path';
import { globMatcher, type DiscoveredFile, type DiscoveryResult } from './discover.js';

export interface VirtualFile {
  /** Where the content would live, relative to the scan root or absolute. */
  path: string;
  text: string;
}

/** A discovered file whose bytes are already in memory. */
export interface InMemoryFile extends DiscoveredFile {
  content: Buffer;
}

/** The discovery result of a scan of one virtual file: itself, unless an exclude glob or `--include` leaves it out. */
export function discoverVirtualFile(
  root: string,
  file: VirtualFile,
  globs: { include?: string[]; exclude?: string[] },
): DiscoveryResult {
  const absPath = resolve(root, file.path);
  const relPath = relative(root, absPath).split(sep).join('/');
  if (globs.exclude?.length && globMatcher(globs.exclude)(relPath)) {
    return { files: [], skipped: [{ file: relPath, reason: 'excluded by --exclude or the config "ignore"' }] };
  }
  if (globs.include?.length && !globMatcher(globs.include)(relPath)) {
    return { files: [], skipped: [{ file: relPath, reason: 'not matched by --include' }] };
  }
  const content = Buffer.from(file.text, 'utf8');
  const inMemory: InMemoryFile = { absPath, relPath, content };
  return { files: [inMemory], skipped: [] };
}
