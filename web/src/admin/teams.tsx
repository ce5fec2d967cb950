import type { JSX } from 'preact';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { pathWithQuery } from '../router.js';
import { Loading, ProblemBox } from '../ui.js';
import { CreateButton, refusalErrors, useCreateForm } from './editing.js';
import { ErrorSummary, Saved, SelectInput, TextInput } from './forms.js';
import { useApi, valueOf } from './load.js';
import { AdminTable, EditLink } from './table.js';
import { cadenceOptions, DomainGrid, targetErrors } from './targets.js';
import { TeamEditor } from './team-editor.js';
import type { ModelFile, Settings, Team, TeamsBody } from './types.js';
import type { FieldErrors } from './validate.js';
import { compact, nameError, targetsFrom, teamIdError } from './validate.js';

/** `/admin/teams`: the teams by group, a form to create one, and `?team=<id>` opens a team's editor with its members. */

/** Teams by group name (teams without a group last), each group's teams by name. */
export function byGroup(teams: readonly Team[]): [string | null, Team[]][] {
  const groups = new Map<string | null, Team[]>();
  for (const team of teams) groups.set(team.group, [...(groups.get(team.group) ?? []), team]);
  const order = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en')));
  return order.map((group) => [group, (groups.get(group) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'en'))]);
}

function targetsText(team: Team): string {
  const count = Object.keys(team.targets).length;
  return count === 0 ? 'organisation defaults' : `${count} set here`;
}

