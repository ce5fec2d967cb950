import { compareCheckpoints } from '../core/history/compare.js';
import type { CheckpointComparison } from '../core/history/compare.js';
import { dueEntry, sortByUrgency } from '../core/history/cadence.js';
import type { DueEntry } from '../core/history/cadence.js';
import type { IsoDate } from '../core/dates.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import { resolveTargets } from '../core/scoring/targets.js';
import type { Checkpoint } from '../core/workspace/schema.js';
import { latestCheckpoint } from './workspace.js';
import type { Workspace } from './workspace.js';

/** What changed between two checkpoints of the same team. */
export function compareTwo(workspace: Workspace, before: Checkpoint, after: Checkpoint): Result<CheckpointComparison> {
  if (before.team !== after.team) return fail('usage', `cannot compare checkpoints of different teams (${before.team} and ${after.team})`);
  const [older, newer] = before.date <= after.date ? [before, after] : [after, before];
  const team = workspace.teams.get(after.team);
  const targets = resolveTargets(workspace.model, workspace.organisation, team);
  return ok(compareCheckpoints({ model: workspace.model, before: older, after: newer, targets, staleCounts: workspace.organisation.staleCounts }));
}

/** The checkpoint of a team on a date. */
export function findCheckpoint(workspace: Workspace, team: string, date: IsoDate): Result<Checkpoint> {
  const checkpoint = workspace.checkpoints.get(team)?.find((candidate) => candidate.date === date);
  if (checkpoint === undefined) return fail('not-found', `team "${team}" has no checkpoint dated ${date}`);
  return ok(checkpoint);
}

/** Teams due or overdue for reassessment as of today, most urgent first. */
export function dueList(workspace: Workspace, today: IsoDate, windowDays: number): DueEntry[] {
  const entries = [...workspace.teams.values()].map((team) =>
    dueEntry(team.id, team.cadence ?? workspace.organisation.defaultCadence, latestCheckpoint(workspace, team.id)?.date ?? null, today, windowDays),
  );
  return sortByUrgency(entries);
}
