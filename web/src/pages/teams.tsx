import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { cellStyle } from '../../../src/charts/palette.js';
import type { ApiResult } from '../api.js';
import type { DueBody, HeatmapBody } from '../api-types.js';
import { dashboardData } from '../dashboard/heatmap-data.js';
import type { DashboardData } from '../dashboard/heatmap-data.js';
import { teamHref } from '../dashboard/heatmap-grid.js';
import { useDraft } from '../drafts.js';
import { DUE_LABELS, dueText } from '../team/team-data.js';
import { ALL_TEAMS_WINDOW, cellText, filterTeamRows, groupsOf, levelSummary, NO_GROUP, teamListRows } from '../team/teams-data.js';
import type { TeamListRow } from '../team/teams-data.js';
import { useGet } from '../team/use-api.js';
import { Loading, Link, PageHeading, ProblemBox, useTitle } from '../ui.js';
import '../team/team.css';

interface ListView {
  readonly text: string;
  readonly group: string;
}

function Filters({ view, onChange, groups, shown, total }: { view: ListView; onChange: (view: ListView) => void; groups: readonly string[]; shown: number; total: number }): JSX.Element {
  return (
    <div class="toolbar" role="search" aria-label="Find a team">
      <div class="field inline">
        <label for="teams-search">Search</label>
        <input
          id="teams-search"
          type="search"
          value={view.text}
          placeholder="Name, id or group"
          aria-describedby="teams-count"
          onInput={(event) => {
            onChange({ ...view, text: event.currentTarget.value });
          }}
        />
      </div>
      <div class="field inline">
        <label for="teams-group">Group</label>
        <select
          id="teams-group"
          value={view.group}
          onChange={(event) => {
            onChange({ ...view, group: event.currentTarget.value });
          }}
        >
          <option value="">All groups</option>
          {groups.map((group) => (
            <option key={group} value={group}>
              {group === NO_GROUP ? 'No group' : group}
            </option>
          ))}
        </select>
      </div>
      <p id="teams-count" class="muted count" aria-live="polite">
        {shown === total ? `${total} team${total === 1 ? '' : 's'}` : `${shown} of ${total} teams`}
      </p>
    </div>
  );
}

function MiniLevels({ data, entry }: { data: DashboardData; entry: TeamListRow }): JSX.Element {
  if (entry.row.date === null) return <span class="muted">not assessed yet</span>;
  return (
    <span class="mini-levels" role="img" aria-label={`Levels: ${levelSummary(data, entry.row)}`}>
      {data.columns.map((column, index) => {
        const cell = entry.row.cells[index];
        const paint = cellStyle(cell?.state ?? 'unassessed', cell?.level ?? null, data.maxLevel);
        return (
          <span key={column.id} class={`mini-cell${paint.dashed ? ' mini-incomplete' : ''}${paint.pattern ? ' mini-na' : ''}`} data-domain={column.id} style={{ background: paint.fill, color: paint.text }} title={`${column.label}: ${cell === undefined ? 'not assessed' : cellText(cell)}`}>
            {paint.label}
          </span>
        );
      })}
    </span>
  );
}

function DueCell({ entry, due }: { entry: TeamListRow; due: ApiResult<DueBody> | undefined }): JSX.Element {
  if (due === undefined) return <span class="muted">…</span>;
  if (entry.due === undefined || entry.status === undefined) return <span class="muted">—</span>;
  return (
    <>
      <span class={`badge badge-${entry.status}`}>{DUE_LABELS[entry.status]}</span>
      {entry.status === 'never-assessed' ? null : <div class="muted small-text">{dueText(entry.due)}</div>}
    </>
  );
}

function TeamsTable({ data, rows, due }: { data: DashboardData; rows: readonly TeamListRow[]; due: ApiResult<DueBody> | undefined }): JSX.Element {
  return (
    <div class="table-scroll">
      <table class="data teams-table">
        <caption class="visually-hidden">Teams with their latest checkpoint, levels and reassessment status</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Group</th>
            <th scope="col">Latest checkpoint</th>
            <th scope="col">Levels per domain</th>
            <th scope="col">Reassessment</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.row.id} data-team={entry.row.id}>
              <td>
                <Link href={teamHref(entry.row.id)}>{entry.row.label}</Link>
                <div class="muted small-text">{entry.row.id}</div>
              </td>
              <td>{entry.row.group ?? '—'}</td>
              <td>{entry.row.date ?? <span class="muted">never</span>}</td>
              <td>
                <MiniLevels data={data} entry={entry} />
              </td>
              <td>
                <DueCell entry={entry} due={due} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Ready({ data, due }: { data: DashboardData; due: ApiResult<DueBody> | undefined }): JSX.Element {
  const [view, setView] = useDraft<ListView>('teams.view', { text: '', group: '' });
  const all = useMemo(() => teamListRows(data, due?.ok === true ? due.value.teams : undefined), [data, due]);
  const groups = useMemo(() => groupsOf(data), [data]);
  const shown = useMemo(() => filterTeamRows(all, view.text, view.group), [all, view.text, view.group]);
  return (
    <section class="card" aria-labelledby="teams-heading">
      <h2 id="teams-heading" class="visually-hidden">
        Teams
      </h2>
      <Filters view={view} onChange={setView} groups={groups} shown={shown.length} total={all.length} />
      {due !== undefined && !due.ok ? <ProblemBox problem={due.problem} /> : null}
      {all.length === 0 ? <p>No team is visible to you yet. An admin adds teams under Admin, and adds you to the teams you work with.</p> : null}
      {all.length > 0 && shown.length === 0 ? <p>No team matches the search and group chosen. Clear the search or choose “All groups”.</p> : null}
      {shown.length > 0 ? (
        <>
          <p class="muted small-text">Levels in domain order: {data.columns.map((column) => column.label).join(' · ')}. “–” not assessed, “?” incomplete.</p>
          <TeamsTable data={data} rows={shown} due={due} />
        </>
      ) : null}
    </section>
  );
}

/** Every team the user may see: search, group filter, latest checkpoint, a level per domain and the reassessment status. */
export function TeamsPage(): JSX.Element {
  useTitle('Teams');
  const [attempt, setAttempt] = useState(0);
  const heatmap = useGet<HeatmapBody>('/api/v1/heatmap', attempt);
  const due = useGet<DueBody>(`/api/v1/due?windowDays=${ALL_TEAMS_WINDOW}`, attempt);
  const data = useMemo(() => (heatmap?.ok === true ? dashboardData(heatmap.value) : undefined), [heatmap]);
  return (
    <>
      <div class="page-head">
        <PageHeading>Teams</PageHeading>
        <button type="button" onClick={() => { setAttempt(attempt + 1); }} disabled={heatmap === undefined}>
          Refresh
        </button>
      </div>
      {heatmap === undefined ? <Loading what="the teams" /> : null}
      {heatmap !== undefined && !heatmap.ok ? <ProblemBox problem={heatmap.problem} /> : null}
      {data === undefined ? null : <Ready data={data} due={due} />}
    </>
  );
}
