import type { ComponentChildren, JSX } from 'preact';
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Radar, Trend } from '../../../src/charts/index.js';
import { domainNames, levelText, radarSeries, trendCheckpoints } from './team-data.js';
import type { TeamSummary } from './types.js';

interface ChartCardProps {
  readonly heading: string;
  readonly note?: ComponentChildren;
  /** Draws the chart for the width of the card's body in px (undefined before it is measured). */
  readonly chart: (width: number | undefined) => JSX.Element;
  readonly table: () => JSX.Element;
  readonly kind: 'radar' | 'trend';
}

const WIDTH_STEP = 20;

/** The width of an element in px, rounded down to {@link WIDTH_STEP} so small resizes do not redraw the chart. */
function useWidth(element: { current: HTMLElement | null }): number | undefined {
  const [width, setWidth] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const target = element.current;
    if (target === null) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) setWidth(Math.floor(entry.contentRect.width / WIDTH_STEP) * WIDTH_STEP);
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
    };
  }, [element]);
  return width;
}

/** A chart with its text alternative: a button swaps the SVG for a table of the same numbers. */
function ChartCard({ heading, note, chart, table, kind }: ChartCardProps): JSX.Element {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const width = useWidth(body);
  return (
    <section class={`card chart-card chart-${kind}`} aria-labelledby={`${id}-heading`}>
      <div class="card-head">
        <h2 id={`${id}-heading`}>{heading}</h2>
        <button
          type="button"
          class="small"
          aria-controls={`${id}-body`}
          onClick={() => {
            setAsTable(!asTable);
          }}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {note === undefined ? null : <p class="muted chart-note">{note}</p>}
      <div id={`${id}-body`} ref={body} class={asTable ? 'chart-table' : 'chart-figure'}>
        {asTable ? table() : chart(width)}
      </div>
    </section>
  );
}

function RadarTable({ summary }: { summary: TeamSummary }): JSX.Element {
  const names = domainNames(summary);
  const scores = new Map(summary.scores.map((score) => [score.domain, score] as const));
  return (
    <table class="data">
      <caption class="visually-hidden">Current level, target and previous checkpoint per domain</caption>
      <thead>
        <tr>
          <th scope="col">Domain</th>
          <th scope="col">Now</th>
          <th scope="col">Target</th>
          <th scope="col">Previous</th>
        </tr>
      </thead>
      <tbody>
        {summary.radar.map((entry) => {
          const score = scores.get(entry.domain);
          return (
            <tr key={entry.domain} data-domain={entry.domain}>
              <th scope="row">{names.get(entry.domain) ?? entry.domain}</th>
              <td class="num">{score === undefined ? '—' : levelText(score)}</td>
              <td class="num">{entry.target ?? '—'}</td>
              <td class="num">{entry.previous ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Radar of current level, target and previous checkpoint, or the same as a table. */
export function RadarCard({ summary, maxLevel }: { readonly summary: TeamSummary; readonly maxLevel: number }): JSX.Element {
  const series = radarSeries(summary);
  const axes = summary.domains.map((domain) => ({ id: domain.id, label: domain.name }));
  const hasPrevious = Object.keys(series.previous).length > 0;
  return (
    <ChartCard
      kind="radar"
      heading="Radar"
      note={`Now as of ${summary.asOf} (evidence ages), target, and the previous checkpoint${summary.previousDate === null ? '' : ` of ${summary.previousDate}`}.`}
      chart={() => (
        <Radar
          axes={axes}
          current={series.current}
          target={series.target}
          {...(hasPrevious ? { previous: series.previous } : {})}
          maxLevel={maxLevel}
          radius={130}
          seriesLabels={{ current: `Now (${summary.asOf})`, previous: `Previous (${summary.previousDate ?? '—'})` }}
        />
      )}
      table={() => <RadarTable summary={summary} />}
    />
  );
}

function TrendTable({ summary }: { summary: TeamSummary }): JSX.Element {
  return (
    <div class="table-scroll">
      <table class="data">
        <caption class="visually-hidden">Level per domain at each final checkpoint</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            {summary.trend.map((point) => (
              <th scope="col" class="num" key={point.date}>
                {point.date}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.domains.map((domain, index) => (
            <tr key={domain.id} data-domain={domain.id}>
              <th scope="row">{domain.name}</th>
              {summary.trend.map((point) => (
                <td class="num" key={point.date}>
                  {point.levels[index] ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">— : not assessed or not applicable at that checkpoint.</p>
    </div>
  );
}

const MIN_TREND_WIDTH = 440;
const DEFAULT_TREND_WIDTH = 720;

/** Level per domain over the final checkpoints, drawn at the card's width (its legend then fits), or the same as a table. */
export function TrendCard({ summary, maxLevel }: { readonly summary: TeamSummary; readonly maxLevel: number }): JSX.Element {
  const series = summary.domains.map((domain) => ({ id: domain.id, label: domain.name }));
  return (
    <ChartCard
      kind="trend"
      heading="Trend"
      note={`Level per domain at each final checkpoint (${summary.trend.length}), each judged as of its own date.`}
      chart={(width) => (
        <Trend series={series} checkpoints={trendCheckpoints(summary)} maxLevel={maxLevel} width={Math.max(MIN_TREND_WIDTH, width ?? DEFAULT_TREND_WIDTH)} plotHeight={220} emptyMessage="No final checkpoint yet." />
      )}
      table={() => <TrendTable summary={summary} />}
    />
  );
}
