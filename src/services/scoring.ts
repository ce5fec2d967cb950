import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { IsoDate } from '../core/dates.js';
import { evaluatePractices, scoreCheckpoint } from '../core/scoring/score-checkpoint.js';
import type { PracticeEvaluation, TeamScore } from '../core/scoring/score-checkpoint.js';
import { resolveTargets } from '../core/scoring/targets.js';
import type { Checkpoint, Team } from '../core/workspace/schema.js';
import { latestCheckpoint } from './workspace.js';
import type { Workspace } from './workspace.js';

/** A team's standing in one checkpoint: scores per domain and the evaluation of every practice. */
export interface TeamStanding {
  readonly team: Team;
  /** Undefined when the team has never been assessed. */
  readonly checkpoint: Checkpoint | undefined;
  readonly score: TeamScore;
  readonly evaluations: ReadonlyMap<string, readonly PracticeEvaluation[]>;
}

/** Standing of a team in a checkpoint, staleness judged as of `asOf`. */
export function standingOf(workspace: Workspace, team: Team, checkpoint: Checkpoint | undefined, asOf: IsoDate): TeamStanding {
  const subject = checkpoint ?? emptyCheckpoint(workspace, team.id, asOf);
  const targets = resolveTargets(workspace.model, workspace.organisation, team);
  const score = scoreCheckpoint({ model: workspace.model, checkpoint: subject, targets, staleCounts: workspace.organisation.staleCounts, asOf });
  const evaluations = new Map(workspace.model.domains.map((domain) => [domain.id, evaluatePractices(workspace.model, subject, domain.id, asOf)]));
  return { team, checkpoint, score, evaluations };
}

function emptyCheckpoint(workspace: Workspace, team: string, date: IsoDate): Checkpoint {
  return { team, date, model: `${workspace.model.id}@${workspace.model.version}`, raters: [], answers: {}, domainScores: {} };
}

/** The current view: each team's latest checkpoint judged as of today (teams never assessed included). */
export function currentStandings(workspace: Workspace, today: IsoDate, teamFilter?: string): Result<TeamStanding[]> {
  const teams = selectTeams(workspace, teamFilter);
  if (!teams.ok) return teams;
  return ok(teams.value.map((team) => standingOf(workspace, team, latestCheckpoint(workspace, team.id), today)));
}

/** All teams, or the one asked for. */
export function selectTeams(workspace: Workspace, teamFilter?: string): Result<Team[]> {
  if (teamFilter === undefined) return ok([...workspace.teams.values()]);
  const team = workspace.teams.get(teamFilter);
  if (team === undefined) return fail('not-found', `no team "${teamFilter}" in stepwise.yaml (teams: ${[...workspace.teams.keys()].join(', ') || 'none'})`);
  return ok([team]);
}
