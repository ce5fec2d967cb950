import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { navigate, pathWithQuery } from '../router.js';
import { Link, Loading, ProblemBox } from '../ui.js';
import type { ConflictRow } from './forms.js';
import { ConfirmDialog, ErrorSummary, SelectInput, TextInput, useFocusFirstError } from './forms.js';
import { EditorHead, PatchOutcome, useVersionedPatch } from './editing.js';
import { useApi } from './load.js';
import { MembersPanel } from './members.js';
import { cadenceOptions, DomainGrid, targetErrors } from './targets.js';
import type { ModelFile, Settings, Team } from './types.js';
import type { FieldErrors } from './validate.js';
import { compact, inputsFrom, isClean, nameError, targetsFrom } from './validate.js';

/**
 * One team: name, group, cadence and targets (PATCH with If-Match; a 412 shows both versions), its
 * deletion (confirmed, If-Match too), its members and a link to its API tokens.
 */

interface TeamForm {
  readonly name: string;
  readonly group: string;
  readonly cadence: string;
  readonly targets: Readonly<Record<string, string>>;
}

export interface TeamChanges {
  readonly name?: string;
  readonly group?: string | null;
  readonly cadence?: string | null;
  readonly targets?: Readonly<Record<string, number>>;
}

function formOf(team: Team, domains: readonly string[]): TeamForm {
  return { name: team.name, group: team.group ?? '', cadence: team.cadence ?? '', targets: inputsFrom(team.targets, [...new Set([...domains, ...Object.keys(team.targets)])]) };
}

