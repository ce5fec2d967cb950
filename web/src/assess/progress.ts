import { answerEditOf, answerOf, ratingEditOf, shownAnswer, shownRating } from './edits.js';
import type { Edits } from './edits.js';
import type { Control } from './roles.js';
import type { AnswerView, CheckpointView, ModelBody, PracticeBody } from './types.js';

/** Practices of one level of a domain, in the model's order. */
export interface LevelGroup {
  readonly level: number;
  readonly name: string;
  readonly practices: readonly PracticeBody[];
}

/** A domain's practices grouped by level (levels without practices left out). */
export function levelGroups(model: ModelBody, domainId: string): LevelGroup[] {
  return [...model.levels]
    .sort((a, b) => a.level - b.level)
    .map((level) => ({ level: level.level, name: level.name, practices: practicesOf(model, domainId).filter((practice) => practice.level === level.level) }))
    .filter((group) => group.practices.length > 0);
}

/** A domain's practices by level, then id (the order the server scores them in). */
export function practicesOf(model: ModelBody, domainId: string): PracticeBody[] {
  return model.practices.filter((practice) => practice.domain === domainId).sort((a, b) => a.level - b.level || a.id.localeCompare(b.id, 'en'));
}

/** Every practice in editor order: the model's domains in turn, each by level. */
export function editorOrder(model: ModelBody): PracticeBody[] {
  return model.domains.flatMap((domain) => practicesOf(model, domain.id));
}

/**
 * Whether the facilitator still has to decide a practice: nothing counts yet; the raters disagree
 * and nobody decided; or the ratings disagree (with each other or with the status) and the status
 * was not written after the newest rating by `facilitator` or by someone who did not rate it (a
 * status copied from the last checkpoint, or a rater adding evidence, is no decision on them).
 */
export function needsDecision(answer: AnswerView | undefined, facilitator: string): boolean {
  if (answer === undefined) return true;
  const ratings = Object.entries(answer.ratings);
  if (ratings.length === 0) return answer.consensus === 'unknown';
  if (answer.status === null) return answer.disagreement || answer.consensus === 'unknown';
  if (!answer.disagreement && answer.status === answer.median) return false;
  const newest = ratings.reduce((latest, [, rating]) => (rating.updatedAt > latest ? rating.updatedAt : latest), '');
  const after = answer.updatedAt !== null && answer.updatedAt >= newest;
  const by = answer.updatedBy ?? '';
  return !(after && (by === facilitator || !Object.hasOwn(answer.ratings, by)));
}

/**
 * Whether the person still has to answer a practice with their control: their own rating in a
 * rating round; the shared answer in a draft; in consensus, the facilitator's decision
 * ({@link needsDecision}); for a reader, whether anything counts.
 */
export function isOpen(view: CheckpointView, edits: Edits, practiceId: string, control: Control, rater: string): boolean {
  const stored = answerOf(view, practiceId);
  if (control === 'none') return (stored?.consensus ?? 'unknown') === 'unknown';
  if (control === 'rating') return isUnset(shownRating(stored, ratingEditOf(edits, practiceId), rater));
  const edit = answerEditOf(edits, practiceId);
  if (view.state !== 'consensus') return isUnset(shownAnswer(stored, edit).status);
  return edit?.status === undefined && needsDecision(stored, rater);
}

function isUnset(status: string | null): boolean {
  return status === null || status === 'unknown';
}

/** Answered and total practices of a domain, counted the way the person works (see {@link isOpen}). */
export function domainProgress(model: ModelBody, view: CheckpointView, edits: Edits, domainId: string, control: Control, rater: string): { answered: number; total: number } {
  const practices = practicesOf(model, domainId);
  const answered = practices.filter((practice) => !isOpen(view, edits, practice.id, control, rater)).length;
  return { answered, total: practices.length };
}

/** The first open practice after `afterId` in editor order, wrapping around; undefined when all are answered. */
export function nextOpen(model: ModelBody, view: CheckpointView, edits: Edits, control: Control, rater: string, afterId: string | undefined): PracticeBody | undefined {
  const order = editorOrder(model);
  const start = afterId === undefined ? -1 : order.findIndex((practice) => practice.id === afterId);
  const rotated = [...order.slice(start + 1), ...order.slice(0, start + 1)];
  return rotated.find((practice) => isOpen(view, edits, practice.id, control, rater));
}

/** How many practices are still open for the person. */
export function openCount(model: ModelBody, view: CheckpointView, edits: Edits, control: Control, rater: string): number {
  return model.practices.filter((practice) => isOpen(view, edits, practice.id, control, rater)).length;
}

/** What stops or weakens finalising: n/a without justification (refused by the server) and practices still unknown. */
export interface FinaliseCheck {
  readonly unjustified: readonly string[];
  readonly unknown: number;
  readonly undecidedDisagreements: readonly string[];
}

/** Reads the finalisation checks off the view (the server's rule: the status that counts is n/a and no justification). */
export function finaliseCheck(model: ModelBody, view: CheckpointView, facilitator: string): FinaliseCheck {
  const unjustified: string[] = [];
  const undecided: string[] = [];
  let unknown = 0;
  for (const practice of model.practices) {
    const answer = answerOf(view, practice.id);
    if (answer === undefined || answer.consensus === 'unknown') unknown += 1;
    if (answer?.consensus === 'not-applicable' && (answer.justification ?? '').trim() === '') unjustified.push(practice.id);
    if (answer?.disagreement === true && needsDecision(answer, facilitator)) undecided.push(practice.id);
  }
  return { unjustified, unknown, undecidedDisagreements: undecided };
}
