import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { SignInForm } from './pages/sign-in.js';
import { sessionStore, signInDialogStore } from './session.js';
import { useStore } from './store.js';

/**
 * Opens over the page when the session ended in the middle of work (a request got 401). The page
 * underneath stays mounted, so whatever was typed is still there; the request is retried after sign-in.
 */
export function SignInDialog(): JSX.Element | null {
  const state = useStore(signInDialogStore);
  const session = useStore(sessionStore);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (state.open && !element.open) element.showModal();
    if (!state.open && element.open) element.close();
  }, [state]);
  const finish = (signedIn: boolean): void => {
    if (state.open) state.finish(signedIn);
  };
  return (
    <dialog
      ref={dialog}
      class="sign-in-dialog"
      aria-labelledby="sign-in-dialog-heading"
      onCancel={(event) => {
        event.preventDefault();
        finish(false);
      }}
    >
      <h2 id="sign-in-dialog-heading">Your session has ended</h2>
      {state.open ? (
        <SignInForm
          intro="Sign in again to carry on. Your unsaved changes on this page are kept and what you were doing is sent again."
          initialUsername={session.kind === 'signed-in' ? session.user.username : ''}
          onSignedIn={() => {
            finish(true);
          }}
          onCancel={() => {
            finish(false);
          }}
        />
      ) : null}
    </dialog>
  );
}
