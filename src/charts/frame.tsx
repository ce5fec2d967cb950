import type { ComponentChildren, JSX } from 'preact';
import { attr, px } from './geometry.js';
import { FONT_FAMILY, INK } from './palette.js';
import { textWidth, truncate, wrapText } from './text.js';

/** Outer padding of every chart. */
export const PAD = 16;
/** Font size of chart titles. */
export const TITLE_SIZE = 16;
/** Height taken by a chart title, including the space under it. */
export const TITLE_BLOCK = 30;

interface ChartFrameProps {
  readonly width: number;
  readonly height: number;
  readonly kind: string;
  /** Accessible name (also the first `<title>`). */
  readonly label: string;
  readonly children?: ComponentChildren;
}

/** Root `<svg>` of a chart: size, font, accessible name and a white background. */
export function ChartFrame({ width, height, kind, label, children }: ChartFrameProps): JSX.Element {
  const w = px(width);
  const h = px(height);
  return (
    <svg class={`stepwise-chart stepwise-${kind}`} width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={attr(label)} font-family={FONT_FAMILY} font-size={12} fill={INK.text}>
      <title>{label}</title>
      <rect class="chart-bg" width={w} height={h} fill={INK.background} />
      {children}
    </svg>
  );
}

/** The chart title at the top left, cut to the width. */
export function ChartTitle({ text, width }: { readonly text: string; readonly width: number }): JSX.Element {
  return (
    <text class="chart-title" x={PAD} y={PAD + TITLE_SIZE - 2} font-size={TITLE_SIZE} font-weight={600}>
      {truncate(text, width - 2 * PAD, TITLE_SIZE, true)}
    </text>
  );
}

/** One legend entry: a swatch drawn at (x, y) (top-left of a 16 px high slot) and its label. */
export interface LegendEntry {
  readonly key: string;
  readonly swatchWidth: number;
  readonly swatch: (x: number, y: number) => ComponentChildren;
  readonly label: string;
}

const LEGEND_FONT = 12;
const LEGEND_ROW = 22;
const LEGEND_GAP = 20;
const SWATCH_GAP = 6;

interface PlacedEntry {
  readonly entry: LegendEntry;
  readonly x: number;
  readonly y: number;
}

function entryWidth(entry: LegendEntry): number {
  return entry.swatchWidth + SWATCH_GAP + textWidth(entry.label, LEGEND_FONT);
}

/** Flows entries left to right, wrapping at `maxWidth`. */
export function layoutLegend(entries: readonly LegendEntry[], maxWidth: number): { placed: PlacedEntry[]; height: number } {
  const placed: PlacedEntry[] = [];
  let x = 0;
  let y = 0;
  for (const entry of entries) {
    const width = Math.min(entryWidth(entry), maxWidth);
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      y += LEGEND_ROW;
    }
    placed.push({ entry, x, y });
    x += width + LEGEND_GAP;
  }
  return { placed, height: entries.length === 0 ? 0 : y + LEGEND_ROW };
}

/** Height a legend of these entries takes at this width. */
export function legendHeight(entries: readonly LegendEntry[], maxWidth: number): number {
  return layoutLegend(entries, maxWidth).height;
}

interface LegendProps {
  readonly x: number;
  readonly y: number;
  readonly maxWidth: number;
  readonly entries: readonly LegendEntry[];
  readonly caption?: string;
}

/** A wrapped legend; an optional caption sits on the first line before the entries. */
export function Legend({ x, y, maxWidth, entries, caption }: LegendProps): JSX.Element {
  const captionWidth = caption === undefined ? 0 : textWidth(caption, LEGEND_FONT, true) + 12;
  const { placed } = layoutLegend(entries, maxWidth - captionWidth);
  return (
    <g class="legend" transform={`translate(${px(x)},${px(y)})`} font-size={LEGEND_FONT}>
      {caption === undefined ? null : (
        <text x={0} y={12} font-weight={600}>
          {caption}
        </text>
      )}
      {placed.map(({ entry, x: ex, y: ey }) => (
        <g key={entry.key} class="legend-item" transform={`translate(${px(captionWidth + ex)},${px(ey)})`}>
          {entry.swatch(0, 0)}
          <text x={entry.swatchWidth + SWATCH_GAP} y={12} fill={INK.text}>
            {truncate(entry.label, maxWidth - captionWidth - entry.swatchWidth - SWATCH_GAP, LEGEND_FONT)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Height of a legend with a caption (the caption narrows the space for entries). */
export function captionedLegendHeight(entries: readonly LegendEntry[], maxWidth: number, caption: string | undefined): number {
  const captionWidth = caption === undefined ? 0 : textWidth(caption, LEGEND_FONT, true) + 12;
  return legendHeight(entries, maxWidth - captionWidth);
}

/** A bordered box with a centred message, for charts without data. */
export function EmptyState({ x, y, width, height, message }: { readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly message: string }): JSX.Element {
  const lines = wrapText(message, width - 32, 13, 3);
  const top = y + height / 2 - ((lines.length - 1) * 18) / 2 + 4;
  return (
    <g class="empty-state">
      <rect x={px(x)} y={px(y)} width={px(width)} height={px(height)} rx={6} fill="#f6f8fa" stroke={INK.grid} stroke-dasharray="4 4" />
      {lines.map((line, index) => (
        <text key={String(index)} x={px(x + width / 2)} y={px(top + index * 18)} text-anchor="middle" font-size={13} fill={INK.muted}>
          {line}
        </text>
      ))}
    </g>
  );
}
