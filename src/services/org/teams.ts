import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence, TeamChanges } from '../../core/persistence/port.js';
import type { MembershipRecord, OrganisationRecord, TeamRecord, TeamRole } from '../../core/persistence/records.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { definedOnly } from './accounts.js';

export interface TeamInput {
  readonly id: string;
  readonly name: string;
  readonly group?: string | null | undefined;
  readonly cadence?: string | null | undefined;
  readonly targets?: Readonly<Record<string, number>> | undefined;
}

/** Teams a principal may read, ordered by id. */
export async function visibleTeams(store: Persistence, readable: 'all' | ReadonlySet<string>): Promise<TeamRecord[]> {
  if (readable === 'all') return store.listTeams();
  return readable.size === 0 ? [] : store.listTeams([...readable]);
}

/** Checks targets against the model: known domains, levels the model has. */
export function targetsProblem(model: Model, targets: Readonly<Record<string, number>> | number | null | undefined): string | undefined {
  if (targets === undefined || targets === null) return undefined;
  const top = Math.max(0, ...model.levels.map((level) => level.level));
  if (typeof targets === 'number') return targets > top ? `target ${targets} is above the model's top level ${top}` : undefined;
  const domains = new Set(model.domains.map((domain) => domain.id));
  for (const [domain, level] of Object.entries(targets)) {
    if (!domains.has(domain)) return `"${domain}" is not a domain of the model (${[...domains].join(', ')})`;
    if (level > top) return `target ${level} for ${domain} is above the model's top level ${top}`;
  }
  return undefined;
}

/** An admin creates a team. */
export async function createTeam(store: Persistence, model: Model, input: TeamInput, actor: Actor): Promise<Result<TeamRecord>> {
  const problem = targetsProblem(model, input.targets);
  if (problem !== undefined) return fail('invalid-input', problem);
  const team: TeamRecord = {
    id: input.id,
    name: input.name,
    group: input.group ?? null,
    cadence: input.cadence ?? null,
    targets: input.targets ?? {},
    createdAt: actor.at,
    version: 1,
  };
  return store.transaction(async (tx) => {
    if ((await tx.insertTeam(team)) === 'duplicate') return fail('already-exists', `a team with id "${input.id}" exists`);
    await audit(tx, actor, { action: 'team.create', teamId: team.id, target: `team:${team.id}`, detail: { name: team.name } });
    return ok(team);
  });
}

/** A lead or admin changes a team's name, group, cadence or targets. */
export async function updateTeam(store: Persistence, model: Model, teamId: string, expectedVersion: number, changes: TeamChanges, actor: Actor): Promise<Result<TeamRecord>> {
  const problem = targetsProblem(model, changes.targets);
  if (problem !== undefined) return fail('invalid-input', problem);
  return store.transaction(async (tx) => {
    const updated = await tx.updateTeam(teamId, expectedVersion, definedOnly(changes));
    if (updated === 'missing') return fail('not-found', 'no such team');
    if (updated === 'stale') return fail('stale', 'the team changed since it was read; reload and try again');
    await tx.deleteTeamScore(teamId);
    await audit(tx, actor, { action: 'team.update', teamId, target: `team:${teamId}`, detail: { ...changes } });
    return ok(updated);
  });
}

/** An admin deletes a team and everything it owns (the audit log keeps its entries). */
export async function deleteTeam(store: Persistence, teamId: string, expectedVersion: number, actor: Actor): Promise<Result<true>> {
  return store.transaction(async (tx) => {
    const deleted = await tx.deleteTeam(teamId, expectedVersion);
    if (deleted === 'missing') return fail('not-found', 'no such team');
    if (deleted === 'stale') return fail('stale', 'the team changed since it was read; reload and try again');
    await audit(tx, actor, { action: 'team.delete', teamId, target: `team:${teamId}` });
    return ok(true);
  });
}

/** Members of a team with their names. */
export async function teamMembers(store: Persistence, teamId: string): Promise<{ userId: string; username: string; displayName: string; role: TeamRole; version: number }[]> {
  const memberships = await store.membershipsOfTeam(teamId);
  const users = new Map((await store.listUsers()).map((user) => [user.id, user]));
  return memberships.flatMap((membership) => {
    const user = users.get(membership.userId);
    return user === undefined ? [] : [{ userId: user.id, username: user.username, displayName: user.displayName, role: membership.role, version: membership.version }];
  });
}

/** An admin gives a user a role in a team (or changes it). */
export async function setMembership(store: Persistence, teamId: string, userId: string, role: TeamRole, actor: Actor): Promise<Result<MembershipRecord>> {
  return store.transaction(async (tx) => {
    if ((await tx.userById(userId)) === undefined) return fail('not-found', 'no such user');
    const membership = await tx.putMembership({ teamId, userId, role });
    await audit(tx, actor, { action: 'membership.set', teamId, target: `user:${userId}`, detail: { role } });
    return ok(membership);
  });
}

/** An admin removes a user from a team. */
export async function removeMembership(store: Persistence, teamId: string, userId: string, actor: Actor): Promise<Result<true>> {
  return store.transaction(async (tx) => {
    if (!(await tx.deleteMembership(teamId, userId))) return fail('not-found', 'the user is not a member of the team');
    await audit(tx, actor, { action: 'membership.remove', teamId, target: `user:${userId}` });
    return ok(true);
  });
}

export const DEFAULT_ORGANISATION: Omit<OrganisationRecord, 'version'> = {
  name: 'My organisation',
  model: 'builtin',
  defaultTargets: null,
  domainWeights: {},
  staleCounts: false,
  defaultCadence: 'quarterly',
};

/** The organisation's settings, created with defaults on first read. */
export async function organisationSettings(store: Persistence): Promise<OrganisationRecord> {
  return (await store.organisation()) ?? store.putOrganisation(DEFAULT_ORGANISATION);
}
