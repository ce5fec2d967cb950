/**
 * Seeds a large organisation straight through the persistence port (no HTTP, no audit): N teams ×
 * C final quarterly checkpoints answering about 70 % of the built-in model's practices with mixed
 * statuses, two raters on some checkpoints, evidence old enough to be stale on some answers, plus
 * one open checkpoint (state `rating`, no answers) per team for benchmarks that write ratings.
 * Everything random comes from `seededRandom`, so a seed and a date give the same rows.
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { addDays, addMonths } from '../src/core/dates.js';
import type { IsoDate } from '../src/core/dates.js';
import type { Model, Practice } from '../src/core/model/model.js';
import type { Persistence, Repositories } from '../src/core/persistence/port.js';
import type { AnswerRecord, CheckpointRecord, RatingRecord, TeamRecord } from '../src/core/persistence/records.js';
import { seededRandom } from '../src/core/random.js';
import type { Random } from '../src/core/random.js';
import type { AnswerStatus, Evidence } from '../src/core/workspace/schema.js';
import { DEFAULT_ORGANISATION } from '../src/services/org/teams.js';
import { loadBuiltinModel } from './generate-workspace.js';

export interface SeedOptions {
  readonly teams: number;
  /** Final checkpoints per team, one a quarter up to `today`. */
  readonly finalCheckpoints: number;
  /** Open checkpoints (state `rating`, empty) per team, dated after the last final one. */
  readonly openCheckpoints: number;
  readonly today: IsoDate;
  readonly seed?: number;
  /** Teams per transaction. */
  readonly batch?: number;
}

export interface SeededOpenCheckpoint {
  readonly id: string;
  readonly teamId: string;
}

export interface SeededOrganisation {
  readonly teamIds: readonly string[];
  readonly practiceIds: readonly string[];
  readonly openCheckpoints: readonly SeededOpenCheckpoint[];
  readonly checkpoints: number;
  readonly answers: number;
  readonly ratings: number;
  readonly seconds: number;
}

const RATERS = ['alice', 'bob'] as const;
const SEEDED_BY = 'bench-seed';

/** Seeds the organisation settings, teams, checkpoints, answers and ratings in transactions of `batch` teams. */
export async function seedOrganisation(store: Persistence, options: SeedOptions): Promise<SeededOrganisation> {
  const start = performance.now();
  const model = loadBuiltinModel();
  const next = seededRandom(options.seed ?? 20261127);
  const ids = idFactory(next);
  if ((await store.organisation()) === undefined) await store.putOrganisation({ ...DEFAULT_ORGANISATION, name: 'Benchmark Corp', defaultTargets: 2 });
  const teamIds = Array.from({ length: options.teams }, (_, index) => `team-${String(index + 1).padStart(4, '0')}`);
  const totals = { checkpoints: 0, answers: 0, ratings: 0 };
  const openCheckpoints: SeededOpenCheckpoint[] = [];
  for (const batch of chunks(teamIds, options.batch ?? 50)) {
    const teams = batch.map((teamId) => generateTeam(teamId, model, next, ids, options));
    await store.transaction(async (tx) => {
      for (const team of teams) await writeTeam(tx, team);
    });
    for (const team of teams) {
      totals.checkpoints += team.checkpoints.length;
      totals.answers += team.checkpoints.reduce((sum, entry) => sum + entry.answers.length, 0);
      totals.ratings += team.checkpoints.reduce((sum, entry) => sum + entry.ratings.length, 0);
      openCheckpoints.push(...team.checkpoints.filter((entry) => entry.record.state === 'rating').map((entry) => ({ id: entry.record.id, teamId: team.record.id })));
    }
  }
  const practiceIds = model.practices.map((practice) => practice.id);
  return { teamIds, practiceIds, openCheckpoints, ...totals, seconds: (performance.now() - start) / 1000 };
}

interface GeneratedCheckpoint {
  readonly record: CheckpointRecord;
  readonly answers: Omit<AnswerRecord, 'version'>[];
  readonly ratings: Omit<RatingRecord, 'version'>[];
}

interface GeneratedTeam {
  readonly record: TeamRecord;
  readonly checkpoints: GeneratedCheckpoint[];
}

async function writeTeam(tx: Repositories, team: GeneratedTeam): Promise<void> {
  if ((await tx.insertTeam(team.record)) !== 'ok') throw new Error(`team ${team.record.id} exists already: seed an empty database`);
  for (const checkpoint of team.checkpoints) {
    await tx.insertCheckpoint(checkpoint.record);
    if (checkpoint.answers.length > 0) await tx.replaceAnswers(checkpoint.record.id, checkpoint.answers, checkpoint.ratings);
  }
}

