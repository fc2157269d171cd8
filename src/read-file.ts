/**
 * Reading one file within the size cap, and the words for why a file could not be read. Kept
 * apart from discovery, so the threads that read files (read workers, the analysis worker) load
 * no glob or ignore library.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a file system call failed, in words (the error code as a fallback). */
export function fileSystemReason(error: unknown, path = ''): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'path too long for the file system';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EFBIG':
      return 'grew past the size limit during the scan';
    case 'ENOTREG':
      return 'no longer a regular file';
    case 'ENOENT':
      // A name that is not valid UTF-8 comes back from the directory listing with U+FFFD.
      return path.includes('\ufffd') ? 'file name is not valid UTF-8' : 'no longer exists (deleted or moved during the scan)';
    default:
      return `unreadable (${code ?? 'unknown error'})`;
  }
}

/**
 * Reads a regular file of at most `maxBytes`, without a stat call for a file that fits in the
 * first read: a regular file returns less than asked only at its end. A larger file is stat'ed
 * once it fills that read: one over the limit is refused without reading it further, the others
 * are read to the end. The file may have changed since discovery: one that reads empty or
 * fails to read is stat'ed to tell why, so that a FIFO or a device swapped in is refused
 * (without blocking: the file is opened non-blocking), and one that grew past the limit is not
 * read beyond it. Errors carry a `code` that `fileSystemReason` puts in words (and `size`, for
 * a file over the limit). `allocate` gives a buffer of at least the size asked for (the read
 * may ask for a larger one later); by default a new one.
 */
export function readFileBounded(path: string, maxBytes: number, allocate: (size: number) => Buffer = Buffer.allocUnsafe): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const limit = maxBytes + 1; // one byte more than allowed tells a file over the limit
    const tooLarge = (size: number): Error => Object.assign(new Error('file too large'), { code: 'EFBIG', size });
    let buffer = allocate(Math.min(FIRST_READ_BYTES, limit));
    let length = 0;
    let statSize: number | undefined;
    for (;;) {
      const wanted = Math.min(buffer.length, limit) - length;
      let read: number;
      try {
        read = readSync(fd, buffer, length, wanted, null);
      } catch (error) {
        regularFileSize(fd); // a FIFO, device or directory is refused as such
        throw error;
      }
      length += read;
      // The end of the file: a short read, or for a stat'ed file, a read of nothing.
      if (statSize === undefined ? read < wanted : read === 0) break;
      if (length > maxBytes) throw tooLarge(Math.max(length, statSize ?? fstatSync(fd).size));
      if (length < buffer.length) continue; // a stat'ed file reads on: a short read is not its end
      // The buffer is full: the file is larger than the first read, or grew.
      statSize ??= regularFileSize(fd);
      if (statSize > maxBytes) throw tooLarge(statSize);
      const larger = allocate(Math.min(Math.max(2 * buffer.length, statSize + 1), limit));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    if (length === 0) regularFileSize(fd); // an empty read of a FIFO or device is refused
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Most source files fit in one read of this size. */
const FIRST_READ_BYTES = 64 * 1024;

/** The size of an open regular file; anything else is refused (code ENOTREG). */
function regularFileSize(fd: number): number {
  const stats = fstatSync(fd);
  if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
  return stats.size;
}

/** True when the first 8000 bytes hold a NUL byte (the test git uses). */
export function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8000).includes(0);
}

/** The skip reason of a file over the size cap: `larger than 1 MiB (3.4 MiB)`. */
export function tooLargeReason(maxBytes: number, size: number): string {
  return `larger than ${formatBytes(maxBytes)} (${formatBytes(size)})`;
}

/** `512 B`, `1.5 KiB`, `1 MiB`, `3.4 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit]}`;
}
