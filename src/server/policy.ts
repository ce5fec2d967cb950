import type { ApiTokenRecord, TeamRole, TokenScope, UserRecord } from '../core/persistence/records.js';

/**
 * Who may do what (SECURITY.md S13, PRODUCT.md §6). Every route names one action and, when it acts
 * on a team's data, how the team is found. A route without a policy refuses everyone.
 */
export const ACTIONS = [
  'public',
  'signed-in',
  'admin',
  'org:read',
  'team:read',
  'team:rate',
  'team:lead',
  'team:push-scan',
  'team:push-checkpoint',
] as const;
export type Action = (typeof ACTIONS)[number];

/** How a route finds the team it acts on: none, the `:teamId` parameter, or the team owning `:checkpointId`. */
export const TEAM_SCOPES = ['none', 'team-param', 'checkpoint-param'] as const;
export type TeamScope = (typeof TEAM_SCOPES)[number];

export interface Policy {
  readonly action: Action;
  readonly scope: TeamScope;
}

export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly user: UserRecord;
      readonly sessionHash: string;
      readonly csrfToken: string;
      /** Team id → role. */
      readonly roles: ReadonlyMap<string, TeamRole>;
    }
  | { readonly kind: 'token'; readonly token: ApiTokenRecord };

/** The outcome of checking a policy: allowed, or refused with the status to answer. */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly status: 401 | 403 | 404; readonly reason: string };

const ALLOW: Decision = { allowed: true };
const TEAM_ACTIONS: ReadonlySet<Action> = new Set(['team:read', 'team:rate', 'team:lead', 'team:push-scan', 'team:push-checkpoint']);

const ROLE_ACTIONS: Readonly<Record<TeamRole, ReadonlySet<Action>>> = {
  lead: new Set(['team:read', 'team:rate', 'team:lead', 'team:push-scan', 'team:push-checkpoint']),
  assessor: new Set(['team:read', 'team:rate', 'team:push-scan', 'team:push-checkpoint']),
  viewer: new Set(['team:read']),
};

const TOKEN_ACTIONS: Readonly<Record<TokenScope, Action>> = {
  'scan:push': 'team:push-scan',
  'checkpoint:push': 'team:push-checkpoint',
};

/** True when the action needs a team to be resolved first. */
export function isTeamAction(action: Action): boolean {
  return TEAM_ACTIONS.has(action);
}

/** True when a value is a policy with a known action and scope (anything else refuses everyone). */
export function isPolicy(policy: unknown): policy is Policy {
  if (typeof policy !== 'object' || policy === null) return false;
  const { action, scope } = policy as { action?: unknown; scope?: unknown };
  return (ACTIONS as readonly unknown[]).includes(action) && (TEAM_SCOPES as readonly unknown[]).includes(scope);
}

/** Decides whether a principal may take an action; `teamId` is the resolved team for team actions. */
export function decide(principal: Principal, policy: Policy | undefined, teamId: string | undefined): Decision {
  if (!isPolicy(policy)) return { allowed: false, status: 403, reason: 'route has no valid policy' };
  if (policy.action === 'public') return ALLOW;
  if (principal.kind === 'anonymous') return { allowed: false, status: 401, reason: 'sign-in required' };
  if (principal.kind === 'token') return decideForToken(principal.token, policy.action, teamId);
  return decideForUser(principal, policy.action, teamId);
}

function decideForToken(token: ApiTokenRecord, action: Action, teamId: string | undefined): Decision {
  if (teamId === undefined || token.teamId !== teamId) return { allowed: false, status: 403, reason: 'token is not for this team' };
  const granted = token.scopes.some((scope) => TOKEN_ACTIONS[scope] === action);
  return granted ? ALLOW : { allowed: false, status: 403, reason: 'token lacks the scope' };
}

function decideForUser(principal: Extract<Principal, { kind: 'user' }>, action: Action, teamId: string | undefined): Decision {
  const { user } = principal;
  if (user.isAdmin) return ALLOW;
  if (action === 'signed-in') return ALLOW;
  if (action === 'admin') return { allowed: false, status: 403, reason: 'instance admins only' };
  if (action === 'org:read') return user.isAuditor ? ALLOW : { allowed: false, status: 403, reason: 'admins and auditors only' };
  if (teamId === undefined) return { allowed: false, status: 403, reason: 'no team' };
  const role = principal.roles.get(teamId);
  if (role === undefined && !user.isAuditor) return { allowed: false, status: 404, reason: 'not a member of the team' };
  if (action === 'team:read') return ALLOW;
  if (role !== undefined && ROLE_ACTIONS[role].has(action)) return ALLOW;
  return { allowed: false, status: 403, reason: `the ${role ?? 'auditor'} role does not allow ${action}` };
}

/** Teams whose data a principal may read: every team, or the listed ones. */
export function readableTeams(principal: Principal): 'all' | ReadonlySet<string> {
  if (principal.kind === 'anonymous') return new Set();
  if (principal.kind === 'token') return new Set();
  if (principal.user.isAdmin || principal.user.isAuditor) return 'all';
  return new Set(principal.roles.keys());
}

/** The name written in the audit log and on ratings. */
export function actorName(principal: Principal): string {
  if (principal.kind === 'anonymous') return 'anonymous';
  if (principal.kind === 'token') return `token:${principal.token.id}`;
  return principal.user.username;
}
