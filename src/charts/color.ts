/**
 * Small colour maths for the chart palettes: hex parsing, sRGB ↔ OKLab, interpolation and the
 * WCAG 2 contrast ratio. Pure functions over numbers; no colour library.
 */

/** An sRGB colour with channels in 0..1. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

interface Lab {
  readonly l: number;
  readonly a: number;
  readonly b: number;
}

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

/** Parses `#rrggbb` into channels in 0..1; throws on anything else. */
export function parseHex(hex: string): Rgb {
  const match = HEX.exec(hex);
  if (match === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  return { r: channel(match[1]), g: channel(match[2]), b: channel(match[3]) };
}

function channel(pair: string | undefined): number {
  return Number.parseInt(pair ?? '00', 16) / 255;
}

/** Formats channels in 0..1 as lower-case `#rrggbb` (clamped). */
export function toHex(color: Rgb): string {
  return `#${hexByte(color.r)}${hexByte(color.g)}${hexByte(color.b)}`;
}

function hexByte(value: number): string {
  const byte = Math.round(Math.min(1, Math.max(0, value)) * 255);
  return byte.toString(16).padStart(2, '0');
}

function toLinear(value: number): number {
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

function fromLinear(value: number): number {
  return value <= 0.0031308 ? value * 12.92 : 1.055 * value ** (1 / 2.4) - 0.055;
}

function toOklab(color: Rgb): Lab {
  const r = toLinear(color.r);
  const g = toLinear(color.g);
  const b = toLinear(color.b);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {
    l: 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    a: 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    b: 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  };
}

function fromOklab(lab: Lab): Rgb {
  const l = (lab.l + 0.3963377774 * lab.a + 0.2158037573 * lab.b) ** 3;
  const m = (lab.l - 0.1055613458 * lab.a - 0.0638541728 * lab.b) ** 3;
  const s = (lab.l - 0.0894841775 * lab.a - 1.291485548 * lab.b) ** 3;
  return {
    r: fromLinear(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    g: fromLinear(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    b: fromLinear(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  };
}

/** Mixes two hex colours in OKLab (perceptually even steps); `t` = 0 gives `from`, 1 gives `to`. */
export function mixOklab(from: string, to: string, t: number): string {
  const a = toOklab(parseHex(from));
  const b = toOklab(parseHex(to));
  return toHex(fromOklab({ l: a.l + (b.l - a.l) * t, a: a.a + (b.a - a.a) * t, b: a.b + (b.b - a.b) * t }));
}

/** Samples a ramp of evenly spaced hex anchors at `t` in 0..1, interpolating in OKLab between neighbours. */
export function sampleRamp(anchors: readonly string[], t: number): string {
  const first = anchors[0];
  if (first === undefined) throw new Error('a ramp needs at least one anchor');
  if (anchors.length === 1) return first;
  const position = Math.min(1, Math.max(0, t)) * (anchors.length - 1);
  const index = Math.min(anchors.length - 2, Math.floor(position));
  return mixOklab(anchors[index] ?? first, anchors[index + 1] ?? first, position - index);
}

/** WCAG 2 relative luminance of a hex colour. */
export function relativeLuminance(hex: string): number {
  const { r, g, b } = parseHex(hex);
  return 0.2126 * toLinear(r) + 0.7152 * toLinear(g) + 0.0722 * toLinear(b);
}

/** WCAG 2 contrast ratio between two hex colours (1..21). */
export function contrastRatio(first: string, second: string): number {
  const a = relativeLuminance(first);
  const b = relativeLuminance(second);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The candidate with the highest contrast against the background (the first one on a tie). */
export function bestContrast(background: string, candidates: readonly string[]): string {
  let best = candidates[0];
  if (best === undefined) throw new Error('no candidate colours');
  for (const candidate of candidates) {
    if (contrastRatio(background, candidate) > contrastRatio(background, best)) best = candidate;
  }
  return best;
}
