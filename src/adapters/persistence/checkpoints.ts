import type { Kysely, Selectable, Updateable } from 'kysely';
import type { CheckpointChanges, CheckpointStore } from '../../core/persistence/port.js';
import type { CheckpointRecord, CheckpointState } from '../../core/persistence/records.js';
import { sortByKeys } from './batches.js';
import { fromJson, toJson } from './columns.js';
import type { CheckpointsTable, Database, Dialect } from './tables.js';
import { changedColumn, insertOutcome, settleWrite } from './versioned.js';

type CheckpointRows = Pick<
  CheckpointStore,
  'insertCheckpoint' | 'checkpointById' | 'lockCheckpoint' | 'checkpointOfTeam' | 'checkpointsOfTeam' | 'updateCheckpoint' | 'deleteCheckpoint'
>;

export function checkpointRows(db: Kysely<Database>, dialect: Dialect): CheckpointRows {
  return {
    insertCheckpoint: async (checkpoint) => {
      const result = await db
        .insertInto('checkpoints')
        .values(checkpointToRow(checkpoint))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return insertOutcome(result);
    },
    checkpointById: async (id) => mapRow(await db.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirst()),
    // SQLite runs one transaction at a time already; PostgreSQL needs the row lock.
    lockCheckpoint: async (id) => {
      const query = db.selectFrom('checkpoints').selectAll().where('id', '=', id);
      return mapRow(await (dialect === 'postgres' ? query.forShare() : query).executeTakeFirst());
    },
    checkpointOfTeam: async (teamId, date) =>
      mapRow(
        await db.selectFrom('checkpoints').selectAll().where('team_id', '=', teamId).where('date', '=', date).executeTakeFirst(),
      ),
    checkpointsOfTeam: (teamId, states) => checkpointsOfTeam(db, teamId, states),
    updateCheckpoint: (id, expectedVersion, changes, updatedAt) => updateCheckpoint(db, id, expectedVersion, changes, updatedAt),
    deleteCheckpoint: async (id) => {
      await db.deleteFrom('checkpoints').where('id', '=', id).execute();
    },
  };
}

export async function checkpointExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('checkpoints').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

async function checkpointsOfTeam(
  db: Kysely<Database>,
  teamId: string,
  states: readonly CheckpointState[] | undefined,
): Promise<CheckpointRecord[]> {
  if (states !== undefined && states.length === 0) return [];
  let query = db.selectFrom('checkpoints').selectAll().where('team_id', '=', teamId);
  if (states !== undefined) query = query.where('state', 'in', states);
  return sortByKeys((await query.execute()).map(checkpointFromRow), (checkpoint) => checkpoint.date);
}

async function updateCheckpoint(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  changes: CheckpointChanges,
  updatedAt: string,
) {
  const row = await db
    .updateTable('checkpoints')
    .set((eb) => ({ ...checkpointChangesToRow(changes), updated_at: updatedAt, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return settleWrite(row, checkpointFromRow, () => checkpointExists(db, id));
}

function mapRow(row: Selectable<CheckpointsTable> | undefined): CheckpointRecord | undefined {
  return row === undefined ? undefined : checkpointFromRow(row);
}

function checkpointToRow(checkpoint: CheckpointRecord): CheckpointsTable {
  return {
    id: checkpoint.id,
    team_id: checkpoint.teamId,
    date: checkpoint.date,
    state: checkpoint.state,
    model: checkpoint.model,
    domain_scores: toJson(checkpoint.domainScores),
    created_by: checkpoint.createdBy,
    created_at: checkpoint.createdAt,
    updated_at: checkpoint.updatedAt,
    version: 1,
  };
}

function checkpointChangesToRow(changes: CheckpointChanges): Updateable<CheckpointsTable> {
  return {
    state: changes.state,
    domain_scores: changedColumn(changes.domainScores, toJson),
  };
}

function checkpointFromRow(row: Selectable<CheckpointsTable>): CheckpointRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    date: row.date,
    state: row.state,
    model: row.model,
    domainScores: fromJson(row.domain_scores) as Record<string, number>,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
