import type { JSX } from 'preact';
import type { LegendEntry } from './frame.js';
import { captionedLegendHeight, ChartFrame, ChartTitle, EmptyState, Legend, PAD, TITLE_BLOCK } from './frame.js';
import { attr, px, safeId } from './geometry.js';
import type { HeatmapCell, HeatmapColumn, HeatmapRow, HeatmapSection, HeatmapSort } from './heatmap-model.js';
import { belowTarget, cellTooltip, sectionRows } from './heatmap-model.js';
import type { CellState, CellStyle } from './palette.js';
import { cellStyle, DARK_TEXT, formatLevel, INK, NOT_APPLICABLE_STYLE } from './palette.js';
import { overflows, textWidth, truncate, wrapText } from './text.js';

export type { HeatmapCell, HeatmapColumn, HeatmapRow, HeatmapSort } from './heatmap-model.js';

/** Props of {@link Heatmap}. */
export interface HeatmapProps {
  /** Domains, left to right. */
  readonly columns: readonly HeatmapColumn[];
  /** Teams; a team without a cell for a column shows that cell as not assessed. */
  readonly rows: readonly HeatmapRow[];
  /** Highest level of the model (3 for the built-in model, up to 5 for imported ones). */
  readonly maxLevel: number;
  readonly title?: string;
  /** Draw a header per `group` and keep each group's rows together. */
  readonly groupBy?: boolean;
  readonly sort?: HeatmapSort;
  /** Names of levels 0..maxLevel for the legend (e.g. "Not practicing"). */
  readonly levelLabels?: readonly string[];
  /** Prefix of the ids inside the SVG; give each chart on one page its own. */
  readonly idPrefix?: string;
  /** Width of the team label column in px (default 190). */
  readonly labelWidth?: number;
  /** Width of a cell in px (default 88; narrower cells turn the column headers). */
  readonly cellWidth?: number;
  /** Shown instead of the grid when there are no rows or no columns. */
  readonly emptyMessage?: string;
}

const CELL_H = 24;
const GAP = 2;
const ROW_STEP = CELL_H + GAP;
const GROUP_H = 34;
const LABEL_FONT = 12.5;
const HEADER_FONT = 11.5;
const HEADER_FONT_MIN = 9.5;
const HEADER_LINE = 14;
const HEADER_LINES = 4;
const ROTATE_BELOW = 64;
const ROTATED_MAX = 200;
const ROTATION = 45;
const NOTCH = 9;
const NUMBER_FONT = 13;
const DELTA_FONT = 10.5;
const DEFAULT_LABEL_W = 190;
const DEFAULT_CELL_W = 88;
const GROUP_INDENT = 12;
const LEGEND_CELL_H = 20;
/** Text colour most cells use; set once on the grid and written on a cell only when it differs. */
const DEFAULT_INK = DARK_TEXT;
/** Presentation attributes cell text inherits from the grid group (keeps 20,000-cell maps small). */
const CELL_TEXT_DEFAULTS = { 'text-anchor': 'middle', 'font-size': NUMBER_FONT, 'font-weight': 600, fill: DEFAULT_INK } as const;

interface Geometry {
  readonly labelWidth: number;
  readonly cellWidth: number;
  readonly rotate: boolean;
  readonly headerHeight: number;
  readonly width: number;
}

interface Line {
  readonly y: number;
  readonly section: HeatmapSection;
  readonly row?: HeatmapRow;
}

function columnX(geometry: Geometry, index: number): number {
  return PAD + geometry.labelWidth + index * (geometry.cellWidth + GAP);
}

function headerLayout(columns: readonly HeatmapColumn[], labelWidth: number, cellWidth: number): Geometry {
  const gridWidth = columns.length * (cellWidth + GAP) - GAP;
  const rotate = cellWidth < ROTATE_BELOW;
  if (!rotate) {
    const lines = Math.max(1, ...columns.map((column) => wrapText(column.label, cellWidth - 2, headerFont(column.label, cellWidth), HEADER_LINES).length));
    const width = PAD + labelWidth + Math.max(gridWidth, 0) + PAD;
    return { labelWidth, cellWidth, rotate, headerHeight: lines * HEADER_LINE + 10, width };
  }
  const radians = (ROTATION * Math.PI) / 180;
  const widths = columns.map((column) => Math.min(textWidth(column.label, HEADER_FONT), ROTATED_MAX));
  const longest = Math.max(0, ...widths);
  const reach = Math.max(0, ...widths.map((w, index) => index * (cellWidth + GAP) + cellWidth / 2 + w * Math.cos(radians)));
  const width = PAD + labelWidth + Math.max(gridWidth, reach) + PAD;
  return { labelWidth, cellWidth, rotate, headerHeight: longest * Math.sin(radians) + 16, width };
}

