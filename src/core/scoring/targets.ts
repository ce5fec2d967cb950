import type { Model } from '../model/model.js';
import type { Organisation, Targets, Team } from '../workspace/schema.js';

/** Per-domain targets of a team: its own, else the organisation's default, else none. */
export function resolveTargets(model: Model, organisation: Pick<Organisation, 'defaultTargets'>, team: Pick<Team, 'targets'> | undefined): Map<string, number | null> {
  const targets = new Map<string, number | null>();
  for (const domain of model.domains) {
    targets.set(domain.id, targetFor(team?.targets, domain.id) ?? targetFor(organisation.defaultTargets, domain.id) ?? null);
  }
  return targets;
}

function targetFor(targets: Targets | undefined, domain: string): number | undefined {
  if (targets === undefined) return undefined;
  if (typeof targets === 'number') return targets;
  return Object.hasOwn(targets, domain) ? targets[domain] : undefined;
}

/** The weight of a domain in prioritisation (organisation setting, default 1). */
export function domainWeight(weights: Readonly<Record<string, number>>, domain: string): number {
  return Object.hasOwn(weights, domain) ? (weights[domain] ?? 1) : 1;
}
