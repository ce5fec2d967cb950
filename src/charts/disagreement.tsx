import type { JSX } from 'preact';
import type { AnswerStatus } from '../core/workspace/answer-status.js';
import type { LegendEntry } from './frame.js';
import { captionedLegendHeight, ChartFrame, ChartTitle, EmptyState, Legend, PAD, TITLE_BLOCK } from './frame.js';
import { attr, px } from './geometry.js';
import type { StatusStyle } from './palette.js';
import { INK, NOT_RATED_STYLE, STATUS_STYLES } from './palette.js';
import { textWidth, truncate, wrapText } from './text.js';

/** A practice on which raters disagree. */
export interface DisagreementRow {
  readonly practice: string;
  readonly title: string;
  /** Domain id (shown through `domainLabels` when given). */
  readonly domain: string;
  /** Rater name → status. */
  readonly ratings: Readonly<Record<string, AnswerStatus>>;
  /** The status that counts (facilitator's decision or median); null while still open. */
  readonly resolved: AnswerStatus | null;
}

/** Props of {@link DisagreementMap}. */
export interface DisagreementMapProps {
  readonly rows: readonly DisagreementRow[];
  /** Rater columns in order; default: every rater in the rows, in order of first appearance. */
  readonly raters?: readonly string[];
  /** Domain id → display name. */
  readonly domainLabels?: Readonly<Record<string, string>>;
  readonly title?: string;
  readonly emptyMessage?: string;
}

const LABEL_W = 320;
const CELL_W = 92;
const CELL_H = 32;
const ROW_STEP = 40;
const COL_GAP = 4;
const RESOLVED_GAP = 18;
const SPREAD_GAP = 22;
const TRACK_W = 84;
const SPREAD_W = TRACK_W + 96;
const HEADER_H = 40;
const EMPTY_H = 110;
const ORDINAL: Readonly<Partial<Record<AnswerStatus, number>>> = { 'not-implemented': 0, partial: 1, implemented: 2 };
const ORDINAL_LABELS = ['No', 'Partly', 'Yes'];
const UNNAMED = '(unnamed)';

/** How far apart the ratings of a row are: ordinal steps (null with fewer than two ordered ratings) and whether n/a meets a rating. */
export interface RatingSpread {
  readonly min: number | null;
  readonly max: number | null;
  readonly steps: number | null;
  readonly applicabilityConflict: boolean;
}

/** The spread of a row's ratings on not-implemented < partial < implemented. */
export function ratingSpreadOf(ratings: Readonly<Record<string, AnswerStatus>>): RatingSpread {
  const statuses = Object.values(ratings);
  const ranks = statuses.map((status) => ORDINAL[status]).filter((rank) => rank !== undefined);
  const min = ranks.length === 0 ? null : Math.min(...ranks);
  const max = ranks.length === 0 ? null : Math.max(...ranks);
  const steps = min === null || max === null || ranks.length < 2 ? null : max - min;
  return { min, max, steps, applicabilityConflict: ranks.length > 0 && statuses.includes('not-applicable') };
}

function spreadText(spread: RatingSpread): string {
  const parts: string[] = [];
  if (spread.steps !== null && spread.steps > 0) parts.push(`${spread.steps} ${spread.steps === 1 ? 'step' : 'steps'}`);
  if (spread.applicabilityConflict) parts.push('n/a vs rated');
  return parts.length === 0 ? 'none' : parts.join(' + ');
}

/** Raters in order of first appearance across the rows. */
export function ratersOf(rows: readonly DisagreementRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const rater of Object.keys(row.ratings)) seen.add(rater);
  return [...seen];
}

function glyph(style: StatusStyle, cx: number, cy: number): JSX.Element {
  const r = 5.5;
  switch (style.glyph) {
    case 'full':
      return <circle cx={px(cx)} cy={px(cy)} r={r} fill={style.ink} />;
    case 'half':
      return (
        <g>
          <circle cx={px(cx)} cy={px(cy)} r={r - 0.75} fill={INK.background} stroke={style.ink} stroke-width={1.5} />
          <path d={`M${px(cx)},${px(cy - r)}a${r},${r} 0 0,0 0,${r * 2}Z`} fill={style.ink} />
        </g>
      );
    case 'cross':
      return <path d={`M${px(cx - 4.5)},${px(cy - 4.5)}l9,9M${px(cx + 4.5)},${px(cy - 4.5)}l-9,9`} stroke={style.ink} stroke-width={2.25} stroke-linecap="round" />;
    case 'dash':
      return <path d={`M${px(cx - 5)},${px(cy)}h10`} stroke={style.ink} stroke-width={2.25} stroke-linecap="round" />;
    case 'question':
      return (
        <text x={px(cx)} y={px(cy + 4.5)} text-anchor="middle" font-size={13} font-weight={700} fill={style.ink}>
          ?
        </text>
      );
  }
}

interface CellSpec {
  readonly x: number;
  readonly width: number;
  readonly height: number;
  readonly status: AnswerStatus | null;
  readonly emphasis: boolean;
}

