import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { cellStyle, levelColor, NOT_APPLICABLE_STYLE, textColorOn, UNASSESSED_STYLE } from '../../../src/charts/palette.js';
import type { DueRow } from '../api-types.js';
import { Link } from '../ui.js';
import type { DashboardData, DomainDistribution } from './heatmap-data.js';
import { teamHref } from './heatmap-grid.js';

/** What the colours and marks of the heatmap mean. */
export function Legend({ maxLevel, levelNames }: { readonly maxLevel: number; readonly levelNames: ReadonlyMap<number, string> }): JSX.Element {
  const levels = Array.from({ length: maxLevel + 1 }, (_, level) => level);
  const incomplete = cellStyle('incomplete', Math.min(1, maxLevel), maxLevel);
  return (
    <ul class="legend" aria-label="Legend">
      {levels.map((level) => {
        const fill = levelColor(level, maxLevel);
        return (
          <li key={level}>
            <span class="swatch" style={{ background: fill, color: textColorOn(fill) }}>
              {level}
            </span>
            {levelNames.get(level) ?? `Level ${level}`}
          </li>
        );
      })}
      <li>
        <span class="swatch hm-incomplete" style={{ background: incomplete.fill, color: incomplete.text }}>
          {incomplete.label}
        </span>
        incomplete (answers missing)
      </li>
      <li>
        <span class="swatch" style={{ background: UNASSESSED_STYLE.fill, color: UNASSESSED_STYLE.text }}>
          {UNASSESSED_STYLE.label}
        </span>
        not assessed
      </li>
      <li>
        <span class="swatch" style={{ background: NOT_APPLICABLE_STYLE.background, color: NOT_APPLICABLE_STYLE.text }}>
          n/a
        </span>
        not applicable
      </li>
      <li>
        <span class="swatch hm-below legend-plain">&nbsp;</span>below target
      </li>
      <li>
        <span class="legend-mark">▲▼</span>change since the previous checkpoint
      </li>
      <li>
        <span class="swatch legend-plain">
          <span class="hm-stale" />
        </span>
        stale evidence
      </li>
    </ul>
  );
}

function share(count: number, total: number): string {
  return total === 0 ? '0%' : `${((count / total) * 100).toFixed(2)}%`;
}

function DistributionBar({ entry, maxLevel }: { readonly entry: DomainDistribution; readonly maxLevel: number }): JSX.Element {
  const total = entry.levels.reduce((sum, count) => sum + count, 0) + entry.unassessed + entry.notApplicable;
  const parts = [
    ...entry.levels.map((count, level) => ({ key: `l${level}`, count, fill: levelColor(level, maxLevel), label: `level ${level}` })),
    { key: 'u', count: entry.unassessed, fill: UNASSESSED_STYLE.fill, label: 'not assessed' },
    { key: 'na', count: entry.notApplicable, fill: NOT_APPLICABLE_STYLE.stripe, label: 'not applicable' },
  ].filter((part) => part.count > 0);
  const summary = parts.map((part) => `${part.count} ${part.label}`).join(', ');
  return (
    <div class="dist-bar" role="img" aria-label={`${entry.column.label}: ${summary}`} title={summary}>
      {parts.map((part) => (
        <span key={part.key} class="dist-part" style={{ width: share(part.count, total), background: part.fill, color: textColorOn(part.fill) }}>
          {part.count / total >= 0.07 ? part.count : ''}
        </span>
      ))}
    </div>
  );
}

/** Per domain, how many teams stand at each level (a stacked bar). */
export function LevelDistribution({ data, distribution }: { readonly data: DashboardData; readonly distribution: readonly DomainDistribution[] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="distribution-heading">
      <h2 id="distribution-heading">Level distribution</h2>
      <p class="muted">Teams at each level per domain{data.rows.length === 0 ? '' : ', for the teams shown'}.</p>
      <table class="dist">
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Teams by level</th>
          </tr>
        </thead>
        <tbody>
          {distribution.map((entry) => (
            <tr key={entry.column.id}>
              <th scope="row">{entry.column.label}</th>
              <td>
                <DistributionBar entry={entry} maxLevel={data.maxLevel} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const STATUS_TEXT: Readonly<Record<DueRow['status'], string>> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  'never-assessed': 'Never assessed',
  'on-track': 'On track',
};

function whenText(row: DueRow): string {
  if (row.daysLeft === null || row.nextDue === null) return 'no checkpoint yet';
  if (row.daysLeft < 0) return `${-row.daysLeft} day${row.daysLeft === -1 ? '' : 's'} overdue (due ${row.nextDue})`;
  if (row.daysLeft === 0) return `due today (${row.nextDue})`;
  return `in ${row.daysLeft} day${row.daysLeft === 1 ? '' : 's'} (${row.nextDue})`;
}

const FIRST_SHOWN = 10;

/** Teams due for reassessment, overdue or never assessed, most urgent first. */
export function DueList({ rows, windowDays }: { readonly rows: readonly DueRow[]; readonly windowDays: number }): JSX.Element {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FIRST_SHOWN);
  return (
    <section class="card" aria-labelledby="due-heading">
      <h2 id="due-heading">Due or overdue</h2>
      <p class="muted">
        {rows.length === 0 ? `No team is due within ${windowDays} days.` : `${rows.length} team${rows.length === 1 ? '' : 's'} to reassess within ${windowDays} days or already late.`}
      </p>
      {rows.length === 0 ? null : (
        <table class="due">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Status</th>
              <th scope="col">When</th>
              <th scope="col">Last checkpoint</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.team}>
                <td>
                  <Link href={teamHref(row.team)}>{row.name}</Link>
                  {row.group === null ? null : <span class="muted"> · {row.group}</span>}
                </td>
                <td>
                  <span class={`badge badge-${row.status}`}>{STATUS_TEXT[row.status]}</span>
                </td>
                <td>{whenText(row)}</td>
                <td>{row.lastCheckpoint ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > FIRST_SHOWN ? (
        <button
          type="button"
          class="link-button"
          aria-expanded={all}
          onClick={() => {
            setAll(!all);
          }}
        >
          {all ? `Show the first ${FIRST_SHOWN}` : `Show all ${rows.length}`}
        </button>
      ) : null}
    </section>
  );
}
