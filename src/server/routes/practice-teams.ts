import { z } from 'zod';
import type { IsoDate } from '../../core/dates.js';
import type { Model, Practice } from '../../core/model/model.js';
import type { AnswerRecord, RatingRecord, TeamRecord } from '../../core/persistence/records.js';
import { resolveAnswerStatus } from '../../core/scoring/consensus.js';
import type { StatusSource } from '../../core/scoring/consensus.js';
import { isAnswerStale } from '../../core/scoring/freshness.js';
import { ANSWER_STATUSES } from '../../core/workspace/answer-status.js';
import type { AnswerStatus } from '../../core/workspace/answer-status.js';
import type { Answer } from '../../core/workspace/schema.js';
import { currentTeamScores } from '../../services/org/scores.js';
import type { TeamScores } from '../../services/org/scores.js';
import { openView, selectReadableTeams } from '../../services/org/views-workspace.js';
import type { ViewContext } from '../../services/org/views-workspace.js';
import { readableTeams } from '../policy.js';
import { refuse, refusalOf } from '../problem.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';

/**
 * Which teams have a practice: the model browser's practice page lists every team the caller may
 * read with the practice's answer at that team's latest final checkpoint, judged as of today. The
 * checkpoint of each team comes from the score cache; only this practice's answers are kept.
 */

/** Checkpoints whose answers are read per query, to bound what is held in memory for a large organisation. */
const ANSWER_BATCH = 250;

export interface PracticeTeamRow {
  readonly id: string;
  readonly name: string;
  readonly group: string | null;
  /** The latest final checkpoint; null when the team was never assessed. */
  readonly date: IsoDate | null;
  readonly status: AnswerStatus;
  /** Where the status came from: the decided answer, the median of the ratings, or nothing. */
  readonly source: StatusSource;
  /** The evidence is older than the practice's freshnessDays (as of today). */
  readonly stale: boolean;
  /** Implemented and earning credit: fresh, or stale with the organisation's `staleCounts: true`. */
  readonly inPlace: boolean;
  /** The team's level in the practice's domain (null when not assessed or not applicable). */
  readonly domainLevel: number | null;
}

export interface PracticeTeamsBody {
  readonly practice: string;
  readonly asOf: IsoDate;
  readonly counts: Readonly<Record<AnswerStatus, number>> & { readonly stale: number; readonly inPlace: number };
  readonly teams: readonly PracticeTeamRow[];
}

/** This practice's answer (decided status, evidence and ratings) in each of the checkpoints. */
async function answersOfPractice(view: ViewContext, checkpointIds: readonly string[], practiceId: string): Promise<Map<string, Answer | undefined>> {
  const found = new Map<string, Answer | undefined>();
  for (let start = 0; start < checkpointIds.length; start += ANSWER_BATCH) {
    const batch = checkpointIds.slice(start, start + ANSWER_BATCH);
    const [answers, ratings] = await Promise.all([view.store.answersOf(batch, practiceId), view.store.ratingsOf(batch, practiceId)]);
    const rows = new Map(answers.filter((row) => row.practiceId === practiceId).map((row) => [row.checkpointId, row]));
    const rated = ratings.filter((row) => row.practiceId === practiceId);
    for (const id of batch) found.set(id, answerOf(rows.get(id), rated.filter((row) => row.checkpointId === id)));
  }
  return found;
}

/** The answer as a checkpoint file holds it, or undefined when the practice was neither answered nor rated. */
function answerOf(row: AnswerRecord | undefined, ratings: readonly RatingRecord[]): Answer | undefined {
  if (row === undefined && ratings.length === 0) return undefined;
  return {
    ...(row?.status === null || row?.status === undefined ? {} : { status: row.status }),
    evidence: [...(row?.evidence ?? [])],
    ratings: Object.fromEntries(ratings.map((rating) => [rating.rater, rating.status])),
  };
}

/** The level a team's score cell gives for the domain (cells are arrays in model domain order, `level` first). */
function domainLevelOf(scores: TeamScores | undefined, model: Model, domain: string): number | null {
  if (scores === undefined) return null;
  const cells = JSON.parse(scores.cellsJson) as unknown[][];
  const level = cells[model.domains.findIndex((candidate) => candidate.id === domain)]?.[0];
  return typeof level === 'number' ? level : null;
}

function teamRow(view: ViewContext, practice: Practice, team: TeamRecord, scores: TeamScores | undefined, answer: Answer | undefined): PracticeTeamRow {
  const date = scores?.date ?? null;
  const { status, source } = resolveAnswerStatus(answer);
  const stale = date !== null && isAnswerStale(practice, status, answer, date, view.today);
  const inPlace = status === 'implemented' && (!stale || view.settings.staleCounts);
  return { id: team.id, name: team.name, group: team.group, date, status, source, stale, inPlace, domainLevel: domainLevelOf(scores, view.model, practice.domain) };
}

function countRows(rows: readonly PracticeTeamRow[]): PracticeTeamsBody['counts'] {
  const counts: Record<string, number> = Object.fromEntries(ANSWER_STATUSES.map((status) => [status, 0]));
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return { ...(counts as Record<AnswerStatus, number>), stale: rows.filter((row) => row.stale).length, inPlace: rows.filter((row) => row.inPlace).length };
}

/** The rows of the readable teams (sorted by group, then name) for one practice. */
async function practiceTeams(view: ViewContext, practice: Practice, teams: readonly TeamRecord[], wholeOrganisation: boolean): Promise<PracticeTeamsBody> {
  const scores = await currentTeamScores(view.store, view.model, view.settings, teams, view.today, wholeOrganisation);
  const checkpointIds = [...scores.values()].map((entry) => entry.checkpointId).filter((id): id is string => id !== null);
  const answers = await answersOfPractice(view, checkpointIds, practice.id);
  const rows = teams.map((team) => {
    const teamScores = scores.get(team.id);
    return teamRow(view, practice, team, teamScores, teamScores?.checkpointId == null ? undefined : answers.get(teamScores.checkpointId));
  });
  return { practice: practice.id, asOf: view.today, counts: countRows(rows), teams: rows };
}

const teamsOfPractice = defineRoute({
  method: 'GET',
  url: '/api/v1/practices/:practiceId/teams',
  summary: "Each readable team's answer to a practice at its latest final checkpoint (as of today)",
  description: '`{practice, asOf, counts, teams: [{id, name, group, date, status, source, stale, inPlace, domainLevel}]}`, teams sorted by group then name.',
  tags: ['views'],
  policy: { action: 'signed-in', scope: 'none' },
  params: z.strictObject({ practiceId: z.string().min(1).max(200) }),
  responses: { 200: { description: 'The teams and their status for the practice' }, 404: { description: 'Not a practice of the current model' } },
  handler: async (request, context) => {
    const view = await openView(context.store, context.models, context.clock.now());
    const practice = view.model.practiceById.get(request.params.practiceId);
    if (practice === undefined) return refuse(404, `no practice "${request.params.practiceId}" in the model`);
    const readable = readableTeams(request.principal);
    const teams = await selectReadableTeams(view.store, readable, {});
    if (!teams.ok) return refusalOf(teams.error);
    return { status: 200, body: await practiceTeams(view, practice, teams.value, readable === 'all') };
  },
});

export const practiceTeamRoutes: readonly Route[] = [teamsOfPractice];
