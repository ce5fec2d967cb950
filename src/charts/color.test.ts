import { describe, expect, it } from 'vitest';
import { bestContrast, contrastRatio, mixOklab, parseHex, relativeLuminance, sampleRamp, toHex } from './color.js';

describe('colour maths', () => {
  it('computes WCAG contrast: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#123456', '#123456')).toBe(1);
  });

  it('computes relative luminance per WCAG 2', () => {
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4);
  });

  it('round-trips hex colours and rejects other notations', () => {
    expect(toHex(parseHex('#0A7Fe3'))).toBe('#0a7fe3');
    expect(() => parseHex('red')).toThrow(/#rrggbb/);
    expect(() => parseHex('#fff')).toThrow(/#rrggbb/);
  });

  it('mixes in OKLab and returns the anchors at the ends of a ramp', () => {
    expect(mixOklab('#00224e', '#fee838', 0)).toBe('#00224e');
    expect(mixOklab('#00224e', '#fee838', 1)).toBe('#fee838');
    expect(sampleRamp(['#000000', '#808080', '#ffffff'], 0.5)).toBe('#808080');
    expect(sampleRamp(['#000000', '#ffffff'], -3)).toBe('#000000');
    expect(sampleRamp(['#000000', '#ffffff'], 7)).toBe('#ffffff');
  });

  it('picks the candidate with the most contrast', () => {
    expect(bestContrast('#ffffff', ['#eeeeee', '#111111'])).toBe('#111111');
    expect(bestContrast('#00224e', ['#111111', '#ffffff'])).toBe('#ffffff');
  });
});
