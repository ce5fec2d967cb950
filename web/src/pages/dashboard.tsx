import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { belowTarget } from '../../../src/charts/heatmap-model.js';
import { apiGet } from '../api.js';
import type { ApiResult } from '../api.js';
import type { DueBody, HeatmapBody } from '../api-types.js';
import { dashboardData, filterRows, gridLines, levelDistribution, SORT_LABELS } from '../dashboard/heatmap-data.js';
import type { DashboardData, SortKey } from '../dashboard/heatmap-data.js';
import { HeatmapGrid } from '../dashboard/heatmap-grid.js';
import { DueList, LevelDistribution, Legend } from '../dashboard/panels.js';
import { DatePicker, GroupSelect, ReportMenu, ShownDate } from '../dashboard/controls.js';
import { dashboardHref, groupsOf, heatmapPath, scopeFromQuery } from '../dashboard/view-query.js';
import type { DashboardScope } from '../dashboard/view-query.js';
import '../dashboard/dashboard.css';
import { useDraft } from '../drafts.js';
import { navigate, routeStore } from '../router.js';
import { useStore } from '../store.js';
import { Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';

interface ViewOptions {
  readonly filter: string;
  readonly sort: SortKey;
  readonly groupBy: boolean;
}

const DEFAULT_VIEW: ViewOptions = { filter: '', sort: 'name', groupBy: true };

/** One GET, sent again when `attempt` changes; undefined while it is on its way. */
function useGet<T>(path: string, attempt: number): ApiResult<T> | undefined {
  const [result, setResult] = useState<ApiResult<T> | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setResult(undefined);
    void apiGet<T>(path).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [path, attempt]);
  return result;
}

function Toolbar({ view, onChange, shown, total }: { view: ViewOptions; onChange: (view: ViewOptions) => void; shown: number; total: number }): JSX.Element {
  return (
    <div class="toolbar" role="search" aria-label="Filter and sort the heatmap">
      <div class="field inline">
        <label for="team-filter">Filter teams</label>
        <input
          id="team-filter"
          type="search"
          value={view.filter}
          placeholder="Name, id or group"
          aria-describedby="team-count"
          onInput={(event) => {
            onChange({ ...view, filter: event.currentTarget.value });
          }}
        />
      </div>
      <div class="field inline">
        <label for="team-sort">Sort by</label>
        <select
          id="team-sort"
          value={view.sort}
          onChange={(event) => {
            onChange({ ...view, sort: event.currentTarget.value as SortKey });
          }}
        >
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={view.groupBy}
          onChange={(event) => {
            onChange({ ...view, groupBy: event.currentTarget.checked });
          }}
        />
        Group by team group
      </label>
      <p id="team-count" class="muted count" aria-live="polite">
        {shown === total ? `${total} team${total === 1 ? '' : 's'}` : `${shown} of ${total} teams`}
      </p>
    </div>
  );
}

function Figures({ data, shown }: { data: DashboardData; shown: DashboardData['rows'] }): JSX.Element {
  const below = shown.reduce((sum, row) => sum + row.cells.filter(belowTarget).length, 0);
  const stale = shown.filter((row) => row.staleAnswers > 0).length;
  const never = shown.filter((row) => row.date === null).length;
  return (
    <dl class="figures">
      <div>
        <dt>As of</dt>
        <dd>{data.date}</dd>
      </div>
      <div>
        <dt>Cells below target</dt>
        <dd>{below}</dd>
      </div>
      <div>
        <dt>Teams with stale evidence</dt>
        <dd>{stale}</dd>
      </div>
      <div>
        <dt>Never assessed</dt>
        <dd>{never}</dd>
      </div>
    </dl>
  );
}

function DueSection({ due }: { due: ApiResult<DueBody> | undefined }): JSX.Element {
  if (due?.ok === true) return <DueList rows={due.value.teams} windowDays={due.value.windowDays} />;
  return (
    <section class="card">
      <h2>Due or overdue</h2>
      {due === undefined ? <Loading what="the teams due" /> : <ProblemBox problem={due.problem} />}
    </section>
  );
}

