import type { CellState } from './palette.js';
import { formatLevel } from './palette.js';

/** A heatmap column: one domain. */
export interface HeatmapColumn {
  readonly id: string;
  readonly label: string;
}

/** One team's standing in one domain. */
export interface HeatmapCell {
  /** Column id (domain). */
  readonly column: string;
  /** Level reached (so far, when incomplete); null when not applicable or not assessed. */
  readonly level: number | null;
  readonly state: CellState;
  readonly target: number | null;
  /** Change since the previous checkpoint; null when there is none to compare with. */
  readonly delta: number | null;
}

/** A heatmap row: one team. */
export interface HeatmapRow {
  readonly id: string;
  readonly label: string;
  readonly group?: string | undefined;
  readonly cells: readonly HeatmapCell[];
}

export type HeatmapSort = 'as-given' | 'name' | 'level';

/** Rows of one group, in display order; `group` undefined collects rows without a group. */
export interface HeatmapSection {
  readonly group: string | undefined;
  readonly rows: readonly HeatmapRow[];
}

const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Locale-aware (English) comparison with a code-point tie-break, so order never depends on the runtime locale. */
export function compareText(a: string, b: string): number {
  return COLLATOR.compare(a, b) || compareCodePoints(a, b);
}

/** Mean level over the row's cells that have one (scored or incomplete); null when none. */
export function meanLevel(row: HeatmapRow): number | null {
  let sum = 0;
  let count = 0;
  for (const cell of row.cells) {
    if (cell.level === null || cell.state === 'not-applicable' || cell.state === 'unassessed') continue;
    sum += cell.level;
    count += 1;
  }
  return count === 0 ? null : sum / count;
}

function byName(a: HeatmapRow, b: HeatmapRow): number {
  return compareText(a.label, b.label) || compareCodePoints(a.id, b.id);
}

function byLevel(means: ReadonlyMap<HeatmapRow, number | null>): (a: HeatmapRow, b: HeatmapRow) => number {
  return (a, b) => {
    const ma = means.get(a) ?? null;
    const mb = means.get(b) ?? null;
    if (ma !== mb) {
      if (ma === null) return 1;
      if (mb === null) return -1;
      return mb - ma;
    }
    return byName(a, b);
  };
}

/** Rows in display order: as given, by name, or by mean level (highest first, unscored last, ties by name). */
export function sortRows(rows: readonly HeatmapRow[], sort: HeatmapSort): HeatmapRow[] {
  if (sort === 'as-given') return [...rows];
  if (sort === 'name') return [...rows].sort(byName);
  const means = new Map(rows.map((row) => [row, meanLevel(row)] as const));
  return [...rows].sort(byLevel(means));
}

/**
 * Sections to draw. Without grouping: one section of all rows. With grouping: groups in order of
 * first appearance (`as-given`) or by name (other sorts), rows without a group (or with an empty one) last, and rows
 * inside each group in the chosen sort order.
 */
export function sectionRows(rows: readonly HeatmapRow[], sort: HeatmapSort, groupBy: boolean): HeatmapSection[] {
  const sorted = sortRows(rows, sort);
  if (!groupBy) return [{ group: undefined, rows: sorted }];
  const groups = new Map<string, HeatmapRow[]>();
  const ungrouped: HeatmapRow[] = [];
  for (const row of sorted) {
    if (row.group === undefined || row.group === '') {
      ungrouped.push(row);
      continue;
    }
    const members = groups.get(row.group);
    if (members === undefined) groups.set(row.group, [row]);
    else members.push(row);
  }
  const names = sort === 'as-given' ? [...groups.keys()] : [...groups.keys()].sort(compareText);
  const sections: HeatmapSection[] = names.map((group) => ({ group, rows: groups.get(group) ?? [] }));
  if (ungrouped.length > 0) sections.push({ group: undefined, rows: ungrouped });
  return sections;
}

function deltaText(delta: number | null): string | undefined {
  if (delta === null) return undefined;
  if (delta === 0) return 'no change since previous';
  return `${delta > 0 ? 'up' : 'down'} ${formatLevel(Math.abs(delta))} since previous`;
}

function standing(cell: HeatmapCell): string {
  if (cell.state === 'not-applicable') return 'not applicable';
  if (cell.state === 'unassessed' || cell.level === null) return cell.state === 'incomplete' ? 'level unknown (incomplete)' : 'not assessed';
  const level = `level ${formatLevel(cell.level)}`;
  return cell.state === 'incomplete' ? `${level} (incomplete: some practices unanswered)` : level;
}

/** The tooltip of a cell, e.g. "Payments — Secrets management: level 2, target 3, up 1 since previous". */
export function cellTooltip(rowLabel: string, columnLabel: string, cell: HeatmapCell): string {
  const parts = [standing(cell)];
  if (cell.state !== 'not-applicable') {
    if (cell.target !== null) parts.push(`target ${formatLevel(cell.target)}`);
    const change = deltaText(cell.delta);
    if (change !== undefined) parts.push(change);
  }
  return `${rowLabel} — ${columnLabel}: ${parts.join(', ')}`;
}

/** True when the cell has a level and it is below its target. */
export function belowTarget(cell: HeatmapCell): boolean {
  if (cell.level === null || cell.target === null) return false;
  if (cell.state === 'not-applicable' || cell.state === 'unassessed') return false;
  return cell.level < cell.target;
}
