import type {
  AnswerRecord,
  ApiTokenRecord,
  AuditRecord,
  BacklogStatusRecord,
  CheckpointRecord,
  CheckpointState,
  MembershipRecord,
  ModelRecord,
  NewAuditRecord,
  OrganisationRecord,
  RatingRecord,
  ScanRecord,
  SessionRecord,
  TeamRecord,
  TeamRole,
  TeamScoreRecord,
  UserRecord,
} from './records.js';

/**
 * The server's persistence port (DESIGN.md §2). SQLite and PostgreSQL adapters implement it and
 * pass one contract suite. Conditional writes take the version the caller read and return
 * `'stale'` when the row changed since (S19) or `'missing'` when it is gone; they never overwrite.
 */
export type Versioned<T> = T | 'stale' | 'missing';

/** Fields an update may change; the version and keys are never among them. */
export type TeamChanges = Partial<Pick<TeamRecord, 'name' | 'group' | 'cadence' | 'targets'>>;
export type UserChanges = Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'isAdmin' | 'isAuditor' | 'disabled'>>;
export type OrganisationChanges = Partial<Omit<OrganisationRecord, 'version'>>;
export type CheckpointChanges = Partial<Pick<CheckpointRecord, 'state' | 'domainScores'>>;
export type AnswerChanges = Partial<Pick<AnswerRecord, 'status' | 'justification' | 'evidence' | 'proposed'>>;

export interface AuditQuery {
  readonly teamIds?: readonly string[] | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly outcome?: AuditRecord['outcome'] | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  /** Entries with an id below this one (paging newest first). */
  readonly before?: number | undefined;
  readonly limit: number;
}

