import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { Loading, ProblemBox } from '../ui.js';
import { ConfirmDialog, Saved, SelectInput } from './forms.js';
import { useApi } from './load.js';
import type { Member, MembersBody, PublicUser, Team, TeamRole, UsersBody } from './types.js';
import { ROLE_HELP, ROLES } from './types.js';

/** Who belongs to a team and in which role: add a person, change a role, remove a person (admins). */

const ROLE_OPTIONS = ROLES.map((role): [string, string] => [role, role]);

/** People who may still be added: not members yet, enabled ones first, by name. */
export function candidates(users: readonly PublicUser[], members: readonly Member[]): PublicUser[] {
  const inside = new Set(members.map((member) => member.userId));
  return users
    .filter((user) => !inside.has(user.id))
    .sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.displayName.localeCompare(b.displayName, 'en'));
}

function memberPath(team: Team, userId: string): string {
  return `/api/v1/teams/${encodeURIComponent(team.id)}/members/${encodeURIComponent(userId)}`;
}

interface RowProps {
  readonly team: Team;
  readonly member: Member;
  readonly onChanged: (message: string) => void;
  readonly onProblem: (problem: ApiProblem) => void;
  readonly onRemove: (member: Member) => void;
}

function MemberRow({ team, member, onChanged, onProblem, onRemove }: RowProps): JSX.Element {
  const [role, setRole] = useState<TeamRole>(member.role);
  const [busy, setBusy] = useState(false);
  const id = `role-${member.userId}`;
  const save = async (): Promise<void> => {
    setBusy(true);
    const result = await api('PUT', memberPath(team, member.userId), { body: { role } });
    setBusy(false);
    if (result.ok) onChanged(`${member.displayName} is now ${role} of ${team.name}.`);
    else onProblem(result.problem);
  };
  return (
    <tr data-member={member.username}>
      <th scope="row">
        {member.displayName} <span class="muted">({member.username})</span>
      </th>
      <td>
        <label class="visually-hidden" for={id}>
          Role of {member.displayName}
        </label>
        <select
          id={id}
          value={role}
          onChange={(event) => {
            setRole(event.currentTarget.value as TeamRole);
          }}
        >
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>{' '}
        {role === member.role ? null : (
          <button type="button" class="primary" disabled={busy} onClick={() => void save()}>
            Save role
          </button>
        )}
      </td>
      <td>
        <button
          type="button"
          class="danger"
          aria-label={`Remove ${member.displayName} from ${team.name}`}
          onClick={() => {
            onRemove(member);
          }}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function AddMember({ team, options, onChanged, onProblem }: { readonly team: Team; readonly options: readonly PublicUser[]; readonly onChanged: (message: string) => void; readonly onProblem: (problem: ApiProblem) => void }): JSX.Element {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<TeamRole>('assessor');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const person = options.find((user) => user.id === userId);
    if (person === undefined) {
      setMissing(true);
      document.getElementById('add-member-user')?.focus();
      return;
    }
    setBusy(true);
    const result = await api('PUT', memberPath(team, person.id), { body: { role } });
    setBusy(false);
    if (!result.ok) {
      onProblem(result.problem);
      return;
    }
    setUserId('');
    setMissing(false);
    onChanged(`${person.displayName} joined ${team.name} as ${role}.`);
  };
  if (options.length === 0) return <p class="muted">Everyone with an account is a member already. Add people on the People page.</p>;
  return (
    <form class="stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="add-member-heading">
      <h4 id="add-member-heading">Add a person</h4>
      <div class="form-row">
        <SelectInput
          id="add-member-user"
          label="Person"
          value={userId}
          options={[['', 'Choose a person…'], ...options.map((user): [string, string] => [user.id, `${user.displayName} (${user.username})${user.disabled ? ' — disabled' : ''}`])]}
          onChange={(value) => {
            setUserId(value);
            setMissing(false);
          }}
          error={missing ? 'Choose the person to add.' : undefined}
        />
        <SelectInput id="add-member-role" label="Role" value={role} options={ROLE_OPTIONS} onChange={(value) => { setRole(value as TeamRole); }} />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Add to {team.name}
        </button>
      </div>
    </form>
  );
}

/** The members part of a team's editor. */
export function MembersPanel({ team }: { readonly team: Team }): JSX.Element {
  const members = useApi<MembersBody>(`/api/v1/teams/${encodeURIComponent(team.id)}/members`);
  const users = useApi<UsersBody>('/api/v1/users');
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [removing, setRemoving] = useState<Member | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const changed = (message: string): void => {
    setSaved(message);
    setProblem(undefined);
    members.reload();
  };
  const failed = (shown: ApiProblem): void => {
    setSaved(undefined);
    setProblem(shown);
  };
  const remove = async (member: Member): Promise<void> => {
    setBusy(true);
    const result = await api('DELETE', memberPath(team, member.userId));
    setBusy(false);
    setRemoving(undefined);
    if (result.ok) changed(`${member.displayName} was removed from ${team.name}.`);
    else failed(result.problem);
  };
  const list = members.result?.ok === true ? members.result.value.members : undefined;
  return (
    <div class="stack editor-part" aria-labelledby="members-heading" role="group">
      <h3 id="members-heading">Members {list === undefined ? null : <span class="muted">({list.length})</span>}</h3>
      {members.result === undefined ? <Loading what="the members" /> : null}
      {members.result !== undefined && !members.result.ok ? <ProblemBox problem={members.result.problem} /> : null}
      {list !== undefined && list.length === 0 ? <p class="muted">No member yet.</p> : null}
      {list === undefined || list.length === 0 ? null : (
        <div class="table-scroll">
          <table class="admin-table">
            <caption class="visually-hidden">Members of {team.name}</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...list]
                .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'))
                .map((member) => (
                  <MemberRow key={`${member.userId}-${member.role}`} team={team} member={member} onChanged={changed} onProblem={failed} onRemove={setRemoving} />
                ))}
            </tbody>
          </table>
        </div>
      )}
      <ul class="plain role-help">
        {ROLES.map((role) => (
          <li key={role}>
            <strong>{role}</strong>: {ROLE_HELP[role]}
          </li>
        ))}
      </ul>
      <ProblemBox problem={problem} />
      <Saved text={saved} />
      {list === undefined || users.result?.ok !== true ? null : <AddMember team={team} options={candidates(users.result.value.users, list)} onChanged={changed} onProblem={failed} />}
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove ${removing?.displayName ?? ''} from ${team.name}?`}
        confirmLabel="Remove from the team"
        busy={busy}
        onCancel={() => {
          setRemoving(undefined);
        }}
        onConfirm={() => {
          if (removing !== undefined) void remove(removing);
        }}
      >
        <p>They lose access to the team at once. Their past ratings and notes stay in its checkpoints.</p>
      </ConfirmDialog>
    </div>
  );
}
