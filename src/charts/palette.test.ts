import { describe, expect, it } from 'vitest';
import { ANSWER_STATUSES } from '../core/workspace/answer-status.js';
import { contrastRatio, relativeLuminance } from './color.js';
import { CATEGORICAL, cellStyle, levelColor, levelPalette, MIN_TEXT_CONTRAST, NOT_APPLICABLE_STYLE, seriesStyle, STATUS_STYLES, textColorOn, UNASSESSED_STYLE } from './palette.js';

describe('level palette', () => {
  it.each([1, 2, 3, 4, 5])('gives every level of a 0..%i model a text colour with at least 4.5:1 contrast', (maxLevel) => {
    const palette = levelPalette(maxLevel);
    expect(palette).toHaveLength(maxLevel + 1);
    for (const swatch of palette) expect(contrastRatio(swatch.fill, swatch.text)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it.each([1, 2, 3, 4, 5])('gets darker with every level of a 0..%i model and keeps levels apart', (maxLevel) => {
    const luminances = levelPalette(maxLevel).map((swatch) => relativeLuminance(swatch.fill));
    for (let level = 1; level <= maxLevel; level += 1) {
      expect(luminances[level]).toBeLessThan(luminances[level - 1]!);
      expect(contrastRatio(levelPalette(maxLevel)[level]!.fill, levelPalette(maxLevel)[level - 1]!.fill)).toBeGreaterThan(1.2);
    }
  });

  it('spans the same ends whatever the number of levels', () => {
    expect(levelColor(0, 3)).toBe(levelColor(0, 5));
    expect(levelColor(3, 3)).toBe(levelColor(5, 5));
    expect(levelColor(3, 3)).toBe('#00224e');
    expect(levelColor(9, 3)).toBe(levelColor(3, 3));
  });

  it('keeps every fill/text pair the heatmap can draw at 4.5:1 or better, fractional levels included', () => {
    for (let tenth = 0; tenth <= 50; tenth += 1) {
      const fill = levelColor(tenth / 10, 5);
      expect(contrastRatio(fill, textColorOn(fill))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
    expect(contrastRatio(NOT_APPLICABLE_STYLE.background, NOT_APPLICABLE_STYLE.text)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(NOT_APPLICABLE_STYLE.stripe, NOT_APPLICABLE_STYLE.text)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(UNASSESSED_STYLE.fill, UNASSESSED_STYLE.text)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });
});

describe('cell styles', () => {
  it('prints the level, with a "?" and a dashed outline when incomplete', () => {
    expect(cellStyle('scored', 2, 3)).toMatchObject({ label: '2', dashed: false, pattern: false, fill: levelColor(2, 3) });
    expect(cellStyle('incomplete', 1, 3)).toMatchObject({ label: '1?', dashed: true, fill: levelColor(1, 3) });
    expect(cellStyle('incomplete', null, 3)).toMatchObject({ label: '?', dashed: true, fill: UNASSESSED_STYLE.fill });
  });

  it('hatches not applicable and greys out unassessed cells', () => {
    expect(cellStyle('not-applicable', null, 3)).toMatchObject({ label: 'n/a', pattern: true });
    expect(cellStyle('unassessed', null, 3)).toMatchObject({ label: '–', pattern: false, fill: UNASSESSED_STYLE.fill });
    expect(cellStyle('scored', 1.5, 3).label).toBe('1.5');
  });
});

describe('categorical palettes', () => {
  it('uses eight distinct Okabe–Ito colours and keeps 40 series distinct by colour and marker', () => {
    expect(new Set(CATEGORICAL).size).toBe(8);
    const combos = new Set(Array.from({ length: 40 }, (_, index) => `${seriesStyle(index).color}/${seriesStyle(index).marker}/${seriesStyle(index).dash ?? ''}`));
    expect(combos.size).toBe(40);
  });

  it('gives every rater status readable text, a visible glyph, and a distinct glyph and word', () => {
    for (const status of ANSWER_STATUSES) {
      const style = STATUS_STYLES[status];
      expect(contrastRatio(style.fill, style.text)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrastRatio(style.fill, style.ink)).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(ANSWER_STATUSES.map((status) => STATUS_STYLES[status].glyph)).size).toBe(ANSWER_STATUSES.length);
    expect(new Set(ANSWER_STATUSES.map((status) => STATUS_STYLES[status].label)).size).toBe(ANSWER_STATUSES.length);
  });
});
