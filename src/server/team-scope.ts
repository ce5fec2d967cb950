import type { Persistence } from '../core/persistence/port.js';
import type { TeamScope } from './policy.js';

/**
 * The team a request acts on, found the way its policy says: undefined for routes without a team,
 * null when the team (or the checkpoint naming it) does not exist.
 */
export async function resolveTeamScope(scope: TeamScope, params: unknown, store: Persistence): Promise<string | null | undefined> {
  if (scope === 'none') return undefined;
  const values = (params ?? {}) as Record<string, unknown>;
  if (scope === 'team-param') {
    const teamId = values['teamId'];
    if (typeof teamId !== 'string') return null;
    return (await store.teamById(teamId)) === undefined ? null : teamId;
  }
  const checkpointId = values['checkpointId'];
  if (typeof checkpointId !== 'string') return null;
  const checkpoint = await store.checkpointById(checkpointId);
  return checkpoint?.teamId ?? null;
}
