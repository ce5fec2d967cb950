import { describe, expect, it } from 'vitest';
import { Heatmap } from './heatmap.js';
import { Radar } from './radar.js';
import { renderSvg, standaloneSvg } from './render.js';
import { parseSvg } from './svg-inspect.js';

const COLUMNS = [{ id: 'secrets', label: 'Secrets & keys' }];
const ROWS = [{ id: 't', label: '', cells: [{ column: 'secrets', level: 1, state: 'scored' as const, target: 2, delta: 1 }] }];

describe('rendering', () => {
  it('renders an inline <svg> without namespace or declaration', () => {
    const markup = renderSvg(<Heatmap columns={COLUMNS} rows={ROWS} maxLevel={3} />);
    expect(markup.startsWith('<svg class="stepwise-chart stepwise-heatmap"')).toBe(true);
    expect(markup).not.toContain('xmlns');
    expect(markup).not.toContain('<?xml');
  });

  it('renders a standalone document with the XML declaration and the SVG namespace once', () => {
    const document = standaloneSvg(<Radar axes={[{ id: 'a', label: 'A & B' }]} current={{ a: 1 }} maxLevel={3} title="" />);
    expect(document.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" class=')).toBe(true);
    expect(document.match(/xmlns=/g)).toHaveLength(1);
    expect(parseSvg(document).attributes.xmlns).toBe('http://www.w3.org/2000/svg');
  });

  it('writes no bare (valueless) attributes, so standalone files are well-formed XML', () => {
    const document = standaloneSvg(<Heatmap columns={[{ id: '', label: '' }]} rows={[{ id: '', label: '', group: '', cells: [] }]} maxLevel={3} title="" groupBy />);
    expect(() => parseSvg(document)).not.toThrow();
    expect(() => parseSvg('<svg><g data-x></g></svg>')).toThrow(/malformed/);
  });

  it('refuses elements that do not render an <svg> root', () => {
    expect(() => standaloneSvg(<g />)).toThrow(/<svg> root/);
  });
});
