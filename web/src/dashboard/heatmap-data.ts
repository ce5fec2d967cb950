/**
 * The dashboard's view of GET /api/v1/heatmap: rows in the charts' heatmap model (so the UI, the
 * reports and the CLI read a cell the same way) plus the figures the UI sorts and filters by.
 * Pure functions; the grid component only draws what these return.
 */
import { compareText, meanLevel } from '../../../src/charts/heatmap-model.js';
import type { HeatmapCell, HeatmapColumn, HeatmapRow } from '../../../src/charts/heatmap-model.js';
import type { CellState } from '../../../src/charts/palette.js';
import type { HeatmapBody, WireCell, WireCellState } from '../api-types.js';

export interface DashboardCell extends HeatmapCell {
  readonly progress: number | null;
  readonly gap: number | null;
  /** Answers at the tested level still unknown. */
  readonly incomplete: number;
  /** Answers whose evidence is too old. */
  readonly stale: number;
}

export interface DashboardRow extends HeatmapRow {
  readonly group: string | undefined;
  readonly cells: readonly DashboardCell[];
  /** Date of the checkpoint shown; null when never assessed. */
  readonly date: string | null;
  readonly mean: number | null;
  /** Sum of the positive gaps to target. */
  readonly totalGap: number;
  readonly staleAnswers: number;
  /** Lower-case text the filter box searches: name, id and group. */
  readonly searchText: string;
}

export interface DashboardData {
  readonly date: string;
  readonly columns: readonly HeatmapColumn[];
  readonly maxLevel: number;
  readonly levelNames: ReadonlyMap<number, string>;
  readonly rows: readonly DashboardRow[];
}

type FieldReader = (cell: WireCell, field: string) => unknown;

