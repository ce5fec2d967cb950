import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Persistence } from '../../core/persistence/port.js';
import { migrateToLatest } from './migrations.js';
import { createKyselyPersistence } from './store.js';
import type { Database } from './tables.js';

/** Milliseconds a writer waits for another connection's lock before failing (S20). */
const BUSY_TIMEOUT_MS = 5000;

/** The connection behind each persistence `openSqlite` returned, for `connectionPragmas`. */
const connections = new WeakMap<Persistence, BetterSqlite3.Database>();

export interface SqlitePragmas {
  readonly journalMode: string;
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  readonly busyTimeout: number;
  readonly foreignKeys: boolean;
}

/** Opens (creating if needed) and migrates a SQLite database file. */
export async function openSqlite(path: string): Promise<Persistence> {
  const database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    applyPragmas(database);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    await migrateToLatest(db, 'sqlite');
    const persistence = createKyselyPersistence(db, 'sqlite');
    connections.set(persistence, database);
    return persistence;
  } catch (error) {
    database.close();
    throw error;
  }
}

/** Durability settings (S20): WAL survives crashes without blocking readers; FULL syncs every commit. */
function applyPragmas(database: BetterSqlite3.Database): void {
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
}

/** The pragmas in force on the connection of a persistence opened by `openSqlite`. */
export function connectionPragmas(persistence: Persistence): SqlitePragmas {
  const database = connections.get(persistence);
  if (database === undefined) throw new Error('connectionPragmas needs a persistence opened by openSqlite');
  const read = (name: string): unknown => database.pragma(name, { simple: true });
  return {
    journalMode: String(read('journal_mode')),
    synchronous: SYNCHRONOUS_LEVELS[Number(read('synchronous'))] ?? 'OFF',
    busyTimeout: Number(read('busy_timeout')),
    foreignKeys: Number(read('foreign_keys')) === 1,
  };
}

const SYNCHRONOUS_LEVELS: readonly SqlitePragmas['synchronous'][] = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
