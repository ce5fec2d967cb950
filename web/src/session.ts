import { api, apiGet, setCsrfToken, setSignInRecovery } from './api.js';
import type { ApiProblem } from './api.js';
import type { PublicUser, SessionBody, SetupStatus, TeamRole } from './api-types.js';
import { clearDrafts } from './drafts.js';
import { navigate } from './router.js';
import { createStore } from './store.js';

/** Who is using the app, as far as the UI knows. */
export type SessionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'needs-setup' }
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'signed-in'; readonly user: PublicUser; readonly roles: Readonly<Record<string, TeamRole>> }
  | { readonly kind: 'unreachable'; readonly problem: ApiProblem };

export const sessionStore = createStore<SessionState>({ kind: 'loading' });

/** The sign-in dialog shown over the page when the session ended in the middle of work. */
export type SignInDialogState = { readonly open: false } | { readonly open: true; readonly finish: (signedIn: boolean) => void };

export const signInDialogStore = createStore<SignInDialogState>({ open: false });

function adoptSession(body: SessionBody): void {
  setCsrfToken(body.csrfToken);
  sessionStore.set({ kind: 'signed-in', user: body.user, roles: body.roles ?? {} });
}

/** Finds out at start whether the instance needs setup and whether someone is signed in. */
export async function loadSession(): Promise<void> {
  // Both at once: the common case (set up, signed in) then costs one round trip before the page loads its data.
  const [setup, session] = await Promise.all([apiGet<SetupStatus>('/api/v1/setup', { recoverSignIn: false }), apiGet<SessionBody>('/api/v1/session', { recoverSignIn: false })]);
  if (!setup.ok) {
    sessionStore.set({ kind: 'unreachable', problem: setup.problem });
    return;
  }
  if (setup.value.needsSetup) {
    sessionStore.set({ kind: 'needs-setup' });
    return;
  }
  if (session.ok) adoptSession(session.value);
  else if (session.problem.status === 401) sessionStore.set({ kind: 'signed-out' });
  else sessionStore.set({ kind: 'unreachable', problem: session.problem });
}

/** Signs in; returns the problem to show when refused. The session's roles come from a second read. */
export async function signIn(username: string, password: string): Promise<ApiProblem | undefined> {
  const result = await api<SessionBody>('POST', '/api/v1/session', { body: { username, password }, recoverSignIn: false });
  if (!result.ok) return result.problem;
  setCsrfToken(result.value.csrfToken);
  const session = await apiGet<SessionBody>('/api/v1/session', { recoverSignIn: false });
  adoptSession(session.ok ? session.value : result.value);
  return undefined;
}

/** Ends the session on the server, forgets unsaved drafts (the next person at this browser must not see them) and shows the sign-in page. */
export async function signOut(): Promise<void> {
  await api('DELETE', '/api/v1/session', { recoverSignIn: false });
  setCsrfToken(undefined);
  clearDrafts();
  // Both in the same tick, so the app never renders "signed out" on the old page (which would redirect with ?next=).
  sessionStore.set({ kind: 'signed-out' });
  navigate('/sign-in', { replace: true });
}

/** Marks setup as done: the admin signs in next. */
export function setupCompleted(): void {
  sessionStore.set({ kind: 'signed-out' });
}

// A 401 in the middle of work opens the dialog instead of leaving the page, so nothing typed is lost.
setSignInRecovery(
  () =>
    new Promise<boolean>((resolve) => {
      signInDialogStore.set({
        open: true,
        finish: (signedIn) => {
          signInDialogStore.set({ open: false });
          resolve(signedIn);
        },
      });
    }),
);