function layoutLines(sections: readonly HeatmapSection[], groupBy: boolean, top: number): { lines: Line[]; bottom: number } {
  const lines: Line[] = [];
  let y = top;
  for (const section of sections) {
    if (groupBy) {
      lines.push({ y, section });
      y += GROUP_H;
    }
    for (const row of section.rows) {
      lines.push({ y, section, row });
      y += ROW_STEP;
    }
  }
  return { lines, bottom: y };
}

/** Memoises cell styles per state and level (a 2,000-row map has only a handful of distinct ones). */
function styleCache(maxLevel: number): (state: CellState, level: number | null) => CellStyle {
  const cache = new Map<string, CellStyle>();
  return (state, level) => {
    const key = `${state}:${level === null ? '-' : String(level)}`;
    let style = cache.get(key);
    if (style === undefined) {
      style = cellStyle(state, level, maxLevel);
      cache.set(key, style);
    }
    return style;
  };
}

const UP = '▲';
const DOWN = '▼';

/** The change mark of a cell: an arrow (direction) and, in wide cells, the size of the change. */
function deltaMark(delta: number, wide: boolean): string {
  return `${delta > 0 ? UP : DOWN}${wide ? formatLevel(Math.abs(delta)) : ''}`;
}

interface CellDraw {
  readonly x: number;
  readonly width: number;
  readonly height: number;
  readonly style: CellStyle;
  readonly patternUrl: string;
  readonly notch: boolean;
  readonly delta: number | null;
}

/** The painted parts of a cell (shared by the grid and the legend). */
function cellBody({ x, width, height, style, patternUrl, notch, delta }: CellDraw): JSX.Element[] {
  const parts: JSX.Element[] = [];
  const mark = delta === null || delta === 0 ? undefined : deltaMark(delta, width >= 56);
  const markWidth = mark === undefined ? 0 : textWidth(mark, DELTA_FONT);
  const centre = mark === undefined ? x + width / 2 : x + (width - markWidth - 6) / 2;
  const baseline = height / 2 + NUMBER_FONT * 0.36;
  parts.push(<path d={`M${px(x)},0h${px(width)}v${height}H${px(x)}Z`} fill={style.pattern ? patternUrl : style.fill} />);
  if (style.dashed) parts.push(<rect x={px(x + 1.5)} y={1.5} width={px(width - 3)} height={height - 3} rx={1.5} fill="none" stroke={style.text} stroke-width={1.25} stroke-dasharray="3 2" />);
  const ink = style.text === DEFAULT_INK ? undefined : style.text;
  if (notch) parts.push(<path class="hm-target" d={`M${px(x)},0h${NOTCH}L${px(x)},${NOTCH}Z`} fill={ink} />);
  const halo = style.pattern ? { stroke: NOT_APPLICABLE_STYLE.background, 'stroke-width': 3, 'paint-order': 'stroke' } : {};
  parts.push(
    <text x={px(centre)} y={px(baseline)} fill={ink} {...halo}>
      {style.label}
    </text>,
  );
  if (mark !== undefined && delta !== null) {
    parts.push(
      <text class={delta > 0 ? 'hm-delta hm-up' : 'hm-delta hm-down'} x={px(x + width - 5 - markWidth / 2)} y={px(height / 2 + DELTA_FONT * 0.36)} font-size={DELTA_FONT} fill={ink}>
        {mark}
      </text>,
    );
  }
  return parts;
}

interface GridContext {
  readonly geometry: Geometry;
  readonly columns: readonly HeatmapColumn[];
  readonly style: (state: CellState, level: number | null) => CellStyle;
  readonly patternUrl: string;
  readonly indent: number;
}

const MISSING: Omit<HeatmapCell, 'column'> = { level: null, state: 'unassessed', target: null, delta: null };

interface RowProps {
  readonly row: HeatmapRow;
  readonly y: number;
  readonly context: GridContext;
}

/**
 * One team's row. A component rather than a helper call on purpose: the renderer then builds each
 * row's cells only when it reaches the row, so a 2,000-row map never holds every cell node at once.
 */
function HeatmapRowView({ row, y, context }: RowProps): JSX.Element {
  const { geometry, columns, indent } = context;
  const byColumn = new Map(row.cells.map((cell) => [cell.column, cell] as const));
  const labelRoom = geometry.labelWidth - 10 - indent;
  const cut = overflows(row.label, labelRoom, LABEL_FONT);
  return (
    <g class="hm-row" data-team={attr(row.id)} data-name={attr(row.label)} data-group={attr(row.group)} transform={`translate(0,${px(y)})`}>
      <text class="hm-label" x={PAD + indent} y={px(CELL_H / 2 + LABEL_FONT * 0.36)} text-anchor="start" font-size={LABEL_FONT} font-weight={400} fill={INK.text}>
        {cut ? <title>{row.label}</title> : null}
        {cut ? truncate(row.label, labelRoom, LABEL_FONT) : row.label}
      </text>
      {columns.map((column, index) => {
        const cell = byColumn.get(column.id) ?? { ...MISSING, column: column.id };
        return cellView(row, column, cell, columnX(geometry, index), context);
      })}
    </g>
  );
}

