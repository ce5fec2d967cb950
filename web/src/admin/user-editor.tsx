import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { pathWithQuery } from '../router.js';
import { Link, Loading, PasswordRules, ProblemBox } from '../ui.js';
import type { ConflictRow } from './forms.js';
import { Checkbox, ConfirmDialog, ErrorSummary, TextInput, useFocusFirstError } from './forms.js';
import { EditorHead, PatchOutcome, useVersionedPatch } from './editing.js';
import { useApi } from './load.js';
import type { PublicUser, UserDetail } from './types.js';
import type { FieldErrors } from './validate.js';
import { compact, isClean, nameError, passwordError } from './validate.js';

/**
 * One person's account: every change is a PATCH with the version read (If-Match). When someone else
 * changed the account meanwhile (412), both versions are shown and the admin chooses.
 */

export interface UserChanges {
  readonly displayName?: string;
  readonly isAdmin?: boolean;
  readonly isAuditor?: boolean;
  readonly disabled?: boolean;
  readonly password?: string;
}

const LABELS: Readonly<Record<keyof UserChanges, string>> = { displayName: 'Display name', isAdmin: 'Admin', isAuditor: 'Auditor', disabled: 'Disabled', password: 'Password' };

function shown(key: keyof UserChanges, value: UserChanges[keyof UserChanges]): string {
  if (key === 'password') return value === undefined ? 'unchanged' : 'a new password';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value ?? '';
}

/** The rows of the conflict panel: each field this change touches, mine against what is saved now. */
export function conflictRows(changes: UserChanges, theirs: PublicUser): ConflictRow[] {
  return (Object.keys(changes) as (keyof UserChanges)[]).map((key) => ({
    label: LABELS[key],
    mine: shown(key, changes[key]),
    theirs: key === 'password' ? 'unchanged by you' : shown(key, theirs[key]),
  }));
}

/** Only the fields that differ from the account as read. */
export function changedFields(user: PublicUser, form: { displayName: string; isAdmin: boolean; isAuditor: boolean }): UserChanges {
  return {
    ...(form.displayName.trim() === user.displayName ? {} : { displayName: form.displayName.trim() }),
    ...(form.isAdmin === user.isAdmin ? {} : { isAdmin: form.isAdmin }),
    ...(form.isAuditor === user.isAuditor ? {} : { isAuditor: form.isAuditor }),
  };
}

interface EditorProps {
  readonly userId: string;
  readonly me: PublicUser;
  readonly onChanged: () => void;
}

/** The editor beside the people list (`/admin/users?user=<id>`). */
export function UserEditor({ userId, me, onChanged }: EditorProps): JSX.Element {
  const loaded = useApi<UserDetail>(`/api/v1/users/${encodeURIComponent(userId)}`);
  if (loaded.result === undefined) return <Loading what="the account" />;
  if (!loaded.result.ok) return <ProblemBox problem={loaded.result.problem} />;
  return <LoadedEditor user={loaded.result.value} me={me} onChanged={onChanged} reload={loaded.reload} />;
}

function LoadedEditor({ user, me, onChanged, reload }: { readonly user: UserDetail; readonly me: PublicUser; readonly onChanged: () => void; readonly reload: () => void }): JSX.Element {
  const editor = useVersionedPatch<UserChanges, UserDetail>(`/api/v1/users/${encodeURIComponent(user.id)}`, () => {
    onChanged();
    reload();
  });
  const { busy, patch } = editor;
  return (
    <section class="card editor" aria-labelledby="user-editor-heading">
      <EditorHead id="user-editor-heading" title={user.displayName} detail={user.username} closeHref="/admin/users" />
      <PatchOutcome editor={editor} rows={(conflict) => conflictRows(conflict.changes, conflict.theirs)} />
      <DetailsForm key={user.version} user={user} busy={busy} onSave={(changes) => patch(changes, user.version, 'Saved.')} />
      <AccountState user={user} me={me} busy={busy} onSave={(disabled) => patch({ disabled }, user.version, disabled ? 'The account is disabled; its sessions ended.' : 'The account is enabled again.')} />
      <PasswordReset user={user} busy={busy} onSave={(password) => patch({ password }, user.version, 'The password was reset; the person’s sessions ended. Give them the new password through a channel you trust.')} />
      <Memberships user={user} />
    </section>
  );
}