function sameTargets(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** Only what differs from the team as read. */
export function teamChanges(team: Team, form: TeamForm): TeamChanges {
  const group = form.group.trim() === '' ? null : form.group.trim();
  const cadence = form.cadence === '' ? null : form.cadence;
  const targets = targetsFrom(form.targets);
  return {
    ...(form.name.trim() === team.name ? {} : { name: form.name.trim() }),
    ...(group === team.group ? {} : { group }),
    ...(cadence === team.cadence ? {} : { cadence }),
    ...(sameTargets(targets, team.targets) ? {} : { targets }),
  };
}

function targetsLine(targets: Readonly<Record<string, number>>): string {
  const entries = Object.entries(targets);
  return entries.length === 0 ? 'organisation defaults' : entries.map(([domain, level]) => `${domain} ${level}`).join(', ');
}

/** Rows of the conflict panel for a team change. */
export function teamConflictRows(changes: TeamChanges, theirs: Team): ConflictRow[] {
  const rows: ConflictRow[] = [];
  if (changes.name !== undefined) rows.push({ label: 'Name', mine: changes.name, theirs: theirs.name });
  if (changes.group !== undefined) rows.push({ label: 'Group', mine: changes.group ?? 'none', theirs: theirs.group ?? 'none' });
  if (changes.cadence !== undefined) rows.push({ label: 'Cadence', mine: changes.cadence ?? 'organisation default', theirs: theirs.cadence ?? 'organisation default' });
  if (changes.targets !== undefined) rows.push({ label: 'Targets', mine: targetsLine(changes.targets), theirs: targetsLine(theirs.targets) });
  return rows;
}

interface EditorProps {
  readonly teamId: string;
  readonly model: ModelFile | undefined;
  readonly settings: Settings | undefined;
  readonly groups: readonly Team[];
  readonly onChanged: () => void;
}

/** The editor beside the team list (`/admin/teams?team=<id>`). */
export function TeamEditor({ teamId, model, settings, groups, onChanged }: EditorProps): JSX.Element {
  const loaded = useApi<Team>(`/api/v1/teams/${encodeURIComponent(teamId)}`);
  if (loaded.result === undefined) return <Loading what="the team" />;
  if (!loaded.result.ok) return <ProblemBox problem={loaded.result.problem} />;
  return <LoadedTeam team={loaded.result.value} model={model} settings={settings} groups={groups} onChanged={onChanged} reload={loaded.reload} />;
}

interface LoadedProps extends Omit<EditorProps, 'teamId'> {
  readonly team: Team;
  readonly reload: () => void;
}

function LoadedTeam({ team, model, settings, groups, onChanged, reload }: LoadedProps): JSX.Element {
  const editor = useVersionedPatch<TeamChanges, Team>(`/api/v1/teams/${encodeURIComponent(team.id)}`, () => {
    onChanged();
    reload();
  });
  return (
    <section class="card editor" aria-labelledby="team-editor-heading">
      <EditorHead id="team-editor-heading" title={team.name} detail={team.id} closeHref="/admin/teams" />
      <p>
        <Link href={`/teams/${encodeURIComponent(team.id)}`}>Open the team's page</Link> · <Link href={pathWithQuery('/admin/tokens', { team: team.id })}>API tokens of this team</Link>
      </p>
      <PatchOutcome editor={editor} rows={(conflict) => teamConflictRows(conflict.changes, conflict.theirs)} />
      <TeamDetailsForm key={team.version} team={team} model={model} settings={settings} groups={groups} busy={editor.busy} onSave={(changes) => editor.patch(changes, team.version, 'Saved.')} />
      <MembersPanel team={team} />
      <DeleteTeam team={team} onDeleted={onChanged} onStale={reload} />
    </section>
  );
}

interface DetailsProps {
  readonly team: Team;
  readonly model: ModelFile | undefined;
  readonly settings: Settings | undefined;
  readonly groups: readonly Team[];
  readonly busy: boolean;
  readonly onSave: (changes: TeamChanges) => Promise<boolean>;
}

function TeamDetailsForm({ team, model, settings, groups, busy, onSave }: DetailsProps): JSX.Element {
  const [form, setForm] = useState<TeamForm>(() => formOf(team, model?.domains.map((domain) => domain.id) ?? []));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [nothing, setNothing] = useState(false);
  useFocusFirstError(errors, attempt, (field) => (field.startsWith('edit-team-target-') ? field : `edit-team-${field}`));
  const set = (changes: Partial<TeamForm>): void => {
    setForm({ ...form, ...changes });
  };
  const submit = (event: Event): void => {
    event.preventDefault();
    const found = compact({ name: nameError(form.name, 'a name'), ...(model === undefined ? {} : targetErrors('edit-team-target', form.targets, model)) });
    setErrors(found);
    setAttempt(attempt + 1);
    const changes = teamChanges(team, form);
    setNothing(isClean(found) && Object.keys(changes).length === 0);
    if (isClean(found) && Object.keys(changes).length > 0) void onSave(changes);
  };
  const defaults = settings?.defaultTargets;
  const known = [...new Set(groups.map((other) => other.group).filter((group): group is string => group !== null))].sort();
  return (
    <form class="stack editor-part" onSubmit={submit} noValidate aria-labelledby="team-details-heading">
      <h3 id="team-details-heading">Name, group, cadence and targets</h3>
      <ErrorSummary errors={errors} />
      <TextInput id="edit-team-name" label="Name" required value={form.name} onInput={(name) => { set({ name }); }} error={errors['name']} />
      <TextInput id="edit-team-group" label="Group" list="edit-team-groups" value={form.group} onInput={(group) => { set({ group }); }} hint="Empty for none." />
      <datalist id="edit-team-groups">
        {known.map((group) => (
          <option key={group} value={group} />
        ))}
      </datalist>
      <SelectInput id="edit-team-cadence" label="Reassessment cadence" value={form.cadence} options={cadenceOptions(settings?.defaultCadence)} onChange={(cadence) => { set({ cadence }); }} />
      {model === undefined ? null : (
        <DomainGrid
          prefix="edit-team-target"
          legend="Target level per domain"
          hint="Empty: the organisation's default target (shown greyed in the box)."
          model={model}
          kind="level"
          inputs={form.targets}
          onInput={(targets) => { set({ targets }); }}
          errors={errors}
          placeholder={(domain) => (typeof defaults === 'number' ? String(defaults) : defaults?.[domain] === undefined ? '' : String(defaults[domain]))}
        />
      )}
      {nothing ? <p class="muted" role="status">Nothing changed: there is nothing to save.</p> : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save the team
        </button>
      </div>
    </form>
  );
}

function DeleteTeam({ team, onDeleted, onStale }: { readonly team: Team; readonly onDeleted: () => void; readonly onStale: () => void }): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [stale, setStale] = useState(false);
  const remove = async (): Promise<void> => {
    setBusy(true);
    const result = await api('DELETE', `/api/v1/teams/${encodeURIComponent(team.id)}`, { ifMatch: team.version });
    setBusy(false);
    setConfirming(false);
    if (result.ok) {
      onDeleted();
      navigate('/admin/teams');
      return;
    }
    setStale(result.problem.status === 412);
    setProblem(result.problem.status === 412 ? undefined : result.problem);
    if (result.problem.status === 412) onStale();
  };
  return (
    <div class="stack editor-part danger-zone">
      <h3>Delete the team</h3>
      <p class="muted">Deletes its checkpoints, ratings, backlog, scans, tokens and memberships. The audit log keeps its entries.</p>
      {stale ? (
        <div class="notice notice-error" role="alert">
          Someone changed this team after you opened it, so it was not deleted. Its current state is shown above; look at it, then delete again if you still want to.
        </div>
      ) : null}
      <ProblemBox problem={problem} />
      <div class="actions">
        <button
          type="button"
          class="danger"
          onClick={() => {
            setStale(false);
            setConfirming(true);
          }}
        >
          Delete {team.name}…
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete the team ${team.name}?`}
        confirmLabel="Delete the team and all it owns"
        busy={busy}
        onCancel={() => {
          setConfirming(false);
        }}
        onConfirm={() => void remove()}
      >
        <p>
          Team <code>{team.id}</code> and everything it owns — checkpoints, ratings, backlog, scans, API tokens and memberships — are deleted. This cannot be undone. Export the workspace first if you may need them.
        </p>
      </ConfirmDialog>
    </div>
  );
}
