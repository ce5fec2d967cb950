import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { belowTarget, cellTooltip } from '../../../src/charts/heatmap-model.js';
import type { HeatmapColumn } from '../../../src/charts/heatmap-model.js';
import { cellStyle, formatLevel, NOT_APPLICABLE_STYLE } from '../../../src/charts/palette.js';
import type { CellStyle } from '../../../src/charts/palette.js';
import { onLinkClick, pathWithQuery } from '../router.js';
import type { DashboardCell, DashboardRow, GridLine } from './heatmap-data.js';

/**
 * Teams × domains as an ARIA grid. Only the rows in view (plus a margin) are in the DOM, so 2,000
 * teams scroll as smoothly as 20. The header row and the team column stay in place while scrolling.
 * Keyboard: one cell is in the tab order; arrows, Home/End and Page Up/Down move it, Enter opens it.
 */

/** Row height in px; the stylesheet uses the same value (--hm-row-h). */
export const ROW_H = 32;
const HEADER_H = 76;
const OVERSCAN = 10;
const LABEL_W = 220;
const CELL_W = 76;

interface GridProps {
  readonly columns: readonly HeatmapColumn[];
  readonly lines: readonly GridLine[];
  readonly maxLevel: number;
}

interface Position {
  readonly line: number;
  readonly column: number;
}

interface Viewport {
  readonly top: number;
  readonly height: number;
}

/** The first and last line (inclusive) to render for a scroll position. */
export function visibleRange(viewport: Viewport, count: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(viewport.top / ROW_H) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((viewport.top + viewport.height - HEADER_H) / ROW_H) + OVERSCAN);
  return { first, last };
}

/** Address of a team's page, opened at one domain. */
export function teamHref(teamId: string, domain?: string): string {
  return pathWithQuery(`/teams/${encodeURIComponent(teamId)}`, { domain });
}

function useViewport(scroller: { current: HTMLDivElement | null }): Viewport {
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      setViewport((before) => (before.top === element.scrollTop && before.height === element.clientHeight ? before : { top: element.scrollTop, height: element.clientHeight }));
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    measure();
    element.addEventListener('scroll', schedule, { passive: true });
    const observer = new ResizeObserver(schedule);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', schedule);
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [scroller]);
  return viewport;
}

/** Memoises cell paint per state and level: a 2,000-team map has only a handful of distinct ones. */
function styleCache(maxLevel: number): (cell: DashboardCell) => CellStyle {
  const cache = new Map<string, CellStyle>();
  return (cell) => {
    const key = `${cell.state}:${cell.level ?? '-'}`;
    let style = cache.get(key);
    if (style === undefined) {
      style = cellStyle(cell.state, cell.level, maxLevel);
      cache.set(key, style);
    }
    return style;
  };
}

const HATCH = `repeating-linear-gradient(135deg, ${NOT_APPLICABLE_STYLE.stripe} 0 1.5px, ${NOT_APPLICABLE_STYLE.background} 1.5px 7px)`;

function cellLabel(row: DashboardRow, column: HeatmapColumn, cell: DashboardCell): string {
  const stale = cell.stale > 0 ? `, ${cell.stale} stale answer${cell.stale === 1 ? '' : 's'}` : '';
  return `${cellTooltip(row.label, column.label, cell)}${stale}`;
}

function deltaMark(delta: number | null): string | undefined {
  if (delta === null || delta === 0) return undefined;
  return `${delta > 0 ? '▲' : '▼'}${formatLevel(Math.abs(delta))}`;
}

interface CellProps {
  readonly row: DashboardRow;
  readonly column: HeatmapColumn;
  readonly cell: DashboardCell;
  readonly style: CellStyle;
  readonly line: number;
  readonly index: number;
  readonly active: boolean;
}

