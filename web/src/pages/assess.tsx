import type { JSX } from 'preact';
import '../assess/assess.css';
import type { PublicUser } from '../api-types.js';
import { StartOrContinue } from '../assess/start.js';
import { sessionStore } from '../session.js';
import { useStore } from '../store.js';

/** `/teams/:teamId/assess`: the team's open checkpoint, else a form to start one. */
export function AssessPage({ teamId, user }: { readonly teamId: string; readonly user: PublicUser }): JSX.Element {
  const session = useStore(sessionStore);
  const roles = session.kind === 'signed-in' ? session.roles : {};
  return <StartOrContinue key={teamId} teamId={teamId} user={user} roles={roles} />;
}
