/**
 * The repository reader behind `stepwise scan`: one listing of the repository, then every file read
 * once and searched for secrets while its text is at hand — in this thread, or shared with worker
 * threads when there are cores to spare (see idleCoresBesideThisOne) — and handed to the scan in
 * path order as soon as it is read, so no text is kept here.
 */
import { availableParallelism, loadavg } from 'node:os';
import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { DEFAULT_WALK_LIMITS, listRepository, lookWithoutReading } from '../adapters/repo-files/walk.js';
import type { Skipped, WalkLimits } from '../adapters/repo-files/walk.js';
import type { FileSecrets } from '../scanner/secrets/rule-sets.js';
import type { RepositoryReadEnd, RepositoryReader, RepositorySink, ScanProgress } from '../services/scan.js';
import { readAndSearch } from './read-and-search.js';
import type { ReadRequest, ReadResponse, SearchedRead } from './read-and-search.js';

export interface ReaderOptions {
  readonly limits?: WalkLimits;
  /**
   * Worker threads that read beside this one; 0 reads in this thread only. Default: for 1,000 paths
   * or more, one per idle core beyond the second (at most three); none on two cores.
   */
  readonly workers?: number;
  /** Told when a worker fails; its paths are then read in this thread, so the result is the same. */
  readonly onWorkerFailure?: (error: Error) => void;
}

/** Paths per message: small enough to balance the workers, large enough that messages cost little. */
const PATHS_PER_CHUNK = 64;
const MIN_PATHS_FOR_WORKERS = 1000;
const MAX_WORKERS = 3;

export function createRepositoryReader(options: ReaderOptions = {}): RepositoryReader {
  const limits = options.limits ?? DEFAULT_WALK_LIMITS;
  return async (root, sink, onProgress) => {
    const paths = listRepository(root, limits);
    sink.listed(paths);
    const assembly = new Assembly(limits.maxFiles, sink);
    const workers = options.workers ?? (paths.length >= MIN_PATHS_FOR_WORKERS ? idleCoresBesideThisOne() : 0);
    if (workers === 0) return readInThread(root, paths, limits, assembly, onProgress);
    return new WorkerRead(root, paths, limits, workers, assembly, onProgress, options.onWorkerFailure).run();
  };
}

/**
 * How many workers pay for themselves. Every text a worker reads is copied back to this thread for
 * the detectors, and that copy and its garbage collection cost about what the worker saves: on two
 * cores one worker gave the same time and 20 MiB more (and was 10–20% slower while other work kept
 * a core busy). So workers go only to cores beyond the second that are idle by the one-minute load
 * average (0 where it is not known). The result is the same either way.
 */
function idleCoresBesideThisOne(): number {
  const cores = availableParallelism();
  const [load = 0] = loadavg();
  return Math.max(0, Math.min(MAX_WORKERS, cores - 2, Math.floor(cores - load) - 1));
}

const NONE_FOUND: FileSecrets = {};

/**
 * The reads of the listed paths, taken in path order: each text file goes to the sink at once with
 * the secrets found in it; what was passed over is kept (as the file walk reports it: first what was
 * skipped on sight — links, special files — then what was skipped on reading, each in path order).
 * Past the file limit regular files are reported, not read.
 */
class Assembly {
  private readonly seen: Skipped[] = [];
  private readonly passed: Skipped[] = [];
  private files = 0;
  done = 0;

  constructor(
    private readonly maxFiles: number,
    private readonly sink: RepositorySink,
  ) {}

  full(): boolean {
    return this.files >= this.maxFiles;
  }

  add(path: string, read: SearchedRead): void {
    this.done += 1;
    if ('phase' in read && read.phase === 'listing') this.seen.push({ path, reason: read.reason });
    else if (this.full()) this.passed.push({ path, reason: `not read: more than ${this.maxFiles} files` });
    else if ('reason' in read) this.passed.push({ path, reason: read.reason });
    else {
      this.files += 1;
      this.sink.read({ path, text: read.text }, read.secrets ?? NONE_FOUND);
    }
  }

  end(): RepositoryReadEnd {
    return { skipped: [...this.seen, ...this.passed] };
  }
}

function readInThread(root: string, paths: readonly string[], limits: WalkLimits, assembly: Assembly, onProgress?: ScanProgress): RepositoryReadEnd {
  for (const path of paths) {
    assembly.add(path, assembly.full() ? lookWithoutReading(root, path) : readAndSearch(root, path, limits.maxFileBytes));
    if (assembly.done % PATHS_PER_CHUNK === 0) onProgress?.(assembly.done, paths.length);
  }
  onProgress?.(paths.length, paths.length);
  return assembly.end();
}

/**
 * One read shared by this thread and a pool of workers. Chunks of paths go to whoever is free (each
 * worker holds two, so it never waits for this thread to hand it the next); answers are taken into
 * the assembly in path order as soon as the chunks before them are in, so the result is the same as
 * reading in this thread alone. Once the file limit is reached no further chunk is read. A worker
 * that fails is dropped and its chunks are read here.
 */