function Cell({ row, column, cell, style, line, index, active }: CellProps): JSX.Element {
  const delta = deltaMark(cell.delta);
  const paint = { background: style.pattern ? HATCH : style.fill, color: style.text };
  const classes = ['hm-cell', style.dashed ? 'hm-incomplete' : '', belowTarget(cell) ? 'hm-below' : ''].filter((name) => name !== '').join(' ');
  return (
    <div role="gridcell" class="hm-slot">
      <a
        class={classes}
        href={teamHref(row.id, column.id)}
        onClick={onLinkClick}
        tabIndex={active ? 0 : -1}
        style={paint}
        aria-label={cellLabel(row, column, cell)}
        title={cellLabel(row, column, cell)}
        data-r={line}
        data-c={index + 1}
        data-team={row.id}
        data-domain={column.id}
        data-level={cell.level === null ? '' : String(cell.level)}
      >
        <span class="hm-num">{style.label}</span>
        {delta === undefined ? null : <span class={cell.delta !== null && cell.delta > 0 ? 'hm-delta hm-up' : 'hm-delta hm-down'}>{delta}</span>}
        {cell.stale > 0 ? <span class="hm-stale" /> : null}
      </a>
    </div>
  );
}

interface RowProps {
  readonly line: number;
  readonly row: DashboardRow;
  readonly columns: readonly HeatmapColumn[];
  readonly paint: (cell: DashboardCell) => CellStyle;
  readonly activeColumn: number | undefined;
}

function TeamRow({ line, row, columns, paint, activeColumn }: RowProps): JSX.Element {
  return (
    <div role="row" class="hm-row" aria-rowindex={line + 2} style={{ top: `${line * ROW_H}px` }} data-team-row={row.id}>
      <div role="rowheader" class="hm-label">
        <a href={teamHref(row.id)} onClick={onLinkClick} tabIndex={activeColumn === 0 ? 0 : -1} data-r={line} data-c={0} title={row.group === undefined ? row.label : `${row.label} (${row.group})`}>
          {row.label}
        </a>
      </div>
      {columns.map((column, index) => {
        const cell = row.cells[index];
        return cell === undefined ? <div role="gridcell" class="hm-slot" key={column.id} /> : <Cell key={column.id} row={row} column={column} cell={cell} style={paint(cell)} line={line} index={index} active={activeColumn === index + 1} />;
      })}
    </div>
  );
}

function GroupRow({ line, group, count, columns }: { line: number; group: string; count: number; columns: number }): JSX.Element {
  return (
    <div role="row" class="hm-group" aria-rowindex={line + 2} style={{ top: `${line * ROW_H}px` }}>
      <div role="rowheader" class="hm-group-name" aria-colspan={columns + 1}>
        {group} <span class="muted">· {count === 1 ? '1 team' : `${count} teams`}</span>
      </div>
    </div>
  );
}

function nextTeamLine(lines: readonly GridLine[], from: number, step: number): number {
  for (let index = from + step; index >= 0 && index < lines.length; index += step) if (lines[index]?.kind === 'team') return index;
  return from;
}

function firstTeamLine(lines: readonly GridLine[], from: number): number {
  for (let index = Math.max(0, from); index < lines.length; index += 1) if (lines[index]?.kind === 'team') return index;
  return -1;
}

/** Where a key moves the active cell, or undefined for keys the grid leaves alone. */
function moveFor(key: string, ctrl: boolean, position: Position, lines: readonly GridLine[], columns: number, pageRows: number): Position | undefined {
  const { line, column } = position;
  if (key === 'ArrowRight') return { line, column: Math.min(columns, column + 1) };
  if (key === 'ArrowLeft') return { line, column: Math.max(0, column - 1) };
  if (key === 'ArrowDown') return { line: nextTeamLine(lines, line, 1), column };
  if (key === 'ArrowUp') return { line: nextTeamLine(lines, line, -1), column };
  if (key === 'Home') return ctrl ? { line: firstTeamLine(lines, 0), column: 0 } : { line, column: 0 };
  if (key === 'End') return ctrl ? { line: nextTeamLine(lines, lines.length, -1), column: columns } : { line, column: columns };
  if (key === 'PageDown') return { line: nextTeamLine(lines, Math.min(lines.length - 1, line + pageRows) - 1, 1), column };
  if (key === 'PageUp') return { line: nextTeamLine(lines, Math.max(0, line - pageRows) + 1, -1), column };
  return undefined;
}

