import type { AnswerView, CheckpointView } from '../../core/api/views.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence } from '../../core/persistence/port.js';
import type { AnswerRecord, CheckpointRecord, RatingRecord } from '../../core/persistence/records.js';
import { medianRating, ratingSpread, ratingsDisagree, resolveAnswerStatus } from '../../core/scoring/consensus.js';
import type { Checkpoint, Team } from '../../core/workspace/schema.js';
import { standingOf } from '../scoring.js';
import type { Workspace } from '../workspace.js';
import { checkpointFromRows, loadOrgWorkspace } from './org-workspace.js';
import { organisationSettings } from './teams.js';

/**
 * The detailed view of one checkpoint: every answer with its ratings, the consensus the raters'
 * ratings suggest and how far they disagree, and the domains scored as of the checkpoint's date
 * (history never changes as evidence ages).
 */

export type { AnswerView, CheckpointView, DomainView, RatingView } from '../../core/api/views.js';

/** A workspace holding one team and no history: the scoring services judge the checkpoints handed to them. */
export async function teamWorkspace(store: Persistence, model: Model, teamId: string): Promise<{ workspace: Workspace; team: Team }> {
  const settings = await organisationSettings(store);
  const workspace = await loadOrgWorkspace(store, model, settings, { teamIds: [teamId], history: 'latest', states: [] });
  return { workspace, team: workspace.teams.get(teamId) ?? { id: teamId, name: teamId } };
}

/** Who is looking: a rater who must not see the others' ratings while they rate, or someone who sees them all. */
export type RatingsViewer = { readonly seesAll: true } | { readonly seesAll: false; readonly rater: string | undefined };

/** Each rater rates alone: until the consensus round, only leads, admins and auditors see every rating. */
function visibleRatings(record: CheckpointRecord, ratings: readonly RatingRecord[], viewer: RatingsViewer): readonly RatingRecord[] {
  if (viewer.seesAll || record.state === 'consensus' || record.state === 'final') return ratings;
  return ratings.filter((rating) => rating.rater === viewer.rater);
}

/** The detailed view of a checkpoint as the viewer may see it; undefined when it does not exist. */
export async function checkpointView(store: Persistence, model: Model, checkpointId: string, viewer: RatingsViewer = { seesAll: true }): Promise<CheckpointView | undefined> {
  const record = await store.checkpointById(checkpointId);
  if (record === undefined) return undefined;
  const [answers, allRatings] = await Promise.all([store.answersOf([record.id]), store.ratingsOf([record.id])]);
  const ratings = visibleRatings(record, allRatings, viewer);
  const checkpoint = checkpointFromRows(record, answers, ratings);
  const { workspace, team } = await teamWorkspace(store, model, record.teamId);
  const score = standingOf(workspace, team, checkpoint, record.date).score;
  const names = new Map(model.domains.map((domain) => [domain.id, domain.name]));
  return {
    ...record,
    raters: checkpoint.raters,
    answers: answerViews(checkpoint, answers, ratings),
    domains: score.domains.map((domain) => ({ ...domain, name: names.get(domain.domain) ?? domain.domain })),
  };
}

function answerViews(checkpoint: Checkpoint, answers: readonly AnswerRecord[], ratings: readonly RatingRecord[]): Record<string, AnswerView> {
  const rows = new Map(answers.map((row) => [row.practiceId, row]));
  const practiceIds = [...new Set([...rows.keys(), ...ratings.map((rating) => rating.practiceId)])].sort();
  return Object.fromEntries(
    practiceIds.map((practiceId) => [practiceId, answerView(checkpoint, rows.get(practiceId), ratings.filter((rating) => rating.practiceId === practiceId))]),
  );
}

function answerView(checkpoint: Checkpoint, row: AnswerRecord | undefined, ratings: readonly RatingRecord[]): AnswerView {
  const statuses = ratings.map((rating) => rating.status);
  const practiceId = row?.practiceId ?? ratings[0]?.practiceId ?? '';
  const resolved = resolveAnswerStatus(Object.hasOwn(checkpoint.answers, practiceId) ? checkpoint.answers[practiceId] : undefined);
  return {
    status: row?.status ?? null,
    justification: row?.justification ?? null,
    evidence: row?.evidence ?? [],
    proposed: row?.proposed ?? null,
    version: row?.version ?? 0,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
    ratings: Object.fromEntries(ratings.map((rating) => [rating.rater, { status: rating.status, version: rating.version, updatedAt: rating.updatedAt }])),
    consensus: resolved.status,
    consensusSource: resolved.source,
    median: statuses.length === 0 ? null : medianRating(statuses),
    spread: ratingSpread(statuses),
    disagreement: ratingsDisagree(statuses),
  };
}