/** A status cell: tint, glyph and word (an open or missing rating gets a plain cell). */
function statusBody({ x, width, height, status, emphasis }: CellSpec, emptyLabel: string): JSX.Element[] {
  const cy = height / 2;
  if (status === null) {
    return [
      <rect x={px(x + 0.5)} y={0.5} width={width - 1} height={height - 1} rx={3} fill={NOT_RATED_STYLE.fill} stroke={INK.grid} stroke-dasharray="3 3" />,
      <text x={px(x + width / 2)} y={px(cy + 4)} text-anchor="middle" fill={NOT_RATED_STYLE.text}>
        {emptyLabel}
      </text>,
    ];
  }
  const style = STATUS_STYLES[status];
  const outline = emphasis ? { stroke: style.ink, 'stroke-width': 1.5 } : status === 'unknown' ? { stroke: INK.grid, 'stroke-dasharray': '3 3' } : {};
  return [
    <rect x={px(x + 0.75)} y={0.75} width={width - 1.5} height={height - 1.5} rx={3} fill={style.fill} {...outline} />,
    glyph(style, x + 14, cy),
    <text x={px(x + 27)} y={px(cy + 4)} fill={style.text} font-weight={emphasis ? 600 : 400}>
      {style.label}
    </text>,
  ];
}

interface Columns {
  readonly raters: readonly string[];
  readonly resolvedX: number;
  readonly spreadX: number;
  readonly width: number;
}

function raterX(index: number): number {
  return PAD + LABEL_W + index * (CELL_W + COL_GAP);
}

function columnsFor(raters: readonly string[]): Columns {
  const ratersEnd = raterX(raters.length) - COL_GAP;
  const resolvedX = ratersEnd + RESOLVED_GAP;
  const spreadX = resolvedX + CELL_W + SPREAD_GAP;
  return { raters, resolvedX, spreadX, width: spreadX + SPREAD_W + PAD };
}

const STATUS_NAMES: Readonly<Record<AnswerStatus, string>> = { implemented: 'implemented', partial: 'partly implemented', 'not-implemented': 'not implemented', 'not-applicable': 'not applicable', unknown: 'not known' };

function statusTitle(who: string, row: DisagreementRow, status: AnswerStatus | undefined): string {
  return `${row.title} — ${who}: ${status === undefined ? 'no rating' : STATUS_NAMES[status]}`;
}

function trackX(spreadX: number, rank: number): number {
  return spreadX + 6 + (rank * (TRACK_W - 12)) / 2;
}

function spreadView(spread: RatingSpread, spreadX: number): JSX.Element {
  const cy = CELL_H / 2;
  const stops = [0, 1, 2];
  return (
    <g class="dm-spread" data-steps={spread.steps ?? undefined}>
      <line x1={px(trackX(spreadX, 0))} x2={px(trackX(spreadX, 2))} y1={cy} y2={cy} stroke={INK.grid} stroke-width={2} />
      {stops.map((rank) => (
        <circle key={String(rank)} cx={px(trackX(spreadX, rank))} cy={cy} r={2.5} fill={INK.grid} />
      ))}
      {spread.min === null || spread.max === null ? null : (
        <g fill={INK.text}>
          <line x1={px(trackX(spreadX, spread.min))} x2={px(trackX(spreadX, spread.max))} y1={cy} y2={cy} stroke={INK.text} stroke-width={4} stroke-linecap="round" />
          <circle cx={px(trackX(spreadX, spread.min))} cy={cy} r={4} />
          <circle cx={px(trackX(spreadX, spread.max))} cy={cy} r={4} />
        </g>
      )}
      <text x={px(spreadX + TRACK_W + 8)} y={cy + 4} font-size={11.5} fill={INK.text}>
        {spreadText(spread)}
      </text>
    </g>
  );
}

function rowView(row: DisagreementRow, y: number, columns: Columns, domainLabels: Readonly<Record<string, string>> | undefined): JSX.Element {
  const spread = ratingSpreadOf(row.ratings);
  const domain = domainLabels !== undefined && Object.hasOwn(domainLabels, row.domain) ? (domainLabels[row.domain] ?? row.domain) : row.domain;
  const room = LABEL_W - 14;
  return (
    <g key={row.practice} class="dm-row" data-practice={attr(row.practice)} data-domain={attr(row.domain)} data-spread={spread.steps ?? undefined} transform={`translate(0,${px(y)})`}>
      <text class="dm-label" x={PAD} y={14} font-size={12.5} font-weight={500}>
        <title>{`${row.title} (${row.practice})`}</title>
        {truncate(row.title, room, 12.5)}
      </text>
      <text x={PAD} y={29} font-size={11} fill={INK.muted}>
        {truncate(domain === '' ? row.practice : `${domain} · ${row.practice}`, room, 11)}
      </text>
      {columns.raters.map((rater, index) => {
        const status = Object.hasOwn(row.ratings, rater) ? row.ratings[rater] : undefined;
        return (
          <g key={rater} class="dm-cell" data-rater={attr(rater)} data-status={status ?? 'none'}>
            <title>{statusTitle(rater === '' ? UNNAMED : rater, row, status)}</title>
            {statusBody({ x: raterX(index), width: CELL_W, height: CELL_H, status: status ?? null, emphasis: false }, NOT_RATED_STYLE.label)}
          </g>
        );
      })}
      <g class="dm-cell dm-resolved" data-status={row.resolved ?? 'open'}>
        <title>{row.resolved === null ? `${row.title} — still open` : statusTitle('resolved', row, row.resolved)}</title>
        {statusBody({ x: columns.resolvedX, width: CELL_W, height: CELL_H, status: row.resolved, emphasis: true }, 'Open')}
      </g>
      {spreadView(spread, columns.spreadX)}
    </g>
  );
}

