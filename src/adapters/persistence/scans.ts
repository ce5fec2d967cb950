import type { Kysely, Selectable } from 'kysely';
import type { ScanStore } from '../../core/persistence/port.js';
import type { ScanRecord } from '../../core/persistence/records.js';
import { fromJson, toJson } from './columns.js';
import type { Database, ScansTable } from './tables.js';

export function scanRows(db: Kysely<Database>): ScanStore {
  return {
    insertScan: async (scan) => {
      await db.insertInto('scans').values(scanToRow(scan)).execute();
    },
    latestScan: async (teamId) => {
      const row = await db
        .selectFrom('scans')
        .selectAll()
        .where('team_id', '=', teamId)
        .orderBy('pushed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? undefined : scanFromRow(row);
    },
    scansOfTeam: (teamId, limit) => scansOfTeam(db, teamId, limit),
    scanById: async (id) => {
      const row = await db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : scanFromRow(row);
    },
  };
}

/** Newest first, without the result documents (they can be large). */
async function scansOfTeam(db: Kysely<Database>, teamId: string, limit: number): Promise<Omit<ScanRecord, 'result'>[]> {
  if (!(limit > 0)) return [];
  const rows = await db
    .selectFrom('scans')
    .select(['id', 'team_id', 'pushed_at', 'pushed_by'])
    .where('team_id', '=', teamId)
    .orderBy('pushed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.floor(limit))
    .execute();
  return rows.map((row) => ({ id: row.id, teamId: row.team_id, pushedAt: row.pushed_at, pushedBy: row.pushed_by }));
}

function scanToRow(scan: ScanRecord): ScansTable {
  return { id: scan.id, team_id: scan.teamId, pushed_at: scan.pushedAt, pushed_by: scan.pushedBy, result: toJson(scan.result) };
}

function scanFromRow(row: Selectable<ScansTable>): ScanRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    pushedAt: row.pushed_at,
    pushedBy: row.pushed_by,
    result: fromJson(row.result),
  };
}
