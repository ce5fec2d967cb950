import type { DeleteResult, InsertResult, Kysely } from 'kysely';
import type { Versioned } from '../../core/persistence/port.js';
import type { Database } from './tables.js';

/**
 * Settles a conditional write (S19): the row the write returned, or, when it touched nothing,
 * `'stale'` if the row is still there and `'missing'` if it is gone.
 */
export async function settleWrite<R, T>(
  row: R | undefined,
  toRecord: (row: R) => T,
  exists: () => Promise<boolean>,
): Promise<Versioned<T>> {
  if (row !== undefined) return toRecord(row);
  return (await exists()) ? 'stale' : 'missing';
}

/** Runs `work` in a transaction unless it already runs in one. */
export function atomically<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Settles a conditional delete: `true`, or `'stale'` / `'missing'` as for writes. */
export function settleDelete(result: DeleteResult, exists: () => Promise<boolean>): Promise<Versioned<true>> {
  return settleWrite(result.numDeletedRows > 0n ? true : undefined, () => true as const, exists);
}

/** The outcome of an `INSERT … ON CONFLICT DO NOTHING`: no row inserted means a key was taken. */
export function insertOutcome(result: InsertResult): 'ok' | 'duplicate' {
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n ? 'ok' : 'duplicate';
}

/** A column of a partial update: the encoded value, or `undefined` (the column is left as it is) when the field does not change. */
export function changedColumn<V, C>(value: V | undefined, encode: (value: V) => C): C | undefined {
  return value === undefined ? undefined : encode(value);
}
