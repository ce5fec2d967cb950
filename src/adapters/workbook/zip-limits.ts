import { inflateRawSync } from 'node:zlib';
import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';

/**
 * S2: an XLSX file is a zip archive, and exceljs inflates all of it into memory (a 262 KB file
 * that inflates to 256 MiB loaded "fine" and took 661 MiB). So before exceljs sees the bytes we
 * read the zip's central directory ourselves and refuse anything out of bounds, then inflate every
 * entry once with a hard output cap to prove that it is no bigger than it declares — a directory
 * can lie, and the cap makes the lie cost at most the declared size.
 */

const MIB = 1024 * 1024;

export const ZIP_LIMITS = {
  /** The file itself. */
  maxCompressedBytes: 20 * MIB,
  maxEntries: 10_000,
  /** Sum of the declared (and verified) uncompressed sizes. */
  maxTotalUncompressedBytes: 200 * MIB,
  /** Uncompressed ÷ compressed, checked for entries above `ratioCheckFromBytes`. */
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 1 * MIB,
} as const;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

const SIGNATURE = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, zip64Locator: 0x07064b50 } as const;
const END_RECORD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const STORED = 0;
const DEFLATED = 8;
/** The compound-file signature of legacy .xls files and of password-encrypted workbooks. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

type Checked<T> = Result<T>;

/** Reads and checks the central directory; nothing is inflated. */
export function readZipDirectory(bytes: Uint8Array, file: string): Checked<ZipEntry[]> {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return notXlsx(bytes, file);
  if (bytes.length > ZIP_LIMITS.maxCompressedBytes) {
    return fail('too-large', `the workbook is ${bytes.length.toLocaleString('en-US')} bytes; at most ${mib(ZIP_LIMITS.maxCompressedBytes)} MiB is accepted`, { file });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end === null) return fail('invalid-input', 'not an XLSX workbook: its zip directory is missing or damaged (a truncated file?)', { file });
  const directory = readEndRecord(view, end, file);
  if (!directory.ok) return directory;
  const entries = readCentralDirectory(view, directory.value, file);
  if (!entries.ok) return entries;
  const checked = checkEntries(entries.value, file);
  return checked.ok ? entries : checked;
}

function notXlsx(bytes: Uint8Array, file: string): ReturnType<typeof fail> {
  const hint = startsWith(bytes, OLE_SIGNATURE) ? ' (it looks like an old .xls file or a password-encrypted workbook; save it as .xlsx without a password)' : '';
  return fail('invalid-input', `not an XLSX workbook${hint}`, { file });
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function mib(bytes: number): string {
  return (bytes / MIB).toFixed(1).replace(/\.0$/, '');
}

/** The end-of-central-directory record sits in the last 22 + 65,535 bytes; its comment must run to the end of the file. */
function findEndRecord(view: DataView): number | null {
  const lowest = Math.max(0, view.byteLength - END_RECORD_SIZE - MAX_COMMENT);
  for (let offset = view.byteLength - END_RECORD_SIZE; offset >= lowest; offset -= 1) {
    if (view.getUint32(offset, true) !== SIGNATURE.end) continue;
    if (offset + END_RECORD_SIZE + view.getUint16(offset + 20, true) === view.byteLength) return offset;
  }
  return null;
}

interface DirectoryBounds {
  readonly entries: number;
  readonly offset: number;
  readonly size: number;
  readonly endRecord: number;
}

function readEndRecord(view: DataView, end: number, file: string): Checked<DirectoryBounds> {
  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  const entriesOnDisk = view.getUint16(end + 8, true);
  const entries = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  const zip64 = entries === 0xffff || size === 0xffffffff || offset === 0xffffffff || (end >= 20 && view.getUint32(end - 20, true) === SIGNATURE.zip64Locator);
  if (zip64) return fail('invalid-input', 'the workbook is a ZIP64 archive, which is not accepted (an XLSX of this tool is far smaller)', { file });
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entries) return fail('invalid-input', 'the workbook is a multi-part zip archive, which is not accepted', { file });
  if (entries > ZIP_LIMITS.maxEntries) {
    return fail('too-large', `the workbook's zip archive declares ${entries} entries; at most ${ZIP_LIMITS.maxEntries} are accepted`, { file });
  }
  if (offset + size > end) return fail('invalid-input', 'not an XLSX workbook: its zip directory points outside the file', { file });
  return ok({ entries, offset, size, endRecord: end });
}

function readCentralDirectory(view: DataView, bounds: DirectoryBounds, file: string): Checked<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  let position = bounds.offset;
  for (let index = 0; index < bounds.entries; index += 1) {
    const entry = readCentralHeader(view, position, bounds.offset + bounds.size, file);
    if (!entry.ok) return entry;
    entries.push(entry.value.entry);
    position = entry.value.next;
  }
  if (position !== bounds.offset + bounds.size) return fail('invalid-input', 'not an XLSX workbook: its zip directory does not add up', { file });
  return ok(entries);
}

