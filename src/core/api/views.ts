import type { CheckpointRecord } from '../persistence/records.js';
import type { StatusSource } from '../scoring/consensus.js';
import type { DomainScore } from '../scoring/score-checkpoint.js';
import type { AnswerStatus, Evidence } from '../workspace/schema.js';

/**
 * Shapes of API answers that the server builds and the web UI reads. They live in core so both
 * import one definition (the UI may import core types, never services).
 */

/** One rater's own rating of a practice. */
export interface RatingView {
  readonly status: AnswerStatus;
  readonly version: number;
  readonly updatedAt: string;
}

/** A practice's answer in a checkpoint, with its ratings and the consensus they suggest. */
export interface AnswerView {
  /** The facilitator's decision; null while only ratings exist. */
  readonly status: AnswerStatus | null;
  readonly justification: string | null;
  readonly evidence: readonly Evidence[];
  /** What the latest pushed scan proposed. */
  readonly proposed: AnswerStatus | null;
  /** The answer's own version (0: no answer row yet, create it with `If-Match: "0"`). */
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
  readonly ratings: Readonly<Record<string, RatingView>>;
  /** The status that counts: the facilitator's, else the median rating. */
  readonly consensus: AnswerStatus;
  readonly consensusSource: StatusSource;
  /** The median of the ratings (the default consensus), null without ratings. */
  readonly median: AnswerStatus | null;
  /** max − min of the ordered ratings, null with fewer than two. */
  readonly spread: number | null;
  readonly disagreement: boolean;
}

export interface DomainView extends DomainScore {
  readonly name: string;
}

/** `GET /api/v1/checkpoints/:checkpointId`. */
export interface CheckpointView extends CheckpointRecord {
  readonly raters: readonly string[];
  readonly answers: Readonly<Record<string, AnswerView>>;
  readonly domains: readonly DomainView[];
}

/** One model as `GET /api/v1/models` lists it. */
export interface ModelSummary {
  /** What `PATCH /organisation {model}` takes: `builtin` or `id@version`. */
  readonly id: string;
  readonly modelId: string;
  readonly version: string;
  readonly name: string;
  readonly format: 'stepwise' | 'dsomm';
  readonly builtin: boolean;
  readonly current: boolean;
  readonly uploadedAt: string | null;
  readonly uploadedBy: string | null;
}
