/**
 * Shapes of the API answers the UI reads. The server builds them in src/services (which the UI may
 * not import), so they are restated here from the routes' documentation; core types are reused.
 */
import type { IsoDate } from '../../src/core/dates.js';
import type { BacklogItem } from '../../src/core/backlog/backlog.js';
import type { DueEntry } from '../../src/core/history/cadence.js';
import type { UserRecord } from '../../src/core/persistence/records.js';
import type { DomainScore } from '../../src/core/scoring/score-checkpoint.js';

export type TeamRole = 'lead' | 'assessor' | 'viewer';

/** A user as the API shows them (never with the password hash). */
export type PublicUser = Omit<UserRecord, 'passwordHash'>;

/** GET /api/v1/session and the body of a successful sign-in. */
export interface SessionBody {
  readonly user: PublicUser;
  readonly roles?: Readonly<Record<string, TeamRole>>;
  readonly csrfToken: string;
  readonly csrfHeader: string;
}

/** GET /api/v1/setup */
export interface SetupStatus {
  readonly needsSetup: boolean;
}

/** How a cell's level came about, as the heatmap sends it. */
export type WireCellState = 'derived' | 'self-rated' | 'unassessed' | 'n/a';

/** A heatmap cell is an array whose positions `cellFields` names (compact for 2,000 × 10 cells). */
export type WireCell = readonly unknown[];

/** GET /api/v1/heatmap */
export interface HeatmapBody {
  readonly date: IsoDate;
  readonly domains: readonly { readonly id: string; readonly name: string }[];
  readonly levels: readonly { readonly level: number; readonly name: string }[];
  readonly cellFields: readonly string[];
  readonly teams: readonly {
    readonly id: string;
    readonly name: string;
    readonly group: string | null;
    readonly date: IsoDate | null;
    readonly previousDate?: IsoDate | null;
    readonly cells: readonly WireCell[];
  }[];
}

export interface DueRow extends DueEntry {
  readonly name: string;
  readonly group: string | null;
}

/** GET /api/v1/due */
export interface DueBody {
  readonly asOf: IsoDate;
  readonly windowDays: number;
  readonly teams: readonly DueRow[];
}

/** GET /api/v1/teams/:teamId/summary (the fields the team page shows so far). */
export interface TeamSummaryBody {
  readonly team: { readonly id: string; readonly name: string; readonly group: string | null; readonly cadence: string; readonly version: number };
  readonly asOf: IsoDate;
  readonly date: IsoDate | null;
  readonly previousDate: IsoDate | null;
  readonly domains: readonly { readonly id: string; readonly name: string }[];
  readonly scores: readonly DomainScore[];
  readonly gaps: readonly { readonly domain: string; readonly level: number; readonly target: number; readonly gap: number }[];
  readonly stale: readonly { readonly practice: string; readonly domain: string; readonly title: string; readonly evidenceDate: IsoDate; readonly ageDays: number }[];
  readonly nextSteps: readonly Pick<BacklogItem, 'key' | 'title' | 'domain' | 'level' | 'priority' | 'effort' | 'status'>[];
  readonly due: DueEntry;
}
