import type { IsoDate } from '../dates.js';
import type { Model, Practice } from '../model/model.js';
import { answerOf } from '../workspace/schema.js';
import type { AnswerStatus, Checkpoint } from '../workspace/schema.js';
import { ratingsDisagree, resolveAnswerStatus } from './consensus.js';
import type { StatusSource } from './consensus.js';
import { deriveDomainLevel } from './domain-level.js';
import type { PracticeState } from './domain-level.js';
import { isAnswerStale } from './freshness.js';

/** How one practice stands in a checkpoint. */
export interface PracticeEvaluation extends PracticeState {
  readonly source: StatusSource;
  readonly disagreement: boolean;
}

export interface DomainScore {
  readonly domain: string;
  /** null when the domain is not applicable. */
  readonly level: number | null;
  readonly progress: number | null;
  readonly target: number | null;
  readonly gap: number | null;
  readonly applicable: boolean;
  /** Practices of the domain without an answer. */
  readonly unknown: number;
  /** Unknown answers at the level being tested: the level is incomplete when this is above 0. */
  readonly incomplete: number;
  readonly stale: number;
  readonly disagreements: number;
  readonly levelSpread: number;
  readonly selfRated: number | null;
  /** Where the level comes from: derived from practice answers, a quick self-rating, or nothing answered yet. */
  readonly basis: 'derived' | 'self-rated' | 'unassessed';
  /** The quick self-rating differs from the derived level. */
  readonly mismatch: boolean;
}

export interface TeamScore {
  readonly team: string;
  readonly date: IsoDate;
  readonly model: string;
  readonly domains: readonly DomainScore[];
}

export interface ScoreInput {
  readonly model: Model;
  readonly checkpoint: Checkpoint;
  readonly targets: ReadonlyMap<string, number | null>;
  readonly staleCounts: boolean;
  /** Staleness is judged as of this date: the checkpoint's own date for history, today for the current view. */
  readonly asOf: IsoDate;
}

/** Evaluates every practice of a domain against a checkpoint. */
export function evaluatePractices(model: Model, checkpoint: Checkpoint, domain: string, asOf: IsoDate): PracticeEvaluation[] {
  return (model.practicesByDomain.get(domain) ?? []).map((practice) => evaluatePractice(practice, checkpoint, asOf));
}

function evaluatePractice(practice: Practice, checkpoint: Checkpoint, asOf: IsoDate): PracticeEvaluation {
  const answer = answerOf(checkpoint, practice.id);
  const resolved = resolveAnswerStatus(answer);
  return {
    practice,
    status: resolved.status,
    source: resolved.source,
    stale: isAnswerStale(practice, resolved.status, answer, checkpoint.date, asOf),
    disagreement: ratingsDisagree(Object.values(answer?.ratings ?? {})),
  };
}

/** Scores every domain of the model for one checkpoint (PRODUCT.md §2). */
export function scoreCheckpoint(input: ScoreInput): TeamScore {
  const levels = input.model.levels.map((level) => level.level);
  const raters = checkpointRaters(input.checkpoint);
  const domains = input.model.domains.map((domain) => scoreDomain(input, levels, domain.id, raters));
  return { team: input.checkpoint.team, date: input.checkpoint.date, model: input.checkpoint.model, domains };
}

function scoreDomain(input: ScoreInput, levels: readonly number[], domain: string, raters: readonly string[]): DomainScore {
  const evaluations = evaluatePractices(input.model, input.checkpoint, domain, input.asOf);
  const derived = deriveDomainLevel(levels, evaluations, input.staleCounts);
  const selfRated = Object.hasOwn(input.checkpoint.domainScores, domain) ? (input.checkpoint.domainScores[domain] ?? null) : null;
  const answered = evaluations.some((evaluation) => evaluation.status !== 'unknown');
  const useSelfRating = !answered && selfRated !== null;
  const level = useSelfRating ? selfRated : derived.level;
  const target = input.targets.get(domain) ?? null;
  return {
    domain,
    level,
    progress: useSelfRating ? selfRated : derived.progress,
    target,
    gap: target === null || level === null ? null : target - level,
    applicable: level !== null,
    unknown: evaluations.filter((evaluation) => evaluation.status === 'unknown').length,
    incomplete: useSelfRating ? 0 : derived.unknownAtTestedLevel,
    stale: evaluations.filter((evaluation) => evaluation.stale).length,
    disagreements: evaluations.filter((evaluation) => evaluation.disagreement).length,
    levelSpread: raterLevelSpread(input, levels, evaluations, raters),
    selfRated,
    basis: useSelfRating ? 'self-rated' : answered ? 'derived' : 'unassessed',
    mismatch: answered && selfRated !== null && selfRated !== derived.level,
  };
}

/** The raters of a checkpoint: those listed and those who left ratings. */
export function checkpointRaters(checkpoint: Checkpoint): string[] {
  const raters = new Set(checkpoint.raters);
  for (const answer of Object.values(checkpoint.answers)) for (const rater of Object.keys(answer.ratings)) raters.add(rater);
  return [...raters].sort();
}

/** max − min of the levels each rater's own answers would give; unrated practices count with their status for everyone. */
function raterLevelSpread(input: ScoreInput, levels: readonly number[], evaluations: readonly PracticeEvaluation[], raters: readonly string[]): number {
  if (raters.length < 2) return 0;
  const raterLevels: number[] = [];
  for (const rater of raters) {
    const states = evaluations.map((evaluation) => withRaterStatus(evaluation, input.checkpoint, rater));
    const level = deriveDomainLevel(levels, states, input.staleCounts).level;
    if (level !== null) raterLevels.push(level);
  }
  return raterLevels.length < 2 ? 0 : Math.max(...raterLevels) - Math.min(...raterLevels);
}

function withRaterStatus(evaluation: PracticeEvaluation, checkpoint: Checkpoint, rater: string): PracticeState {
  const answer = answerOf(checkpoint, evaluation.practice.id);
  const ratings = answer?.ratings ?? {};
  const own: AnswerStatus | undefined = Object.hasOwn(ratings, rater) ? ratings[rater] : undefined;
  return own === undefined ? evaluation : { ...evaluation, status: own };
}