function readCentralHeader(view: DataView, at: number, limit: number, file: string): Checked<{ entry: ZipEntry; next: number }> {
  if (at + CENTRAL_HEADER_SIZE > limit || view.getUint32(at, true) !== SIGNATURE.central) {
    return fail('invalid-input', 'not an XLSX workbook: its zip directory is damaged', { file });
  }
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const commentLength = view.getUint16(at + 32, true);
  const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  if (next > limit) return fail('invalid-input', 'not an XLSX workbook: its zip directory is damaged', { file });
  const flags = view.getUint16(at + 8, true);
  const nameBytes = new Uint8Array(view.buffer, view.byteOffset + at + CENTRAL_HEADER_SIZE, nameLength);
  const entry: ZipEntry = {
    name: new TextDecoder((flags & FLAG_UTF8) !== 0 ? 'utf-8' : 'latin1').decode(nameBytes),
    method: view.getUint16(at + 10, true),
    flags,
    compressedSize: view.getUint32(at + 20, true),
    uncompressedSize: view.getUint32(at + 24, true),
    localHeaderOffset: view.getUint32(at + 42, true),
  };
  if (hasZip64Marker(view, at + CENTRAL_HEADER_SIZE + nameLength, extraLength, entry)) {
    return fail('invalid-input', `zip entry ${quoteName(entry.name)} uses ZIP64, which is not accepted`, { file });
  }
  return ok({ entry, next });
}

function hasZip64Marker(view: DataView, extraStart: number, extraLength: number, entry: ZipEntry): boolean {
  if ([entry.compressedSize, entry.uncompressedSize, entry.localHeaderOffset].includes(0xffffffff)) return true;
  for (let at = extraStart; at + 4 <= extraStart + extraLength; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) === ZIP64_EXTRA_ID) return true;
  }
  return false;
}

function checkEntries(entries: readonly ZipEntry[], file: string): Checked<null> {
  const names = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const problem = entryProblem(entry, names);
    if (problem !== null) return fail(problem.code, problem.message, { file });
    names.add(entry.name);
    total += entry.uncompressedSize;
    if (total > ZIP_LIMITS.maxTotalUncompressedBytes) {
      return fail('too-large', `the workbook would inflate to more than ${mib(ZIP_LIMITS.maxTotalUncompressedBytes)} MiB; refused as a possible zip bomb`, { file });
    }
  }
  return ok(null);
}

function entryProblem(entry: ZipEntry, seen: ReadonlySet<string>): { code: 'invalid-input' | 'too-large'; message: string } | null {
  const name = quoteName(entry.name);
  if (isUnsafePath(entry.name)) return { code: 'invalid-input', message: `zip entry ${name} has an absolute or parent-directory path; refused` };
  if (seen.has(entry.name)) return { code: 'invalid-input', message: `zip entry ${name} appears twice; refused` };
  if ((entry.flags & FLAG_ENCRYPTED) !== 0) return { code: 'invalid-input', message: `zip entry ${name} is encrypted; save the workbook without a password` };
  if (entry.method !== STORED && entry.method !== DEFLATED) return { code: 'invalid-input', message: `zip entry ${name} uses compression method ${entry.method}; only stored and deflated entries are accepted` };
  if (entry.method === STORED && entry.compressedSize !== entry.uncompressedSize) return { code: 'invalid-input', message: `zip entry ${name} is damaged` };
  if (entry.uncompressedSize > ZIP_LIMITS.ratioCheckFromBytes && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > ZIP_LIMITS.maxCompressionRatio) {
    return { code: 'too-large', message: `zip entry ${name} would inflate ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times (to ${mib(entry.uncompressedSize)} MiB); refused as a possible zip bomb` };
  }
  return null;
}

/** Absolute paths, drive letters, `..` segments and NUL are never part of a real workbook. */
function isUnsafePath(name: string): boolean {
  if (name === '' || name.includes('\u0000') || /^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).includes('..');
}

function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}…` : name);
}

/**
 * Inflates one entry, refusing output beyond its declared size (zlib stops at the cap, so a lying
 * entry costs no more memory than an honest one).
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, file: string): Checked<Buffer> {
  const data = entryData(bytes, entry);
  if (data === null) return fail('invalid-input', `zip entry ${quoteName(entry.name)} is damaged`, { file });
  if (entry.method === STORED) return ok(Buffer.from(data));
  try {
    const inflated = inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
    if (inflated.length === entry.uncompressedSize) return ok(inflated);
  } catch (error) {
    if (isTooLarge(error)) return fail('too-large', `zip entry ${quoteName(entry.name)} inflates beyond the size it declares; refused as a possible zip bomb`, { file });
  }
  return fail('invalid-input', `zip entry ${quoteName(entry.name)} is damaged`, { file });
}

function isTooLarge(error: unknown): boolean {
  return error instanceof RangeError || (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE');
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_HEADER_SIZE > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, LOCAL_HEADER_SIZE);
  if (view.getUint32(0, true) !== SIGNATURE.local) return null;
  const start = at + LOCAL_HEADER_SIZE + view.getUint16(26, true) + view.getUint16(28, true);
  const end = start + entry.compressedSize;
  return end > bytes.length ? null : bytes.subarray(start, end);
}

/**
 * Every S2 check of the archive, before any spreadsheet library parses it: the directory bounds,
 * then each entry inflated against its declared size. Returns the entries with the inflated
 * worksheets (the sheet row cap needs them); other entries are dropped as soon as they are checked.
 */
export function checkWorkbookZip(bytes: Uint8Array, file: string): Checked<Map<string, Buffer>> {
  const entries = readZipDirectory(bytes, file);
  if (!entries.ok) return entries;
  const kept = new Map<string, Buffer>();
  for (const entry of entries.value) {
    const inflated = inflateEntry(bytes, entry, file);
    if (!inflated.ok) return inflated;
    if (isKeptPart(entry.name)) kept.set(entry.name, inflated.value);
  }
  return ok(kept);
}

/** Parts the row cap reads: worksheets, the workbook and its relationships (for sheet names). */
function isKeptPart(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/.test(name) || name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels';
}
