import type { AnswerStatus, Evidence } from '../workspace/schema.js';

/**
 * Rows the multi-user server keeps, as plain values. Timestamps are ISO 8601 instants (UTC),
 * dates are `YYYY-MM-DD`. Every mutable record carries a `version` that grows by one per change
 * (SECURITY.md S19: updates name the version they read).
 */

export const TEAM_ROLES = ['lead', 'assessor', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TOKEN_SCOPES = ['scan:push', 'checkpoint:push'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const CHECKPOINT_STATES = ['draft', 'rating', 'consensus', 'final'] as const;
export type CheckpointState = (typeof CHECKPOINT_STATES)[number];

export const BACKLOG_STATUSES = ['open', 'in-progress', 'done'] as const;
export type BacklogStatus = (typeof BACKLOG_STATUSES)[number];

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
  readonly isAuditor: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly version: number;
}

export interface SessionRecord {
  /** SHA-256 of the cookie value; the cookie value itself is never stored (S17). */
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

export interface TeamRecord {
  readonly id: string;
  readonly name: string;
  readonly group: string | null;
  readonly cadence: string | null;
  /** Targets per domain (missing domains take the organisation's default). */
  readonly targets: Readonly<Record<string, number>>;
  readonly createdAt: string;
  readonly version: number;
}

export interface MembershipRecord {
  readonly teamId: string;
  readonly userId: string;
  readonly role: TeamRole;
  readonly version: number;
}

export interface ApiTokenRecord {
  readonly id: string;
  readonly teamId: string;
  readonly name: string;
  /** SHA-256 of the token; the token is shown once and never stored (S18). */
  readonly tokenHash: string;
  readonly scopes: readonly TokenScope[];
  readonly last4: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface CheckpointRecord {
  readonly id: string;
  readonly teamId: string;
  readonly date: string;
  readonly state: CheckpointState;
  /** `modelId@version` the answers refer to. */
  readonly model: string;
  /** Quick-mode scores per domain. */
  readonly domainScores: Readonly<Record<string, number>>;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface AnswerRecord {
  readonly checkpointId: string;
  readonly practiceId: string;
  /** The decided status (the consensus); null while only ratings exist. */
  readonly status: AnswerStatus | null;
  readonly justification: string | null;
  readonly evidence: readonly Evidence[];
  /** What a pushed scan proposed, for a person to confirm. */
  readonly proposed: AnswerStatus | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly version: number;
}

export interface RatingRecord {
  readonly checkpointId: string;
  readonly practiceId: string;
  /** The rater's username. */
  readonly rater: string;
  readonly status: AnswerStatus;
  readonly updatedAt: string;
  readonly version: number;
}

export interface ScanRecord {
  readonly id: string;
  readonly teamId: string;
  readonly pushedAt: string;
  /** A username or `token:<id>`. */
  readonly pushedBy: string;
  /** The `stepwise scan --format json` document as received (already validated). */
  readonly result: unknown;
}

export interface BacklogStatusRecord {
  readonly teamId: string;
  readonly itemKey: string;
  readonly status: BacklogStatus;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly version: number;
}

export interface AuditRecord {
  readonly id: number;
  readonly at: string;
  /** A username, `token:<id>`, or `anonymous`. */
  readonly actor: string;
  readonly action: string;
  readonly outcome: 'ok' | 'refused' | 'failed';
  readonly teamId: string | null;
  readonly target: string | null;
  readonly ip: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

/** The organisation's settings (what `stepwise.yaml` holds besides teams). */
export interface OrganisationRecord {
  readonly name: string;
  /** `builtin` or the id of an uploaded model. */
  readonly model: string;
  readonly defaultTargets: number | Readonly<Record<string, number>> | null;
  readonly domainWeights: Readonly<Record<string, number>>;
  readonly staleCounts: boolean;
  readonly defaultCadence: string;
  readonly version: number;
}

export interface ModelRecord {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly format: 'stepwise' | 'dsomm';
  /** The file as uploaded, so it can be exported again unchanged. */
  readonly text: string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
}

/** The cached standing of a team's latest final checkpoint, so the heatmap never rescores 2,000 teams per request. */
export interface TeamScoreRecord {
  readonly teamId: string;
  readonly checkpointId: string;
  readonly date: string;
  /** The date the scores were judged as of. */
  readonly asOf: string;
  /** The first date on which an answer becomes stale and the scores may change; null when none will. */
  readonly validUntil: string | null;
  /** Serialised scores (see services/org/scores). */
  readonly scores: unknown;
}
