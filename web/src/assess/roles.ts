import type { TeamRole } from '../api-types.js';
import type { CheckpointState } from './types.js';

/**
 * What the signed-in person may do with a team's checkpoint, mirroring the server's policies
 * (team:rate = assessor, lead, admin; team:lead = lead, admin). The server decides in the end; the
 * editor only avoids offering what would be refused.
 */
export interface Capacity {
  readonly username: string;
  /** May rate and write answers (assessor, lead, admin). */
  readonly canRate: boolean;
  /** The facilitator: decides the consensus and moves the state (lead, admin). */
  readonly isLead: boolean;
}

/** The capacity of a user with `role` in the team (undefined: not a member). */
export function capacityOf(username: string, isAdmin: boolean, role: TeamRole | undefined): Capacity {
  return { username, canRate: isAdmin || role === 'lead' || role === 'assessor', isLead: isAdmin || role === 'lead' };
}

/**
 * Which value a person sets per practice: the shared answer (a draft, or the facilitator deciding
 * the consensus), their own rating (a rating round; assessors during consensus), or nothing.
 */
export type Control = 'answer' | 'rating' | 'none';

/** The control a person works with in a checkpoint of `state`. */
export function controlFor(state: CheckpointState, capacity: Capacity): Control {
  if (!capacity.canRate || state === 'final') return 'none';
  if (state === 'draft') return 'answer';
  if (state === 'consensus' && capacity.isLead) return 'answer';
  return 'rating';
}

/** Raters rate alone: while the round is open, only the facilitator sees everybody's ratings. */
export function seesAllRatings(state: CheckpointState, capacity: Capacity): boolean {
  return state !== 'rating' || capacity.isLead;
}

/** May the person edit evidence and justification (open to raters until the checkpoint is final). */
export function editsEvidence(state: CheckpointState, capacity: Capacity): boolean {
  return capacity.canRate && state !== 'final';
}
