/**
 * Writers for the durability check (SECURITY.md S20): each one owns its own rows (ratings and
 * answers of open checkpoints) so writers never conflict, writes them through the HTTP API with
 * `If-Match`, and records in a ledger what the server ACKNOWLEDGED (2xx + ETag) and which write was
 * in flight when the connection broke (its outcome unknown). `verifyLedger` then compares the
 * database with the ledger: every acknowledged write must be there (or the one write that was in
 * flight after it), nothing else.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { Repositories } from '../src/core/persistence/port.js';
import { seededRandom } from '../src/core/random.js';
import type { Random } from '../src/core/random.js';
import type { Session } from './api-process.js';
import { sessionHeaders } from './api-process.js';

export type RowKind = 'rating' | 'answer';

/** What one write put in the row: the status, and for answers a justification unique to the write. */
export interface RowValue {
  readonly status: string;
  readonly justification: string | null;
}

export interface Row {
  readonly kind: RowKind;
  readonly checkpointId: string;
  readonly practiceId: string;
  /** The last acknowledged write (version from the ETag), if any. */
  acked: { version: number; value: RowValue } | undefined;
  /** A write whose reply never came: it may or may not have committed. No write follows it. */
  inFlight: { version: number; value: RowValue } | undefined;
}

export interface Ledger {
  readonly rows: Row[];
  attempted: number;
  acknowledged: number;
  /** Writes whose connection broke (at a kill): the client cannot know whether they committed. */
  interrupted: number;
  /** Replies that should never happen (412 on a row nobody else writes, 5xx, other 4xx). */
  unexpected: number;
  readonly samples: string[];
}

export interface WriterTarget {
  /** Changes only when a restarted server had to take another port. */
  url: string;
  readonly session: Session;
  /** Set to stop the writers after their current request. */
  stopped: boolean;
}

const STATUSES = ['implemented', 'partial', 'not-implemented', 'unknown'] as const;
const ACTIVE_ROWS = 6;
const REQUEST_TIMEOUT_MS = 10_000;
/** A new connection per write: a refused connection then proves the write never reached a server, and no pooled socket of a killed server is reused. */
const NO_KEEP_ALIVE = new Agent({ keepAlive: false });

export function newLedger(): Ledger {
  return { rows: [], attempted: 0, acknowledged: 0, interrupted: 0, unexpected: 0, samples: [] };
}

/** Slots the writers may fill: every practice of every open checkpoint, as a rating and as an answer. */
export function rowSlots(checkpointIds: readonly string[], practiceIds: readonly string[]): { kind: RowKind; checkpointId: string; practiceId: string }[] {
  const slots: { kind: RowKind; checkpointId: string; practiceId: string }[] = [];
  for (const practiceId of practiceIds) {
    for (const checkpointId of checkpointIds) {
      slots.push({ kind: 'rating', checkpointId, practiceId }, { kind: 'answer', checkpointId, practiceId });
    }
  }
  return slots;
}

/** Runs `count` writers over disjoint shares of the slots until `target.stopped`. */
export async function runWriters(target: WriterTarget, ledger: Ledger, slots: readonly { kind: RowKind; checkpointId: string; practiceId: string }[], count: number): Promise<void> {
  const writers = Array.from({ length: count }, (_, writer) => {
    // Slots come in (rating, answer) pairs of one practice: each writer gets whole pairs, so writes both kinds.
    const own = slots.filter((_slot, index) => Math.floor(index / 2) % count === writer);
    return writeLoop(target, ledger, own, writer);
  });
  await Promise.all(writers);
}

async function writeLoop(target: WriterTarget, ledger: Ledger, slots: readonly { kind: RowKind; checkpointId: string; practiceId: string }[], writer: number): Promise<void> {
  const next = seededRandom(1000 + writer);
  const active: Row[] = [];
  let fresh = 0;
  let sequence = 0;
  while (!target.stopped) {
    const creating = fresh < slots.length && (active.length < ACTIVE_ROWS || next() < 0.3);
    if (!creating && active.length === 0) return;
    const row = creating ? newRow(ledger, slots[fresh++]!) : active[Math.floor(next() * active.length)]!;
    if (creating) active.push(row);
    sequence += 1;
    const value = valueFor(row.kind, next, `w${writer}-${sequence}`);
    const outcome = await writeUntilSent(target, row, value);
    // Stopped while the server was down: this request never left, so it is no attempt.
    if (outcome.kind === 'broken' && outcome.reason === 'ECONNREFUSED') return;
    ledger.attempted += 1;
    record(ledger, row, value, outcome);
    if (row.inFlight !== undefined) active.splice(active.indexOf(row), 1);
  }
}

function newRow(ledger: Ledger, slot: { kind: RowKind; checkpointId: string; practiceId: string }): Row {
  const row: Row = { ...slot, acked: undefined, inFlight: undefined };
  ledger.rows.push(row);
  return row;
}

function valueFor(kind: RowKind, next: Random, tag: string): RowValue {
  const status = STATUSES[Math.floor(next() * STATUSES.length)]!;
  return { status, justification: kind === 'answer' ? `durability ${tag}` : null };
}

