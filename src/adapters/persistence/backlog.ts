import type { Kysely, Selectable } from 'kysely';
import type { BacklogStore, Versioned } from '../../core/persistence/port.js';
import type { BacklogStatusRecord } from '../../core/persistence/records.js';
import { lookupInChunks, sortByKeys } from './batches.js';
import type { BacklogStatusTable, Database } from './tables.js';
import { teamExists } from './teams.js';
import { settleWrite } from './versioned.js';

interface ItemKey {
  readonly teamId: string;
  readonly itemKey: string;
}

interface StatusChange {
  readonly status: BacklogStatusRecord['status'];
  readonly by: string;
  readonly at: string;
}

export function backlogRows(db: Kysely<Database>): BacklogStore {
  return {
    backlogStatuses: (teamIds) => backlogStatuses(db, teamIds),
    putBacklogStatus: (teamId, itemKey, expectedVersion, status, by, at) => {
      const key = { teamId, itemKey };
      const change = { status, by, at };
      return expectedVersion === 0 ? createStatus(db, key, change) : updateStatus(db, key, expectedVersion, change);
    },
  };
}

async function backlogStatuses(db: Kysely<Database>, teamIds: readonly string[]): Promise<BacklogStatusRecord[]> {
  const rows = await lookupInChunks(teamIds, (chunk) =>
    db.selectFrom('backlog_status').selectAll().where('team_id', 'in', chunk).execute(),
  );
  return sortByKeys(rows.map(statusFromRow), (status) => status.teamId, (status) => status.itemKey);
}

function selectStatus(db: Kysely<Database>, key: ItemKey) {
  return db
    .selectFrom('backlog_status')
    .selectAll()
    .where('team_id', '=', key.teamId)
    .where('item_key', '=', key.itemKey)
    .executeTakeFirst();
}

async function createStatus(db: Kysely<Database>, key: ItemKey, change: StatusChange): Promise<Versioned<BacklogStatusRecord>> {
  if (!(await teamExists(db, key.teamId))) return 'missing';
  const row = await db
    .insertInto('backlog_status')
    .values({
      team_id: key.teamId,
      item_key: key.itemKey,
      status: change.status,
      updated_at: change.at,
      updated_by: change.by,
      version: 1,
    })
    .onConflict((oc) => oc.columns(['team_id', 'item_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? 'stale' : statusFromRow(row);
}

async function updateStatus(
  db: Kysely<Database>,
  key: ItemKey,
  expectedVersion: number,
  change: StatusChange,
): Promise<Versioned<BacklogStatusRecord>> {
  const row = await db
    .updateTable('backlog_status')
    .set((eb) => ({ status: change.status, updated_at: change.at, updated_by: change.by, version: eb('version', '+', 1) }))
    .where('team_id', '=', key.teamId)
    .where('item_key', '=', key.itemKey)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return settleWrite(row, statusFromRow, async () => (await selectStatus(db, key)) !== undefined);
}

function statusFromRow(row: Selectable<BacklogStatusTable>): BacklogStatusRecord {
  return {
    teamId: row.team_id,
    itemKey: row.item_key,
    status: row.status,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: row.version,
  };
}
