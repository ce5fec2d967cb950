import { describe, expect, it } from 'vitest';
import type { HeatmapBody } from '../api-types.js';
import { cellStateOf, dashboardData, filterRows, gridLines, levelDistribution, sortDashboardRows } from './heatmap-data.js';

const FIELDS = ['level', 'progress', 'target', 'gap', 'delta', 'incomplete', 'stale', 'disagreements', 'previous', 'state'];

function team(id: string, name: string, group: string | null, cells: unknown[][]): HeatmapBody['teams'][number] {
  return { id, name, group, date: cells.length === 0 ? null : '2026-11-01', cells };
}

const BODY: HeatmapBody = {
  date: '2026-11-27',
  domains: [
    { id: 'secrets', name: 'Secrets management' },
    { id: 'iac', name: 'Infrastructure as code security' },
  ],
  levels: [0, 1, 2, 3].map((level) => ({ level, name: `L${level}` })),
  cellFields: FIELDS,
  teams: [
    team('payments', 'Payments', 'Retail', [
      [1, 1.5, 3, 2, 1, 0, 2, 0, 0, 'derived'],
      [2, 2, 2, 0, null, 1, 0, 0, null, 'derived'],
    ]),
    team('checkout', 'Checkout', 'Retail', [
      [3, 3, 2, -1, 0, 0, 0, 0, 3, 'derived'],
      [null, null, 2, null, null, 0, 0, 0, null, 'n/a'],
    ]),
    team('analytics', 'Analytics', 'Data', [
      [0, 0.5, 2, 2, null, 0, 0, 0, null, 'self-rated'],
      [null, null, 2, null, null, 3, 0, 0, null, 'unassessed'],
    ]),
    team('new-team', 'New team', null, []),
  ],
};

describe('dashboard heatmap data', () => {
  const data = dashboardData(BODY);

  it('reads cells by their field names into the charts model (state, level, target, delta) plus gap and staleness', () => {
    const payments = data.rows.find((row) => row.id === 'payments');
    expect(payments?.cells).toEqual([
      { column: 'secrets', level: 1, state: 'scored', target: 3, delta: 1, progress: 1.5, gap: 2, incomplete: 0, stale: 2 },
      { column: 'iac', level: 2, state: 'incomplete', target: 2, delta: null, progress: 2, gap: 0, incomplete: 1, stale: 0 },
    ]);
    expect(payments).toMatchObject({ group: 'Retail', mean: 1.5, totalGap: 2, staleAnswers: 2 });
    expect(data.rows.find((row) => row.id === 'checkout')?.cells[1]).toMatchObject({ state: 'not-applicable', level: null });
    expect(data.rows.find((row) => row.id === 'analytics')?.cells.map((cell) => cell.state)).toEqual(['scored', 'unassessed']);
    expect(data.rows.find((row) => row.id === 'new-team')?.cells.map((cell) => [cell.state, cell.level])).toEqual([
      ['unassessed', null],
      ['unassessed', null],
    ]);
    expect(data.maxLevel).toBe(3);
    expect(data.columns).toEqual([
      { id: 'secrets', label: 'Secrets management' },
      { id: 'iac', label: 'Infrastructure as code security' },
    ]);
  });

  it('follows the field order the server names, not a fixed one', () => {
    const reordered = [...FIELDS].reverse();
    const body: HeatmapBody = { ...BODY, cellFields: reordered, teams: BODY.teams.map((entry) => ({ ...entry, cells: entry.cells.map((cell) => [...cell].reverse()) })) };
    expect(dashboardData(body).rows).toEqual(data.rows);
  });

  it.each([
    ['unassessed', 2, 0, 'unassessed'],
    [undefined, 2, 0, 'unassessed'],
    ['n/a', null, 0, 'not-applicable'],
    ['derived', null, 0, 'not-applicable'],
    ['derived', 1, 2, 'incomplete'],
    ['self-rated', 1, 0, 'scored'],
  ] as const)('cell state %s, level %s, %s unknown → %s', (state, level, incomplete, expected) => {
    expect(cellStateOf(state, level, incomplete)).toBe(expected);
  });

  it('filters on every word typed, in name, id or group, ignoring case', () => {
    expect(filterRows(data.rows, 'retail').map((row) => row.id)).toEqual(['payments', 'checkout']);
    expect(filterRows(data.rows, 'RETAIL pay').map((row) => row.id)).toEqual(['payments']);
    expect(filterRows(data.rows, 'new-team').map((row) => row.id)).toEqual(['new-team']);
    expect(filterRows(data.rows, '   ')).toBe(data.rows);
    expect(filterRows(data.rows, 'nothing-like-this')).toEqual([]);
  });

  it.each([
    ['name', ['analytics', 'checkout', 'new-team', 'payments']],
    ['level', ['checkout', 'payments', 'analytics', 'new-team']],
    ['gap', ['analytics', 'payments', 'checkout', 'new-team']],
    ['stale', ['payments', 'analytics', 'checkout', 'new-team']],
  ] as const)('sorts by %s', (key, expected) => {
    expect(sortDashboardRows(data.rows, key).map((row) => row.id)).toEqual(expected);
  });

  it('groups by team group (groups by name, teams without a group last) with a heading line per group', () => {
    const lines = gridLines(data.rows, 'name', true).map((line) => (line.kind === 'group' ? `# ${line.group} (${line.count})` : line.row.id));
    expect(lines).toEqual(['# Data (1)', 'analytics', '# Retail (2)', 'checkout', 'payments', '# No group (1)', 'new-team']);
    expect(gridLines(data.rows, 'level', false).map((line) => (line.kind === 'team' ? line.row.id : '#'))).toEqual(['checkout', 'payments', 'analytics', 'new-team']);
  });

  it('counts teams per level per domain, never-assessed and not-applicable apart', () => {
    expect(levelDistribution(data).map((entry) => [entry.column.id, entry.levels, entry.unassessed, entry.notApplicable])).toEqual([
      ['secrets', [1, 1, 0, 1], 1, 0],
      ['iac', [0, 0, 1, 0], 2, 1],
    ]);
  });
});
