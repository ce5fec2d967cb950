import type { BacklogItem } from '../../core/backlog/backlog.js';
import type { Strategy } from '../../core/backlog/priority.js';
import type { IsoDate } from '../../core/dates.js';
import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { BacklogExporter, ReportExporter } from '../../core/ports.js';
import type { BacklogStatus, BacklogStatusRecord, TeamRecord } from '../../core/persistence/records.js';
import { exportContext, workspaceBacklog } from '../backlog.js';
import { buildReport } from '../report.js';
import type { Workspace } from '../workspace.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { selectReadableTeams, viewWorkspace } from './views-workspace.js';
import type { ReadableTeams, TeamSelection, ViewContext } from './views-workspace.js';

/**
 * The server's backlog: generated from each team's latest final checkpoint (and latest pushed
 * scan) exactly as `stepwise backlog` does, then merged with the statuses people set. Item keys
 * are stable (team + practice id, or team + finding), so a status survives every regeneration.
 */

/** A backlog item with its persisted status; `statusVersion` 0 means none was ever set (send `If-Match: "0"` to set one). */
export interface BacklogEntry extends BacklogItem {
  readonly statusVersion: number;
}

export interface BacklogQuery extends TeamSelection {
  readonly strategy: Strategy;
  readonly status?: BacklogStatus | undefined;
}

export interface BacklogListing {
  readonly asOf: IsoDate;
  readonly strategy: Strategy;
  readonly items: readonly BacklogEntry[];
  /** The workspace the items came from, for the exporters' names. */
  readonly workspace: Workspace;
}

/** Items with the status people set; an item nobody touched keeps the generated one (`open`, or `in-progress` when partly in place). */
export function mergeStatuses(items: readonly BacklogItem[], statuses: readonly BacklogStatusRecord[]): BacklogEntry[] {
  const byKey = new Map(statuses.map((status) => [statusKey(status.teamId, status.itemKey), status]));
  return items.map((item) => {
    const persisted = byKey.get(statusKey(item.team, item.key));
    return persisted === undefined ? { ...item, statusVersion: 0 } : { ...item, status: persisted.status, statusVersion: persisted.version };
  });
}

function statusKey(teamId: string, itemKey: string): string {
  return `${teamId}\n${itemKey}`;
}

/** The prioritised backlog of the readable teams (narrowed to a team, group or status). */
export async function backlogListing(view: ViewContext, readable: ReadableTeams, query: BacklogQuery): Promise<Result<BacklogListing>> {
  const teams = await selectReadableTeams(view.store, readable, query);
  if (!teams.ok) return teams;
  const generated = await generatedBacklog(view, teams.value, query.strategy);
  if (!generated.ok) return generated;
  const statuses = await view.store.backlogStatuses(teams.value.map((team) => team.id));
  const merged = mergeStatuses(generated.value.items, statuses);
  const items = query.status === undefined ? merged : merged.filter((item) => item.status === query.status);
  return ok({ asOf: view.today, strategy: query.strategy, items, workspace: generated.value.workspace });
}

async function generatedBacklog(view: ViewContext, teams: readonly TeamRecord[], strategy: Strategy): Promise<Result<{ workspace: Workspace; items: BacklogItem[] }>> {
  const workspace = await viewWorkspace(view, teams, 'latest');
  const items = await workspaceBacklog(workspace, { strategy, today: view.today });
  return items.ok ? ok({ workspace, items: items.value }) : items;
}

/** The listing rendered by a backlog exporter (CSV, Jira, GitHub, Markdown, JSON). */
export function backlogDocument(listing: BacklogListing, exporter: BacklogExporter): string {
  return exporter.render(listing.items, exportContext(listing.workspace));
}

/** The listing as a workbook: the report workbook of the same teams with this backlog on its Backlog sheet. */
export async function backlogWorkbook(view: ViewContext, listing: BacklogListing, exporter: ReportExporter, toolVersion: string): Promise<Result<string | Uint8Array>> {
  const report = await buildReport(listing.workspace, { today: view.today, strategy: listing.strategy, toolVersion });
  if (!report.ok) return report;
  return exporter.render({ ...report.value, backlog: listing.items }, {});
}

/**
 * A lead sets the status of one of the team's current backlog items. A key that is not on the
 * team's backlog right now (another team's item, a practice since implemented) is not found.
 */
export async function setBacklogStatus(
  view: ViewContext,
  teamId: string,
  change: { readonly itemKey: string; readonly expectedVersion: number; readonly status: BacklogStatus },
  actor: Actor,
): Promise<Result<BacklogStatusRecord>> {
  const team = await view.store.teamById(teamId);
  if (team === undefined) return fail('not-found', 'no such team');
  const generated = await generatedBacklog(view, [team], 'balanced');
  if (!generated.ok) return generated;
  if (!generated.value.items.some((item) => item.key === change.itemKey)) return fail('not-found', `"${change.itemKey}" is not an item of the team's current backlog`);
  return view.store.transaction(async (tx) => {
    const written = await tx.putBacklogStatus(teamId, change.itemKey, change.expectedVersion, change.status, actor.name, actor.at);
    // Without a row the current version is 0: a non-zero If-Match is stale, not a missing item.
    if (written === 'missing' && change.expectedVersion === 0) return fail('not-found', 'no such team');
    if (written === 'missing' || written === 'stale') return fail('stale', 'the status changed since it was read; reload and try again');
    await audit(tx, actor, { action: 'backlog.status', teamId, target: `backlog:${change.itemKey}`, detail: { status: change.status } });
    return ok(written);
  });
}
