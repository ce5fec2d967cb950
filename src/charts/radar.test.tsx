import { describe, expect, it } from 'vitest';
import { Radar } from './radar.js';
import type { RadarProps } from './radar.js';
import { renderSvg } from './render.js';
import type { SvgElement } from './svg-inspect.js';
import { byClass, parseSvg, textOf, titleOf, unsafeParts } from './svg-inspect.js';

const AXES = [
  { id: 'secrets', label: 'Secrets management' },
  { id: 'vulns', label: 'Vulnerability management' },
  { id: 'supply', label: 'Dependency and supply chain management' },
  { id: 'ir', label: 'Incident response' },
  { id: 'iac', label: 'Infrastructure as code security' },
];

const PROPS: RadarProps = {
  axes: AXES,
  current: { secrets: 2, vulns: 1, supply: 0, ir: null, iac: 3 },
  target: { secrets: 3, vulns: 2, supply: 2, ir: null, iac: 3 },
  previous: { secrets: 1, vulns: 1, supply: 0, ir: null, iac: 2 },
  maxLevel: 3,
};

function draw(props: Partial<RadarProps> = {}): SvgElement {
  return parseSvg(renderSvg(<Radar {...PROPS} {...props} />));
}

function pointCount(polygon: SvgElement): number {
  return (polygon.attributes.points ?? '').split(' ').filter((pair) => pair !== '').length;
}

describe('Radar', () => {
  it('has one vertex per applicable axis: a not-applicable domain is a gap, never 0', () => {
    const root = draw();
    expect(pointCount(byClass(root, 'rd-current')[0]!)).toBe(4);
    expect(byClass(root, 'rd-point').map((point) => point.attributes['data-domain'])).toEqual(['secrets', 'vulns', 'supply', 'iac']);
    expect(byClass(root, 'rd-point').map((point) => point.attributes['data-level'])).toEqual(['2', '1', '0', '3']);
    expect(pointCount(byClass(root, 'rd-target')[0]!)).toBe(4);
    expect(pointCount(byClass(root, 'rd-previous')[0]!)).toBe(4);
  });

  it('marks the not-applicable axis with "n/a" and says so under its label', () => {
    const root = draw();
    const na = byClass(root, 'rd-na');
    expect(na.map((axis) => axis.attributes['data-domain'])).toEqual(['ir']);
    expect(textOf(na[0]!)).toBe('n/a');
    const label = byClass(root, 'rd-label').find((element) => element.attributes['data-domain'] === 'ir')!;
    expect(textOf(label)).toBe('Incident responseNot applicable');
  });

  it('labels every axis with its name, level and target', () => {
    const labels = byClass(draw(), 'rd-label');
    expect(labels).toHaveLength(5);
    expect(byClass(labels[0]!, 'rd-value').map((value) => textOf(value))).toEqual(['Level 2 · target 3']);
    expect(titleOf(labels[2]!)).toBe('Dependency and supply chain management');
  });

  it('draws a ring per level, a dashed target and a thin previous line, and a legend for them', () => {
    const root = draw({ maxLevel: 5, current: { secrets: 5, vulns: 4, supply: 3, ir: 2, iac: 1 } });
    expect(byClass(root, 'rd-ring')).toHaveLength(6);
    expect(byClass(root, 'rd-target')[0]!.attributes['stroke-dasharray']).toBeDefined();
    expect(Number(byClass(root, 'rd-previous')[0]!.attributes['stroke-width'])).toBeLessThan(Number(byClass(root, 'rd-current')[0]!.attributes['stroke-width']));
    expect(textOf(byClass(root, 'legend')[0]!)).toBe('CurrentTargetPrevious checkpointn/aNot applicable (left out of the shape)');
  });

  it('leaves target and previous out when not given', () => {
    const root = parseSvg(renderSvg(<Radar axes={AXES} current={PROPS.current} maxLevel={3} />));
    expect(byClass(root, 'rd-target')).toHaveLength(0);
    expect(byClass(root, 'rd-previous')).toHaveLength(0);
  });

  it('treats a missing value as not assessed, also a gap', () => {
    const root = parseSvg(renderSvg(<Radar axes={AXES} current={{ secrets: 1, vulns: 2 }} maxLevel={3} />));
    expect(pointCount(byClass(root, 'rd-current')[0]!)).toBe(2);
    const label = byClass(root, 'rd-label').find((element) => element.attributes['data-domain'] === 'iac')!;
    expect(textOf(label)).toContain('Not assessed');
  });

  it('puts vertices further out for higher levels, level 0 on an inner ring rather than the centre', () => {
    const root = parseSvg(renderSvg(<Radar axes={[{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }]} current={{ a: 0, b: 0, c: 0 }} maxLevel={3} radius={100} />));
    const [cx, cy] = [(2 * (16 + 150 + 14 + 100)) / 2, 16 + 50 + 100];
    const first = (byClass(root, 'rd-current')[0]!.attributes.points ?? '').split(' ')[0]!.split(',').map(Number);
    expect(first[0]).toBeCloseTo(cx, 1);
    expect(cy - first[1]!).toBeCloseTo(12, 1);
  });

  it('escapes hostile labels and ids', () => {
    const hostile = [{ id: '"><script>alert(1)</script>', label: '<script>alert(1)</script>' }, { id: 'x', label: '"><img src=x onerror=alert(1)>' }, { id: 'y', label: 'R&D' }];
    const markup = renderSvg(<Radar title="<b>&" axes={hostile} current={{ '"><script>alert(1)</script>': 1, x: 2, y: null }} maxLevel={3} />);
    expect(markup).not.toMatch(/<script|<img|<b>/i);
    const root = parseSvg(markup);
    expect(unsafeParts(root)).toEqual([]);
    expect(titleOf(root)).toBe('<b>&');
    expect(byClass(root, 'rd-label').map((label) => titleOf(label))).toEqual(hostile.map((axis) => axis.label));
  });

  it('is deterministic and renders an empty state without axes', () => {
    expect(renderSvg(<Radar {...PROPS} />)).toBe(renderSvg(<Radar {...PROPS} current={{ ...PROPS.current }} />));
    expect(textOf(byClass(parseSvg(renderSvg(<Radar axes={[]} current={{}} maxLevel={3} />)), 'empty-state')[0]!)).toBe('No domains to show.');
  });
});
