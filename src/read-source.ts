/**
 * Reading one discovered file as text: bounded read, keyword prefilter on the raw bytes,
 * then decoding (UTF-8, or UTF-16 with a byte-order mark). Shared by the main thread and
 * the read workers.
 */
import type { SourceFile } from './analyze/front-ends.js';
import type { DiscoveredFile } from './discover.js';
import { fileSystemReason, looksBinary, readFileBounded, tooLargeReason } from './read-file.js';
import { passesPrefilter } from './prefilter.js';
import type { SkippedFile } from './types.js';
import type { InMemoryFile } from './virtual-file.js';

/**
 * What becomes of a file the keyword prefilter passes over: `drop` leaves it unread (a scan's
 * own reading), `import-only` keeps it, marked as read only to resolve an import.
 */
export type PrefilterMode = 'drop' | 'import-only';

/**
 * The buffer every file of this thread is read into: the prefilter drops most files right
 * after reading, and what is kept leaves as a decoded string, so no file needs its own buffer.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

function scratchBuffer(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, 2 * scratch.length));
  return scratch;
}

/** One file as text; undefined when unreadable or binary (recorded) or dropped by the prefilter. */
export function readSource(file: DiscoveredFile, skipped: SkippedFile[], mode: PrefilterMode, maxFileSize: number): SourceFile | undefined {
  const content = (file as Partial<InMemoryFile>).content;
  if (content && content.length > maxFileSize) {
    skipped.push({ file: file.relPath, reason: tooLargeReason(maxFileSize, content.length) });
    return undefined;
  }
  let buffer: Buffer;
  try {
    buffer = content ?? readFileBounded(file.absPath, maxFileSize, scratchBuffer);
  } catch (error) {
    const { code, size } = (error ?? {}) as NodeJS.ErrnoException & { size?: number };
    const reason = code === 'EFBIG' && size !== undefined ? tooLargeReason(maxFileSize, size) : fileSystemReason(error, file.absPath);
    skipped.push({ file: file.relPath, reason });
    return undefined;
  }
  // UTF-16 files are searched as decoded text, everything else as raw bytes (no decoding).
  const utf16 = hasUtf16Bom(buffer);
  const passedBytes = utf16 || passesPrefilter(buffer, file.absPath);
  if (!passedBytes && mode === 'drop') return undefined;
  const text = decodeText(buffer);
  if (text === undefined) {
    skipped.push({ file: file.relPath, reason: 'binary content' });
    return undefined;
  }
  const passed = passedBytes && (!utf16 || passesPrefilter(text, file.absPath));
  if (!passed && mode === 'drop') return undefined;
  return { absPath: file.absPath, relPath: file.relPath, text, ...(passed ? {} : { importOnly: true }) };
}

function hasUtf16Bom(buffer: Buffer): boolean {
  return (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff);
}

/** UTF-8 (BOM stripped) or UTF-16 with a BOM; undefined for binary data. */
function decodeText(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return Buffer.from(buffer.subarray(2)).swap16().toString('utf16le');
  if (looksBinary(buffer)) return undefined;
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
