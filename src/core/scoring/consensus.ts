import type { AnswerStatus } from '../workspace/answer-status.js';

/** The order on which rater spread and the median are measured. */
const ORDER: Readonly<Partial<Record<AnswerStatus, number>>> = { 'not-implemented': 0, partial: 1, implemented: 2 };
const BY_RANK: readonly AnswerStatus[] = ['not-implemented', 'partial', 'implemented'];

export type StatusSource = 'facilitator' | 'median' | 'none';

export interface ResolvedStatus {
  readonly status: AnswerStatus;
  readonly source: StatusSource;
}

interface RatedAnswer {
  readonly status?: AnswerStatus | undefined;
  readonly ratings?: Readonly<Record<string, AnswerStatus>>;
}

/** The answer that counts: the facilitator's status when given, else the median of the ratings. */
export function resolveAnswerStatus(answer: RatedAnswer | undefined): ResolvedStatus {
  if (answer === undefined) return { status: 'unknown', source: 'none' };
  if (answer.status !== undefined) return { status: answer.status, source: 'facilitator' };
  const median = medianRating(Object.values(answer.ratings ?? {}));
  return median === 'unknown' ? { status: 'unknown', source: 'none' } : { status: median, source: 'median' };
}

/**
 * The median of ratings on not-implemented < partial < implemented; with an even count the lower of
 * the two middle ratings. Not-applicable wins only when no rater gave an ordered rating.
 */
export function medianRating(ratings: readonly AnswerStatus[]): AnswerStatus {
  const ranks = ratings.map((rating) => ORDER[rating]).filter((rank) => rank !== undefined).sort((a, b) => a - b);
  if (ranks.length === 0) return ratings.includes('not-applicable') ? 'not-applicable' : 'unknown';
  const middle = ranks[Math.floor((ranks.length - 1) / 2)] ?? 0;
  return BY_RANK[middle] ?? 'unknown';
}

/** max − min of the ordered ratings, or null with fewer than two of them. */
export function ratingSpread(ratings: readonly AnswerStatus[]): number | null {
  const ranks = ratings.map((rating) => ORDER[rating]).filter((rank) => rank !== undefined);
  if (ranks.length < 2) return null;
  return Math.max(...ranks) - Math.min(...ranks);
}

/** Raters disagree when their ordered ratings spread by one step or more, or when some call it not applicable and others rate it. */
export function ratingsDisagree(ratings: readonly AnswerStatus[]): boolean {
  const spread = ratingSpread(ratings);
  if (spread !== null && spread >= 1) return true;
  const applicable = ratings.some((rating) => ORDER[rating] !== undefined);
  return applicable && ratings.includes('not-applicable');
}
