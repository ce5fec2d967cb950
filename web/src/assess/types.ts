/**
 * Shapes of the checkpoint API as the assessment editor reads them (docs/api/checkpoints.md). The
 * server builds them in src/services/org/checkpoint-view.ts, which the UI may not import, so they
 * are restated here over the core types.
 */
import type { AnswerView, CheckpointView, DomainView, RatingView } from '../../../src/core/api/views.js';
import type { ModelDomain, ModelLevel, Practice } from '../../../src/core/model/model.js';
import type { CheckpointState } from '../../../src/core/persistence/records.js';
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

export type { AnswerView, CheckpointView, DomainView, RatingView };

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
