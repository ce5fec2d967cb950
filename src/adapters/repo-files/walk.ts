import { lstatSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fdir } from 'fdir';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { codeOf, readRepositoryFile } from './read-file.js';
import type { FileRead, FileSkip } from './read-file.js';

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

export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

export interface WalkResult {
  readonly files: WalkedFile[];
  readonly skipped: Skipped[];
}

const ALWAYS_IGNORED = ['.git/', 'node_modules/', '.hg/', '.svn/'];

/**
 * One walk of a repository: honours the root .gitignore, never follows a symbolic link (a link is
 * listed as skipped), reads each text file once, skips binaries and oversized files, and reports
 * every path it could not read instead of stopping.
 */
export function walkRepository(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): WalkResult {
  const paths = listRepository(root, limits);
  const collector = new WalkCollector(limits.maxFiles);
  for (const path of paths) {
    if (collector.full()) collector.add(path, lookWithoutReading(root, path));
    else collector.add(path, readRepositoryFile(root, path, limits.maxFileBytes));
  }
  return collector.result();
}

/** Every path below the root that the ignore rules keep, sorted, with forward slashes; nothing is read. */
export function listRepository(root: string, limits: Pick<WalkLimits, 'maxDepth'> = DEFAULT_WALK_LIMITS): string[] {
  const rules = loadIgnoreRules(root);
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
  return paths.sort();
}

/**
 * Puts the reads of the listed paths, given in path order, into the walk's result: files up to the
 * limit, then what was passed over — first what was skipped on sight (links, special files), then
 * what was skipped on reading — each part in path order.
 */
export class WalkCollector {
  private readonly files: WalkedFile[] = [];
  private readonly seen: Skipped[] = [];
  private readonly read: Skipped[] = [];

  constructor(private readonly maxFiles: number) {}

  /** True once the limit of files is reached: later regular files are reported, not read. */
  full(): boolean {
    return this.files.length >= this.maxFiles;
  }

  /** Adds the outcome of one path; returns the text kept, if any. */
  add(path: string, outcome: FileRead): WalkedFile | null {
    if ('phase' in outcome && outcome.phase === 'listing') {
      this.seen.push({ path, reason: outcome.reason });
      return null;
    }
    if (this.full()) {
      this.read.push({ path, reason: `not read: more than ${this.maxFiles} files` });
      return null;
    }
    if ('reason' in outcome) {
      this.read.push({ path, reason: outcome.reason });
      return null;
    }
    const file = { path, text: outcome.text };
    this.files.push(file);
    return file;
  }

  result(): WalkResult {
    return { files: this.files, skipped: [...this.seen, ...this.read] };
  }
}

/** Past the file limit only links and special files are still told apart (by lstat); regular files are not opened. */
export function lookWithoutReading(root: string, path: string): FileSkip {
  try {
    const stat = lstatSync(join(root, path));
    if (stat.isSymbolicLink()) return { reason: 'symbolic link (not followed)', phase: 'listing' };
    if (!stat.isFile()) return { reason: 'not a regular file', phase: 'listing' };
    return { reason: 'not read', phase: 'reading' };
  } catch (error) {
    return { reason: `unreadable (${codeOf(error)})`, phase: 'listing' };
  }
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

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function toRepoPath(root: string, path: string): string {
  const inside = relative(root, path);
  return sep === '/' ? inside.replace(/\/$/, '') : inside.split(sep).join('/').replace(/\/$/, '');
}