/** Reads cells by the names in `cellFields`, so a field added or moved by the server does not break the UI. */
function fieldReader(cellFields: readonly string[]): FieldReader {
  const positions = new Map(cellFields.map((field, index) => [field, index] as const));
  return (cell, field) => {
    const index = positions.get(field);
    return index === undefined ? undefined : cell[index];
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The charts' cell state: never assessed, not applicable, a level still waiting for answers, or a level. */
export function cellStateOf(state: WireCellState | undefined, level: number | null, incomplete: number): CellState {
  if (state === 'unassessed' || state === undefined) return 'unassessed';
  if (state === 'n/a' || level === null) return 'not-applicable';
  return incomplete > 0 ? 'incomplete' : 'scored';
}

function dashboardCell(read: FieldReader, cell: WireCell | undefined, column: string): DashboardCell {
  if (cell === undefined) return { column, level: null, state: 'unassessed', target: null, delta: null, progress: null, gap: null, incomplete: 0, stale: 0 };
  const level = numberOrNull(read(cell, 'level'));
  const incomplete = numberOrNull(read(cell, 'incomplete')) ?? 0;
  const state = cellStateOf(read(cell, 'state') as WireCellState | undefined, level, incomplete);
  const shown = state === 'unassessed' || state === 'not-applicable';
  return {
    column,
    level: shown ? null : level,
    state,
    target: numberOrNull(read(cell, 'target')),
    delta: shown ? null : numberOrNull(read(cell, 'delta')),
    progress: shown ? null : numberOrNull(read(cell, 'progress')),
    gap: shown ? null : numberOrNull(read(cell, 'gap')),
    incomplete,
    stale: numberOrNull(read(cell, 'stale')) ?? 0,
  };
}

function dashboardRow(read: FieldReader, columns: readonly HeatmapColumn[], team: HeatmapBody['teams'][number]): DashboardRow {
  const cells = columns.map((column, index) => dashboardCell(read, team.cells[index], column.id));
  const group = team.group === null || team.group === '' ? undefined : team.group;
  const row = { id: team.id, label: team.name, group, cells };
  return {
    ...row,
    date: team.date,
    mean: meanLevel(row),
    totalGap: cells.reduce((sum, cell) => sum + Math.max(0, cell.gap ?? 0), 0),
    staleAnswers: cells.reduce((sum, cell) => sum + cell.stale, 0),
    searchText: `${team.name}\n${team.id}\n${group ?? ''}`.toLowerCase(),
  };
}

/** Rows and columns from the heatmap answer (cells are in domain order). */
export function dashboardData(body: HeatmapBody): DashboardData {
  const read = fieldReader(body.cellFields);
  const columns = body.domains.map((domain) => ({ id: domain.id, label: domain.name }));
  const maxLevel = Math.max(0, ...body.levels.map((level) => level.level));
  return {
    date: body.date,
    columns,
    maxLevel,
    levelNames: new Map(body.levels.map((level) => [level.level, level.name] as const)),
    rows: body.teams.map((team) => dashboardRow(read, columns, team)),
  };
}

/** Rows whose name, id or group contains every word typed (case-insensitive). */
export function filterRows(rows: readonly DashboardRow[], text: string): readonly DashboardRow[] {
  const words = text.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return rows;
  return rows.filter((row) => words.every((word) => row.searchText.includes(word)));
}

export type SortKey = 'name' | 'level' | 'gap' | 'stale';

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  name: 'Name (A–Z)',
  level: 'Level (highest first)',
  gap: 'Gap to target (largest first)',
  stale: 'Stale evidence (most first)',
};

function byName(a: DashboardRow, b: DashboardRow): number {
  return compareText(a.label, b.label) || compareText(a.id, b.id);
}

/** Higher first; rows without a value last. */
function descending(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

const COMPARATORS: Readonly<Record<SortKey, (a: DashboardRow, b: DashboardRow) => number>> = {
  name: byName,
  level: (a, b) => descending(a.mean, b.mean) || byName(a, b),
  gap: (a, b) => b.totalGap - a.totalGap || byName(a, b),
  stale: (a, b) => b.staleAnswers - a.staleAnswers || byName(a, b),
};

/** Rows in the chosen order; ties by name, so the order never depends on the input order. */
export function sortDashboardRows(rows: readonly DashboardRow[], key: SortKey): DashboardRow[] {
  return [...rows].sort(COMPARATORS[key]);
}

/** One line of the grid: a group heading or a team. */
export type GridLine = { readonly kind: 'group'; readonly group: string; readonly count: number } | { readonly kind: 'team'; readonly row: DashboardRow };

const NO_GROUP = 'No group';

/** The grid's lines: sorted teams, under a heading per group (groups by name, teams without one last) when grouping. */
export function gridLines(rows: readonly DashboardRow[], key: SortKey, groupBy: boolean): GridLine[] {
  const sorted = sortDashboardRows(rows, key);
  if (!groupBy) return sorted.map((row) => ({ kind: 'team', row }));
  const groups = new Map<string | undefined, DashboardRow[]>();
  for (const row of sorted) {
    const members = groups.get(row.group);
    if (members === undefined) groups.set(row.group, [row]);
    else members.push(row);
  }
  const names = [...groups.keys()].sort((a, b) => (a === undefined ? 1 : b === undefined ? -1 : compareText(a, b)));
  return names.flatMap((name) => {
    const members = groups.get(name) ?? [];
    return [{ kind: 'group', group: name ?? NO_GROUP, count: members.length }, ...members.map((row): GridLine => ({ kind: 'team', row }))];
  });
}

/** How many teams stand at each level in one domain. */
export interface DomainDistribution {
  readonly column: HeatmapColumn;
  /** Index = level. */
  readonly levels: readonly number[];
  readonly unassessed: number;
  readonly notApplicable: number;
}

/** Per domain: teams at each level 0..maxLevel, never assessed, and not applicable. */
export function levelDistribution(data: DashboardData, rows: readonly DashboardRow[] = data.rows): DomainDistribution[] {
  return data.columns.map((column, index) => {
    const levels = Array.from({ length: data.maxLevel + 1 }, () => 0);
    let unassessed = 0;
    let notApplicable = 0;
    for (const row of rows) {
      const cell = row.cells[index];
      if (cell === undefined || cell.state === 'unassessed' || (cell.level === null && cell.state !== 'not-applicable')) unassessed += 1;
      else if (cell.state === 'not-applicable' || cell.level === null) notApplicable += 1;
      else {
        const level = Math.min(data.maxLevel, Math.max(0, Math.floor(cell.level)));
        levels[level] = (levels[level] ?? 0) + 1;
      }
    }
    return { column, levels, unassessed, notApplicable };
  });
}
