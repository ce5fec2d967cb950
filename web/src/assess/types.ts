/**
 * Shapes of the checkpoint API as the assessment editor reads them (docs/api/checkpoints.md). The
 * server builds them in src/services/org/checkpoint-view.ts, which the UI may not import, so they
 * are restated here over the core types.
 */
import type { ModelDomain, ModelLevel, Practice } from '../../../src/core/model/model.js';
import type { CheckpointRecord, CheckpointState } from '../../../src/core/persistence/records.js';
import type { DomainScore } from '../../../src/core/scoring/score-checkpoint.js';
import type { AnswerStatus } from '../../../src/core/workspace/answer-status.js';
import type { Evidence } from '../../../src/core/workspace/schema.js';

export type { AnswerStatus, CheckpointState, Evidence };

/** GET /api/v1/models/current: the model file format. */
export interface ModelBody {
  readonly id: string;
  readonly version: string | number;
  readonly name: string;
  readonly levels: readonly ModelLevel[];
  readonly domains: readonly ModelDomain[];
  readonly practices: readonly PracticeBody[];
}

export type PracticeBody = Pick<Practice, 'id' | 'domain' | 'level' | 'title' | 'description' | 'guidance' | 'risk' | 'effort'>;

/** One rater's own rating of a practice. */
export interface RatingView {
  readonly status: AnswerStatus;
  readonly version: number;
  readonly updatedAt: string;
}

/** A practice's answer with its ratings and the consensus they suggest. */
export interface AnswerView {
  /** The facilitator's decision; null while only ratings exist. */
  readonly status: AnswerStatus | null;
  readonly justification: string | null;
  readonly evidence: readonly Evidence[];
  /** What the latest pushed scan proposed. */
  readonly proposed: AnswerStatus | null;
  /** 0 while no answer row exists (create it with If-Match "0"). */
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
  readonly ratings: Readonly<Record<string, RatingView>>;
  readonly consensus: AnswerStatus;
  readonly consensusSource: 'facilitator' | 'median' | 'none';
  readonly median: AnswerStatus | null;
  readonly spread: number | null;
  readonly disagreement: boolean;
}

export interface DomainView extends DomainScore {
  readonly name: string;
}

/** GET /api/v1/checkpoints/:checkpointId */
export interface CheckpointView extends CheckpointRecord {
  readonly raters: readonly string[];
  readonly answers: Readonly<Record<string, AnswerView>>;
  readonly domains: readonly DomainView[];
}

/** PUT …/answers/:practiceId answers with the stored row. */
export interface AnswerRecordBody {
  readonly status: AnswerStatus | null;
  readonly justification: string | null;
  readonly evidence: readonly Evidence[];
  readonly proposed: AnswerStatus | null;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** PUT …/ratings/:practiceId answers with the stored rating. */
export interface RatingRecordBody {
  readonly rater: string;
  readonly status: AnswerStatus;
  readonly version: number;
  readonly updatedAt: string;
}

/** One row of GET /api/v1/teams/:teamId/checkpoints. */
export interface CheckpointSummary {
  readonly id: string;
  readonly date: string;
  readonly state: CheckpointState;
  readonly model: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly counts: { readonly answered: number; readonly ratedPractices: number; readonly raters: number };
}

/** GET /api/v1/teams/:teamId (the fields the editor shows). */
export interface TeamBody {
  readonly id: string;
  readonly name: string;
  readonly group: string | null;
}

/** GET /api/v1/teams/:teamId/scans?limit=1 */
export interface ScanListBody {
  readonly scans: readonly { readonly id: string; readonly pushedAt: string; readonly pushedBy: string }[];
}

/** The statuses in the order the radio groups offer them. */
export const STATUS_ORDER: readonly AnswerStatus[] = ['implemented', 'partial', 'not-implemented', 'not-applicable', 'unknown'];

/** How a status reads in the editor (never a colour alone). */
export const STATUS_LABELS: Readonly<Record<AnswerStatus, string>> = {
  implemented: 'Implemented',
  partial: 'Partially implemented',
  'not-implemented': 'Not implemented',
  'not-applicable': 'Not applicable',
  unknown: 'Unknown',
};

export const STATE_LABELS: Readonly<Record<CheckpointState, string>> = {
  draft: 'Draft',
  rating: 'Rating round',
  consensus: 'Consensus',
  final: 'Final',
};
