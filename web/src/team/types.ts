/**
 * Shapes of the API answers the team pages read, restated from the routes (src/server/routes/views.ts,
 * checkpoints.ts, teams.ts) because the UI may not import services; core types are reused.
 */
import type { BacklogItem } from '../../../src/core/backlog/backlog.js';
import type { IsoDate } from '../../../src/core/dates.js';
import type { CheckpointComparison } from '../../../src/core/history/compare.js';
import type { DueEntry } from '../../../src/core/history/cadence.js';
import type { CheckpointState } from '../../../src/core/persistence/records.js';
import type { DomainScore } from '../../../src/core/scoring/score-checkpoint.js';
import type { Disagreement, StaleAnswer as ReportStaleAnswer } from '../../../src/core/report/report-model.js';
import type { TeamRole } from '../api-types.js';

export interface DomainName {
  readonly id: string;
  readonly name: string;
}

export interface RadarEntry {
  readonly domain: string;
  /** null when not applicable or never assessed (the scores tell which). */
  readonly current: number | null;
  readonly target: number | null;
  readonly previous: number | null;
}

export interface TrendPoint {
  readonly date: IsoDate;
  /** One level per domain, in the order of `domains`; null when not applicable or not assessed then. */
  readonly levels: readonly (number | null)[];
}

/** A stale answer as the summary sends it: the report's, with its age in days. */
export interface StaleAnswer extends ReportStaleAnswer {
  readonly ageDays: number;
}

export type { Disagreement };

export type NextStep = Pick<BacklogItem, 'key' | 'title' | 'domain' | 'level' | 'priority' | 'effort' | 'status' | 'acceptance' | 'practice' | 'source'>;

/** GET /api/v1/teams/:teamId/summary */
export interface TeamSummary {
  readonly team: { readonly id: string; readonly name: string; readonly group: string | null; readonly cadence: string; readonly version: number };
  readonly asOf: IsoDate;
  readonly date: IsoDate | null;
  readonly previousDate: IsoDate | null;
  readonly domains: readonly DomainName[];
  readonly scores: readonly DomainScore[];
  readonly radar: readonly RadarEntry[];
  readonly trend: readonly TrendPoint[];
  readonly gaps: readonly { readonly domain: string; readonly level: number; readonly target: number; readonly gap: number }[];
  readonly stale: readonly StaleAnswer[];
  readonly disagreements: readonly Disagreement[];
  readonly nextSteps: readonly NextStep[];
  readonly due: DueEntry;
}

export interface CheckpointListEntry {
  readonly id: string;
  readonly date: IsoDate;
  readonly state: CheckpointState;
  readonly model: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly counts: { readonly answered: number; readonly ratedPractices: number; readonly raters: number };
}

/** GET /api/v1/teams/:teamId/checkpoints (oldest first) */
export interface CheckpointListBody {
  readonly checkpoints: readonly CheckpointListEntry[];
}

/** GET /api/v1/teams/:teamId/checkpoints/compare?from=&to= */
export type CompareBody = CheckpointComparison & { readonly fromId: string; readonly toId: string };

export interface Member {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: TeamRole;
}

/** GET /api/v1/teams/:teamId/members */
export interface MembersBody {
  readonly members: readonly Member[];
}

/** The parts of GET /api/v1/models/current the team page reads. */
export interface ModelBody {
  readonly id: string;
  readonly version: string | number;
  readonly levels: readonly { readonly level: number; readonly name: string }[];
  readonly domains: readonly DomainName[];
  readonly practices: readonly { readonly id: string; readonly domain: string; readonly level: number; readonly title: string }[];
}
