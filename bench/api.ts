/**
 * bench:api — the server under load, on SQLite and on PostgreSQL, in one run:
 * 1. seeds 2,000 teams × 8 final checkpoints (≈ 90 answers each, mixed statuses, two raters on a
 *    quarter of them, some stale evidence) plus one open checkpoint per team, straight through the
 *    persistence port, and prints the time and the database size;
 * 2. starts the real server in a child process (bench/api-server.ts), signs in as the admin and warms
 *    the heatmap's score cache with one request;
 * 3. drives it with autocannon over loopback (10 connections, 10 s each): the session (the trivial
 *    authenticated baseline), the heatmap, a random team's summary, and new ratings (each request a
 *    valid write: a fresh checkpoint × practice, `If-Match: "0"`);
 * 4. prints requests/s, p50/p95/p99 latency, non-2xx counts and PASS/MISS against the targets.
 * Knobs: BENCH_TEAMS (2000), BENCH_SECONDS (10), BENCH_DIALECTS (sqlite,postgres),
 * STEPWISE_TEST_PG_URL (postgres://postgres@127.0.0.1:5432/test), STEPWISE_BENCH_SERVER (dist|src).
 */
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { AutocannonRequest } from 'autocannon';
import { openPersistence } from '../src/adapters/persistence/open.js';
import { seededRandom } from '../src/core/random.js';
import { sessionHeaders, signInAdmin, startServerProcess, useDist } from './api-process.js';
import type { ServerProcess, Session } from './api-process.js';
import { dropPostgresSchema, postgresSchemaSize, seedOrganisation, sqliteSize, urlWithSchema } from './api-seed.js';
import type { SeededOrganisation } from './api-seed.js';

