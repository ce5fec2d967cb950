import { describe, expect, it } from 'vitest';
import { renderSvg } from './render.js';
import type { SvgElement } from './svg-inspect.js';
import { byClass, parseSvg, textOf, titleOf, unsafeParts } from './svg-inspect.js';
import { Trend } from './trend.js';
import type { TrendCheckpoint, TrendProps } from './trend.js';

const SERIES = [
  { id: 'secrets', label: 'Secrets management' },
  { id: 'iac', label: 'Infrastructure as code security' },
];

const CHECKPOINTS: TrendCheckpoint[] = [
  { date: '2024-04-01', levels: { secrets: 0, iac: 1 } },
  { date: '2024-07-01', levels: { secrets: 1, iac: null } },
  { date: '2025-04-01', levels: { secrets: 2, iac: 2 } },
  { date: '2025-07-01', levels: { secrets: 3, iac: 2 } },
];

function draw(props: Partial<TrendProps> = {}): SvgElement {
  return parseSvg(renderSvg(<Trend series={SERIES} checkpoints={CHECKPOINTS} maxLevel={3} {...props} />));
}

function pointX(point: SvgElement): number {
  return Number(/^M([\d.]+),/.exec(point.attributes.d ?? '')?.[1]) + 4;
}

describe('Trend', () => {
  it('draws a marker per checkpoint that has a level and breaks the line at a null', () => {
    const root = draw();
    const points = byClass(root, 'tr-point');
    expect(points).toHaveLength(7);
    expect(points.filter((point) => point.attributes['data-series'] === 'secrets').map((point) => point.attributes['data-level'])).toEqual(['0', '1', '2', '3']);
    expect(points.filter((point) => point.attributes['data-series'] === 'iac').map((point) => point.attributes['data-date'])).toEqual(['2024-04-01', '2025-04-01', '2025-07-01']);
    const lines = byClass(root, 'tr-line');
    expect(lines).toHaveLength(2);
    const iacLines = byClass(byClass(root, 'tr-series').find((series) => series.attributes['data-series'] === 'iac')!, 'tr-line');
    expect(iacLines).toHaveLength(1);
    expect((iacLines[0]!.attributes.d ?? '').match(/[ML]/g)).toHaveLength(2);
  });

  it('spaces checkpoints by real time, not evenly', () => {
    const secrets = byClass(draw(), 'tr-point').filter((point) => point.attributes['data-series'] === 'secrets').map(pointX);
    const [a, b, c, d] = secrets as [number, number, number, number];
    expect((c - b) / (b - a)).toBeCloseTo(274 / 91, 1);
    expect((d - c) / (b - a)).toBeCloseTo(91 / 91, 1);
  });

  it('sorts checkpoints by date and skips invalid dates', () => {
    const shuffled = [CHECKPOINTS[2]!, { date: 'not a date', levels: { secrets: 3 } }, CHECKPOINTS[0]!, CHECKPOINTS[3]!, CHECKPOINTS[1]!];
    const root = draw({ checkpoints: shuffled });
    expect(byClass(root, 'tr-point').filter((point) => point.attributes['data-series'] === 'secrets').map((point) => point.attributes['data-date'])).toEqual(['2024-04-01', '2024-07-01', '2025-04-01', '2025-07-01']);
  });

  it('labels the time axis with dates and the level axis with 0..maxLevel', () => {
    const root = draw();
    expect(byClass(root, 'tr-tick').map((tick) => textOf(tick))).toEqual(['Apr 2024', 'Jul', 'Oct', 'Jan 2025', 'Apr', 'Jul']);
    expect(textOf(byClass(root, 'tr-y-axis')[0]!)).toBe('Level0123');
    expect(textOf(byClass(root, 'legend')[0]!)).toBe('Secrets managementInfrastructure as code security');
    expect(titleOf(byClass(root, 'tr-point')[0]!)).toBe('Secrets management — 1 Apr 2024: level 0');
  });

  it('handles a single checkpoint', () => {
    const root = draw({ checkpoints: [CHECKPOINTS[0]!] });
    expect(byClass(root, 'tr-point')).toHaveLength(2);
    expect(byClass(root, 'tr-line')).toHaveLength(0);
    expect(byClass(root, 'tr-tick').length).toBeGreaterThan(0);
    expect(byClass(root, 'empty-state')).toHaveLength(0);
  });

  it('shows an empty state without checkpoints', () => {
    const root = draw({ checkpoints: [], title: 'Trend' });
    expect(byClass(root, 'tr-point')).toHaveLength(0);
    expect(textOf(byClass(root, 'empty-state')[0]!)).toBe('No checkpoints yet: the trend appears after the first assessment.');
    expect(textOf(byClass(draw({ checkpoints: [], emptyMessage: 'Nothing yet' }), 'empty-state')[0]!)).toBe('Nothing yet');
  });

  it('escapes hostile labels and is deterministic', () => {
    const series = [{ id: '"><script>alert(1)</script>', label: '"><img src=x onerror=alert(1)>' }, { id: 'a', label: 'R&D <script>' }];
    const checkpoints = [{ date: '2025-01-01', levels: { '"><script>alert(1)</script>': 1, a: 2 } }];
    const markup = renderSvg(<Trend title="<script>alert(1)</script>" series={series} checkpoints={checkpoints} maxLevel={3} />);
    expect(markup).not.toMatch(/<script|<img/i);
    const root = parseSvg(markup);
    expect(unsafeParts(root)).toEqual([]);
    expect(byClass(root, 'tr-point').map((point) => point.attributes['data-series'])).toEqual(['"><script>alert(1)</script>', 'a']);
    expect(renderSvg(<Trend title="<script>alert(1)</script>" series={series} checkpoints={[...checkpoints]} maxLevel={3} />)).toBe(markup);
  });
});