function cellView(row: HeatmapRow, column: HeatmapColumn, cell: HeatmapCell, x: number, context: GridContext): JSX.Element {
  const style = context.style(cell.state, cell.level);
  const delta = cell.state === 'not-applicable' ? null : cell.delta;
  return (
    <g key={column.id} class="hm-cell" data-team={attr(row.id)} data-domain={attr(column.id)} data-level={cell.level ?? undefined} data-state={cell.state === 'scored' ? undefined : cell.state}>
      <title>{cellTooltip(row.label, column.label, cell)}</title>
      {cellBody({ x, width: context.geometry.cellWidth, height: CELL_H, style, patternUrl: context.patternUrl, notch: belowTarget(cell), delta })}
    </g>
  );
}

function groupView(section: HeatmapSection, y: number, geometry: Geometry): JSX.Element {
  const name = section.group ?? 'No group';
  const count = `${section.rows.length} ${section.rows.length === 1 ? 'team' : 'teams'}`;
  const nameText = truncate(name, geometry.width - 2 * PAD - 80, 13, true);
  return (
    <g key={`group:${name}`} class="hm-group" data-group={attr(section.group)} transform={`translate(0,${px(y)})`}>
      <line x1={PAD} x2={px(geometry.width - PAD)} y1={9.5} y2={9.5} stroke={INK.grid} />
      <text x={PAD} y={26} text-anchor="start" font-size={13} font-weight={600} fill={INK.text}>
        {nameText}
        <tspan font-weight={400} fill={INK.muted}>
          {`  ·  ${count}`}
        </tspan>
      </text>
    </g>
  );
}

function headerView(columns: readonly HeatmapColumn[], geometry: Geometry, top: number): JSX.Element {
  const bottom = top + geometry.headerHeight;
  return (
    <g class="hm-header" font-size={HEADER_FONT} fill={INK.text}>
      {columns.map((column, index) => {
        const cx = columnX(geometry, index) + geometry.cellWidth / 2;
        return (
          <g key={column.id} class="hm-col" data-domain={attr(column.id)}>
            <title>{column.label}</title>
            {geometry.rotate ? rotatedLabel(column.label, cx, bottom) : wrappedLabel(column.label, cx, bottom, geometry.cellWidth)}
          </g>
        );
      })}
    </g>
  );
}

/** Header font size: a little smaller when the label's longest word would not fit the cell otherwise. */
function headerFont(label: string, cellWidth: number): number {
  const longest = Math.max(0, ...label.split(/\s+/).map((word) => textWidth(word, HEADER_FONT)));
  const fit = longest === 0 ? 1 : (cellWidth - 2) / longest;
  return fit >= 1 ? HEADER_FONT : Math.max(HEADER_FONT_MIN, Math.floor(HEADER_FONT * fit * 2) / 2);
}

function wrappedLabel(label: string, cx: number, bottom: number, cellWidth: number): JSX.Element[] {
  const size = headerFont(label, cellWidth);
  const lines = wrapText(label, cellWidth - 2, size, HEADER_LINES);
  const firstBaseline = bottom - 8 - (lines.length - 1) * HEADER_LINE;
  return lines.map((line, index) => (
    <text x={px(cx)} y={px(firstBaseline + index * HEADER_LINE)} text-anchor="middle" font-size={size === HEADER_FONT ? undefined : size}>
      {line}
    </text>
  ));
}

function rotatedLabel(label: string, cx: number, bottom: number): JSX.Element {
  return <text transform={`translate(${px(cx - 2)},${px(bottom - 8)}) rotate(-${ROTATION})`}>{truncate(label, ROTATED_MAX, HEADER_FONT)}</text>;
}