function TeamsTable({ teams, selected }: { readonly teams: readonly Team[]; readonly selected: string | null }): JSX.Element {
  return (
    <AdminTable caption="Teams by group" columns={['Team', 'Id', 'Cadence', 'Targets']}>
      {byGroup(teams).map(([group, members]) => (
        <tbody key={group ?? ''}>
          <tr class="group-row">
            <th scope="colgroup" colSpan={5}>
              {group ?? 'No group'} <span class="muted">· {members.length === 1 ? '1 team' : `${members.length} teams`}</span>
            </th>
          </tr>
          {members.map((team) => (
            <tr key={team.id} class={selected === team.id ? 'selected' : undefined} data-team={team.id}>
              <th scope="row">{team.name}</th>
              <td>
                <code>{team.id}</code>
              </td>
              <td>{team.cadence ?? <span class="muted">default</span>}</td>
              <td>{targetsText(team)}</td>
              <td>
                <EditLink href={pathWithQuery('/admin/teams', { team: team.id })} label={`Edit ${team.name} and its members`} current={selected === team.id} />
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </AdminTable>
  );
}

interface NewTeam {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly cadence: string;
  readonly targets: Readonly<Record<string, string>>;
}

const EMPTY: NewTeam = { id: '', name: '', group: '', cadence: '', targets: {} };
const TEAM_FIELDS = ['id', 'name', 'group', 'cadence', 'targets'] as const;

function newTeamErrors(form: NewTeam, model: ModelFile | undefined, taken: ReadonlySet<string>): FieldErrors {
  return compact({
    id: teamIdError(form.id) ?? (taken.has(form.id.trim()) ? 'A team already has this id: choose another.' : undefined),
    name: nameError(form.name, 'a name'),
    group: form.group.trim().length > 200 ? 'Keep the group to 200 characters.' : undefined,
    ...(model === undefined ? {} : targetErrors('new-team-target', form.targets, model)),
  });
}

function serverErrors(problem: ApiProblem): FieldErrors {
  // A refused target has no single input to stand under: the problem is shown whole.
  return refusalErrors(problem, TEAM_FIELDS, { id: 'A team already has this id: choose another.' }, ['targets']);
}

/** The body of `POST /teams` from the form: empty group, cadence and targets are left out. */
export function newTeamBody(form: NewTeam): Record<string, unknown> {
  const targets = targetsFrom(form.targets);
  return {
    id: form.id.trim(),
    name: form.name.trim(),
    ...(form.group.trim() === '' ? {} : { group: form.group.trim() }),
    ...(form.cadence === '' ? {} : { cadence: form.cadence }),
    ...(Object.keys(targets).length === 0 ? {} : { targets }),
  };
}

interface AddProps {
  readonly teams: readonly Team[];
  readonly model: ModelFile | undefined;
  readonly settings: Settings | undefined;
  readonly onCreated: (team: Team) => void;
}

function AddTeamForm({ teams, model, settings, onCreated }: AddProps): JSX.Element {
  const { form, errors, problem, busy, saved, set, submit } = useCreateForm<NewTeam, Team>({
    empty: EMPTY,
    idOf: (field) => (field.startsWith('new-team-target-') ? field : `new-team-${field}`),
    check: (checked) => newTeamErrors(checked, model, new Set(teams.map((team) => team.id))),
    send: (sent) => api<Team>('POST', '/api/v1/teams', { body: newTeamBody(sent) }),
    serverErrors,
    savedText: (created) => `Team ${created.name} (${created.id}) was created. Open it from the list to add its members.`,
    onCreated,
  });
  const groups = [...new Set(teams.map((team) => team.group).filter((group): group is string => group !== null))].sort();
  return (
    <form class="stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-team-heading">
      <h2 id="new-team-heading">Create a team</h2>
      <ErrorSummary errors={errors} />
      <div class="form-row">
        <TextInput id="new-team-id" label="Id" required value={form.id} onInput={(id) => { set({ id }); }} error={errors['id']} hint="Permanent; names the team's folder in the workspace: lower-case letters, digits, “-”, “_”." />
        <TextInput id="new-team-name" label="Name" required value={form.name} onInput={(name) => { set({ name }); }} error={errors['name']} hint="As people know it, e.g. “Payments”." />
      </div>
      <div class="form-row">
        <TextInput id="new-team-group" label="Group" list="team-groups" value={form.group} onInput={(group) => { set({ group }); }} error={errors['group']} hint="Teams of a group sit together on the dashboard. Pick one or type a new one; empty for none." />
        <SelectInput id="new-team-cadence" label="Reassessment cadence" value={form.cadence} options={cadenceOptions(settings?.defaultCadence)} onChange={(cadence) => { set({ cadence }); }} />
      </div>
      <datalist id="team-groups">
        {groups.map((group) => (
          <option key={group} value={group} />
        ))}
      </datalist>
      {model === undefined ? null : (
        <details class="more">
          <summary>Targets for this team (optional)</summary>
          <DomainGrid
            prefix="new-team-target"
            legend="Target level per domain"
            hint="Empty: the organisation's default target for the domain."
            model={model}
            kind="level"
            inputs={form.targets}
            onInput={(targets) => { set({ targets }); }}
            errors={errors}
          />
        </details>
      )}
      <ProblemBox problem={problem} />
      <Saved text={saved} />
      <CreateButton busy={busy} label="Create the team" />
    </form>
  );
}

/** The teams section of the admin page. */
export function TeamsSection({ query }: { readonly query: URLSearchParams }): JSX.Element {
  const teams = useApi<TeamsBody>('/api/v1/teams');
  const model = valueOf(useApi<ModelFile>('/api/v1/models/current'));
  const settings = valueOf(useApi<Settings>('/api/v1/organisation'));
  const selected = query.get('team');
  const list = teams.result?.ok === true ? teams.result.value.teams : undefined;
  const groups = list === undefined ? 0 : new Set(list.map((team) => team.group).filter((group) => group !== null)).size;
  return (
    <div class="admin-columns">
      <section class="card" aria-labelledby="teams-heading">
        <h2 id="teams-heading">
          Teams {list === undefined ? null : <span class="muted">({list.length} in {groups === 1 ? '1 group' : `${groups} groups`})</span>}
        </h2>
        {teams.result === undefined ? <Loading what="the teams" /> : null}
        {teams.result !== undefined && !teams.result.ok ? <ProblemBox problem={teams.result.problem} /> : null}
        {list !== undefined && list.length === 0 ? <p>No team yet: create the first one with the form.</p> : null}
        {list === undefined || list.length === 0 ? null : <TeamsTable teams={list} selected={selected} />}
      </section>
      <div>
        {selected !== null && list !== undefined ? (
          <TeamEditor key={selected} teamId={selected} model={model} settings={settings} groups={list} onChanged={teams.reload} />
        ) : (
          <section class="card">
            <AddTeamForm teams={list ?? []} model={model} settings={settings} onCreated={teams.reload} />
          </section>
        )}
      </div>
    </div>
  );
}
