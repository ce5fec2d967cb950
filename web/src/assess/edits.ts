import type { AnswerRecordBody, AnswerStatus, AnswerView, CheckpointView, Evidence, RatingRecordBody } from './types.js';

/**
 * Edits not yet stored on the server. Each names the version it was made against (`base`, sent as
 * If-Match) and a sequence number, so a save that lands while the person kept typing leaves the
 * newer edit pending. Kept as a draft (drafts.ts), so they survive a session that ends and a reload.
 */

export interface AnswerEdit {
  readonly base: number;
  readonly seq: number;
  readonly status?: AnswerStatus | null;
  readonly justification?: string;
  readonly evidence?: readonly Evidence[];
}

export interface RatingEdit {
  readonly base: number;
  readonly seq: number;
  /** null withdraws the rating. */
  readonly status: AnswerStatus | null;
}

export interface PracticeEdits {
  readonly answer?: AnswerEdit;
  readonly rating?: RatingEdit;
}

export type Edits = Readonly<Record<string, PracticeEdits>>;

export type Resource = 'answer' | 'rating';

/** The fields of an answer a person edits. */
export type AnswerFields = Pick<AnswerEdit, 'status' | 'justification' | 'evidence'>;

/** A copy of `record` with `key` set to `value`, or left out when `value` is undefined. */
export function withEntry<T>(record: Readonly<Record<string, T>>, key: string, value: T | undefined): Record<string, T> {
  const rest = Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
  return value === undefined ? rest : { ...rest, [key]: value };
}

let sequence = 0;

function nextSeq(): number {
  sequence += 1;
  return Date.now() * 1000 + (sequence % 1000);
}

/** The answer's stored version (0 when it does not exist yet). */
export function answerVersion(view: CheckpointView | undefined, practiceId: string): number {
  return answerOf(view, practiceId)?.version ?? 0;
}

/** The caller's stored rating version (0 when they have not rated). */
export function ratingVersion(view: CheckpointView | undefined, practiceId: string, rater: string): number {
  return ownRating(answerOf(view, practiceId), rater)?.version ?? 0;
}

/** The practice's answer view (own keys only). */
export function answerOf(view: CheckpointView | undefined, practiceId: string): AnswerView | undefined {
  return view !== undefined && Object.hasOwn(view.answers, practiceId) ? view.answers[practiceId] : undefined;
}

/** The rater's own rating of an answer. */
export function ownRating(answer: AnswerView | undefined, rater: string): AnswerView['ratings'][string] | undefined {
  return answer !== undefined && Object.hasOwn(answer.ratings, rater) ? answer.ratings[rater] : undefined;
}

function editsOf(edits: Edits, practiceId: string): PracticeEdits {
  return (Object.hasOwn(edits, practiceId) ? edits[practiceId] : undefined) ?? {};
}

/** The answer edit of a practice, if any. */
export function answerEditOf(edits: Edits, practiceId: string): AnswerEdit | undefined {
  return editsOf(edits, practiceId).answer;
}

/** The rating edit of a practice, if any. */
export function ratingEditOf(edits: Edits, practiceId: string): RatingEdit | undefined {
  return editsOf(edits, practiceId).rating;
}

function withPractice(edits: Edits, practiceId: string, practice: PracticeEdits): Edits {
  return withEntry(edits, practiceId, practice.answer === undefined && practice.rating === undefined ? undefined : practice);
}

/** Adds changed answer fields; the first edit of a resource remembers the version it started from. */
export function withAnswerFields(edits: Edits, practiceId: string, fields: AnswerFields, storedVersion: number): Edits {
  const practice = editsOf(edits, practiceId);
  const base = practice.answer?.base ?? storedVersion;
  return withPractice(edits, practiceId, { ...practice, answer: { ...practice.answer, ...fields, base, seq: nextSeq() } });
}

/** Sets (or, with null, withdraws) the caller's own rating. */
export function withRating(edits: Edits, practiceId: string, status: AnswerStatus | null, storedVersion: number): Edits {
  const practice = editsOf(edits, practiceId);
  const base = practice.rating?.base ?? storedVersion;
  return withPractice(edits, practiceId, { ...practice, rating: { status, base, seq: nextSeq() } });
}