function EmptyHeatmap({ scope, filter }: { scope: DashboardScope; filter: string }): JSX.Element {
  if (filter !== '') return <p>No team matches “{filter}”. Clear the filter to see all teams.</p>;
  if (scope.group !== '') return <p>No team you can see is in the group “{scope.group}”. Choose All groups.</p>;
  return <p>No team yet. An admin adds teams under Admin, or imports a workspace.</p>;
}

function Ready({ data, due, scope }: { data: DashboardData; due: ApiResult<DueBody> | undefined; scope: DashboardScope }): JSX.Element {
  const [view, setView] = useDraft<ViewOptions>('dashboard.view', DEFAULT_VIEW);
  const shown = useMemo(() => filterRows(data.rows, view.filter), [data, view.filter]);
  const lines = useMemo(() => gridLines(shown, view.sort, view.groupBy), [shown, view.sort, view.groupBy]);
  const distribution = useMemo(() => levelDistribution(data, shown), [data, shown]);
  return (
    <>
      <Figures data={data} shown={shown} />
      <section class="card heatmap-card" aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">Heatmap</h2>
        <Toolbar view={view} onChange={setView} shown={shown.length} total={data.rows.length} />
        {shown.length === 0 ? (
          <EmptyHeatmap scope={scope} filter={data.rows.length === 0 ? '' : view.filter} />
        ) : (
          <HeatmapGrid columns={data.columns} lines={lines} maxLevel={data.maxLevel} />
        )}
        <Legend maxLevel={data.maxLevel} levelNames={data.levelNames} />
      </section>
      <div class="columns">
        <LevelDistribution data={data} distribution={distribution} />
        <DueSection due={due} />
      </div>
    </>
  );
}

/** The groups for the group select: from the teams list, which does not change with the chosen group. */
function useGroups(attempt: number): readonly string[] | undefined {
  const teams = useGet<{ teams: readonly { group: string | null }[] }>('/api/v1/teams', attempt);
  return useMemo(() => (teams?.ok === true ? groupsOf(teams.value.teams) : undefined), [teams]);
}

/**
 * The organisation dashboard: heatmap of every readable team (of one group, as of a date), level
 * distribution, teams due, report downloads. Each part shows as soon as its data arrives.
 */
export function DashboardPage(): JSX.Element {
  useTitle('Dashboard');
  const route = useStore(routeStore);
  const scope = useMemo(() => scopeFromQuery(route.location.query), [route]);
  const [attempt, setAttempt] = useState(0);
  const heatmap = useGet<HeatmapBody>(heatmapPath(scope), attempt);
  const due = useGet<DueBody>('/api/v1/due', attempt);
  const groups = useGroups(attempt);
  const data = useMemo(() => (heatmap?.ok === true ? dashboardData(heatmap.value) : undefined), [heatmap]);
  const changeScope = (next: DashboardScope): void => {
    navigate(dashboardHref(next), { replace: true });
  };
  return (
    <>
      <div class="page-head">
        <PageHeading>Organisation dashboard</PageHeading>
        <div class="dash-head-actions">
          <ReportMenu scope={scope} />
          <button
            type="button"
            onClick={() => {
              setAttempt(attempt + 1);
            }}
            disabled={heatmap === undefined}
          >
            Refresh
          </button>
        </div>
      </div>
      <div class="dash-scope" role="group" aria-label="Which teams and which date">
        <GroupSelect scope={scope} onChange={changeScope} groups={groups} />
        <DatePicker scope={scope} onChange={changeScope} />
      </div>
      {data === undefined ? null : <ShownDate date={data.date} past={scope.date !== ''} />}
      {heatmap === undefined ? <Loading what="the heatmap" /> : null}
      {heatmap !== undefined && !heatmap.ok ? <ProblemBox problem={heatmap.problem} /> : null}
      {data === undefined ? null : <Ready data={data} due={due} scope={scope} />}
    </>
  );
}
