import type { JSX } from 'preact';
import type { LegendEntry } from './frame.js';
import { ChartFrame, ChartTitle, EmptyState, Legend, legendHeight, PAD, TITLE_BLOCK } from './frame.js';
import type { Point } from './geometry.js';
import { attr, markerPath, pointsAttr, polar, px } from './geometry.js';
import { formatLevel, INK, RADAR_STYLE } from './palette.js';
import { wrapText } from './text.js';

/** A radar axis: one domain. */
export interface RadarAxis {
  readonly id: string;
  readonly label: string;
}

/** Level per axis id: a number, null when the domain is not applicable; a missing id means not assessed. */
export type RadarValues = Readonly<Record<string, number | null>>;

/** Props of {@link Radar}. */
export interface RadarProps {
  readonly axes: readonly RadarAxis[];
  readonly current: RadarValues;
  readonly target?: RadarValues;
  readonly previous?: RadarValues;
  readonly maxLevel: number;
  readonly title?: string;
  /** Legend names of the series (defaults "Current", "Target", "Previous checkpoint"). */
  readonly seriesLabels?: { readonly current?: string; readonly target?: string; readonly previous?: string };
  /** Radius of the outer ring in px (default 150). */
  readonly radius?: number;
}

const LABEL_W = 150;
const LABEL_W_VERTICAL = 220;
const LABEL_GAP = 14;
const LABEL_FONT = 12;
const VALUE_FONT = 11;
const LINE = 14;
const LABEL_BAND = 50;
const BOTTOM_BAND = 60;
const INNER = 0.12;

interface Frame {
  readonly center: Point;
  readonly radius: number;
  readonly maxLevel: number;
  readonly count: number;
}

/** Distance from the centre of a level: level 0 sits on a small inner ring, not on the centre point. */
function levelRadius(frame: Frame, level: number): number {
  const inner = frame.radius * INNER;
  const clamped = Math.min(frame.maxLevel, Math.max(0, level));
  return frame.maxLevel <= 0 ? frame.radius : inner + ((frame.radius - inner) * clamped) / frame.maxLevel;
}

/** Angle of axis `index`: the first axis points up, the others follow clockwise. */
function axisAngle(frame: Frame, index: number): number {
  return -Math.PI / 2 + (index * 2 * Math.PI) / frame.count;
}

/** The value of an axis: a level, null (not applicable) or undefined (not assessed). */
function valueOf(values: RadarValues | undefined, id: string): number | null | undefined {
  if (values === undefined || !Object.hasOwn(values, id)) return undefined;
  const value = values[id];
  return typeof value === 'number' && Number.isFinite(value) ? value : value === null ? null : undefined;
}

/** Vertices of a series, skipping axes without a level (so a not-applicable domain is a gap, never a 0). */
function seriesPoints(axes: readonly RadarAxis[], values: RadarValues, frame: Frame): { axis: RadarAxis; level: number; point: Point }[] {
  const vertices: { axis: RadarAxis; level: number; point: Point }[] = [];
  axes.forEach((axis, index) => {
    const level = valueOf(values, axis.id);
    if (typeof level !== 'number') return;
    vertices.push({ axis, level, point: polar(frame.center, levelRadius(frame, level), axisAngle(frame, index)) });
  });
  return vertices;
}

function ring(frame: Frame, level: number): Point[] {
  return Array.from({ length: frame.count }, (_, index) => polar(frame.center, levelRadius(frame, level), axisAngle(frame, index)));
}

function gridView(frame: Frame): JSX.Element {
  return (
    <g class="rd-grid">
      {levelsOf(frame).map((level) => (
        <polygon key={`ring-${level}`} class="rd-ring" points={pointsAttr(ring(frame, level))} fill={level === frame.maxLevel ? '#fbfcfd' : 'none'} stroke={INK.grid} stroke-width={level === frame.maxLevel ? 1.25 : 1} />
      ))}
    </g>
  );
}

function levelsOf(frame: Frame): number[] {
  return Array.from({ length: Math.floor(frame.maxLevel) + 1 }, (_, level) => level);
}

/** Level numbers on the rings, between the first two axes, drawn over the series with a white halo. */
function ringLabelsView(frame: Frame): JSX.Element {
  const angle = axisAngle(frame, 0) + Math.PI / Math.max(frame.count, 2);
  return (
    <g class="rd-ring-labels" font-size={10} fill={INK.muted} stroke={INK.background} stroke-width={3} paint-order="stroke" text-anchor="middle">
      {levelsOf(frame).map((level) => {
        const at = polar(frame.center, levelRadius(frame, level), angle);
        return (
          <text key={`ring-label-${level}`} class="rd-ring-label" x={px(at.x)} y={px(at.y + 3.5)}>
            {String(level)}
          </text>
        );
      })}
    </g>
  );
}