type Outcome = { kind: 'reply'; status: number; etag: string | null; body: string } | { kind: 'broken'; reason: string };

/** Sends the write; while nothing listens (the server restarts) the request never left, so it is retried. */
async function writeUntilSent(target: WriterTarget, row: Row, value: RowValue): Promise<Outcome> {
  for (;;) {
    const outcome = await send(target, row, value);
    if (outcome.kind === 'reply' || outcome.reason !== 'ECONNREFUSED' || target.stopped) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function send(target: WriterTarget, row: Row, value: RowValue): Promise<Outcome> {
  const path = `/api/v1/checkpoints/${row.checkpointId}/${row.kind === 'rating' ? 'ratings' : 'answers'}/${row.practiceId}`;
  const body = JSON.stringify(row.kind === 'rating' ? { status: value.status } : { status: value.status, justification: value.justification });
  const headers = { ...sessionHeaders(target.session), 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'if-match': `"${row.acked?.version ?? 0}"` };
  return new Promise((resolve) => {
    const request = httpRequest(`${target.url}${path}`, { method: 'PUT', headers, agent: NO_KEEP_ALIVE, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => { resolve({ kind: 'reply', status: response.statusCode ?? 0, etag: headerText(response.headers.etag), body: Buffer.concat(chunks).toString() }); });
      response.on('error', (error) => { resolve({ kind: 'broken', reason: causeCode(error) }); });
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => { resolve({ kind: 'broken', reason: causeCode(error) }); });
    request.end(body);
  });
}

function headerText(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function causeCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown';
}

function record(ledger: Ledger, row: Row, value: RowValue, outcome: Outcome): void {
  const expected = (row.acked?.version ?? 0) + 1;
  if (outcome.kind === 'broken') {
    ledger.interrupted += 1;
    row.inFlight = { version: expected, value };
    return;
  }
  const version = /^"(\d+)"$/.exec(outcome.etag ?? '')?.[1];
  if (outcome.status === 200 && Number(version) === expected) {
    row.acked = { version: expected, value };
    ledger.acknowledged += 1;
    return;
  }
  ledger.unexpected += 1;
  if (ledger.samples.length < 5) ledger.samples.push(`${outcome.status} etag=${outcome.etag ?? '-'} expected "${expected}" ${row.kind} ${row.practiceId}: ${outcome.body.slice(0, 200)}`);
  // The row's state is no longer known for sure: stop writing it and judge it like an interrupted write.
  row.inFlight = { version: expected, value };
}

export interface Verdict {
  /** Acknowledged writes missing from the database (neither it nor the write in flight after it). */
  readonly lost: number;
  /** Rows whose stored value matches no write the ledger knows (should be 0 as well). */
  readonly foreign: number;
  /** Writes in flight at a kill that committed anyway (fine: they were never acknowledged). */
  readonly committedUnacknowledged: number;
  /** Writes in flight at a kill that did not commit. */
  readonly rolledBack: number;
  readonly samples: readonly string[];
}

/** Compares every row the writers touched with the database. */
export async function verifyLedger(store: Repositories, ledger: Ledger, rater: string): Promise<Verdict> {
  const verdict = { lost: 0, foreign: 0, committedUnacknowledged: 0, rolledBack: 0, samples: [] as string[] };
  for (const row of ledger.rows) {
    const stored = await storedValue(store, row, rater);
    judge(row, stored, verdict);
  }
  return verdict;
}

async function storedValue(store: Repositories, row: Row, rater: string): Promise<{ version: number; value: RowValue } | undefined> {
  if (row.kind === 'rating') {
    const rating = await store.rating(row.checkpointId, row.practiceId, rater);
    return rating === undefined ? undefined : { version: rating.version, value: { status: rating.status, justification: null } };
  }
  const answer = await store.answer(row.checkpointId, row.practiceId);
  return answer === undefined ? undefined : { version: answer.version, value: { status: answer.status ?? '', justification: answer.justification } };
}

function same(a: { version: number; value: RowValue } | undefined, b: { version: number; value: RowValue } | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.version === b.version && a.value.status === b.value.status && a.value.justification === b.value.justification;
}

function judge(row: Row, stored: { version: number; value: RowValue } | undefined, verdict: { lost: number; foreign: number; committedUnacknowledged: number; rolledBack: number; samples: string[] }): void {
  const describe = (entry: { version: number; value: RowValue } | undefined): string => (entry === undefined ? 'none' : `v${entry.version} ${entry.value.status} ${entry.value.justification ?? ''}`.trim());
  if (row.inFlight !== undefined && same(stored, row.inFlight)) {
    verdict.committedUnacknowledged += 1;
    return;
  }
  if (same(stored, row.acked)) {
    if (row.inFlight !== undefined) verdict.rolledBack += 1;
    return;
  }
  const missing = row.acked !== undefined && (stored === undefined || stored.version <= row.acked.version);
  if (missing) verdict.lost += 1;
  else verdict.foreign += 1;
  if (verdict.samples.length < 5) verdict.samples.push(`${row.kind} ${row.checkpointId}/${row.practiceId}: stored ${describe(stored)}, acknowledged ${describe(row.acked)}, in flight ${describe(row.inFlight)}`);
}
