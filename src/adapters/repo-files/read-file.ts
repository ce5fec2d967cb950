import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What reading one path of a repository gave: its text, or why it was passed over. `listing`
 * reasons (a link, not a regular file) are found before any byte is read; `reading` reasons (too
 * large, binary, unreadable) when reading was tried.
 */
export type FileRead = { readonly text: string } | FileSkip;

export interface FileSkip {
  readonly reason: string;
  readonly phase: 'listing' | 'reading';
}

const SNIFF_BYTES = 8000;
// O_NOFOLLOW: a path swapped for a link between the lstat and the open is refused, not followed (S8).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads one repository file: never follows a symbolic link, never opens anything but a regular
 * file, skips files above `maxBytes` without reading them and binaries after a sniff of their
 * first bytes. Synchronous on purpose: it is faster than fs.promises for many small files.
 */
export function readRepositoryFile(root: string, path: string, maxBytes: number): FileRead {
  const absolute = join(root, path);
  let size: number;
  try {
    const stat = lstatSync(absolute);
    if (stat.isSymbolicLink()) return { reason: 'symbolic link (not followed)', phase: 'listing' };
    if (!stat.isFile()) return { reason: 'not a regular file', phase: 'listing' };
    size = stat.size;
  } catch (error) {
    return { reason: `unreadable (${codeOf(error)})`, phase: 'listing' };
  }
  if (size > maxBytes) return { reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, phase: 'reading' };
  try {
    const bytes = readRegularFile(absolute, maxBytes);
    if (bytes === null) return { reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, phase: 'reading' };
    if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { reason: 'binary', phase: 'reading' };
    return { text: bytes.toString('utf8') };
  } catch (error) {
    return { reason: `unreadable (${codeOf(error)})`, phase: 'reading' };
  }
}

/** The file's bytes, or null when it grew past `maxBytes` since it was listed. */
function readRegularFile(absolute: string, maxBytes: number): Buffer | null {
  const descriptor = openSync(absolute, OPEN_FLAGS);
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (stat.size > maxBytes) return null;
    const bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(descriptor, bytes, filled, bytes.length - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } finally {
    closeSync(descriptor);
  }
}

export function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
}