const TEAMS = Number(process.env['BENCH_TEAMS'] ?? 2000);
const FINAL_CHECKPOINTS = 8;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = 10;
const DIALECTS = (process.env['BENCH_DIALECTS'] ?? 'sqlite,postgres').split(',');
const PG_URL = process.env['STEPWISE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGETS = { heatmapP95: 50, heatmapShare: 0.5, ratingP95: 20 } as const;

interface Database {
  readonly label: string;
  /** What `openPersistence` and the server open. */
  readonly location: string;
  readonly schema?: string;
  size(): Promise<number>;
  cleanup(): Promise<void>;
}

interface LoadFigures {
  readonly label: string;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function sqliteDatabase(): Database {
  const folder = mkdtempSync(join(tmpdir(), 'stepwise-bench-'));
  const path = join(folder, 'stepwise.db');
  return {
    label: 'SQLite',
    location: `sqlite:${path}`,
    size: () => Promise.resolve(sqliteSize(path)),
    cleanup: () => {
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function postgresDatabase(): Database {
  const schema = `stepwise_bench_${randomBytes(6).toString('hex')}`;
  return {
    label: 'PostgreSQL',
    location: PG_URL,
    schema,
    size: () => postgresSchemaSize(PG_URL, schema),
    cleanup: () => dropPostgresSchema(PG_URL, schema),
  };
}

/** The location the server child opens (it takes no schema option, so PostgreSQL gets it in the URL). */
function serverLocation(database: Database): string {
  return database.schema === undefined ? database.location : urlWithSchema(database.location, database.schema);
}

async function seed(database: Database): Promise<SeededOrganisation> {
  const store = await openPersistence(database.location, { schema: database.schema });
  try {
    return await seedOrganisation(store, { teams: TEAMS, finalCheckpoints: FINAL_CHECKPOINTS, openCheckpoints: 1, today: new Date().toISOString().slice(0, 10) });
  } finally {
    await store.close();
  }
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** One autocannon run; latencies come from every response, so p95 is exact rather than autocannon's p97.5. */
async function load(label: string, url: string, headers: Record<string, string>, request: AutocannonRequest, connections = CONNECTIONS): Promise<LoadFigures> {
  const latencies: number[] = [];
  const start = performance.now();
  const instance = autocannon({ url, connections, duration: SECONDS, headers, timeout: 30, requests: [request] });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Team summaries for random teams (seeded, so runs compare). */
function summaryRequest(seeded: SeededOrganisation): AutocannonRequest {
  const next = seededRandom(7);
  return {
    method: 'GET',
    setupRequest: (request) => ({ ...request, path: `/api/v1/teams/${seeded.teamIds[Math.floor(next() * seeded.teamIds.length)]!}/summary` }),
  };
}

/** New ratings: request i rates practice ⌊i / n⌋ of open checkpoint i mod n, so every request creates a row. */
function ratingRequest(seeded: SeededOrganisation, session: Session, round = 0): AutocannonRequest {
  // Each round starts on other practices so its requests create new rows instead of meeting earlier ones.
  let index = round * seeded.openCheckpoints.length * Math.ceil(seeded.practiceIds.length / 2);
  const open = seeded.openCheckpoints;
  const statuses = ['implemented', 'partial', 'not-implemented'] as const;
  return {
    method: 'PUT',
    setupRequest: (request) => {
      const checkpoint = open[index % open.length]!;
      const practice = seeded.practiceIds[Math.floor(index / open.length) % seeded.practiceIds.length]!;
      const status = statuses[index % statuses.length]!;
      index += 1;
      return {
        ...request,
        path: `/api/v1/checkpoints/${checkpoint.id}/ratings/${practice}`,
        headers: { ...sessionHeaders(session), 'content-type': 'application/json', 'if-match': '"0"' },
        body: JSON.stringify({ status }),
      };
    },
  };
}

async function timedGet(url: string, session: Session): Promise<{ ms: number; bytes: number; gzipBytes: number; status: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers: sessionHeaders(session) });
  const body = new Uint8Array(await response.arrayBuffer());
  return { ms: performance.now() - start, bytes: body.byteLength, gzipBytes: gzipSync(body).byteLength, status: response.status };
}

function row(figures: LoadFigures): string {
  const ms = (value: number): string => value.toFixed(1).padStart(8);
  return `  ${figures.label.padEnd(30)} ${figures.perSecond.toFixed(0).padStart(8)} ${ms(figures.p50)} ${ms(figures.p95)} ${ms(figures.p99)} ${String(figures.non2xx).padStart(8)} ${String(figures.errors).padStart(7)}`;
}

function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}

function printTargets(baseline: LoadFigures, heatmap: LoadFigures, rating: LoadFigures, oneWriter: LoadFigures): void {
  const share = heatmap.perSecond / baseline.perSecond;
  const line = (target: string, pass: boolean, figure: string): void => { console.log(`    ${target.padEnd(42)} ${verdict(pass)}  (${figure})`); };
  console.log('  targets:');
  line(`heatmap p95 ≤ ${TARGETS.heatmapP95} ms`, heatmap.p95 <= TARGETS.heatmapP95, `${heatmap.p95.toFixed(1)} ms`);
  line(`heatmap throughput ≥ ${TARGETS.heatmapShare}× the baseline`, share >= TARGETS.heatmapShare, `${share.toFixed(2)}×`);
  line(`rating p95 ≤ ${TARGETS.ratingP95} ms, ${CONNECTIONS} writers`, rating.p95 <= TARGETS.ratingP95, `${rating.p95.toFixed(1)} ms`);
  line(`rating p95 ≤ ${TARGETS.ratingP95} ms, one writer`, oneWriter.p95 <= TARGETS.ratingP95, `${oneWriter.p95.toFixed(1)} ms`);
}

async function runLoads(server: ServerProcess, session: Session, seeded: SeededOrganisation): Promise<void> {
  // Browsers always accept gzip; the large views are sent compressed when the client does.
  const headers = { ...sessionHeaders(session), 'accept-encoding': 'gzip' };
  const cold = await timedGet(`${server.url}/api/v1/heatmap`, session);
  const warm = await timedGet(`${server.url}/api/v1/heatmap`, session);
  console.log(`  heatmap: first request (fills the score cache) ${(cold.ms / 1000).toFixed(1)} s, status ${cold.status}; next ${warm.ms.toFixed(1)} ms; response ${(warm.bytes / 1024).toFixed(1)} KiB (${(warm.gzipBytes / 1024).toFixed(1)} KiB gzipped)`);
  const baseline = await load('GET /session (baseline)', server.url, headers, { method: 'GET', path: '/api/v1/session' });
  const heatmap = await load('GET /heatmap', server.url, headers, { method: 'GET', path: '/api/v1/heatmap' });
  const summary = await load('GET /teams/:id/summary', server.url, headers, summaryRequest(seeded));
  const rating = await load('PUT /checkpoints/…/ratings/…', server.url, headers, ratingRequest(seeded, session));
  const oneWriter = await load('  the same, one writer', server.url, headers, ratingRequest(seeded, session, 1), 1);
  console.log(`  ${'load'.padEnd(30)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'non-2xx'.padStart(8)} ${'errors'.padStart(7)}`);
  for (const figures of [baseline, heatmap, summary, rating, oneWriter]) console.log(row(figures));
  console.log(`  heatmap / baseline throughput: ${(heatmap.perSecond / baseline.perSecond).toFixed(2)}×`);
  printTargets(baseline, heatmap, rating, oneWriter);
}

async function benchmark(database: Database): Promise<void> {
  console.log(`\n${database.label}${database.schema === undefined ? '' : ` (schema ${database.schema})`}`);
  const seeded = await seed(database);
  console.log(
    `  seeded ${seeded.teamIds.length} teams, ${seeded.checkpoints} checkpoints (${FINAL_CHECKPOINTS} final + 1 open per team), ` +
      `${seeded.answers} answers, ${seeded.ratings} ratings in ${seeded.seconds.toFixed(1)} s; database ${mib(await database.size())}`,
  );
  const started = performance.now();
  const dist = useDist();
  const server = await startServerProcess(serverLocation(database), 0, dist);
  try {
    console.log(`  server (${dist ? 'dist/' : 'src/ through tsx'}) listening after ${((performance.now() - started) / 1000).toFixed(1)} s at ${server.url}`);
    await runLoads(server, await signInAdmin(server.url, server.setupToken), seeded);
  } finally {
    await server.stop();
  }
}

async function postgresReachable(): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  console.log(`bench:api — Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString()}`);
  console.log(`${TEAMS} teams × ${FINAL_CHECKPOINTS} final checkpoints; autocannon ${CONNECTIONS} connections × ${SECONDS} s per load, loopback`);
  for (const dialect of DIALECTS) {
    if (dialect === 'postgres' && !(await postgresReachable())) {
      console.log(`\nPostgreSQL: not reachable at ${PG_URL.replace(/:[^:@/]*@/, ':***@')}, skipped (set STEPWISE_TEST_PG_URL)`);
      continue;
    }
    const database = dialect === 'postgres' ? postgresDatabase() : sqliteDatabase();
    try {
      await benchmark(database);
    } finally {
      await database.cleanup();
    }
  }
}

await main();
