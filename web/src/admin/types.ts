/**
 * Shapes of the administration API's answers (src/server/routes/{users,teams,organisation,tokens,audit,transfer}.ts),
 * restated from docs/api/accounts.md and docs/api/integration.md; core record types are reused where the API sends them as they are.
 */
import type { ModelSummary } from '../../../src/core/api/views.js';
import type { AuditRecord, OrganisationRecord, TeamRecord, TokenScope } from '../../../src/core/persistence/records.js';
import type { PublicUser, TeamRole } from '../api-types.js';

export type { PublicUser, TeamRole, TokenScope };

export const ROLES: readonly TeamRole[] = ['lead', 'assessor', 'viewer'];
export const SCOPES: readonly TokenScope[] = ['scan:push', 'checkpoint:push'];
export const CADENCES = ['monthly', 'quarterly', 'biannual', 'yearly'] as const;

/** What each role may do, shown next to the role picker. */
export const ROLE_HELP: Readonly<Record<TeamRole, string>> = {
  lead: 'rates, runs consensus, edits targets and API tokens',
  assessor: 'rates practices and imports workbooks',
  viewer: 'reads the team',
};

/** What each token scope allows, shown next to its checkbox. */
export const SCOPE_HELP: Readonly<Record<TokenScope, string>> = {
  'scan:push': 'push the results of stepwise scan (they become proposals a person confirms)',
  'checkpoint:push': 'push checkpoint files from a repository',
};

export type Team = TeamRecord;

export interface UsersBody {
  readonly users: readonly PublicUser[];
}

export interface UserDetail extends PublicUser {
  readonly memberships: readonly { readonly teamId: string; readonly role: TeamRole }[];
}

export interface TeamsBody {
  readonly teams: readonly Team[];
}

export interface Member {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: TeamRole;
}

export interface MembersBody {
  readonly members: readonly Member[];
}

export type Settings = OrganisationRecord;

export type { ModelSummary };

export interface ModelsBody {
  readonly models: readonly ModelSummary[];
}

/** The parts of `GET /models/current` the settings form needs. */
export interface ModelFile {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly levels: readonly { readonly level: number; readonly name: string }[];
  readonly domains: readonly { readonly id: string; readonly name: string }[];
}

export interface UploadedModel {
  readonly id: string;
  readonly name: string;
  readonly format: 'stepwise' | 'dsomm';
  readonly domains: number;
  readonly practices: number;
  readonly warnings: readonly unknown[];
}

export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly last4: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface TokensBody {
  readonly tokens: readonly TokenView[];
}

export interface CreatedToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly last4: string;
  readonly token: string;
}

export type AuditEntry = AuditRecord;

export interface AuditBody {
  readonly entries: readonly AuditEntry[];
  readonly next: number | null;
}
