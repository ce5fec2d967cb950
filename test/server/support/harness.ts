import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Persistence } from '../../../src/core/persistence/port.js';
import { serverContext } from '../../../src/main/server.js';
import { buildServer } from '../../../src/server/app.js';
import type { ServerClock, ServerConfig, ServerContext } from '../../../src/server/context.js';
import type { Route } from '../../../src/server/route.js';
import { SERVER_ROUTES } from '../../../src/server/routes/index.js';
import { ADMIN_PASSWORD, client, createAndSignIn, openTestDatabase, PG_URL, setUpAdmin, signIn } from '../../support/server.js';
import type { Client, Dialect, UserOptions } from '../../support/server.js';

/**
 * A test server like test/support/server.ts, but it also knows where its database lives so the
 * security suites can dump every table (S14: a refused write changes nothing), and it lets a test
 * replace the clock or wrap the store.
 */
export interface Harness {
  readonly app: FastifyInstance;
  readonly store: Persistence;
  readonly context: ServerContext;
  readonly dialect: Dialect;
  admin(): Promise<Client>;
  user(name: string, options?: UserOptions): Promise<Client & { readonly userId: string }>;
  anonymous(): Client;
  /** Every row of every table except the audit log (and, with `derived: false`, the caches of computed values), as sorted text. */
  dump(options?: DumpOptions): Promise<string>;
  /** SHA-256 of `dump()`. */
  dumpHash(options?: DumpOptions): Promise<string>;
  /** Rows of one table (raw columns). */
  rows(table: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly config?: Partial<ServerConfig>;
  readonly clock?: ServerClock;
  /** Replaces the store the server uses (the harness still dumps the real database). */
  readonly wrapStore?: (store: Persistence) => Persistence;
  readonly routes?: readonly Route[];
}

export interface DumpOptions {
  /** Include caches of values computed from other tables (default true). */
  readonly derived?: boolean;
}

/** Tables the dump leaves out: the audit log grows on every refusal by design (S22). */
const NOT_DUMPED = new Set(['audit']);
/** Caches of values computed from the other tables (the heatmap's scores), which a read may fill. */
const DERIVED = new Set(['team_scores']);

/** A server over a fresh database: a temp SQLite file, or a fresh PostgreSQL schema. */
export async function startHarness(dialect: Dialect, options: HarnessOptions = {}): Promise<Harness> {
  const { store, folder, file, schema } = await openTestDatabase(dialect, 'sec');
  const base = serverContext(store, options.config ?? {});
  const context: ServerContext = { ...base, store: options.wrapStore?.(store) ?? store, clock: options.clock ?? base.clock };
  const app = buildServer(context, { routes: options.routes ?? SERVER_ROUTES });
  await app.ready();
  const raw = dialect === 'sqlite' ? sqliteReader(file) : await postgresReader(schema);
  let adminClient: Client | undefined;
  const harness: Harness = {
    app,
    store,
    context,
    dialect,
    admin: async () => (adminClient ??= (await store.countUsers()) > 0 ? await signIn(app, 'admin', ADMIN_PASSWORD) : await setUpAdmin(app, store, context)),
    user: async (name, userOptions = {}) => createAndSignIn(app, await harness.admin(), name, userOptions),
    anonymous: () => client(app, 'anonymous', undefined, undefined, undefined),
    dump: (dumpOptions) => dumpAll(raw, dumpOptions),
    dumpHash: async (dumpOptions) => createHash('sha256').update(await dumpAll(raw, dumpOptions)).digest('hex'),
    rows: (table) => raw.rows(table),
    close: async () => {
      await app.close();
      await raw.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return harness;
}

interface RawReader {
  tables(): Promise<string[]>;
  rows(table: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function dumpAll(raw: RawReader, options: DumpOptions = {}): Promise<string> {
  const lines: string[] = [];
  const skipped = (name: string): boolean => NOT_DUMPED.has(name) || (options.derived === false && DERIVED.has(name));
  for (const table of (await raw.tables()).filter((name) => !skipped(name)).sort()) {
    const rows = (await raw.rows(table)).map((row) => JSON.stringify(row, Object.keys(row).sort()));
    lines.push(`# ${table}`, ...rows.sort());
  }
  return lines.join('\n');
}

/** Reads the SQLite file through a second, read-only connection (WAL lets it see every commit). */
function sqliteReader(file: string): RawReader {
  const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  return {
    tables: () =>
      Promise.resolve(
        (database.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as { name: string }[]).map(
          (row) => row.name,
        ),
      ),
    rows: (table) => Promise.resolve(database.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]),
    close: () => {
      database.close();
      return Promise.resolve();
    },
  };
}

async function postgresReader(schema: string): Promise<RawReader> {
  const { default: pg } = await import('pg');
  const connection = new pg.Client({ connectionString: PG_URL });
  await connection.connect();
  return {
    tables: async () =>
      (await connection.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = $1 and table_name not like 'kysely_%'", [schema])).rows.map(
        (row) => row.table_name,
      ),
    rows: async (table) => (await connection.query<Record<string, unknown>>(`select * from ${schema}."${table}"`)).rows,
    close: async () => {
      await connection.query(`drop schema if exists ${schema} cascade`);
      await connection.end();
    },
  };
}

/** A clock the test moves by hand. */
export interface ManualClock extends ServerClock {
  set(at: Date): void;
  advance(milliseconds: number): void;
}

/** A clock standing still at `start` until moved. */
export function manualClock(start = new Date('2026-03-02T09:00:00.000Z')): ManualClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (at) => {
      now = at.getTime();
    },
    advance: (milliseconds) => {
      now += milliseconds;
    },
  };
}
