import { describe, expect, it } from 'vitest';
import { Heatmap } from './heatmap.js';
import type { HeatmapCell, HeatmapProps, HeatmapRow } from './heatmap.js';
import { levelColor } from './palette.js';
import { renderSvg } from './render.js';
import type { SvgElement } from './svg-inspect.js';
import { byClass, byName, parseSvg, textOf, titleOf, unsafeParts } from './svg-inspect.js';

const COLUMNS = [
  { id: 'secrets', label: 'Secrets management' },
  { id: 'iac', label: 'Infrastructure as code security' },
  { id: 'access-control', label: 'Access control' },
];

function cell(column: string, level: number | null, extra: Partial<HeatmapCell> = {}): HeatmapCell {
  return { column, level, state: level === null ? 'not-applicable' : 'scored', target: null, delta: null, ...extra };
}

const ROWS: HeatmapRow[] = [
  { id: 'payments', label: 'Payments', group: 'Money', cells: [cell('secrets', 2, { target: 3, delta: 1 }), cell('iac', null), cell('access-control', 1, { state: 'incomplete', delta: -1 })] },
  { id: 'ledger', label: 'Ledger', group: 'Money', cells: [cell('secrets', 0, { target: 2, delta: 0 }), cell('iac', 3, { target: 3 }), cell('access-control', null, { state: 'unassessed', target: 2 })] },
];

function draw(props: Partial<HeatmapProps> = {}): SvgElement {
  return parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={ROWS} maxLevel={3} {...props} />));
}

