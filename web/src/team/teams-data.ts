/**
 * The Teams list: every readable team from the heatmap answer (latest date, a level per domain) with
 * its reassessment status from the due list. Pure functions; the page only draws what they return.
 */
import { compareText } from '../../../src/charts/heatmap-model.js';
import type { DueStatus } from '../../../src/core/history/cadence.js';
import type { DueRow } from '../api-types.js';
import { filterRows } from '../dashboard/heatmap-data.js';
import type { DashboardCell, DashboardData, DashboardRow } from '../dashboard/heatmap-data.js';

/** Days ahead within which a reassessment counts as due soon (the dashboard's default window). */
export const DUE_SOON_DAYS = 30;

/** A due window long enough that the due list names every readable team with its next due date. */
export const ALL_TEAMS_WINDOW = 9999;

/** The group filter's value for teams without a group. */
export const NO_GROUP = '\u0000none';

export interface TeamListRow {
  readonly row: DashboardRow;
  readonly due: DueRow | undefined;
  readonly status: DueStatus | undefined;
}

/** Overdue and never-assessed as the server says; due soon within {@link DUE_SOON_DAYS}; otherwise on track. */
export function dueStatusOf(entry: DueRow | undefined): DueStatus | undefined {
  if (entry === undefined) return undefined;
  if (entry.status === 'overdue' || entry.status === 'never-assessed') return entry.status;
  return entry.daysLeft !== null && entry.daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'on-track';
}

/** Rows by name, each with its due entry (undefined while the due list loads or when it failed). */
export function teamListRows(data: DashboardData, due: readonly DueRow[] | undefined): TeamListRow[] {
  const byTeam = new Map((due ?? []).map((entry) => [entry.team, entry] as const));
  return [...data.rows]
    .sort((a, b) => compareText(a.label, b.label) || compareText(a.id, b.id))
    .map((row) => {
      const entry = byTeam.get(row.id);
      return { row, due: entry, status: dueStatusOf(entry) };
    });
}

/** The groups to filter by, sorted; teams without a group add {@link NO_GROUP} at the end. */
export function groupsOf(data: DashboardData): string[] {
  const named = new Set<string>();
  let ungrouped = false;
  for (const row of data.rows) {
    if (row.group === undefined) ungrouped = true;
    else named.add(row.group);
  }
  return [...[...named].sort(compareText), ...(ungrouped ? [NO_GROUP] : [])];
}

/** Rows matching the search words (name, id, group) and the group ('' for all groups). */
export function filterTeamRows(rows: readonly TeamListRow[], text: string, group: string): TeamListRow[] {
  const matching = new Set(filterRows(rows.map((entry) => entry.row), text));
  return rows.filter((entry) => matching.has(entry.row) && (group === '' || (group === NO_GROUP ? entry.row.group === undefined : entry.row.group === group)));
}

/** A cell's level in words: "2", "1 (incomplete)", "n/a", "not assessed". */
export function cellText(cell: DashboardCell): string {
  if (cell.state === 'unassessed' || (cell.level === null && cell.state !== 'not-applicable')) return 'not assessed';
  if (cell.state === 'not-applicable' || cell.level === null) return 'n/a';
  return cell.state === 'incomplete' ? `${cell.level} (incomplete)` : String(cell.level);
}

/** The mini level summary for screen readers: "Secrets management 2, Access control n/a, …". */
export function levelSummary(data: DashboardData, row: DashboardRow): string {
  return data.columns.map((column, index) => `${column.label} ${cellText(row.cells[index] ?? unassessed(column.id))}`).join(', ');
}

function unassessed(column: string): DashboardCell {
  return { column, level: null, state: 'unassessed', target: null, delta: null, progress: null, gap: null, incomplete: 0, stale: 0 };
}
