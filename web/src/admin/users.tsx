import type { JSX } from 'preact';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { pathWithQuery } from '../router.js';
import { Loading, PasswordRules, ProblemBox } from '../ui.js';
import { CreateButton, refusalErrors, useCreateForm } from './editing.js';
import { Checkbox, ErrorSummary, Saved, TextInput, When } from './forms.js';
import { useApi } from './load.js';
import { AdminTable, EditLink } from './table.js';
import type { PublicUser, UsersBody } from './types.js';
import { UserEditor } from './user-editor.js';
import type { FieldErrors } from './validate.js';
import { compact, nameError, passwordError, usernameError } from './validate.js';

/** `/admin/users`: everyone with an account, a form to add one, and `?user=<id>` opens one person's editor. */

function Flags({ user }: { readonly user: PublicUser }): JSX.Element {
  return (
    <>
      {user.isAdmin ? <span class="badge badge-admin">admin</span> : null} {user.isAuditor ? <span class="badge badge-auditor">auditor</span> : null}{' '}
      {user.disabled ? <span class="badge badge-disabled">disabled</span> : null}
      {!user.isAdmin && !user.isAuditor && !user.disabled ? <span class="muted">team roles only</span> : null}
    </>
  );
}

function UsersTable({ users, selected }: { readonly users: readonly PublicUser[]; readonly selected: string | null }): JSX.Element {
  const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en') || a.username.localeCompare(b.username, 'en'));
  return (
    <AdminTable caption="People with an account" columns={['Name', 'Username', 'Rights and state', 'Created']}>
      <tbody>
        {sorted.map((user) => (
          <tr key={user.id} class={selected === user.id ? 'selected' : undefined} data-user={user.username}>
            <th scope="row">{user.displayName}</th>
            <td>
              <code>{user.username}</code>
            </td>
            <td>
              <Flags user={user} />
            </td>
            <td>
              <When at={user.createdAt} />
            </td>
            <td>
              <EditLink href={pathWithQuery('/admin/users', { user: user.id })} label={`Edit ${user.displayName} (${user.username})`} current={selected === user.id} />
            </td>
          </tr>
        ))}
      </tbody>
    </AdminTable>
  );
}

interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly confirm: string;
  readonly isAdmin: boolean;
  readonly isAuditor: boolean;
}

const EMPTY: NewUser = { username: '', displayName: '', password: '', confirm: '', isAdmin: false, isAuditor: false };
const NEW_FIELDS = ['username', 'displayName', 'password', 'confirm'] as const;

/** The mistakes in a new account, in the order of the form. */
export function newUserErrors(form: NewUser): FieldErrors {
  return compact({
    username: usernameError(form.username),
    displayName: nameError(form.displayName, 'a display name'),
    password: passwordError(form.password, form.username),
    confirm: form.confirm === '' ? 'Type the password again, to be sure of it.' : form.password === form.confirm ? undefined : 'The two passwords differ: type the same password again.',
  });
}

function serverErrors(problem: ApiProblem): FieldErrors {
  return refusalErrors(problem, NEW_FIELDS, { username: 'This username is taken: choose another.' });
}

function newUserBody(form: NewUser): Record<string, unknown> {
  return { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password, isAdmin: form.isAdmin, isAuditor: form.isAuditor };
}

function AddUserForm({ onCreated }: { readonly onCreated: (user: PublicUser) => void }): JSX.Element {
  const { form, errors, problem, busy, saved, set, submit } = useCreateForm<NewUser, PublicUser>({
    empty: EMPTY,
    idOf: (field) => `new-user-${field}`,
    check: newUserErrors,
    send: (sent) => api<PublicUser>('POST', '/api/v1/users', { body: newUserBody(sent) }),
    serverErrors,
    savedText: (created) => `${created.displayName} (${created.username}) can now sign in. Give them their password in person or through a channel you trust.`,
    onCreated,
  });
  return (
    <form class="stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">Add a person</h2>
      <ErrorSummary errors={errors} />
      <div class="form-row">
        <TextInput id="new-user-username" label="Username" required value={form.username} onInput={(username) => { set({ username }); }} error={errors['username']} hint="What they sign in with: 2 to 64 letters, digits, “.”, “_”, “@” or “-”." />
        <TextInput id="new-user-displayName" label="Display name" required value={form.displayName} onInput={(displayName) => { set({ displayName }); }} error={errors['displayName']} hint="How others see them, e.g. “Grace Hopper”." />
      </div>
      <div class="form-row">
        <TextInput
          id="new-user-password"
          label="Initial password"
          type="password"
          required
          autoComplete="new-password"
          value={form.password}
          onInput={(password) => { set({ password }); }}
          error={errors['password']}
          hint={<PasswordRules password={form.password} username={form.username} />}
        />
        <TextInput id="new-user-confirm" label="Initial password again" type="password" required autoComplete="new-password" value={form.confirm} onInput={(confirm) => { set({ confirm }); }} error={errors['confirm']} />
      </div>
      <fieldset class="plain-fieldset">
        <legend>Organisation-wide rights</legend>
        <Checkbox id="new-user-admin" label="Admin" checked={form.isAdmin} onChange={(isAdmin) => { set({ isAdmin }); }} hint="Manages people, teams, settings and tokens; reads and changes every team." />
        <Checkbox id="new-user-auditor" label="Auditor" checked={form.isAuditor} onChange={(isAuditor) => { set({ isAuditor }); }} hint="Reads every team and the audit log; changes nothing." />
      </fieldset>
      <ProblemBox problem={problem} />
      <Saved text={saved} />
      <CreateButton busy={busy} label="Create the account" />
    </form>
  );
}

/** The people section of the admin page. */
export function UsersSection({ me, query }: { readonly me: PublicUser; readonly query: URLSearchParams }): JSX.Element {
  const users = useApi<UsersBody>('/api/v1/users');
  const selected = query.get('user');
  const list = users.result?.ok === true ? users.result.value.users : undefined;
  return (
    <div class="admin-columns">
      <section class="card" aria-labelledby="people-heading">
        <h2 id="people-heading">Everyone with an account {list === undefined ? null : <span class="muted">({list.length})</span>}</h2>
        {users.result === undefined ? <Loading what="the people" /> : null}
        {users.result !== undefined && !users.result.ok ? <ProblemBox problem={users.result.problem} /> : null}
        {list === undefined ? null : <UsersTable users={list} selected={selected} />}
        <p class="muted">Team roles (lead, assessor, viewer) are given on the Teams and groups page.</p>
      </section>
      <div>
        {selected !== null && list !== undefined ? (
          <UserEditor key={selected} userId={selected} me={me} onChanged={users.reload} />
        ) : (
          <section class="card">
            <AddUserForm onCreated={users.reload} />
          </section>
        )}
      </div>
    </div>
  );
}
