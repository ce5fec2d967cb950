import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiProblem } from '../api.js';
import { navigate } from '../router.js';
import { signIn } from '../session.js';
import { Field, PageHeading, ProblemBox, useTitle } from '../ui.js';

/** Where to go after signing in: only an in-app path, never another site (an open redirect). */
export function safeNext(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

interface SignInFormProps {
  readonly onSignedIn: () => void;
  readonly onCancel?: () => void;
  readonly intro?: string;
  /** Known already (the dialog after a session ended): filled in, and the password gets the focus. */
  readonly initialUsername?: string;
}

/** Username and password; used by the page and by the dialog that opens when a session ends mid-work. */
export function SignInForm({ onSignedIn, onCancel, intro, initialUsername = '' }: SignInFormProps): JSX.Element {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const refused = await signIn(username.trim(), password);
    setBusy(false);
    // A refused sign-in needs its own advice: the generic 401 one says "sign in", which is what failed.
    setProblem(refused?.status === 401 ? { ...refused, advice: 'Check both and try again; after several failures sign-in pauses for a few minutes.' } : refused);
    if (refused === undefined) onSignedIn();
    else setPassword('');
  };
  return (
    <form class="stack" onSubmit={(event) => void submit(event)}>
      {intro === undefined ? null : <p>{intro}</p>}
      <Field label="Username" name="username" value={username} onInput={setUsername} autoComplete="username" autoFocus={initialUsername === ''} />
      <Field label="Password" name="password" type="password" value={password} onInput={setPassword} autoComplete="current-password" autoFocus={initialUsername !== ''} />
      <ProblemBox problem={problem} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {onCancel === undefined ? null : (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** The sign-in page; goes back to the page that sent the user here. */
export function SignInPage({ query }: { readonly query: URLSearchParams }): JSX.Element {
  useTitle('Sign in');
  return (
    <section class="card narrow">
      <PageHeading>Sign in to Stepwise</PageHeading>
      <SignInForm
        onSignedIn={() => {
          navigate(safeNext(query.get('next')), { replace: true });
        }}
      />
    </section>
  );
}