function axisView(frame: Frame, axis: RadarAxis, index: number, applicable: boolean): JSX.Element {
  const angle = axisAngle(frame, index);
  const from = polar(frame.center, levelRadius(frame, 0), angle);
  const to = polar(frame.center, frame.radius, angle);
  const badge = polar(frame.center, levelRadius(frame, frame.maxLevel / 2), angle);
  return (
    <g key={axis.id} class={applicable ? 'rd-axis' : 'rd-axis rd-na'} data-domain={attr(axis.id)}>
      <line x1={px(from.x)} y1={px(from.y)} x2={px(to.x)} y2={px(to.y)} stroke={applicable ? INK.grid : INK.faint} stroke-dasharray={applicable ? undefined : '2 3'} />
      {applicable ? null : (
        <g class="rd-na-badge">
          <rect x={px(badge.x - 14)} y={px(badge.y - 8)} width={28} height={16} rx={3} fill="#f6f8fa" stroke={INK.faint} />
          <text x={px(badge.x)} y={px(badge.y + 3.5)} text-anchor="middle" font-size={10} fill={INK.text}>
            n/a
          </text>
        </g>
      )}
    </g>
  );
}

function valueLine(current: number | null | undefined, target: number | null | undefined): string {
  if (current === null) return 'Not applicable';
  if (current === undefined) return 'Not assessed';
  const level = `Level ${formatLevel(current)}`;
  return typeof target === 'number' ? `${level} · target ${formatLevel(target)}` : level;
}

function anchorFor(cos: number): 'start' | 'middle' | 'end' {
  if (cos > 0.25) return 'start';
  if (cos < -0.25) return 'end';
  return 'middle';
}

/** Room for a centred (top or bottom) label: it must stop short of where its neighbours' labels start. */
function centredLabelWidth(frame: Frame, angle: number): number {
  const step = (2 * Math.PI) / frame.count;
  const reach = frame.radius + LABEL_GAP;
  const gap = Math.min(Math.abs(Math.cos(angle + step) - Math.cos(angle)), Math.abs(Math.cos(angle - step) - Math.cos(angle))) * reach;
  return Math.max(LABEL_W * 0.6, Math.min(LABEL_W_VERTICAL, 2 * gap - 12));
}

function axisLabelView(frame: Frame, axis: RadarAxis, index: number, props: RadarProps): JSX.Element {
  const angle = axisAngle(frame, index);
  const at = polar(frame.center, frame.radius + LABEL_GAP, angle);
  const anchor = anchorFor(Math.cos(angle));
  const lines = wrapText(axis.label, anchor === 'middle' ? centredLabelWidth(frame, angle) : LABEL_W, LABEL_FONT, 2);
  const current = valueOf(props.current, axis.id);
  const count = lines.length + 1;
  const sin = Math.sin(angle);
  const firstBaseline = sin < -0.6 ? at.y - (count - 1) * LINE - 2 : sin > 0.6 ? at.y + LABEL_FONT : at.y - ((count - 1) * LINE) / 2 + 4;
  return (
    <text key={axis.id} class="rd-label" data-domain={attr(axis.id)} x={px(at.x)} y={px(firstBaseline)} text-anchor={anchor} font-size={LABEL_FONT}>
      <title>{axis.label}</title>
      {lines.map((line, lineIndex) => (
        <tspan key={String(lineIndex)} x={px(at.x)} y={px(firstBaseline + lineIndex * LINE)} font-weight={500}>
          {line}
        </tspan>
      ))}
      <tspan class="rd-value" x={px(at.x)} y={px(firstBaseline + lines.length * LINE)} font-size={VALUE_FONT} fill={current === null || current === undefined ? INK.muted : RADAR_STYLE.current.stroke}>
        {valueLine(current, valueOf(props.target, axis.id))}
      </tspan>
    </text>
  );
}

function pointTitle(axis: RadarAxis, props: RadarProps): string {
  const parts = [valueLine(valueOf(props.current, axis.id), valueOf(props.target, axis.id)).toLowerCase()];
  const previous = valueOf(props.previous, axis.id);
  if (typeof previous === 'number') parts.push(`previous ${formatLevel(previous)}`);
  return `${axis.label}: ${parts.join(', ')}`;
}

