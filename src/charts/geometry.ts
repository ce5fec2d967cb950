import type { MarkerShape } from './palette.js';

/** A point in SVG user units. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Rounds to 2 decimals so output is short and identical across runs (and never prints -0). */
export function px(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** The point at `radius` along `angle` (radians, 0 = right, clockwise in SVG) from a centre. */
export function polar(center: Point, radius: number, angle: number): Point {
  return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}

/** An SVG `points` attribute. */
export function pointsAttr(points: readonly Point[]): string {
  return points.map((point) => `${px(point.x)},${px(point.y)}`).join(' ');
}

/** An open polyline as an SVG path `d`. */
export function linePath(points: readonly Point[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${px(point.x)},${px(point.y)}`).join('');
}

/** A closed polygon as an SVG path `d`. */
export function closedPath(points: readonly Point[]): string {
  return points.length === 0 ? '' : `${linePath(points)}Z`;
}

/** A marker shape of radius `r` centred on (cx, cy) as an SVG path `d` (areas roughly equal across shapes). */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  switch (shape) {
    case 'circle':
      return `M${px(cx - r)},${px(cy)}a${px(r)},${px(r)} 0 1,0 ${px(2 * r)},0a${px(r)},${px(r)} 0 1,0 ${px(-2 * r)},0Z`;
    case 'square': {
      const s = r * 0.89;
      return closedPath([{ x: cx - s, y: cy - s }, { x: cx + s, y: cy - s }, { x: cx + s, y: cy + s }, { x: cx - s, y: cy + s }]);
    }
    case 'triangle': {
      const s = r * 1.25;
      return closedPath([{ x: cx, y: cy - s }, { x: cx + s, y: cy + s * 0.8 }, { x: cx - s, y: cy + s * 0.8 }]);
    }
    case 'triangle-down': {
      const s = r * 1.25;
      return closedPath([{ x: cx, y: cy + s }, { x: cx + s, y: cy - s * 0.8 }, { x: cx - s, y: cy - s * 0.8 }]);
    }
    case 'diamond': {
      const s = r * 1.25;
      return closedPath([{ x: cx, y: cy - s }, { x: cx + s, y: cy }, { x: cx, y: cy + s }, { x: cx - s, y: cy }]);
    }
  }
}

/** Keeps `id` safe inside `url(#…)` and `id="…"`: letters, digits, `-` and `_` only. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}

/**
 * An attribute value from user data, or undefined (attribute left out) when empty: the renderer
 * writes an empty value as a bare attribute, which is fine in HTML but not well-formed XML.
 */
export function attr(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
