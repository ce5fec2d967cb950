import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Persistence } from '../../core/persistence/port.js';
import { migrateToLatest } from './migrations.js';
import { createKyselyPersistence } from './store.js';
import type { Database } from './tables.js';

/** Unquoted PostgreSQL identifiers: the name goes into `search_path` as is. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** A schema to create if missing and keep every table in (default: the server's search_path). */
  readonly schema?: string | undefined;
}

/** Connects a pool of 10 to a PostgreSQL database and migrates it. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Persistence> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid schema name '${schema}': use lower-case letters, digits and _ (at most 63)`);
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }) });
  // An idle connection that breaks (server restart) is dropped by the pool; without a listener
  // its 'error' event would end the process.
  pool.on('error', () => undefined);
  try {
    if (schema !== undefined) await pool.query(`create schema if not exists ${schema}`);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // Name the schema even when the URL's search_path chose it: Kysely otherwise finds its bookkeeping tables in any schema.
    const current = await pool.query<{ schema: string }>('select current_schema() as schema');
    await migrateToLatest(db, 'postgres', schema ?? current.rows[0]?.schema ?? 'public');
    return createKyselyPersistence(db, 'postgres');
  } catch (error) {
    await pool.end();
    throw error;
  }
}