function DetailsForm({ user, busy, onSave }: { readonly user: PublicUser; readonly busy: boolean; readonly onSave: (changes: UserChanges) => Promise<boolean> }): JSX.Element {
  const [form, setForm] = useState({ displayName: user.displayName, isAdmin: user.isAdmin, isAuditor: user.isAuditor });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [nothing, setNothing] = useState(false);
  useFocusFirstError(errors, attempt, (field) => `edit-user-${field}`);
  const submit = (event: Event): void => {
    event.preventDefault();
    const found = compact({ displayName: nameError(form.displayName, 'a display name') });
    setErrors(found);
    setAttempt(attempt + 1);
    const changes = changedFields(user, form);
    setNothing(isClean(found) && Object.keys(changes).length === 0);
    if (isClean(found) && Object.keys(changes).length > 0) void onSave(changes);
  };
  return (
    <form class="stack editor-part" onSubmit={submit} noValidate aria-labelledby="user-details-heading">
      <h3 id="user-details-heading">Name and rights</h3>
      <ErrorSummary errors={errors} />
      <TextInput id="edit-user-displayName" label="Display name" required value={form.displayName} onInput={(displayName) => { setForm({ ...form, displayName }); }} error={errors['displayName']} />
      <Checkbox id="edit-user-admin" label="Admin" checked={form.isAdmin} onChange={(isAdmin) => { setForm({ ...form, isAdmin }); }} hint="Manages people, teams, settings and tokens." />
      <Checkbox id="edit-user-auditor" label="Auditor" checked={form.isAuditor} onChange={(isAuditor) => { setForm({ ...form, isAuditor }); }} hint="Reads every team and the audit log; changes nothing." />
      {nothing ? <p class="muted" role="status">Nothing changed: there is nothing to save.</p> : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save name and rights
        </button>
      </div>
    </form>
  );
}

function AccountState({ user, me, busy, onSave }: { readonly user: PublicUser; readonly me: PublicUser; readonly busy: boolean; readonly onSave: (disabled: boolean) => Promise<boolean> }): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const self = user.id === me.id;
  return (
    <div class="stack editor-part">
      <h3>Account</h3>
      <p>
        {user.disabled ? 'This account is disabled: it cannot sign in.' : 'This account is active.'}
        {self ? <span class="muted"> This is your own account.</span> : null}
      </p>
      <div class="actions">
        {user.disabled ? (
          <button type="button" disabled={busy} onClick={() => void onSave(false)}>
            Enable the account
          </button>
        ) : (
          <button
            type="button"
            class="danger"
            disabled={busy}
            onClick={() => {
              setConfirming(true);
            }}
          >
            Disable the account…
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Disable ${user.displayName}?`}
        confirmLabel="Disable the account"
        busy={busy}
        onCancel={() => {
          setConfirming(false);
        }}
        onConfirm={() => {
          setConfirming(false);
          void onSave(true);
        }}
      >
        <p>
          {user.username} is signed out everywhere at once and cannot sign in until an admin enables the account again. Their ratings, notes and team roles stay.
          {self ? ' This is your own account: you will be signed out.' : ''}
        </p>
      </ConfirmDialog>
    </div>
  );
}

function PasswordReset({ user, busy, onSave }: { readonly user: PublicUser; readonly busy: boolean; readonly onSave: (password: string) => Promise<boolean> }): JSX.Element {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  useFocusFirstError(errors, attempt, (field) => `reset-${field}`);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const found = compact({ password: passwordError(password, user.username), confirm: password === confirm ? undefined : 'The two passwords differ: type the same password again.' });
    setErrors(found);
    setAttempt(attempt + 1);
    if (!isClean(found)) return;
    if (await onSave(password)) {
      setPassword('');
      setConfirm('');
    }
  };
  return (
    <form class="stack editor-part" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="reset-heading">
      <h3 id="reset-heading">Reset the password</h3>
      <p class="muted">For a person who forgot theirs. Their sessions end at once.</p>
      <ErrorSummary errors={errors} />
      <TextInput
        id="reset-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onInput={setPassword}
        error={errors['password']}
        hint={<PasswordRules password={password} username={user.username} />}
      />
      <TextInput id="reset-confirm" label="New password again" type="password" autoComplete="new-password" value={confirm} onInput={setConfirm} error={errors['confirm']} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          Reset the password
        </button>
      </div>
    </form>
  );
}

function Memberships({ user }: { readonly user: UserDetail }): JSX.Element {
  return (
    <div class="editor-part">
      <h3>Team roles</h3>
      {user.memberships.length === 0 ? (
        <p class="muted">No team role yet. Give one on the Teams and groups page.</p>
      ) : (
        <ul class="plain">
          {user.memberships.map((membership) => (
            <li key={membership.teamId}>
              <Link href={pathWithQuery('/admin/teams', { team: membership.teamId })}>{membership.teamId}</Link> · {membership.role}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