/** Forgets a resource's edit (saved, or the person took the other version). */
export function withoutEdit(edits: Edits, practiceId: string, resource: Resource): Edits {
  const { answer, rating } = editsOf(edits, practiceId);
  const practice: PracticeEdits = resource === 'answer' ? (rating === undefined ? {} : { rating }) : answer === undefined ? {} : { answer };
  return withPractice(edits, practiceId, practice);
}

/** The edit now builds on `version` (kept mine after a conflict, or saved while the person kept editing). */
export function rebased(edits: Edits, practiceId: string, resource: Resource, version: number): Edits {
  const practice = editsOf(edits, practiceId);
  const edit = practice[resource];
  if (edit === undefined) return edits;
  return withPractice(edits, practiceId, { ...practice, [resource]: { ...edit, base: version } });
}

/** After a save of the edit numbered `seq`: gone when nothing newer was typed, else rebased on the stored version. */
export function afterSave(edits: Edits, practiceId: string, resource: Resource, seq: number, version: number): Edits {
  const edit = editsOf(edits, practiceId)[resource];
  if (edit === undefined) return edits;
  return edit.seq === seq ? withoutEdit(edits, practiceId, resource) : rebased(edits, practiceId, resource, version);
}

/** The PUT body of an answer edit: only the fields the person changed (an empty justification clears it). */
export function answerBody(edit: AnswerEdit): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (edit.status !== undefined) body['status'] = edit.status;
  if (edit.justification !== undefined) body['justification'] = edit.justification.trim() === '' ? null : edit.justification;
  if (edit.evidence !== undefined) body['evidence'] = edit.evidence;
  return body;
}

/** What a person sees for an answer: the stored one with their unsaved edits on top. */
export interface ShownAnswer {
  readonly status: AnswerStatus | null;
  readonly justification: string;
  readonly evidence: readonly Evidence[];
}

/** The stored answer with the pending edit applied. */
export function shownAnswer(stored: AnswerView | undefined, edit: AnswerEdit | undefined): ShownAnswer {
  return {
    status: edit?.status !== undefined ? edit.status : (stored?.status ?? null),
    justification: edit?.justification ?? stored?.justification ?? '',
    evidence: edit?.evidence ?? stored?.evidence ?? [],
  };
}

/** The person's rating as shown: the pending one, else the stored one. */
export function shownRating(stored: AnswerView | undefined, edit: RatingEdit | undefined, rater: string): AnswerStatus | null {
  return edit !== undefined ? edit.status : (ownRating(stored, rater)?.status ?? null);
}

/** Why an answer edit cannot be sent yet (the server would refuse it), or undefined. */
export function answerHold(stored: AnswerView | undefined, edit: AnswerEdit): string | undefined {
  const shown = shownAnswer(stored, edit);
  if (shown.status === 'not-applicable' && shown.justification.trim() === '') return 'Not saved yet: say why this practice does not apply to the team (a justification is required for "not applicable").';
  return undefined;
}

const EMPTY_ANSWER: AnswerView = {
  status: null,
  justification: null,
  evidence: [],
  proposed: null,
  version: 0,
  updatedBy: null,
  updatedAt: null,
  ratings: {},
  consensus: 'unknown',
  consensusSource: 'none',
  median: null,
  spread: null,
  disagreement: false,
};

function withAnswer(view: CheckpointView, practiceId: string, answer: AnswerView): CheckpointView {
  return { ...view, answers: { ...view.answers, [practiceId]: answer } };
}

/** The view with a stored answer row put in place (until the next read brings the scores). */
export function withStoredAnswer(view: CheckpointView, practiceId: string, row: AnswerRecordBody): CheckpointView {
  const before = answerOf(view, practiceId) ?? EMPTY_ANSWER;
  const { status, justification, evidence, proposed, version, updatedBy, updatedAt } = row;
  return withAnswer(view, practiceId, { ...before, status, justification, evidence, proposed, version, updatedBy, updatedAt });
}

/** The view with the caller's rating stored (or, with undefined, withdrawn). */
export function withStoredRating(view: CheckpointView, practiceId: string, rater: string, rating: RatingRecordBody | undefined): CheckpointView {
  const before = answerOf(view, practiceId) ?? EMPTY_ANSWER;
  const ratings = withEntry(before.ratings, rater, rating === undefined ? undefined : { status: rating.status, version: rating.version, updatedAt: rating.updatedAt });
  return withAnswer(view, practiceId, { ...before, ratings });
}