function generateTeam(teamId: string, model: Model, next: Random, ids: () => string, options: SeedOptions): GeneratedTeam {
  const number = Number(teamId.slice('team-'.length));
  const createdAt = `${addMonths(options.today, -3 * options.finalCheckpoints - 1)}T09:00:00.000Z`;
  const record: TeamRecord = { id: teamId, name: `Team ${number}`, group: `Group ${(number % 12) + 1}`, cadence: 'quarterly', targets: {}, createdAt, version: 1 };
  const lastFinal = addDays(options.today, -Math.floor(next() * 80) - 5);
  let maturity = next() * 0.6;
  const checkpoints: GeneratedCheckpoint[] = [];
  for (let index = 0; index < options.finalCheckpoints; index += 1) {
    maturity += next() * 0.12;
    const date = addMonths(lastFinal, -3 * (options.finalCheckpoints - 1 - index));
    checkpoints.push(finalCheckpoint(ids(), teamId, date, model, maturity, next));
  }
  for (let index = 0; index < options.openCheckpoints; index += 1) {
    checkpoints.push({ record: checkpointRecord(ids(), teamId, addDays(lastFinal, index + 1), 'rating', model), answers: [], ratings: [] });
  }
  return { record, checkpoints };
}

function checkpointRecord(id: string, teamId: string, date: IsoDate, state: CheckpointRecord['state'], model: Model): CheckpointRecord {
  const at = `${date}T10:00:00.000Z`;
  return { id, teamId, date, state, model: `${model.id}@${model.version}`, domainScores: {}, createdBy: SEEDED_BY, createdAt: at, updatedAt: at, version: 1 };
}

function finalCheckpoint(id: string, teamId: string, date: IsoDate, model: Model, maturity: number, next: Random): GeneratedCheckpoint {
  const record = checkpointRecord(id, teamId, date, 'final', model);
  const rated = next() < 0.25;
  const answers: Omit<AnswerRecord, 'version'>[] = [];
  const ratings: Omit<RatingRecord, 'version'>[] = [];
  for (const practice of model.practices) {
    // Teams rarely answer everything: about 70 % of the practices (≈ 90) per checkpoint.
    if (next() >= 0.7) continue;
    const status = statusFor(next, maturity, practice);
    answers.push(answerRow(id, practice, status, date, next));
    if (rated && status !== 'not-applicable') ratings.push(...ratingRows(id, practice.id, status, date, next));
  }
  return { record, answers, ratings };
}

function statusFor(next: Random, maturity: number, practice: Practice): AnswerStatus {
  if (next() < 0.03) return 'not-applicable';
  if (next() < 0.02) return 'unknown';
  const roll = next() + maturity - practice.level * 0.35;
  return roll > 0.9 ? 'implemented' : roll > 0.6 ? 'partial' : 'not-implemented';
}

function answerRow(checkpointId: string, practice: Practice, status: AnswerStatus, date: IsoDate, next: Random): Omit<AnswerRecord, 'version'> {
  return {
    checkpointId,
    practiceId: practice.id,
    status,
    justification: status === 'not-applicable' ? 'Not used by this team' : null,
    evidence: evidenceFor(date, next),
    proposed: null,
    updatedAt: `${date}T10:00:00.000Z`,
    updatedBy: 'alice',
  };
}

/** A third of the answers carry a dated note; a quarter of those are 1–2 years older than the checkpoint, so practices with `freshnessDays` turn stale. */
function evidenceFor(date: IsoDate, next: Random): Evidence[] {
  if (next() >= 0.33) return [];
  const age = next() < 0.25 ? 400 + Math.floor(next() * 365) : Math.floor(next() * 60);
  return [{ type: 'note', text: 'Reviewed with the team lead', date: addDays(date, -age), by: 'alice' }];
}

function ratingRows(checkpointId: string, practiceId: string, status: AnswerStatus, date: IsoDate, next: Random): Omit<RatingRecord, 'version'>[] {
  const other: AnswerStatus = next() < 0.6 ? status : status === 'partial' ? 'implemented' : 'partial';
  const updatedAt = `${date}T09:00:00.000Z`;
  return [
    { checkpointId, practiceId, rater: RATERS[0], status, updatedAt },
    { checkpointId, practiceId, rater: RATERS[1], status: other, updatedAt },
  ];
}

/** UUID-shaped ids drawn from the seeded source (the API's id parameters accept UUIDs only). */
function idFactory(next: Random): () => string {
  const hex = (count: number): string => Array.from({ length: count }, () => Math.floor(next() * 16).toString(16)).join('');
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/** Bytes a SQLite database occupies on disk (main file plus WAL). */
export function sqliteSize(path: string): number {
  const size = (file: string): number => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return size(path) + size(`${path}-wal`);
}

/** Bytes the tables of a PostgreSQL schema occupy (with indexes and TOAST). */
export async function postgresSchemaSize(url: string, schema: string): Promise<number> {
  return withPg(url, async (client) => {
    const result = await client.query<{ bytes: string | null }>(
      'select sum(pg_total_relation_size(c.oid))::text as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = $2',
      [schema, 'r'],
    );
    return Number(result.rows[0]?.bytes ?? 0);
  });
}

/** Drops a benchmark schema and everything in it. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  await withPg(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
}

type PgClient = import('pg').Client;

async function withPg<T>(url: string, work: (client: PgClient) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL URL whose connections use `schema` (for a server that opens the URL without options). */
export function urlWithSchema(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