function headerView(columns: Columns, top: number): JSX.Element {
  const bottom = top + HEADER_H;
  const heading = (x: number, text: string, key: string): JSX.Element => {
    const lines = wrapText(text, CELL_W - 4, 11.5, 2, true);
    return (
      <text key={key} x={px(x + CELL_W / 2)} y={px(bottom - 8 - (lines.length - 1) * 14)} text-anchor="middle" font-weight={600}>
        <title>{text}</title>
        {lines.map((line, index) => (
          <tspan key={String(index)} x={px(x + CELL_W / 2)} dy={index === 0 ? 0 : 14}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
  return (
    <g class="dm-header" font-size={11.5}>
      <text x={PAD} y={bottom - 8} font-weight={600}>
        Practice
      </text>
      {columns.raters.map((rater, index) => heading(raterX(index), rater === '' ? UNNAMED : rater, `rater-${rater}`))}
      {heading(columns.resolvedX, 'Resolved', 'resolved')}
      <text x={px(columns.spreadX)} y={bottom - 22} font-weight={600}>
        Spread
      </text>
      {ORDINAL_LABELS.map((label, rank) => (
        <text key={label} x={px(trackX(columns.spreadX, rank))} y={bottom - 6} text-anchor="middle" font-size={10} fill={INK.muted}>
          {label}
        </text>
      ))}
    </g>
  );
}

function legendEntries(): LegendEntry[] {
  const statuses: readonly AnswerStatus[] = ['implemented', 'partial', 'not-implemented', 'not-applicable', 'unknown'];
  return statuses.map((status) => {
    const width = Math.ceil(36 + textWidth(STATUS_STYLES[status].label, 12));
    return {
      key: status,
      swatchWidth: width,
      swatch: (x: number, y: number) => <g transform={`translate(${px(x)},${px(y - 3)})`}>{statusBody({ x: 0, width, height: 22, status, emphasis: false }, '')}</g>,
      label: STATUS_NAMES[status],
    };
  });
}

/** Practices where raters disagree: a column per rater and the resolved status, each cell with colour, glyph and word, plus the spread. */
export function DisagreementMap(props: DisagreementMapProps): JSX.Element {
  const raters = props.raters ?? ratersOf(props.rows);
  const columns = columnsFor(raters);
  const width = Math.max(columns.width, 640);
  const titleHeight = props.title === undefined ? 0 : TITLE_BLOCK;
  const label = props.title ?? 'Rater disagreements';
  if (props.rows.length === 0) {
    return (
      <ChartFrame width={width} height={titleHeight + 2 * PAD + EMPTY_H} kind="disagreement" label={label}>
        {props.title === undefined ? null : <ChartTitle text={props.title} width={width} />}
        <EmptyState x={PAD} y={PAD + titleHeight} width={width - 2 * PAD} height={EMPTY_H} message={props.emptyMessage ?? 'No disagreements: the raters agree on every practice.'} />
      </ChartFrame>
    );
  }
  const legend = legendEntries();
  const legendTop = PAD + titleHeight;
  const headerTop = legendTop + captionedLegendHeight(legend, width - 2 * PAD, 'Status') + 6;
  const rowsTop = headerTop + HEADER_H + 6;
  const height = rowsTop + props.rows.length * ROW_STEP + PAD;
  return (
    <ChartFrame width={width} height={height} kind="disagreement" label={label}>
      {props.title === undefined ? null : <ChartTitle text={props.title} width={width} />}
      <Legend x={PAD} y={legendTop} maxWidth={width - 2 * PAD} entries={legend} caption="Status" />
      {headerView(columns, headerTop)}
      <line class="dm-divider" x1={px(columns.resolvedX - RESOLVED_GAP / 2)} x2={px(columns.resolvedX - RESOLVED_GAP / 2)} y1={headerTop + 4} y2={height - PAD - (ROW_STEP - CELL_H)} stroke={INK.grid} />
      <g class="dm-body">{props.rows.map((row, index) => rowView(row, rowsTop + index * ROW_STEP, columns, props.domainLabels))}</g>
    </ChartFrame>
  );
}
