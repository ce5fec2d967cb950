import { lstatSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fdir } from 'fdir';
import ignore from 'ignore';
import type { Ignore } from 'ignore';

/** Bounds of one walk (SECURITY.md S9). */
export interface WalkLimits {
  /** Files larger than this are skipped and reported. */
  readonly maxFileBytes: number;
  /** The walk stops after this many files and reports the rest as not read. */
  readonly maxFiles: number;
  /** Folders nested deeper than this are not entered. */
  readonly maxDepth: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxFileBytes: 5 * 1024 * 1024, maxFiles: 200_000, maxDepth: 64 };

export interface WalkedFile {
  readonly path: string;
  readonly text: string;
}

export interface WalkResult {
  readonly files: WalkedFile[];
  readonly skipped: { path: string; reason: string }[];
}

const ALWAYS_IGNORED = ['.git/', 'node_modules/', '.hg/', '.svn/'];
const SNIFF_BYTES = 8000;

/**
 * One walk of a repository: honours the root .gitignore, never follows a symbolic link (a link is
 * listed as skipped), reads each text file once, skips binaries and oversized files, and reports
 * every path it could not read instead of stopping.
 */
export function walkRepository(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): WalkResult {
  const rules = loadIgnoreRules(root);
  const skipped: { path: string; reason: string }[] = [];
  const candidates = listCandidates(root, rules, limits, skipped);
  const files: WalkedFile[] = [];
  for (const candidate of candidates) {
    const { path } = candidate;
    if (files.length >= limits.maxFiles) {
      skipped.push({ path, reason: `not read: more than ${limits.maxFiles} files` });
      continue;
    }
    const read = readCandidate(root, candidate, limits.maxFileBytes);
    if ('reason' in read) skipped.push({ path, reason: read.reason });
    else files.push({ path, text: read.text });
  }
  return { files, skipped };
}

function loadIgnoreRules(root: string): Ignore {
  const rules = ignore().add(ALWAYS_IGNORED);
  try {
    const stat = lstatSync(join(root, '.gitignore'), { throwIfNoEntry: false });
    if (stat?.isFile() === true && stat.size < 1024 * 1024) rules.add(readFileSync(join(root, '.gitignore'), 'utf8'));
  } catch {
    // an unreadable .gitignore only means nothing extra is ignored
  }
  return rules;
}

interface Candidate {
  readonly path: string;
  readonly size: number;
}

function listCandidates(root: string, rules: Ignore, limits: WalkLimits, skipped: { path: string; reason: string }[]): Candidate[] {
  const paths = new fdir()
    .withRelativePaths()
    .withMaxDepth(limits.maxDepth)
    .exclude((_name, dirPath) => {
      const folder = toRepoPath(root, dirPath);
      return folder !== '' && rules.ignores(`${folder}/`);
    })
    .filter((path) => !rules.ignores(toSlashes(path)))
    .withErrors()
    .crawl(root)
    .sync()
    .map(toSlashes)
    .filter((path) => path !== '');
  paths.sort();
  const candidates: Candidate[] = [];
  for (const path of paths) {
    const size = regularFileSize(root, path, skipped);
    if (size !== null) candidates.push({ path, size });
  }
  return candidates;
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function toRepoPath(root: string, path: string): string {
  const inside = relative(root, path);
  return sep === '/' ? inside.replace(/\/$/, '') : inside.split(sep).join('/').replace(/\/$/, '');
}

/** Symbolic links are never followed: a link to /etc, to /dev/urandom or to itself is only listed. */
function regularFileSize(root: string, path: string, skipped: { path: string; reason: string }[]): number | null {
  try {
    const stat = lstatSync(join(root, path));
    if (stat.isSymbolicLink()) skipped.push({ path, reason: 'symbolic link (not followed)' });
    else if (!stat.isFile()) skipped.push({ path, reason: 'not a regular file' });
    else return stat.size;
  } catch (error) {
    skipped.push({ path, reason: `unreadable (${codeOf(error)})` });
  }
  return null;
}

function readCandidate(root: string, { path, size }: Candidate, maxBytes: number): { text: string } | { reason: string } {
  const absolute = join(root, path);
  try {
    if (size > maxBytes) return { reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
    const bytes = readFileSync(absolute);
    if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { reason: 'binary' };
    return { text: bytes.toString('utf8') };
  } catch (error) {
    return { reason: `unreadable (${codeOf(error)})` };
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : 'error';
}
