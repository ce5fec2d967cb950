/**
 * One durability run (SECURITY.md S20), shared by bench/durability.ts and
 * test/server/durability.test.ts: seed a small organisation, start the server as a child process,
 * let concurrent writers PUT ratings and answers while the server is killed with SIGKILL 150–400 ms
 * after it answered its first request and restarted on the same database, then open the database
 * and check every acknowledged write against it (and, on SQLite, `PRAGMA integrity_check`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { openPersistence } from '../src/adapters/persistence/open.js';
import type { Persistence } from '../src/core/persistence/port.js';
import { seededRandom } from '../src/core/random.js';
import { ADMIN, freePort, sessionHeaders, signInAdmin, startServerProcess } from './api-process.js';
import type { ServerProcess } from './api-process.js';
import { dropPostgresSchema, seedOrganisation, urlWithSchema } from './api-seed.js';
import { newLedger, rowSlots, runWriters, verifyLedger } from './durability-writer.js';
import type { Ledger, Verdict, WriterTarget } from './durability-writer.js';

export interface DurabilityOptions {
  readonly dialect: 'sqlite' | 'postgres';
  readonly kills: number;
  readonly writers: number;
  /** PostgreSQL URL (a fresh schema is created in it and dropped afterwards). */
  readonly pgUrl?: string;
  readonly minAliveMs?: number;
  readonly maxAliveMs?: number;
  /**
   * Afterwards, delete one acknowledged rating and check again: the verdict must then count exactly
   * one lost write (proves the check is not vacuous).
   */
  readonly selfCheck?: boolean;
  /** Progress lines (one per kill). */
  readonly log?: (line: string) => void;
}

export interface DurabilityFigures {
  readonly dialect: 'sqlite' | 'postgres';
  readonly kills: number;
  readonly seconds: number;
  readonly attempted: number;
  readonly acknowledged: number;
  /** Writes whose connection broke at a kill (outcome unknown to the client). */
  readonly interrupted: number;
  readonly committedUnacknowledged: number;
  readonly lost: number;
  readonly foreign: number;
  readonly unexpected: number;
  /** `PRAGMA integrity_check` on SQLite; `n/a` on PostgreSQL (the database server is not killed). */
  readonly integrity: string;
  readonly samples: readonly string[];
  /** With `selfCheck`: writes counted lost after one acknowledged rating was deleted (must be 1). */
  readonly selfCheckLost?: number;
}

interface Target {
  readonly location: string;
  readonly schema?: string;
  readonly sqlitePath?: string;
  cleanup(): Promise<void>;
}

function prepareTarget(options: DurabilityOptions): Target {
  if (options.dialect === 'postgres') {
    const url = options.pgUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `stepwise_bench_${randomBytes(6).toString('hex')}`;
    return { location: url, schema, cleanup: () => dropPostgresSchema(url, schema) };
  }
  const folder = mkdtempSync(join(tmpdir(), 'stepwise-durability-'));
  const sqlitePath = join(folder, 'stepwise.db');
  const cleanup = (): Promise<void> => {
    rmSync(folder, { recursive: true, force: true });
    return Promise.resolve();
  };
  return { location: `sqlite:${sqlitePath}`, sqlitePath, cleanup };
}

