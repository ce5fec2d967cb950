import type { Kysely, Selectable } from 'kysely';
import type { CheckpointStore, Versioned } from '../../core/persistence/port.js';
import type { RatingRecord } from '../../core/persistence/records.js';
import { lookupInChunks, sortByKeys } from './batches.js';
import { checkpointExists } from './checkpoints.js';
import type { Database, RatingsTable } from './tables.js';
import { settleDelete, settleWrite } from './versioned.js';

type RatingRows = Pick<CheckpointStore, 'ratingsOf' | 'rating' | 'putRating' | 'deleteRating'>;

interface RatingKey {
  readonly checkpointId: string;
  readonly practiceId: string;
  readonly rater: string;
}

export function ratingRows(db: Kysely<Database>): RatingRows {
  return {
    ratingsOf: (checkpointIds, practiceId) => ratingsOf(db, checkpointIds, practiceId),
    rating: async (checkpointId, practiceId, rater) => {
      const row = await selectRating(db, { checkpointId, practiceId, rater });
      return row === undefined ? undefined : ratingFromRow(row);
    },
    putRating: (checkpointId, practiceId, rater, expectedVersion, status, at) => {
      const key = { checkpointId, practiceId, rater };
      return expectedVersion === 0 ? createRating(db, key, status, at) : updateRating(db, key, expectedVersion, status, at);
    },
    deleteRating: (checkpointId, practiceId, rater, expectedVersion) =>
      deleteRating(db, { checkpointId, practiceId, rater }, expectedVersion),
  };
}

export function ratingToRow(rating: Omit<RatingRecord, 'version'>): RatingsTable {
  return {
    checkpoint_id: rating.checkpointId,
    practice_id: rating.practiceId,
    rater: rating.rater,
    status: rating.status,
    updated_at: rating.updatedAt,
    version: 1,
  };
}

async function ratingsOf(db: Kysely<Database>, checkpointIds: readonly string[], practiceId?: string): Promise<RatingRecord[]> {
  const rows = await lookupInChunks(checkpointIds, (chunk) => {
    const query = db.selectFrom('ratings').selectAll().where('checkpoint_id', 'in', chunk);
    return (practiceId === undefined ? query : query.where('practice_id', '=', practiceId)).execute();
  });
  return sortByKeys(
    rows.map(ratingFromRow),
    (rating) => rating.checkpointId,
    (rating) => rating.practiceId,
    (rating) => rating.rater,
  );
}

function selectRating(db: Kysely<Database>, key: RatingKey) {
  return db
    .selectFrom('ratings')
    .selectAll()
    .where('checkpoint_id', '=', key.checkpointId)
    .where('practice_id', '=', key.practiceId)
    .where('rater', '=', key.rater)
    .executeTakeFirst();
}

async function ratingExists(db: Kysely<Database>, key: RatingKey): Promise<boolean> {
  return (await selectRating(db, key)) !== undefined;
}

async function createRating(
  db: Kysely<Database>,
  key: RatingKey,
  status: RatingRecord['status'],
  at: string,
): Promise<Versioned<RatingRecord>> {
  if (!(await checkpointExists(db, key.checkpointId))) return 'missing';
  const row = await db
    .insertInto('ratings')
    .values(ratingToRow({ ...key, status, updatedAt: at }))
    .onConflict((oc) => oc.columns(['checkpoint_id', 'practice_id', 'rater']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? 'stale' : ratingFromRow(row);
}

async function updateRating(
  db: Kysely<Database>,
  key: RatingKey,
  expectedVersion: number,
  status: RatingRecord['status'],
  at: string,
): Promise<Versioned<RatingRecord>> {
  const row = await db
    .updateTable('ratings')
    .set((eb) => ({ status, updated_at: at, version: eb('version', '+', 1) }))
    .where('checkpoint_id', '=', key.checkpointId)
    .where('practice_id', '=', key.practiceId)
    .where('rater', '=', key.rater)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return settleWrite(row, ratingFromRow, () => ratingExists(db, key));
}

async function deleteRating(db: Kysely<Database>, key: RatingKey, expectedVersion: number): Promise<Versioned<true>> {
  const result = await db
    .deleteFrom('ratings')
    .where('checkpoint_id', '=', key.checkpointId)
    .where('practice_id', '=', key.practiceId)
    .where('rater', '=', key.rater)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return settleDelete(result, () => ratingExists(db, key));
}

function ratingFromRow(row: Selectable<RatingsTable>): RatingRecord {
  return {
    checkpointId: row.checkpoint_id,
    practiceId: row.practice_id,
    rater: row.rater,
    status: row.status,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
