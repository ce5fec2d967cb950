import type { JSX } from 'preact';
import '../assess/assess.css';
import type { PublicUser } from '../api-types.js';
import { Assessment } from '../assess/assessment.js';
import { sessionStore } from '../session.js';
import { useStore } from '../store.js';

/** `/checkpoints/:checkpointId[?domain=]`: the assessment editor and, for leads, the consensus view. */
export function CheckpointPage({ checkpointId, user, query }: { readonly checkpointId: string; readonly user: PublicUser; readonly query: URLSearchParams }): JSX.Element {
  const session = useStore(sessionStore);
  const roles = session.kind === 'signed-in' ? session.roles : {};
  return <Assessment key={checkpointId} checkpointId={checkpointId} user={user} roles={roles} initialDomain={query.get('domain')} />;
}