function seriesView(frame: Frame, props: RadarProps): JSX.Element {
  const current = seriesPoints(props.axes, props.current, frame);
  const target = props.target === undefined ? [] : seriesPoints(props.axes, props.target, frame);
  const previous = props.previous === undefined ? [] : seriesPoints(props.axes, props.previous, frame);
  return (
    <g class="rd-series">
      {previous.length === 0 ? null : <polygon class="rd-previous" points={pointsAttr(previous.map((v) => v.point))} fill="none" stroke={RADAR_STYLE.previous.stroke} stroke-width={1.25} stroke-linejoin="round" />}
      <polygon class="rd-current" points={pointsAttr(current.map((v) => v.point))} fill={RADAR_STYLE.current.fill} fill-opacity={RADAR_STYLE.current.fillOpacity} stroke={RADAR_STYLE.current.stroke} stroke-width={2.25} stroke-linejoin="round" />
      {target.length === 0 ? null : <polygon class="rd-target" points={pointsAttr(target.map((v) => v.point))} fill="none" stroke={RADAR_STYLE.target.stroke} stroke-width={1.75} stroke-dasharray={RADAR_STYLE.target.dash} stroke-linejoin="round" />}
      {current.map((vertex) => (
        <path key={vertex.axis.id} class="rd-point" data-domain={attr(vertex.axis.id)} data-level={vertex.level} d={markerPath('circle', vertex.point.x, vertex.point.y, 4)} fill={RADAR_STYLE.current.stroke} stroke={INK.background} stroke-width={1.5}>
          <title>{pointTitle(vertex.axis, props)}</title>
        </path>
      ))}
    </g>
  );
}

function legendEntries(props: RadarProps): LegendEntry[] {
  const names = props.seriesLabels ?? {};
  const entries: LegendEntry[] = [
    {
      key: 'current',
      swatchWidth: 26,
      swatch: (x, y) => <rect x={x + 1} y={y + 2} width={24} height={12} rx={2} fill={RADAR_STYLE.current.fill} fill-opacity={RADAR_STYLE.current.fillOpacity + 0.1} stroke={RADAR_STYLE.current.stroke} stroke-width={2} />,
      label: names.current ?? 'Current',
    },
  ];
  if (props.target !== undefined) {
    entries.push({ key: 'target', swatchWidth: 26, swatch: (x, y) => <line x1={x} x2={x + 26} y1={y + 8} y2={y + 8} stroke={RADAR_STYLE.target.stroke} stroke-width={2} stroke-dasharray={RADAR_STYLE.target.dash} />, label: names.target ?? 'Target' });
  }
  if (props.previous !== undefined) {
    entries.push({ key: 'previous', swatchWidth: 26, swatch: (x, y) => <line x1={x} x2={x + 26} y1={y + 8} y2={y + 8} stroke={RADAR_STYLE.previous.stroke} stroke-width={1.25} />, label: names.previous ?? 'Previous checkpoint' });
  }
  entries.push({
    key: 'na',
    swatchWidth: 28,
    swatch: (x, y) => (
      <g>
        <rect x={x} y={y} width={28} height={16} rx={3} fill="#f6f8fa" stroke={INK.faint} />
        <text x={x + 14} y={y + 11.5} text-anchor="middle" font-size={10}>
          n/a
        </text>
      </g>
    ),
    label: 'Not applicable (left out of the shape)',
  });
  return entries;
}

/** Radar of one team: an axis per domain, rings per level, current (filled), target (dashed) and previous (thin line). */
export function Radar(props: RadarProps): JSX.Element {
  const radius = props.radius ?? 150;
  const width = 2 * (PAD + LABEL_W + LABEL_GAP + radius);
  const titleHeight = props.title === undefined ? 0 : TITLE_BLOCK;
  const label = props.title ?? 'Maturity radar';
  if (props.axes.length === 0) {
    return (
      <ChartFrame width={width} height={titleHeight + 2 * PAD + 120} kind="radar" label={label}>
        {props.title === undefined ? null : <ChartTitle text={props.title} width={width} />}
        <EmptyState x={PAD} y={PAD + titleHeight} width={width - 2 * PAD} height={120} message="No domains to show." />
      </ChartFrame>
    );
  }
  const frame: Frame = { center: { x: width / 2, y: PAD + titleHeight + LABEL_BAND + radius }, radius, maxLevel: props.maxLevel, count: props.axes.length };
  const legend = legendEntries(props);
  const legendTop = frame.center.y + radius + BOTTOM_BAND;
  const height = legendTop + legendHeight(legend, width - 2 * PAD) + PAD;
  const applicable = (axis: RadarAxis): boolean => valueOf(props.current, axis.id) !== null;
  return (
    <ChartFrame width={width} height={height} kind="radar" label={label}>
      {props.title === undefined ? null : <ChartTitle text={props.title} width={width} />}
      {gridView(frame)}
      <g class="rd-axes">{props.axes.map((axis, index) => axisView(frame, axis, index, applicable(axis)))}</g>
      {seriesView(frame, props)}
      {ringLabelsView(frame)}
      <g class="rd-labels">{props.axes.map((axis, index) => axisLabelView(frame, axis, index, props))}</g>
      <Legend x={PAD} y={legendTop} maxWidth={width - 2 * PAD} entries={legend} />
    </ChartFrame>
  );
}