export interface AccountStore {
  countUsers(): Promise<number>;
  insertUser(user: UserRecord): Promise<'ok' | 'duplicate'>;
  userById(id: string): Promise<UserRecord | undefined>;
  userByName(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(id: string, expectedVersion: number, changes: UserChanges): Promise<Versioned<UserRecord>>;

  /** Stores the hash of a one-time setup token; any earlier unused one is replaced. */
  putSetupToken(tokenHash: string, createdAt: string): Promise<void>;
  /** Marks the setup token used; false when it does not match or was used already. */
  consumeSetupToken(tokenHash: string, usedAt: string): Promise<boolean>;

  insertSession(session: SessionRecord): Promise<void>;
  sessionByHash(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOfUser(userId: string, exceptHash?: string): Promise<number>;

  recordLoginFailure(key: string, at: string): Promise<void>;
  countLoginFailures(key: string, since: string): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;

  insertApiToken(token: ApiTokenRecord): Promise<void>;
  apiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  apiTokensOfTeam(teamId: string): Promise<ApiTokenRecord[]>;
  revokeApiToken(teamId: string, id: string, at: string): Promise<boolean>;
  touchApiToken(id: string, at: string): Promise<void>;
}

export interface TeamStore {
  insertTeam(team: TeamRecord): Promise<'ok' | 'duplicate'>;
  teamById(id: string): Promise<TeamRecord | undefined>;
  /** All teams, or those with the given ids, ordered by id. */
  listTeams(ids?: readonly string[]): Promise<TeamRecord[]>;
  updateTeam(id: string, expectedVersion: number, changes: TeamChanges): Promise<Versioned<TeamRecord>>;
  deleteTeam(id: string, expectedVersion: number): Promise<Versioned<true>>;

  putMembership(membership: Omit<MembershipRecord, 'version'>): Promise<MembershipRecord>;
  deleteMembership(teamId: string, userId: string): Promise<boolean>;
  membershipsOfUser(userId: string): Promise<MembershipRecord[]>;
  membershipsOfTeam(teamId: string): Promise<MembershipRecord[]>;

  organisation(): Promise<OrganisationRecord | undefined>;
  putOrganisation(organisation: Omit<OrganisationRecord, 'version'>): Promise<OrganisationRecord>;
  updateOrganisation(expectedVersion: number, changes: OrganisationChanges): Promise<Versioned<OrganisationRecord>>;

  insertModel(model: ModelRecord): Promise<'ok' | 'duplicate'>;
  modelById(id: string): Promise<ModelRecord | undefined>;
  listModels(): Promise<ModelRecord[]>;
}

export interface CheckpointStore {
  insertCheckpoint(checkpoint: CheckpointRecord): Promise<'ok' | 'duplicate'>;
  checkpointById(id: string): Promise<CheckpointRecord | undefined>;
  /**
   * Reads a checkpoint inside a transaction and keeps it from changing until the transaction ends
   * (a share lock on PostgreSQL), so an answer written meanwhile never lands in a checkpoint finalised meanwhile.
   */
  lockCheckpoint(id: string): Promise<CheckpointRecord | undefined>;
  checkpointOfTeam(teamId: string, date: string): Promise<CheckpointRecord | undefined>;
  /** A team's checkpoints, oldest first, optionally only in some states. */
  checkpointsOfTeam(teamId: string, states?: readonly CheckpointState[]): Promise<CheckpointRecord[]>;
  updateCheckpoint(id: string, expectedVersion: number, changes: CheckpointChanges, updatedAt: string): Promise<Versioned<CheckpointRecord>>;
  deleteCheckpoint(id: string): Promise<void>;

  /** Answers of the checkpoints, ordered by checkpoint and practice; only one practice's when `practiceId` is given. */
  answersOf(checkpointIds: readonly string[], practiceId?: string): Promise<AnswerRecord[]>;
  answer(checkpointId: string, practiceId: string): Promise<AnswerRecord | undefined>;
  /** Creates the answer (expectedVersion 0) or changes it when the version still matches. */
  putAnswer(checkpointId: string, practiceId: string, expectedVersion: number, changes: AnswerChanges, by: string, at: string): Promise<Versioned<AnswerRecord>>;
  /** Writes many answers at once without version checks (imports and scan proposals into a draft). */
  replaceAnswers(checkpointId: string, answers: readonly Omit<AnswerRecord, 'version'>[], ratings: readonly Omit<RatingRecord, 'version'>[]): Promise<void>;

  ratingsOf(checkpointIds: readonly string[], practiceId?: string): Promise<RatingRecord[]>;
  rating(checkpointId: string, practiceId: string, rater: string): Promise<RatingRecord | undefined>;
  putRating(checkpointId: string, practiceId: string, rater: string, expectedVersion: number, status: RatingRecord['status'], at: string): Promise<Versioned<RatingRecord>>;
  deleteRating(checkpointId: string, practiceId: string, rater: string, expectedVersion: number): Promise<Versioned<true>>;

  teamScore(teamId: string): Promise<TeamScoreRecord | undefined>;
  teamScores(teamIds?: readonly string[]): Promise<TeamScoreRecord[]>;
  putTeamScore(score: TeamScoreRecord): Promise<void>;
  deleteTeamScore(teamId: string): Promise<void>;
}

export interface ScanStore {
  insertScan(scan: ScanRecord): Promise<void>;
  latestScan(teamId: string): Promise<ScanRecord | undefined>;
  scansOfTeam(teamId: string, limit: number): Promise<Omit<ScanRecord, 'result'>[]>;
  scanById(id: string): Promise<ScanRecord | undefined>;
}

export interface BacklogStore {
  backlogStatuses(teamIds: readonly string[]): Promise<BacklogStatusRecord[]>;
  putBacklogStatus(teamId: string, itemKey: string, expectedVersion: number, status: BacklogStatusRecord['status'], by: string, at: string): Promise<Versioned<BacklogStatusRecord>>;
}

export interface AuditStore {
  /** Appends an entry; there is no way to change or remove one (S22). */
  appendAudit(entry: NewAuditRecord): Promise<void>;
  queryAudit(query: AuditQuery): Promise<AuditRecord[]>;
}

export type Repositories = AccountStore & TeamStore & CheckpointStore & ScanStore & BacklogStore & AuditStore;

/** The whole store: the repositories plus transactions (all writes inside commit together or not at all). */
export interface Persistence extends Repositories {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(work: (store: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type { TeamRole };
