import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { navigate } from '../router.js';
import { setupCompleted, signIn } from '../session.js';
import { Field, Notice, PageHeading, PasswordRules, ProblemBox, useTitle } from '../ui.js';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

/** A reason the form cannot be sent yet, checked before the server sees it. */
function localProblem(username: string, password: string, confirm: string): string | undefined {
  if (!USERNAME.test(username)) return 'The username needs 2 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.';
  if (password !== confirm) return 'The two passwords differ. Type the same password in both fields.';
  return undefined;
}

/** First run: the admin account, created with the one-time token that `stepwise serve` printed. */
export function SetupPage(): JSX.Element {
  useTitle('Set up');
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [local, setLocal] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const mistake = localProblem(username.trim(), password, confirm);
    setLocal(mistake);
    setProblem(undefined);
    if (mistake !== undefined) return;
    setBusy(true);
    const created = await api('POST', '/api/v1/setup', { body: { token: token.trim(), username: username.trim(), displayName: displayName.trim() || username.trim(), password }, recoverSignIn: false });
    if (!created.ok) {
      setBusy(false);
      setProblem(created.problem);
      return;
    }
    setupCompleted();
    const refused = await signIn(username.trim(), password);
    setBusy(false);
    navigate(refused === undefined ? '/' : '/sign-in', { replace: true });
  };
  return (
    <section class="card narrow">
      <PageHeading>Set up Stepwise</PageHeading>
      <p>
        This instance has no admin yet. <code>stepwise serve</code> printed a one-time setup token in its console when it started; paste it here and choose the admin's name and
        password.
      </p>
      <form class="stack" onSubmit={(event) => void submit(event)}>
        <Field label="Setup token" name="token" value={token} onInput={setToken} autoComplete="off" autoFocus hint="Shown once in the server's console after “First run: … one-time token”." />
        <Field label="Admin username" name="username" value={username} onInput={setUsername} autoComplete="username" hint="2 to 64 letters, digits, “.”, “_”, “@” or “-”." />
        <Field label="Display name" name="displayName" value={displayName} onInput={setDisplayName} autoComplete="name" required={false} hint="How other people see you; the username when left empty." />
        <Field label="Password" name="password" type="password" value={password} onInput={setPassword} autoComplete="new-password" hint={<PasswordRules password={password} username={username} />} />
        <Field label="Password again" name="confirm" type="password" value={confirm} onInput={setConfirm} autoComplete="new-password" />
        {local === undefined ? null : <Notice kind="error">{local}</Notice>}
        <ProblemBox problem={problem} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Creating the admin…' : 'Create the admin and sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}
