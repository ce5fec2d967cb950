import type { JSX } from 'preact';
import type { LegendEntry } from './frame.js';
import { ChartFrame, ChartTitle, EmptyState, Legend, legendHeight, PAD, TITLE_BLOCK } from './frame.js';
import type { Point } from './geometry.js';
import { attr, linearScale, linePath, markerPath, px } from './geometry.js';
import type { SeriesStyle } from './palette.js';
import { formatLevel, INK, seriesStyle } from './palette.js';
import { epochDay, formatDay, timeTicks } from './time-scale.js';

/** A trend line: one domain. */
export interface TrendSeries {
  readonly id: string;
  readonly label: string;
}

/** Levels at one checkpoint: per series id a level, null when not applicable; a missing id breaks the line too. */
export interface TrendCheckpoint {
  /** ISO `YYYY-MM-DD`; checkpoints with other dates are left out. */
  readonly date: string;
  readonly levels: Readonly<Record<string, number | null>>;
}

/** Props of {@link Trend}. */
export interface TrendProps {
  readonly series: readonly TrendSeries[];
  /** In any order; drawn by date. */
  readonly checkpoints: readonly TrendCheckpoint[];
  readonly maxLevel: number;
  readonly title?: string;
  /** Total width in px (default 760). */
  readonly width?: number;
  /** Height of the plot area in px (default 240). */
  readonly plotHeight?: number;
  /** Shown when there is no checkpoint to draw. */
  readonly emptyMessage?: string;
}

const LEFT = 44;
const RIGHT = 20;
const AXIS_BAND = 30;
const INSET = 14;
const MARKER_R = 4;
const SINGLE_PAD_DAYS = 45;

interface Dated {
  readonly day: number;
  readonly date: string;
  readonly levels: Readonly<Record<string, number | null>>;
}

interface Plot {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly x: (day: number) => number;
  readonly y: (level: number) => number;
}

/** Checkpoints with valid dates, oldest first (stable for equal dates). */
function datedCheckpoints(checkpoints: readonly TrendCheckpoint[]): Dated[] {
  const dated: Dated[] = [];
  for (const checkpoint of checkpoints) {
    const day = epochDay(checkpoint.date);
    if (day !== null) dated.push({ day, date: checkpoint.date, levels: checkpoint.levels });
  }
  return dated.sort((a, b) => a.day - b.day);
}

function levelAt(checkpoint: Dated, id: string): number | null {
  if (!Object.hasOwn(checkpoint.levels, id)) return null;
  const level = checkpoint.levels[id];
  return typeof level === 'number' && Number.isFinite(level) ? level : null;
}

/** A small vertical offset per series so lines on the same level sit side by side instead of on top of each other. */
function dodge(index: number, count: number, levelStep: number): number {
  if (count <= 1) return 0;
  const spacing = Math.min(2, (levelStep * 0.25) / count);
  return (index - (count - 1) / 2) * spacing;
}

interface SeriesPoint {
  readonly checkpoint: Dated;
  readonly level: number;
  readonly point: Point;
}

/** Runs of consecutive checkpoints that have a level (a null or missing level ends a run). */
function runs(series: TrendSeries, checkpoints: readonly Dated[], plot: Plot, offset: number): SeriesPoint[][] {
  const all: SeriesPoint[][] = [];
  let run: SeriesPoint[] = [];
  for (const checkpoint of checkpoints) {
    const level = levelAt(checkpoint, series.id);
    if (level === null) {
      if (run.length > 0) all.push(run);
      run = [];
      continue;
    }
    run.push({ checkpoint, level, point: { x: plot.x(checkpoint.day), y: plot.y(level) + offset } });
  }
  if (run.length > 0) all.push(run);
  return all;
}

function seriesView(series: TrendSeries, index: number, count: number, checkpoints: readonly Dated[], plot: Plot, maxLevel: number): JSX.Element {
  const style = seriesStyle(index);
  const levelStep = (plot.bottom - plot.top - 2 * INSET) / Math.max(1, maxLevel);
  const segments = runs(series, checkpoints, plot, dodge(index, count, levelStep));
  return (
    <g key={series.id} class="tr-series" data-series={attr(series.id)}>
      {segments
        .filter((segment) => segment.length > 1)
        .map((segment) => (
          <path class="tr-line" d={linePath(segment.map((p) => p.point))} fill="none" stroke={style.color} stroke-width={2} stroke-linejoin="round" stroke-linecap="round" stroke-dasharray={style.dash} />
        ))}
      {segments.flat().map((p) => (
        <path class="tr-point" data-series={attr(series.id)} data-date={p.checkpoint.date} data-level={p.level} d={markerPath(style.marker, p.point.x, p.point.y, MARKER_R)} fill={style.color} stroke={INK.background} stroke-width={1.25}>
          <title>{`${series.label} — ${formatDay(p.checkpoint.day)}: level ${formatLevel(p.level)}`}</title>
        </path>
      ))}
    </g>
  );
}

