import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { pathWithQuery } from '../router.js';
import { Link, Loading, PasswordRules, ProblemBox } from '../ui.js';
import { Checkbox, ErrorSummary, Saved, TextInput, useFocusFirstError, When } from './forms.js';
import { useApi } from './load.js';
import type { PublicUser, UsersBody } from './types.js';
import { UserEditor } from './user-editor.js';
import type { FieldErrors } from './validate.js';
import { compact, fieldOfProblem, isClean, nameError, passwordError, usernameError } from './validate.js';

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
    <div class="table-scroll">
      <table class="admin-table">
        <caption class="visually-hidden">People with an account</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Rights and state</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
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
                <Link href={pathWithQuery('/admin/users', { user: user.id })} aria-label={`Edit ${user.displayName} (${user.username})`} aria-current={selected === user.id ? 'true' : undefined}>
                  Edit
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
  if (problem.status === 409) return { username: 'This username is taken: choose another.' };
  const field = problem.status === 400 ? fieldOfProblem(problem.at, problem.detail, NEW_FIELDS) : undefined;
  return field === undefined ? {} : { [field]: `${problem.detail.charAt(0).toUpperCase()}${problem.detail.slice(1)}.` };
}

function AddUserForm({ onCreated }: { readonly onCreated: (user: PublicUser) => void }): JSX.Element {
  const [form, setForm] = useState<NewUser>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  useFocusFirstError(errors, attempt, (field) => `new-user-${field}`);
  const set = (changes: Partial<NewUser>): void => {
    setForm({ ...form, ...changes });
  };
  const refuse = (found: FieldErrors, shown: ApiProblem | undefined): void => {
    setErrors(found);
    setProblem(shown);
    setAttempt(attempt + 1);
  };
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setSaved(undefined);
    const found = newUserErrors(form);
    if (!isClean(found)) { refuse(found, undefined); return; }
    setBusy(true);
    const body = { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password, isAdmin: form.isAdmin, isAuditor: form.isAuditor };
    const created = await api<PublicUser>('POST', '/api/v1/users', { body });
    setBusy(false);
    if (!created.ok) {
      const fields = serverErrors(created.problem);
      refuse(fields, isClean(fields) ? created.problem : undefined); return;
    }
    setForm(EMPTY);
    setErrors({});
    setProblem(undefined);
    setSaved(`${created.value.displayName} (${created.value.username}) can now sign in. Give them their password in person or through a channel you trust.`);
    onCreated(created.value);
  };
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
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create the account'}
        </button>
      </div>
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
