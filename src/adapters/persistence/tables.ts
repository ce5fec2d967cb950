import type { Generated } from 'kysely';
import type {
  AuditRecord,
  BacklogStatus,
  CheckpointState,
  ModelRecord,
  TeamRole,
} from '../../core/persistence/records.js';
import type { AnswerStatus } from '../../core/workspace/answer-status.js';

/**
 * Column types as stored in both dialects: JSON as text, booleans as integers 0/1, timestamps
 * and dates as ISO text. Row mappers in the area modules turn rows back into records.
 */

/** A JSON document serialised with `JSON.stringify`. */
export type JsonText = string;
/** 0 or 1. */
export type Flag = number;

export interface OrganisationTable {
  key: string;
  name: string;
  model: string;
  default_targets: JsonText;
  domain_weights: JsonText;
  stale_counts: Flag;
  default_cadence: string;
  version: number;
}

export interface ModelsTable {
  id: string;
  version: number;
  name: string;
  format: ModelRecord['format'];
  text: string;
  uploaded_at: string;
  uploaded_by: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: Flag;
  is_auditor: Flag;
  disabled: Flag;
  created_at: string;
  version: number;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export interface LoginFailuresTable {
  key: string;
  at: string;
}

export interface ApiTokensTable {
  id: string;
  team_id: string;
  name: string;
  token_hash: string;
  scopes: JsonText;
  last4: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface TeamsTable {
  id: string;
  name: string;
  /** `group` is a reserved word in SQL. */
  group_name: string | null;
  cadence: string | null;
  targets: JsonText;
  created_at: string;
  version: number;
}

export interface MembershipsTable {
  team_id: string;
  user_id: string;
  role: TeamRole;
  version: number;
}

export interface CheckpointsTable {
  id: string;
  team_id: string;
  date: string;
  state: CheckpointState;
  model: string;
  domain_scores: JsonText;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AnswersTable {
  checkpoint_id: string;
  practice_id: string;
  status: AnswerStatus | null;
  justification: string | null;
  evidence: JsonText;
  proposed: AnswerStatus | null;
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface RatingsTable {
  checkpoint_id: string;
  practice_id: string;
  rater: string;
  status: AnswerStatus;
  updated_at: string;
  version: number;
}

export interface ScansTable {
  id: string;
  team_id: string;
  pushed_at: string;
  pushed_by: string;
  result: JsonText;
}

export interface BacklogStatusTable {
  team_id: string;
  item_key: string;
  status: BacklogStatus;
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface TeamScoresTable {
  team_id: string;
  checkpoint_id: string;
  date: string;
  as_of: string;
  valid_until: string | null;
  scores: JsonText;
}

export interface AuditTable {
  /** PostgreSQL returns `bigint` as a string; the mapper converts it to a number. */
  id: Generated<number | string>;
  at: string;
  actor: string;
  action: string;
  outcome: AuditRecord['outcome'];
  team_id: string | null;
  target: string | null;
  ip: string | null;
  detail: JsonText;
}

export interface Database {
  organisation: OrganisationTable;
  models: ModelsTable;
  users: UsersTable;
  setup_tokens: SetupTokensTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  api_tokens: ApiTokensTable;
  teams: TeamsTable;
  memberships: MembershipsTable;
  checkpoints: CheckpointsTable;
  answers: AnswersTable;
  ratings: RatingsTable;
  scans: ScansTable;
  backlog_status: BacklogStatusTable;
  team_scores: TeamScoresTable;
  audit: AuditTable;
}

export type Dialect = 'sqlite' | 'postgres';
