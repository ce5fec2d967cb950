import type { Kysely, Selectable } from 'kysely';
import type { AuditQuery, AuditStore } from '../../core/persistence/port.js';
import type { AuditRecord, NewAuditRecord } from '../../core/persistence/records.js';
import { lookupInChunks } from './batches.js';
import { fromJson, toJson } from './columns.js';
import type { AuditTable, Database } from './tables.js';

/** The most entries one query returns, whatever limit it asks for. */
export const AUDIT_PAGE_MAX = 1000;

export function auditRows(db: Kysely<Database>): AuditStore {
  return {
    appendAudit: async (entry) => {
      await db.insertInto('audit').values(auditToRow(entry)).execute();
    },
    queryAudit: (query) => queryAudit(db, query),
  };
}

/** Newest first. With `teamIds`, each chunk of ids yields its newest page and the pages are merged. */
async function queryAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditRecord[]> {
  const limit = pageSize(query.limit);
  if (limit === 0) return [];
  const rows =
    query.teamIds === undefined
      ? await selectPage(db, query, undefined, limit)
      : await lookupInChunks(query.teamIds, (chunk) => selectPage(db, query, chunk, limit));
  return rows
    .map(auditFromRow)
    .sort((a, b) => b.id - a.id)
    .slice(0, limit);
}

function pageSize(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(Math.floor(limit), 0), AUDIT_PAGE_MAX) : 0;
}

/** `since` and `until` are inclusive bounds on `at`. */
function selectPage(db: Kysely<Database>, query: AuditQuery, teamIds: string[] | undefined, limit: number) {
  let select = db.selectFrom('audit').selectAll();
  if (teamIds !== undefined) select = select.where('team_id', 'in', teamIds);
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  if (query.outcome !== undefined) select = select.where('outcome', '=', query.outcome);
  if (query.since !== undefined) select = select.where('at', '>=', query.since);
  if (query.until !== undefined) select = select.where('at', '<=', query.until);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  return select.orderBy('id', 'desc').limit(limit).execute();
}

function auditToRow(entry: NewAuditRecord) {
  return {
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    outcome: entry.outcome,
    team_id: entry.teamId,
    target: entry.target,
    ip: entry.ip,
    detail: toJson(entry.detail),
  };
}

function auditFromRow(row: Selectable<AuditTable>): AuditRecord {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    outcome: row.outcome,
    teamId: row.team_id,
    target: row.target,
    ip: row.ip,
    detail: fromJson(row.detail) as Record<string, unknown>,
  };
}