function yAxisView(plot: Plot, maxLevel: number): JSX.Element {
  const levels = Array.from({ length: Math.floor(maxLevel) + 1 }, (_, level) => level);
  return (
    <g class="tr-y-axis" font-size={11} fill={INK.muted}>
      <text x={plot.left - 10} y={plot.top - 8} text-anchor="end" font-weight={600} fill={INK.text}>
        Level
      </text>
      {levels.map((level) => (
        <g key={String(level)}>
          <line x1={plot.left} x2={plot.right} y1={px(plot.y(level))} y2={px(plot.y(level))} stroke={INK.grid} stroke-width={level === 0 ? 1.25 : 1} />
          <text x={plot.left - 10} y={px(plot.y(level) + 4)} text-anchor="end">
            {String(level)}
          </text>
        </g>
      ))}
    </g>
  );
}

function xAxisView(plot: Plot, checkpoints: readonly Dated[], start: number, end: number): JSX.Element {
  const ticks = timeTicks(start, end, Math.floor((plot.right - plot.left) / 84));
  const checkpointDays = [...new Set(checkpoints.map((checkpoint) => checkpoint.day))];
  return (
    <g class="tr-x-axis" font-size={11} fill={INK.muted}>
      {checkpointDays.map((day) => (
        <line key={`cp-${day}`} class="tr-checkpoint" x1={px(plot.x(day))} x2={px(plot.x(day))} y1={plot.top} y2={plot.bottom} stroke={INK.grid} stroke-dasharray="2 3" />
      ))}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={INK.axis} />
      {ticks.map((tick) => (
        <g key={`tick-${tick.day}`} class="tr-tick">
          <line x1={px(plot.x(tick.day))} x2={px(plot.x(tick.day))} y1={plot.bottom} y2={plot.bottom + 5} stroke={INK.axis} />
          <text x={px(plot.x(tick.day))} y={plot.bottom + 18} text-anchor="middle">
            {tick.label}
          </text>
        </g>
      ))}
    </g>
  );
}

function legendSwatch(style: SeriesStyle): LegendEntry['swatch'] {
  return (x, y) => (
    <g>
      <line x1={x} x2={x + 24} y1={y + 8} y2={y + 8} stroke={style.color} stroke-width={2} stroke-dasharray={style.dash} />
      <path d={markerPath(style.marker, x + 12, y + 8, MARKER_R)} fill={style.color} stroke={INK.background} stroke-width={1.25} />
    </g>
  );
}

function timeDomain(checkpoints: readonly Dated[]): [number, number] {
  const first = checkpoints[0]?.day ?? 0;
  const last = checkpoints[checkpoints.length - 1]?.day ?? first;
  if (last === first) return [first - SINGLE_PAD_DAYS, last + SINGLE_PAD_DAYS];
  const pad = Math.max(5, (last - first) * 0.04);
  return [first - pad, last + pad];
}

/** Level per domain over checkpoints on a real time axis; a null level breaks the line. */
export function Trend(props: TrendProps): JSX.Element {
  const width = props.width ?? 760;
  const plotHeight = props.plotHeight ?? 240;
  const titleHeight = props.title === undefined ? 0 : TITLE_BLOCK;
  const label = props.title ?? 'Maturity trend';
  const checkpoints = datedCheckpoints(props.checkpoints);
  if (checkpoints.length === 0 || props.series.length === 0) {
    const message = props.series.length === 0 ? 'No domains to show.' : (props.emptyMessage ?? 'No checkpoints yet: the trend appears after the first assessment.');
    return (
      <ChartFrame width={width} height={titleHeight + 2 * PAD + 120} kind="trend" label={label}>
        {props.title === undefined ? null : <ChartTitle text={props.title} width={width} />}
        <EmptyState x={PAD} y={PAD + titleHeight} width={width - 2 * PAD} height={120} message={message} />
      </ChartFrame>
    );
  }
  const [start, end] = timeDomain(checkpoints);
  const top = PAD + titleHeight + 18;
  const plot: Plot = {
    left: PAD + LEFT,
    right: width - PAD - RIGHT,
    top,
    bottom: top + plotHeight,
    x: linearScale([start, end], [PAD + LEFT, width - PAD - RIGHT]),
    y: linearScale([0, Math.max(1, props.maxLevel)], [top + plotHeight - INSET, top + INSET]),
  };
  const legend = props.series.map((series, index) => ({ key: series.id, swatchWidth: 24, swatch: legendSwatch(seriesStyle(index)), label: series.label }));
  const legendTop = plot.bottom + AXIS_BAND + 8;
  const height = legendTop + legendHeight(legend, width - 2 * PAD) + PAD;
  return (
    <ChartFrame width={width} height={height} kind="trend" label={label}>
      {props.title === undefined ? null : <ChartTitle text={props.title} width={width} />}
      {yAxisView(plot, props.maxLevel)}
      {xAxisView(plot, checkpoints, start, end)}
      <g class="tr-plot">{props.series.map((series, index) => seriesView(series, index, props.series.length, checkpoints, plot, props.maxLevel))}</g>
      <Legend x={PAD} y={legendTop} maxWidth={width - 2 * PAD} entries={legend} />
    </ChartFrame>
  );
}
