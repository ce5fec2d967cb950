import { describe, expect, it } from 'vitest';
import type { HeatmapRow } from './heatmap-model.js';
import { belowTarget, compareText, meanLevel, sectionRows, sortRows } from './heatmap-model.js';

function row(id: string, label: string, levels: readonly (number | null)[], group?: string): HeatmapRow {
  return { id, label, group, cells: levels.map((level, index) => ({ column: `d${index}`, level, state: level === null ? 'not-applicable' : 'scored', target: null, delta: null })) };
}

describe('heatmap ordering', () => {
  it('averages only cells that have a level', () => {
    expect(meanLevel(row('a', 'A', [1, null, 3]))).toBe(2);
    expect(meanLevel(row('a', 'A', [null, null]))).toBeNull();
    expect(meanLevel({ id: 'u', label: 'U', cells: [{ column: 'd', level: 3, state: 'unassessed', target: null, delta: null }] })).toBeNull();
  });

  it('sorts by level (highest first, unscored last, ties by name) and by name (natural order)', () => {
    const rows = [row('x', 'Team 10', [1]), row('y', 'Team 9', [1]), row('z', 'team 2', [null]), row('w', 'Alpha', [3])];
    expect(sortRows(rows, 'level').map((r) => r.id)).toEqual(['w', 'y', 'x', 'z']);
    expect(sortRows(rows, 'name').map((r) => r.id)).toEqual(['w', 'z', 'y', 'x']);
    expect(sortRows(rows, 'as-given').map((r) => r.id)).toEqual(['x', 'y', 'z', 'w']);
  });

  it('breaks name ties by id so the order never depends on input order', () => {
    const a = [row('b', 'Same', [1]), row('a', 'Same', [1])];
    expect(sortRows(a, 'name').map((r) => r.id)).toEqual(['a', 'b']);
    expect(sortRows([...a].reverse(), 'name').map((r) => r.id)).toEqual(['a', 'b']);
    expect(compareText('a', 'B')).toBeLessThan(0);
  });

  it('sections by group: first appearance as given, by name otherwise, ungrouped last', () => {
    const rows = [row('1', 'One', [1], 'Zeta'), row('2', 'Two', [2]), row('3', 'Three', [3], 'Alpha'), row('4', 'Four', [0], 'Zeta'), row('5', 'Five', [0], '')];
    expect(sectionRows(rows, 'as-given', true).map((s) => [s.group, s.rows.map((r) => r.id)])).toEqual([
      ['Zeta', ['1', '4']],
      ['Alpha', ['3']],
      [undefined, ['2', '5']],
    ]);
    expect(sectionRows(rows, 'name', true).map((s) => s.group)).toEqual(['Alpha', 'Zeta', undefined]);
    expect(sectionRows(rows, 'name', false)).toHaveLength(1);
  });

  it('counts a cell as below target only when it has a level under its target', () => {
    expect(belowTarget({ column: 'd', level: 1, state: 'scored', target: 2, delta: null })).toBe(true);
    expect(belowTarget({ column: 'd', level: 1, state: 'incomplete', target: 2, delta: null })).toBe(true);
    expect(belowTarget({ column: 'd', level: 2, state: 'scored', target: 2, delta: null })).toBe(false);
    expect(belowTarget({ column: 'd', level: null, state: 'unassessed', target: 2, delta: null })).toBe(false);
    expect(belowTarget({ column: 'd', level: 1, state: 'scored', target: null, delta: null })).toBe(false);
  });
});