/** 8 teams, each with one final and five open checkpoints: 40 × 128 practices × (rating, answer) = 10,240 rows the writers can create. */
async function seedSmall(target: Target): Promise<{ checkpointIds: string[]; practiceIds: readonly string[] }> {
  const store = await openPersistence(target.location, { schema: target.schema });
  try {
    const seeded = await seedOrganisation(store, { teams: 8, finalCheckpoints: 1, openCheckpoints: 5, today: new Date().toISOString().slice(0, 10), seed: 5 });
    return { checkpointIds: seeded.openCheckpoints.map((checkpoint) => checkpoint.id), practiceIds: seeded.practiceIds };
  } finally {
    await store.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Restarts on the same port; should another process have taken it meanwhile, on a new one (the writers follow). */
async function restart(serverDb: string, port: number, writers: WriterTarget): Promise<ServerProcess> {
  try {
    return await startServerProcess(serverDb, port);
  } catch (error) {
    if (!String(error).includes('EADDRINUSE')) throw error;
    const server = await startServerProcess(serverDb, await freePort());
    writers.url = server.url;
    return server;
  }
}

/**
 * A read that loads the model and compiles the checkpoint routes: a fresh process needs a few hundred
 * milliseconds for its first request, which would otherwise eat the whole 150–400 ms window.
 */
async function warmUp(writers: WriterTarget, checkpointId: string): Promise<void> {
  const response = await fetch(`${writers.url}/api/v1/checkpoints/${checkpointId}`, { headers: sessionHeaders(writers.session) });
  if (response.status !== 200) throw new Error(`warm-up read failed: ${response.status} ${await response.text()}`);
}

/** Kills the server `kills` times, each 150–400 ms after it answered its first request, restarting it after each kill but the last. */
async function killLoop(first: ServerProcess, serverDb: string, options: DurabilityOptions, writers: WriterTarget, checkpointId: string): Promise<void> {
  const next = seededRandom(99);
  const [min, max] = [options.minAliveMs ?? 150, options.maxAliveMs ?? 400];
  let server = first;
  try {
    for (let kill = 1; kill <= options.kills; kill += 1) {
      await warmUp(writers, checkpointId);
      await sleep(min + next() * (max - min));
      if (kill === options.kills) writers.stopped = true;
      await server.kill();
      options.log?.(`kill ${kill}/${options.kills}`);
      if (kill < options.kills) server = await restart(serverDb, Number(new URL(server.url).port), writers);
    }
  } finally {
    await server.kill();
  }
}

function integrityOf(path: string): string {
  const database = new BetterSqlite3(path);
  try {
    const rows = database.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    database.close();
  }
}

interface Checked {
  readonly integrity: string;
  readonly verdict: Verdict;
  readonly selfCheckLost?: number;
}

async function verify(target: Target, ledger: Ledger, selfCheck: boolean): Promise<Checked> {
  // Integrity first, on the file exactly as the last kill left it (opening it replays the WAL).
  const integrity = target.sqlitePath === undefined ? 'n/a' : integrityOf(target.sqlitePath);
  const store = await openPersistence(target.location, { schema: target.schema });
  try {
    const verdict = await verifyLedger(store, ledger, ADMIN.username);
    return selfCheck ? { integrity, verdict, selfCheckLost: await deleteOneAndRecheck(store, ledger) } : { integrity, verdict };
  } finally {
    await store.close();
  }
}

async function deleteOneAndRecheck(store: Persistence, ledger: Ledger): Promise<number> {
  const row = ledger.rows.find((entry) => entry.kind === 'rating' && entry.acked !== undefined && entry.inFlight === undefined);
  if (row === undefined) return 0;
  await store.deleteRating(row.checkpointId, row.practiceId, ADMIN.username, row.acked!.version);
  return (await verifyLedger(store, ledger, ADMIN.username)).lost;
}

/** Runs the whole check and returns its figures; the caller decides what fails. */
export async function runDurability(options: DurabilityOptions): Promise<DurabilityFigures> {
  const start = performance.now();
  const target = prepareTarget(options);
  try {
    const { checkpointIds, practiceIds } = await seedSmall(target);
    const serverDb = target.schema === undefined ? target.location : urlWithSchema(target.location, target.schema);
    const port = await freePort();
    const server = await startServerProcess(serverDb, port);
    const session = await signInAdmin(server.url, server.setupToken).catch(async (error: unknown) => {
      await server.kill();
      throw error;
    });
    const writers: WriterTarget = { url: server.url, session, stopped: false };
    const ledger = newLedger();
    const writing = runWriters(writers, ledger, rowSlots(checkpointIds, practiceIds), options.writers);
    try {
      await killLoop(server, serverDb, options, writers, checkpointIds[0]!);
    } finally {
      writers.stopped = true;
      await writing;
    }
    const { integrity, verdict, selfCheckLost } = await verify(target, ledger, options.selfCheck === true);
    return {
      dialect: options.dialect,
      kills: options.kills,
      seconds: (performance.now() - start) / 1000,
      attempted: ledger.attempted,
      acknowledged: ledger.acknowledged,
      interrupted: ledger.interrupted,
      committedUnacknowledged: verdict.committedUnacknowledged,
      lost: verdict.lost,
      foreign: verdict.foreign,
      unexpected: ledger.unexpected,
      integrity,
      samples: [...ledger.samples, ...verdict.samples],
      ...(selfCheckLost === undefined ? {} : { selfCheckLost }),
    };
  } finally {
    await target.cleanup();
  }
}
