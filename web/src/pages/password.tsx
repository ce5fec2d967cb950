import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import type { PublicUser } from '../api-types.js';
import { Field, Notice, PageHeading, PasswordRules, ProblemBox, useTitle } from '../ui.js';

/** Change one's own password. The form stays filled if the session ends meanwhile: the request is sent again after the sign-in dialog. */
export function PasswordPage({ user }: { readonly user: PublicUser }): JSX.Element {
  useTitle('Change password');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setProblem(undefined);
    if (next !== confirm) {
      setMessage({ kind: 'error', text: 'The two new passwords differ. Type the same new password in both fields.' });
      return;
    }
    setMessage(undefined);
    setBusy(true);
    const changed = await api('PUT', '/api/v1/session/password', { body: { current, next } });
    setBusy(false);
    if (!changed.ok) {
      setProblem(changed.problem);
      return;
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setMessage({ kind: 'success', text: 'Your password was changed. Sessions in other browsers have ended; this one stays signed in.' });
  };
  return (
    <section class="card narrow">
      <PageHeading>Change password</PageHeading>
      <form class="stack" onSubmit={(event) => void submit(event)}>
        <Field label="Current password" name="current" type="password" value={current} onInput={setCurrent} autoComplete="current-password" />
        <Field label="New password" name="next" type="password" value={next} onInput={setNext} autoComplete="new-password" hint={<PasswordRules password={next} username={user.username} />} />
        <Field label="New password again" name="confirm" type="password" value={confirm} onInput={setConfirm} autoComplete="new-password" />
        {message === undefined ? null : <Notice kind={message.kind}>{message.text}</Notice>}
        <ProblemBox problem={problem} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
