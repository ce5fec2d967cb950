import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { FileStore } from '../../core/ports.js';

/** Largest workspace file read, in bytes (SECURITY.md S1: refuse before parsing). */
export const MAX_WORKSPACE_FILE_BYTES = 5 * 1024 * 1024;

export interface FsStoreOptions {
  readonly maxFileBytes?: number;
  /** How paths are shown in messages; defaults to paths relative to the current directory. */
  readonly displayBase?: string;
}

/** A FileStore over one folder on disk. Paths cannot leave the folder, through `..` or through links. */
export function createFsStore(root: string, options: FsStoreOptions = {}): FileStore {
  const base = resolve(root);
  const maxBytes = options.maxFileBytes ?? MAX_WORKSPACE_FILE_BYTES;
  const displayBase = options.displayBase ?? process.cwd();
  const describe = (path: string): string => {
    const absolute = join(base, path);
    const shown = relative(displayBase, absolute);
    return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? absolute : shown;
  };
  return {
    describe,
    readText: (path) => Promise.resolve(readInside(base, path, maxBytes, describe, 'utf8')),
    readBytes: (path, limit) => Promise.resolve(readInside(base, path, limit ?? maxBytes, describe, 'bytes')),
    list: (folder) => Promise.resolve(listFolder(base, folder)),
    exists: (path) => Promise.resolve(existsInside(base, path)),
    writeAll: (files) => Promise.resolve(writeAll(base, files, describe)),
    removeFolder: (folder) => Promise.resolve(removeFolder(base, folder, describe)),
  };
}

/** Resolves a workspace-relative path, or null when it would leave the root. */
function inside(base: string, path: string): string | null {
  if (isAbsolute(path) || path.includes('\0')) return null;
  const target = resolve(base, path);
  return target === base || target.startsWith(base + sep) ? target : null;
}

/** True when no link on the way from the root to the target leads outside the root. */
function staysInsideOnDisk(base: string, target: string): boolean {
  try {
    const real = realpathSync(target);
    const realBase = realpathSync(base);
    return real === realBase || real.startsWith(realBase + sep);
  } catch {
    return true;
  }
}

function readInside(base: string, path: string, maxBytes: number, describe: (path: string) => string, encoding: 'utf8'): Result<string | null>;
function readInside(base: string, path: string, maxBytes: number, describe: (path: string) => string, encoding: 'bytes'): Result<Uint8Array | null>;
function readInside(base: string, path: string, maxBytes: number, describe: (path: string) => string, encoding: 'utf8' | 'bytes'): Result<string | Uint8Array | null> {
  const target = inside(base, path);
  if (target === null || !staysInsideOnDisk(base, target)) return fail('invalid-input', 'path leaves the workspace folder', { file: describe(path) });
  let size: number;
  try {
    const stat = lstatSync(target, { throwIfNoEntry: false });
    if (stat === undefined) return ok(null);
    if (!stat.isFile() && !stat.isSymbolicLink()) return fail('invalid-input', 'not a regular file', { file: describe(path) });
    size = stat.isSymbolicLink() ? (lstatSync(realpathSync(target)).size) : stat.size;
  } catch (error) {
    return fail('invalid-input', `cannot read (${errorCode(error)})`, { file: describe(path) });
  }
  if (size > maxBytes) return fail('too-large', `file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, { file: describe(path) });
  try {
    return ok(encoding === 'utf8' ? readFileSync(target, 'utf8') : new Uint8Array(readFileSync(target)));
  } catch (error) {
    return fail('invalid-input', `cannot read (${errorCode(error)})`, { file: describe(path) });
  }
}

function listFolder(base: string, folder: string): string[] {
  const target = inside(base, folder);
  if (target === null || !staysInsideOnDisk(base, target)) return [];
  try {
    return readdirSync(target).sort();
  } catch {
    return [];
  }
}

function existsInside(base: string, path: string): boolean {
  const target = inside(base, path);
  return target !== null && lstatSync(target, { throwIfNoEntry: false }) !== undefined;
}

/** Writes temporary files beside their targets, then renames them all; on any failure removes the temporaries. */
function writeAll(base: string, files: readonly { readonly path: string; readonly text: string | Uint8Array }[], describe: (path: string) => string): Result<null> {
  const staged: { temporary: string; target: string }[] = [];
  const suffix = `.stepwise-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    for (const file of files) {
      const target = inside(base, file.path);
      if (target === null || !staysInsideOnDisk(base, dirname(target))) return abandon(staged, fail('invalid-input', 'path leaves the workspace folder', { file: describe(file.path) }));
      mkdirSync(dirname(target), { recursive: true });
      const temporary = target + suffix;
      writeFileSync(temporary, file.text, { flag: 'wx' });
      staged.push({ temporary, target });
    }
    for (const { temporary, target } of staged) renameSync(temporary, target);
    return ok(null);
  } catch (error) {
    return abandon(staged, fail('invalid-input', `cannot write (${errorCode(error)})`, { file: describe(files[staged.length]?.path ?? '.') }));
  }
}

function removeFolder(base: string, folder: string, describe: (path: string) => string): Result<null> {
  const target = inside(base, folder);
  if (target === null || target === base || !staysInsideOnDisk(base, target)) return fail('invalid-input', 'path leaves the workspace folder', { file: describe(folder) });
  rmSync(target, { recursive: true, force: true });
  return ok(null);
}

function abandon<T>(staged: readonly { temporary: string }[], result: T): T {
  for (const { temporary } of staged) rmSync(temporary, { force: true });
  return result;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : 'unknown error';
}

/** Finds the nearest folder holding `stepwise.yaml`, from `start` upwards. */
export function findWorkspaceRoot(start: string, marker = 'stepwise.yaml'): string | null {
  let current = resolve(start);
  for (;;) {
    if (lstatSync(join(current, marker), { throwIfNoEntry: false }) !== undefined) return current;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
