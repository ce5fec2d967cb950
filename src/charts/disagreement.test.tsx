import { describe, expect, it } from 'vitest';
import { DisagreementMap, ratersOf, ratingSpreadOf } from './disagreement.js';
import type { DisagreementRow } from './disagreement.js';
import { STATUS_STYLES } from './palette.js';
import { renderSvg } from './render.js';
import type { SvgElement } from './svg-inspect.js';
import { byClass, parseSvg, textOf, titleOf, unsafeParts } from './svg-inspect.js';

const ROWS: DisagreementRow[] = [
  { practice: 'secrets.scanner', title: 'A secret scanner is set up', domain: 'secrets', ratings: { Ana: 'implemented', Bob: 'not-implemented', Chi: 'partial' }, resolved: 'partial' },
  { practice: 'iac.policy', title: 'Policies are checked', domain: 'iac', ratings: { Ana: 'not-applicable', Bob: 'partial' }, resolved: null },
];

function draw(rows: readonly DisagreementRow[] = ROWS): SvgElement {
  return parseSvg(renderSvg(<DisagreementMap rows={rows} domainLabels={{ secrets: 'Secrets management' }} />));
}

describe('DisagreementMap', () => {
  it('draws a row per practice and a cell per rater plus the resolved cell', () => {
    const root = draw();
    const rows = byClass(root, 'dm-row');
    expect(rows.map((row) => row.attributes['data-practice'])).toEqual(['secrets.scanner', 'iac.policy']);
    expect(byClass(rows[0]!, 'dm-cell').map((cell) => cell.attributes['data-status'])).toEqual(['implemented', 'not-implemented', 'partial', 'partial']);
    expect(byClass(rows[1]!, 'dm-cell').map((cell) => cell.attributes['data-status'])).toEqual(['not-applicable', 'partial', 'none', 'open']);
    expect(byClass(rows[0]!, 'dm-resolved')).toHaveLength(1);
  });

  it('shows each status as a word and a glyph, not colour alone', () => {
    const cells = byClass(byClass(draw(), 'dm-row')[0]!, 'dm-cell');
    expect(cells.map((cell) => textOf(cell))).toEqual(['Yes', 'No', 'Partly', 'Partly']);
    for (const cell of cells) expect(cell.children.filter((child) => typeof child !== 'string' && child.name !== 'title')).toHaveLength(3);
    expect(titleOf(cells[1]!)).toBe('A secret scanner is set up — Bob: not implemented');
    const second = byClass(byClass(draw(), 'dm-row')[1]!, 'dm-cell');
    expect(second.map((cell) => textOf(cell))).toEqual([STATUS_STYLES['not-applicable'].label, 'Partly', '—', 'Open']);
  });

  it('shows the spread of each row', () => {
    const rows = byClass(draw(), 'dm-row');
    expect(rows.map((row) => row.attributes['data-spread'])).toEqual(['2', undefined]);
    expect(byClass(rows[0]!, 'dm-spread').map((spread) => textOf(spread))).toEqual(['2 steps']);
    expect(byClass(rows[1]!, 'dm-spread').map((spread) => textOf(spread))).toEqual(['n/a vs rated']);
  });

  it('names the columns and the domain of each practice', () => {
    const root = draw();
    expect(textOf(byClass(root, 'dm-header')[0]!)).toBe('PracticeAnaBobChiResolvedSpreadNoPartlyYes');
    expect(textOf(byClass(root, 'dm-row')[0]!)).toContain('Secrets management · secrets.scanner');
    expect(textOf(byClass(root, 'dm-row')[1]!)).toContain('iac · iac.policy');
  });

  it('measures spread on not-implemented < partial < implemented', () => {
    expect(ratingSpreadOf({ a: 'implemented', b: 'not-implemented' })).toEqual({ min: 0, max: 2, steps: 2, applicabilityConflict: false });
    expect(ratingSpreadOf({ a: 'partial', b: 'not-applicable' })).toEqual({ min: 1, max: 1, steps: null, applicabilityConflict: true });
    expect(ratingSpreadOf({ a: 'unknown' })).toEqual({ min: null, max: null, steps: null, applicabilityConflict: false });
    expect(ratersOf(ROWS)).toEqual(['Ana', 'Bob', 'Chi']);
  });

  it('shows an empty state when raters agree', () => {
    const root = draw([]);
    expect(byClass(root, 'dm-row')).toHaveLength(0);
    expect(textOf(byClass(root, 'empty-state')[0]!)).toBe('No disagreements: the raters agree on every practice.');
  });

  it('escapes hostile names and is deterministic', () => {
    const rows: DisagreementRow[] = [{ practice: '"><img src=x onerror=alert(1)>', title: '<script>alert(1)</script>', domain: 'R&D', ratings: { '<script>x</script>': 'implemented', '"onload="x': 'partial' }, resolved: 'implemented' }];
    const markup = renderSvg(<DisagreementMap rows={rows} title="&<>" />);
    expect(markup).not.toMatch(/<script|<img/i);
    const root = parseSvg(markup);
    expect(unsafeParts(root)).toEqual([]);
    expect(byClass(root, 'dm-cell').map((cell) => cell.attributes['data-rater'])).toEqual(['<script>x</script>', '"onload="x', undefined]);
    expect(textOf(byClass(root, 'dm-row')[0]!)).toContain('R&D · "><img src=x onerror=alert(1)>');
    expect(renderSvg(<DisagreementMap rows={rows.map((row) => ({ ...row }))} title="&<>" />)).toBe(markup);
  });
});