class WorkerRead {
  private readonly chunks: (readonly string[])[] = [];
  private readonly answers = new Map<number, readonly SearchedRead[]>();
  private readonly inFlight = new Map<Worker, number[]>();
  private sent = 0;
  private taken = 0;
  private closing = false;
  private finish: () => void = () => undefined;

  constructor(
    private readonly root: string,
    private readonly paths: readonly string[],
    private readonly limits: WalkLimits,
    private readonly workerCount: number,
    private readonly assembly: Assembly,
    private readonly onProgress?: ScanProgress,
    private readonly onWorkerFailure?: (error: Error) => void,
  ) {
    for (let start = 0; start < paths.length; start += PATHS_PER_CHUNK) this.chunks.push(paths.slice(start, start + PATHS_PER_CHUNK));
  }

  async run(): Promise<RepositoryReadEnd> {
    const done = new Promise<void>((resolve) => (this.finish = resolve));
    try {
      for (let index = 0; index < this.workerCount; index += 1) this.startWorker();
      await this.readHere();
      this.checkDone();
      await done;
    } finally {
      this.closing = true;
      await Promise.all([...this.inFlight.keys()].map((worker) => worker.terminate()));
    }
    // Chunks never read (the file limit was reached): their paths are listed, not read.
    for (; this.taken < this.chunks.length; this.taken += 1) {
      for (const path of this.chunks[this.taken] ?? []) this.assembly.add(path, lookWithoutReading(this.root, path));
    }
    this.onProgress?.(this.paths.length, this.paths.length);
    return this.assembly.end();
  }

  /** This thread's share: the next free chunk, then a turn of the event loop for the workers' answers. */
  private async readHere(): Promise<void> {
    while (this.hasWork()) {
      this.readChunkHere(this.sent);
      this.sent += 1;
      await setImmediate();
    }
  }

  private hasWork(): boolean {
    return this.sent < this.chunks.length && !this.assembly.full();
  }

  private readChunkHere(id: number): void {
    this.accept(id, (this.chunks[id] ?? []).map((path) => readAndSearch(this.root, path, this.limits.maxFileBytes)));
  }

  private startWorker(): void {
    const worker = spawnReadWorker();
    this.inFlight.set(worker, []);
    worker.on('message', (response: ReadResponse) => {
      this.inFlight.get(worker)?.shift();
      this.accept(response.id, response.reads);
      this.sendNext(worker);
      this.checkDone();
    });
    worker.on('error', (error) => {
      this.onWorkerFailure?.(error);
      this.dropWorker(worker);
    });
    worker.on('exit', (code) => {
      if (!this.closing && this.inFlight.has(worker)) this.onWorkerFailure?.(new Error(`read worker exited with code ${code}`));
      this.dropWorker(worker);
    });
    this.sendNext(worker);
  }

  private sendNext(worker: Worker): void {
    const pending = this.inFlight.get(worker);
    while (pending !== undefined && pending.length < 2 && this.hasWork()) {
      const id = this.sent;
      this.sent += 1;
      pending.push(id);
      const request: ReadRequest = { id, root: this.root, paths: this.chunks[id] ?? [], maxBytes: this.limits.maxFileBytes };
      worker.postMessage(request);
    }
  }

  /** A worker that failed: its chunks are read here; the others and this thread take the rest. */
  private dropWorker(worker: Worker): void {
    const pending = this.inFlight.get(worker);
    if (pending === undefined) return;
    this.inFlight.delete(worker);
    if (this.closing) return;
    for (const id of pending) this.readChunkHere(id);
    if (this.inFlight.size === 0) {
      for (; this.hasWork(); this.sent += 1) this.readChunkHere(this.sent);
    }
    this.checkDone();
  }

  /** Keeps an answer and takes every answer that is now next in path order. */
  private accept(id: number, reads: readonly SearchedRead[]): void {
    this.answers.set(id, reads);
    for (let next = this.answers.get(this.taken); next !== undefined; next = this.answers.get(this.taken)) {
      const chunk = this.chunks[this.taken] ?? [];
      next.forEach((read, index) => {
        this.assembly.add(chunk[index] ?? '', read);
      });
      this.answers.delete(this.taken);
      this.taken += 1;
    }
    this.onProgress?.(this.assembly.done, this.paths.length);
  }

  private checkDone(): void {
    const waiting = [...this.inFlight.values()].some((pending) => pending.length > 0);
    if (!this.hasWork() && !waiting && this.answers.size === 0) this.finish();
  }
}

/**
 * The read worker: the compiled module next to this one, or — when running from the TypeScript
 * sources (tests, tsx) — the .ts module loaded through tsx.
 */
function spawnReadWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./read-worker.js', here));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./read-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}
