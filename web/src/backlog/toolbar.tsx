import type { JSX } from 'preact';
import type { BacklogStatus } from '../../../src/core/persistence/records.js';
import { SelectField } from '../ui.js';
import { EXPORTS, exportHref, isFiltered, NO_FILTER, PRIORITIES, STATUS_LABELS, STATUSES, STRATEGY_CHOICES } from './backlog-data.js';
import type { BacklogFilter, BacklogLayout, BacklogView, TeamInfo } from './backlog-data.js';

interface ToolbarProps {
  readonly view: BacklogView;
  readonly onChange: (view: BacklogView) => void;
  readonly teams: ReadonlyMap<string, TeamInfo>;
  readonly domains: readonly (readonly [string, string])[];
  /** Set on a team's own backlog page: no team or group filter. */
  readonly fixedTeam: string | undefined;
}

/** Risk, ROI or balanced: the server orders the items, so a change loads the backlog again. */
export function StrategySwitch({ view, onChange }: Pick<ToolbarProps, 'view' | 'onChange'>): JSX.Element {
  return (
    <fieldset class="bl-segmented">
      <legend>Order by</legend>
      {STRATEGY_CHOICES.map(([strategy, label, hint]) => (
        <label key={strategy} class={view.strategy === strategy ? 'bl-segment bl-segment-on' : 'bl-segment'} title={hint}>
          <input
            type="radio"
            name="bl-strategy"
            value={strategy}
            checked={view.strategy === strategy}
            onChange={() => {
              onChange({ ...view, strategy });
            }}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

export function LayoutSwitch({ view, onChange }: Pick<ToolbarProps, 'view' | 'onChange'>): JSX.Element {
  const layouts: readonly (readonly [BacklogLayout, string])[] = [
    ['board', 'Board'],
    ['list', 'List'],
  ];
  return (
    <fieldset class="bl-segmented">
      <legend>Show as</legend>
      {layouts.map(([layout, label]) => (
        <label key={layout} class={view.layout === layout ? 'bl-segment bl-segment-on' : 'bl-segment'}>
          <input
            type="radio"
            name="bl-layout"
            value={layout}
            checked={view.layout === layout}
            onChange={() => {
              onChange({ ...view, layout });
            }}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function teamOptions(teams: ReadonlyMap<string, TeamInfo>): [string, string][] {
  return [...teams.values()].sort((a, b) => a.name.localeCompare(b.name, 'en')).map((team) => [team.id, team.name]);
}

function groupOptions(teams: ReadonlyMap<string, TeamInfo>): [string, string][] {
  const groups = [...new Set([...teams.values()].map((team) => team.group).filter((group): group is string => group !== null))];
  return groups.sort((a, b) => a.localeCompare(b, 'en')).map((group) => [group, group]);
}

/** Team, group, status, domain, priority and a search; all applied in memory. */
export function Filters({ view, onChange, teams, domains, fixedTeam }: ToolbarProps): JSX.Element {
  const set = (changes: Partial<BacklogFilter>): void => {
    onChange({ ...view, filter: { ...view.filter, ...changes } });
  };
  return (
    <div class="bl-filters" role="search" aria-label="Filter the backlog">
      <div class="field">
        <label for="bl-search">Search</label>
        <input id="bl-search" type="search" value={view.filter.text} placeholder="Title or key" onInput={(event) => { set({ text: event.currentTarget.value }); }} />
      </div>
      {fixedTeam === undefined ? (
        <>
          <SelectField id="bl-team" label="Team" value={view.filter.team} options={[['', 'All teams'], ...teamOptions(teams)]} onChange={(team) => { set({ team }); }} />
          <SelectField id="bl-group" label="Group" value={view.filter.group} options={[['', 'All groups'], ...groupOptions(teams)]} onChange={(group) => { set({ group }); }} />
        </>
      ) : null}
      <SelectField id="bl-status" label="Status" value={view.filter.status} options={[['', 'Any status'], ...STATUSES.map((status) => [status, STATUS_LABELS[status]] as const)]} onChange={(status) => { set({ status: status as BacklogStatus | '' }); }} />
      <SelectField id="bl-domain" label="Domain" value={view.filter.domain} options={[['', 'All domains'], ...domains]} onChange={(domain) => { set({ domain }); }} />
      <SelectField id="bl-priority" label="Priority" value={view.filter.priority} options={[['', 'Any priority'], ...PRIORITIES.map((priority) => [priority, priority] as const)]} onChange={(priority) => { set({ priority }); }} />
      {isFiltered(view.filter) ? (
        <button type="button" class="bl-clear" onClick={() => { onChange({ ...view, filter: NO_FILTER }); }}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

/** Download links for every export format; they carry the strategy and the filters the server understands. */
export function Exports({ view, fixedTeam }: { view: BacklogView; fixedTeam: string | undefined }): JSX.Element {
  const screenOnly = view.filter.domain !== '' || view.filter.priority !== '' || view.filter.text !== '';
  return (
    <div class="bl-exports">
      <h2 id="bl-exports-heading" class="bl-exports-head">
        Export
      </h2>
      <ul class="bl-export-links" aria-labelledby="bl-exports-heading">
        {EXPORTS.map(([format, label, extension]) => (
          <li key={format}>
            <a href={exportHref(format, view, fixedTeam)} download={`stepwise-backlog.${extension}`} data-format={format}>
              {label}
            </a>
          </li>
        ))}
      </ul>
      <p class="hint">
        Downloads follow the chosen order{fixedTeam === undefined ? ' and the team, group and status filters' : ' and the status filter'}.
        {screenOnly ? ' The domain, priority and search filters narrow this page only.' : ''}
      </p>
    </div>
  );
}