/** The scroll position that shows `line` below the sticky header, moving as little as possible. */
function scrollToShow(element: HTMLElement, line: number): void {
  const top = line * ROW_H;
  const bottom = HEADER_H + (line + 1) * ROW_H - element.clientHeight;
  if (element.scrollTop > top) element.scrollTop = top;
  else if (element.scrollTop < bottom) element.scrollTop = bottom;
}

/** The virtualised heatmap grid. */
export function HeatmapGrid({ columns, lines, maxLevel }: GridProps): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const viewport = useViewport(scroller);
  const paint = useMemo(() => styleCache(maxLevel), [maxLevel]);
  const [active, setActive] = useState<Position>({ line: -1, column: 1 });
  const focusPending = useRef(false);
  const { first, last } = visibleRange(viewport, lines.length);
  // The active cell must be rendered to be in the tab order: when it scrolled away, the first row in view takes over.
  const activeLine = active.line >= first && active.line <= last && lines[active.line]?.kind === 'team' ? active.line : firstTeamLine(lines, Math.floor(viewport.top / ROW_H));
  // A layout effect, so focus lands on the new cell before the next key press is handled.
  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-r="${active.line}"][data-c="${active.column}"]`)?.focus();
  });
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    if (target.dataset['r'] === undefined || scroller.current === null) return;
    const from = { line: Number(target.dataset['r']), column: Number(target.dataset['c']) };
    const pageRows = Math.max(1, Math.floor((scroller.current.clientHeight - HEADER_H) / ROW_H) - 1);
    const to = moveFor(event.key, event.ctrlKey || event.metaKey, from, lines, columns.length, pageRows);
    if (to === undefined || to.line < 0) return;
    event.preventDefault();
    scrollToShow(scroller.current, to.line);
    focusPending.current = true;
    setActive(to);
  };
  const layout = {
    '--hm-cols': String(columns.length),
    '--hm-label-w': `${LABEL_W}px`,
    '--hm-cell-w': `${CELL_W}px`,
    '--hm-min-w': `${LABEL_W + columns.length * CELL_W}px`,
    '--hm-header-h': `${HEADER_H}px`,
    '--hm-row-h': `${ROW_H}px`,
  };
  const rendered: JSX.Element[] = [];
  for (let index = first; index <= last; index += 1) {
    const line = lines[index];
    if (line === undefined) continue;
    if (line.kind === 'group') rendered.push(<GroupRow key={`group:${line.group}`} line={index} group={line.group} count={line.count} columns={columns.length} />);
    else rendered.push(<TeamRow key={line.row.id} line={index} row={line.row} columns={columns} paint={paint} activeColumn={index === activeLine ? active.column : undefined} />);
  }
  return (
    <div
      ref={scroller}
      class="hm-scroll"
      role="grid"
      aria-label="Maturity heatmap: teams by domain"
      aria-rowcount={lines.length + 1}
      aria-colcount={columns.length + 1}
      style={{ ...layout, height: `${HEADER_H + lines.length * ROW_H + 2}px` }}
      onKeyDown={onKeyDown}
    >
      <div role="row" class="hm-header" aria-rowindex={1}>
        <div role="columnheader" class="hm-corner">
          Team
        </div>
        {columns.map((column) => (
          <div role="columnheader" class="hm-colhead" key={column.id} title={column.label} data-domain={column.id}>
            <span>{column.label}</span>
          </div>
        ))}
      </div>
      <div role="rowgroup" class="hm-body" style={{ height: `${lines.length * ROW_H}px` }}>
        {rendered}
      </div>
    </div>
  );
}