function cellOf(root: SvgElement, team: string, domain: string): SvgElement {
  const found = byClass(root, 'hm-cell').filter((element) => element.attributes['data-team'] === team && element.attributes['data-domain'] === domain);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('Heatmap', () => {
  it('draws one row per team and one cell per team and domain, with the level in data-level', () => {
    const root = draw();
    expect(byClass(root, 'hm-row').map((row) => row.attributes['data-team'])).toEqual(['payments', 'ledger']);
    const cells = byClass(root, 'hm-cell');
    expect(cells).toHaveLength(6);
    expect(cells.map((element) => [element.attributes['data-team'], element.attributes['data-domain'], element.attributes['data-level']])).toEqual([
      ['payments', 'secrets', '2'],
      ['payments', 'iac', undefined],
      ['payments', 'access-control', '1'],
      ['ledger', 'secrets', '0'],
      ['ledger', 'iac', '3'],
      ['ledger', 'access-control', undefined],
    ]);
    expect(byClass(root, 'hm-row').every((row) => row.attributes['data-group'] === 'Money')).toBe(true);
  });

  it('prints the level in every cell and fills it with the level colour', () => {
    const root = draw();
    const secrets = cellOf(root, 'payments', 'secrets');
    expect(byName(secrets, 'text')[0] && textOf(byName(secrets, 'text')[0]!)).toBe('2');
    expect(byName(secrets, 'path')[0]!.attributes.fill).toBe(levelColor(2, 3));
    expect(textOf(byName(cellOf(root, 'ledger', 'secrets'), 'text')[0]!)).toBe('0');
    expect(textOf(byName(cellOf(root, 'ledger', 'iac'), 'text')[0]!)).toBe('3');
  });

  it('shows not applicable as a hatched "n/a" cell and unassessed as a grey dash', () => {
    const root = draw({ idPrefix: 'team-map' });
    const na = cellOf(root, 'payments', 'iac');
    expect(na.attributes['data-state']).toBe('not-applicable');
    expect(byName(na, 'path')[0]!.attributes.fill).toBe('url(#team-map-na)');
    expect(textOf(na)).toBe('n/a');
    expect(byName(root, 'pattern').map((pattern) => pattern.attributes.id)).toEqual(['team-map-na']);
    const unassessed = cellOf(root, 'ledger', 'access-control');
    expect(unassessed.attributes['data-state']).toBe('unassessed');
    expect(textOf(unassessed)).toBe('–');
    expect(byClass(unassessed, 'hm-target')).toHaveLength(0);
  });

  it('shows an incomplete level with a "?" and a dashed outline', () => {
    const incomplete = cellOf(draw(), 'payments', 'access-control');
    expect(incomplete.attributes['data-state']).toBe('incomplete');
    expect(textOf(byName(incomplete, 'text')[0]!)).toBe('1?');
    expect(byName(incomplete, 'rect').filter((rect) => rect.attributes['stroke-dasharray'] !== undefined)).toHaveLength(1);
    expect(byName(cellOf(draw(), 'payments', 'secrets'), 'rect').filter((rect) => rect.attributes['stroke-dasharray'] !== undefined)).toHaveLength(0);
  });

  it('draws an up arrow for a rise, a down arrow for a fall and nothing for no change', () => {
    const root = draw();
    const up = cellOf(root, 'payments', 'secrets');
    expect(byClass(up, 'hm-up')).toHaveLength(1);
    expect(byClass(up, 'hm-down')).toHaveLength(0);
    expect(textOf(up)).toBe('2▲1');
    expect(textOf(cellOf(root, 'payments', 'access-control'))).toBe('1?▼1');
    const down = cellOf(root, 'payments', 'access-control');
    expect(byClass(down, 'hm-down')).toHaveLength(1);
    expect(byClass(down, 'hm-up')).toHaveLength(0);
    expect(byClass(cellOf(root, 'ledger', 'secrets'), 'hm-delta')).toHaveLength(0);
    expect(byClass(cellOf(root, 'ledger', 'iac'), 'hm-delta')).toHaveLength(0);
    expect(byClass(byClass(root, 'hm-body')[0]!, 'hm-delta')).toHaveLength(2);
  });

  it('marks cells below target with a corner notch, and only those', () => {
    const root = draw();
    const marked = byClass(root, 'hm-cell').filter((element) => byClass(element, 'hm-target').length > 0);
    expect(marked.map((element) => `${element.attributes['data-team']}/${element.attributes['data-domain']}`)).toEqual(['payments/secrets', 'ledger/secrets']);
  });

  it('explains each cell in a tooltip', () => {
    const root = draw();
    expect(titleOf(cellOf(root, 'payments', 'secrets'))).toBe('Payments — Secrets management: level 2, target 3, up 1 since previous');
    expect(titleOf(cellOf(root, 'payments', 'iac'))).toBe('Payments — Infrastructure as code security: not applicable');
    expect(titleOf(cellOf(root, 'payments', 'access-control'))).toBe('Payments — Access control: level 1 (incomplete: some practices unanswered), down 1 since previous');
    expect(titleOf(cellOf(root, 'ledger', 'secrets'))).toBe('Ledger — Secrets management: level 0, target 2, no change since previous');
    expect(titleOf(cellOf(root, 'ledger', 'access-control'))).toBe('Ledger — Access control: not assessed, target 2');
  });

  it('has a legend that explains levels, states, the target notch and the arrows', () => {
    const legend = byClass(draw({ levelLabels: ['Not practicing', 'Basic', 'Defined', 'Advanced'] }), 'legend')[0]!;
    const text = textOf(legend);
    for (const phrase of ['Level', 'Not practicing', 'Advanced', 'Not applicable', 'Not assessed', 'Incomplete', 'Below target', 'Up since previous checkpoint', 'Down since previous checkpoint']) expect(text).toContain(phrase);
  });

  it('draws a missing cell as not assessed', () => {
    const root = parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={[{ id: 'new', label: 'New team', cells: [cell('secrets', 1)] }]} maxLevel={3} />));
    expect(byClass(root, 'hm-cell')).toHaveLength(3);
    expect(cellOf(root, 'new', 'iac').attributes['data-state']).toBe('unassessed');
  });

  it('groups rows under a header per group, groups and rows in the chosen order', () => {
    const rows: HeatmapRow[] = [
      { id: 'b', label: 'Bravo', group: 'Platform', cells: [cell('secrets', 1)] },
      { id: 'a', label: 'Alpha', group: 'Apps', cells: [cell('secrets', 3)] },
      { id: 'x', label: 'X-ray', cells: [cell('secrets', 2)] },
      { id: 'c', label: 'Charlie', group: 'Platform', cells: [cell('secrets', 2)] },
    ];
    const asGiven = parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={rows} maxLevel={3} groupBy />));
    expect(byClass(asGiven, 'hm-group').map((group) => group.attributes['data-group'])).toEqual(['Platform', 'Apps', undefined]);
    expect(byClass(asGiven, 'hm-group').map((group) => textOf(group))).toEqual(['Platform  ·  2 teams', 'Apps  ·  1 team', 'No group  ·  1 team']);
    expect(byClass(asGiven, 'hm-row').map((row) => row.attributes['data-team'])).toEqual(['b', 'c', 'a', 'x']);
    const byLevel = parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={rows} maxLevel={3} groupBy sort="level" />));
    expect(byClass(byLevel, 'hm-row').map((row) => row.attributes['data-team'])).toEqual(['a', 'c', 'b', 'x']);
    const flatByName = parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={rows} maxLevel={3} sort="name" />));
    expect(byClass(flatByName, 'hm-group')).toHaveLength(0);
    expect(byClass(flatByName, 'hm-row').map((row) => row.attributes['data-team'])).toEqual(['a', 'b', 'c', 'x']);
  });

  it('cuts long team labels with an ellipsis and keeps the full name in a title', () => {
    const long = 'Customer notifications and messaging gateway for every market';
    const root = parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={[{ id: 'n', label: long, cells: [] }]} maxLevel={3} labelWidth={150} />));
    const label = byClass(root, 'hm-label')[0]!;
    expect(textOf(label).endsWith('…')).toBe(true);
    expect(textOf(label).length).toBeLessThan(long.length);
    expect(titleOf(label)).toBe(long);
    expect(titleOf(byClass(draw(), 'hm-label')[0]!)).toBeUndefined();
  });

  it('wraps column headers in wide cells and turns them in narrow ones, full name in a title', () => {
    const wide = byClass(draw(), 'hm-col');
    expect(wide.map((column) => titleOf(column))).toEqual(COLUMNS.map((column) => column.label));
    expect(byName(wide[1]!, 'text').map((text) => textOf(text))).toEqual(['Infrastructure', 'as code', 'security']);
    const narrow = byClass(draw({ cellWidth: 40 }), 'hm-col');
    expect(byName(narrow[1]!, 'text')[0]!.attributes.transform).toMatch(/rotate\(-45\)$/);
  });

  it('escapes hostile labels and ids', () => {
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'R&D'];
    const columns = hostile.map((label, index) => ({ id: `${label}-${index}`, label }));
    const rows: HeatmapRow[] = hostile.map((label, index) => ({ id: label, label, group: label, cells: [cell(`${label}-${index}`, index)] }));
    const markup = renderSvg(<Heatmap title={hostile.join(' ')} columns={columns} rows={rows} maxLevel={3} groupBy idPrefix={'"><script>'} />);
    expect(markup).not.toMatch(/<script/i);
    expect(markup).not.toMatch(/<img/i);
    expect(markup).toContain('R&amp;D');
    const root = parseSvg(markup);
    expect(unsafeParts(root)).toEqual([]);
    expect(byClass(root, 'hm-row').map((row) => row.attributes['data-team'])).toEqual(hostile);
    expect(byClass(root, 'hm-label').map((label) => textOf(label, true))).toContain('R&D');
    const imgCell = cellOf(root, hostile[1]!, columns[1]!.id);
    expect(imgCell.attributes['data-domain']).toBe('"><img src=x onerror=alert(1)>-1');
    expect(titleOf(imgCell)).toBe('"><img src=x onerror=alert(1)> — "><img src=x onerror=alert(1)>: level 1');
  });

  it('shows an empty state without teams or without domains, and copes with odd level ranges', () => {
    expect(textOf(byClass(parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={[]} maxLevel={3} />)), 'empty-state')[0]!)).toBe('No teams to show.');
    expect(textOf(byClass(parseSvg(renderSvg(<Heatmap columns={[]} rows={ROWS} maxLevel={3} title="Map" />)), 'empty-state')[0]!)).toBe('No domains to show.');
    expect(textOf(byClass(parseSvg(renderSvg(<Heatmap columns={[]} rows={[]} maxLevel={3} emptyMessage="Nothing yet" />)), 'empty-state')[0]!)).toBe('Nothing yet');
    expect(byClass(parseSvg(renderSvg(<Heatmap columns={COLUMNS} rows={ROWS} maxLevel={0} />)), 'hm-cell')).toHaveLength(6);
  });

  it('renders the same markup for the same props', () => {
    const first = renderSvg(<Heatmap columns={COLUMNS} rows={ROWS} maxLevel={3} groupBy title="Maturity" />);
    const second = renderSvg(<Heatmap columns={COLUMNS} rows={ROWS.map((row) => ({ ...row }))} maxLevel={3} groupBy title="Maturity" />);
    expect(second).toBe(first);
  });

  it('scales to 2,000 teams: every cell is drawn', () => {
    const rows: HeatmapRow[] = Array.from({ length: 2000 }, (_, index) => ({ id: `t${index}`, label: `Team ${index}`, group: `G${index % 7}`, cells: COLUMNS.map((column, j) => cell(column.id, (index + j) % 4)) }));
    const markup = renderSvg(<Heatmap columns={COLUMNS} rows={rows} maxLevel={3} groupBy sort="level" />);
    expect(markup.match(/class="hm-cell"/g)).toHaveLength(6000);
    expect(markup.match(/class="hm-group"/g)).toHaveLength(7);
  });
});
