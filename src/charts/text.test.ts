import { describe, expect, it } from 'vitest';
import { overflows, textWidth, truncate, wrapText } from './text.js';

describe('text fitting', () => {
  it('estimates wider text for wider characters and for bold', () => {
    expect(textWidth('mmmm', 12)).toBeGreaterThan(textWidth('iiii', 12));
    expect(textWidth('Team', 12, true)).toBeGreaterThan(textWidth('Team', 12));
    expect(textWidth('', 12)).toBe(0);
  });

  it('leaves short text alone and cuts long text with an ellipsis that fits', () => {
    expect(truncate('Ledger', 100, 12)).toBe('Ledger');
    const cut = truncate('Customer notifications & messaging gateway', 120, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(30);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(120);
    expect(overflows('Customer notifications & messaging gateway', 120, 12)).toBe(true);
  });

  it('never splits a grapheme when cutting', () => {
    const cut = truncate('👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻', 60, 12);
    expect(cut.endsWith('…')).toBe(true);
    const kept = cut.slice(0, -1);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length % '👩‍💻'.length).toBe(0);
  });

  it('wraps at spaces and marks text that does not fit in the last line', () => {
    expect(wrapText('Dependency and supply chain management', 86, 11.5, 4)).toEqual(['Dependency', 'and supply', 'chain', 'management']);
    expect(wrapText('Dependency and supply chain management', 86, 11.5, 2)).toEqual(['Dependency', 'and supply…']);
    expect(wrapText('Secrets', 86, 11.5, 3)).toEqual(['Secrets']);
    expect(wrapText('   ', 86, 11.5, 3)).toEqual([]);
  });
});