function legendEntries(maxLevel: number, levelLabels: readonly string[] | undefined, patternUrl: string, style: GridContext['style']): LegendEntry[] {
  const swatch = (draw: Omit<CellDraw, 'x' | 'height' | 'patternUrl'>) => (x: number, y: number) => (
    <g transform={`translate(${px(x)},${px(y - 2)})`} {...CELL_TEXT_DEFAULTS}>
      {cellBody({ ...draw, x: 0, height: LEGEND_CELL_H, patternUrl })}
    </g>
  );
  const levels: LegendEntry[] = [];
  for (let level = 0; level <= maxLevel; level += 1) {
    levels.push({ key: `level-${level}`, swatchWidth: 30, swatch: swatch({ width: 30, style: style('scored', level), notch: false, delta: null }), label: levelLabels?.[level] ?? '' });
  }
  const middle = Math.max(0, Math.min(maxLevel, 1));
  return [
    ...levels,
    { key: 'na', swatchWidth: 34, swatch: swatch({ width: 34, style: style('not-applicable', null), notch: false, delta: null }), label: 'Not applicable' },
    { key: 'unassessed', swatchWidth: 30, swatch: swatch({ width: 30, style: style('unassessed', null), notch: false, delta: null }), label: 'Not assessed' },
    { key: 'incomplete', swatchWidth: 34, swatch: swatch({ width: 34, style: style('incomplete', middle), notch: false, delta: null }), label: 'Incomplete' },
    { key: 'target', swatchWidth: 30, swatch: swatch({ width: 30, style: style('scored', middle), notch: true, delta: null }), label: 'Below target (corner notch)' },
    { key: 'up', swatchWidth: 56, swatch: swatch({ width: 56, style: style('scored', middle), notch: false, delta: 1 }), label: 'Up since previous checkpoint' },
    { key: 'down', swatchWidth: 56, swatch: swatch({ width: 56, style: style('scored', middle), notch: false, delta: -1 }), label: 'Down since previous checkpoint' },
  ];
}

const EMPTY_WIDTH = 640;
const EMPTY_HEIGHT = 110;

function EmptyHeatmap({ title, message }: { readonly title: string | undefined; readonly message: string }): JSX.Element {
  const top = PAD + (title === undefined ? 0 : TITLE_BLOCK);
  return (
    <ChartFrame width={EMPTY_WIDTH} height={top + EMPTY_HEIGHT + PAD} kind="heatmap" label={title ?? 'Maturity heatmap'}>
      {title === undefined ? null : <ChartTitle text={title} width={EMPTY_WIDTH} />}
      <EmptyState x={PAD} y={top} width={EMPTY_WIDTH - 2 * PAD} height={EMPTY_HEIGHT} message={message} />
    </ChartFrame>
  );
}

/** Teams × domains heatmap: level printed in every cell, target notch, change arrows, grouping and sorting. */
export function Heatmap(props: HeatmapProps): JSX.Element {
  const { columns, rows, maxLevel, title, groupBy = false, sort = 'as-given', levelLabels } = props;
  if (rows.length === 0 || columns.length === 0) return <EmptyHeatmap title={title} message={props.emptyMessage ?? (rows.length === 0 ? 'No teams to show.' : 'No domains to show.')} />;
  const prefix = safeId(props.idPrefix ?? 'stepwise-hm');
  const patternId = `${prefix}-na`;
  const patternUrl = `url(#${patternId})`;
  const geometry = headerLayout(columns, props.labelWidth ?? DEFAULT_LABEL_W, props.cellWidth ?? DEFAULT_CELL_W);
  const style = styleCache(maxLevel);
  const legend = legendEntries(maxLevel, levelLabels, patternUrl, style);
  const legendWidth = geometry.width - 2 * PAD;
  const legendTop = PAD + (title === undefined ? 0 : TITLE_BLOCK);
  const headerTop = legendTop + captionedLegendHeight(legend, legendWidth, 'Level') + 10;
  const sections = sectionRows(rows, sort, groupBy);
  const { lines, bottom } = layoutLines(sections, groupBy, headerTop + geometry.headerHeight);
  const context: GridContext = { geometry, columns, style, patternUrl, indent: groupBy ? GROUP_INDENT : 0 };
  return (
    <ChartFrame width={geometry.width} height={bottom + PAD} kind="heatmap" label={title ?? 'Maturity heatmap'}>
      <defs>
        <pattern id={patternId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} fill={NOT_APPLICABLE_STYLE.background} />
          <line x1={0} y1={0} x2={0} y2={6} stroke={NOT_APPLICABLE_STYLE.stripe} stroke-width={2.5} />
        </pattern>
      </defs>
      {title === undefined ? null : <ChartTitle text={title} width={geometry.width} />}
      <Legend x={PAD} y={legendTop} maxWidth={legendWidth} entries={legend} caption="Level" />
      {headerView(columns, geometry, headerTop)}
      <g class="hm-body" {...CELL_TEXT_DEFAULTS}>{lines.map((line) => (line.row === undefined ? groupView(line.section, line.y, geometry) : <HeatmapRowView key={line.row.id} row={line.row} y={line.y} context={context} />))}</g>
    </ChartFrame>
  );
}
