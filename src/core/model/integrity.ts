import type { Model, Practice } from './model.js';

export type IssueSeverity = 'error' | 'warning';

/** A problem in a model, with the path of the offending value in the model file. */
export interface ModelIssue {
  readonly severity: IssueSeverity;
  readonly message: string;
  readonly path: readonly (string | number)[];
}

const SAMM_STREAM = /^(G-(SM|PC|EG)|D-(TA|SR|SA)|I-(SB|SD|DM)|V-(AA|RT|ST)|O-(IM|EM|OM))-[AB]$/;
/** DSOMM activity ids are uuids; a few real ones carry a suffix such as `-medium`. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-[a-z0-9]+)*$/i;
const ISO_ANNEX_A_SIZES: Readonly<Record<string, number>> = { '5': 37, '6': 8, '7': 14, '8': 34 };
const SSDF_TASKS = new Set(
  (
    'PO.1.1 PO.1.2 PO.1.3 PO.2.1 PO.2.2 PO.2.3 PO.3.1 PO.3.2 PO.3.3 PO.4.1 PO.4.2 PO.5.1 PO.5.2 ' +
    'PS.1.1 PS.2.1 PS.3.1 PS.3.2 PW.1.1 PW.1.2 PW.1.3 PW.2.1 PW.4.1 PW.4.2 PW.4.4 PW.5.1 PW.6.1 PW.6.2 ' +
    'PW.7.1 PW.7.2 PW.8.1 PW.8.2 PW.9.1 PW.9.2 RV.1.1 RV.1.2 RV.1.3 RV.2.1 RV.2.2 RV.3.1 RV.3.2 RV.3.3 RV.3.4'
  ).split(' '),
);

/** True for an OWASP SAMM v2 stream id such as `I-SD-A`. */
export function isSammStream(id: string): boolean {
  return SAMM_STREAM.test(id);
}

/** True for an ISO/IEC 27001:2022 Annex A control number such as `8.24`. */
export function isIso27001Control(id: string): boolean {
  const match = /^([5-8])\.([1-9]\d?)$/.exec(id);
  if (match === null) return false;
  return Number(match[2]) <= (ISO_ANNEX_A_SIZES[match[1] ?? ''] ?? 0);
}

/** True for a NIST SSDF 1.1 task id such as `PW.7.2`. */
export function isSsdfTask(id: string): boolean {
  return SSDF_TASKS.has(id);
}

/** True for a DSOMM activity uuid. */
export function isDsommUuid(id: string): boolean {
  return UUID.test(id);
}

/** Checks references, levels, cycles and mappings. Errors make a model unusable; warnings do not. */
export function checkModelIntegrity(model: Model): ModelIssue[] {
  return [
    ...checkUniqueIds(model),
    ...checkPracticePlacement(model),
    ...checkDependencies(model),
    ...findDependencyCycles(model),
    ...checkLevelsPopulated(model),
    ...checkMappings(model),
  ];
}

function checkUniqueIds(model: Model): ModelIssue[] {
  return [
    ...duplicates(model.domains.map((domain) => domain.id), 'domain id', 'domains'),
    ...duplicates(model.practices.map((practice) => practice.id), 'practice id', 'practices'),
    ...duplicates(model.levels.map((level) => String(level.level)), 'level', 'levels'),
  ];
}

function duplicates(ids: readonly string[], what: string, section: string): ModelIssue[] {
  const seen = new Set<string>();
  const issues: ModelIssue[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) issues.push({ severity: 'error', message: `duplicate ${what} "${id}"`, path: [section, index] });
    seen.add(id);
  });
  return issues;
}

function checkPracticePlacement(model: Model): ModelIssue[] {
  const domainIds = new Set(model.domains.map((domain) => domain.id));
  const levels = new Set(model.levels.map((level) => level.level));
  const issues: ModelIssue[] = [];
  model.practices.forEach((practice, index) => {
    if (!domainIds.has(practice.domain)) {
      issues.push({ severity: 'error', message: `practice "${practice.id}" names unknown domain "${practice.domain}"`, path: ['practices', index, 'domain'] });
    } else if (!practice.id.startsWith(`${practice.domain}.`)) {
      issues.push({ severity: 'error', message: `practice id "${practice.id}" must start with its domain "${practice.domain}."`, path: ['practices', index, 'id'] });
    }
    if (!levels.has(practice.level) || practice.level === 0) {
      issues.push({ severity: 'error', message: `practice "${practice.id}" has level ${practice.level}, which the model does not define`, path: ['practices', index, 'level'] });
    }
  });
  return issues;
}

function checkDependencies(model: Model): ModelIssue[] {
  const issues: ModelIssue[] = [];
  model.practices.forEach((practice, index) => {
    practice.dependsOn.forEach((dependencyId, position) => {
      const path = ['practices', index, 'dependsOn', position];
      const dependency = model.practiceById.get(dependencyId);
      if (dependency === undefined) {
        issues.push({ severity: 'warning', message: `practice "${practice.id}" depends on unknown practice "${dependencyId}"`, path });
      } else if (dependencyId === practice.id) {
        issues.push({ severity: 'warning', message: `practice "${practice.id}" depends on itself`, path });
      } else if (dependency.level > practice.level) {
        issues.push({ severity: 'warning', message: `practice "${practice.id}" (level ${practice.level}) depends on "${dependencyId}" at a higher level (${dependency.level})`, path });
      }
    });
  });
  return issues;
}

/** Reports each dependency cycle once, at the practice where it was found. */
export function findDependencyCycles(model: Model): ModelIssue[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const indexOf = new Map(model.practices.map((practice, index) => [practice.id, index]));
  const issues: ModelIssue[] = [];
  for (const practice of model.practices) {
    if (state.has(practice.id)) continue;
    walkFrom(practice, model, state, (cycle) => {
      const start = cycle[0] ?? practice.id;
      issues.push({ severity: 'warning', message: `dependency cycle: ${[...cycle, start].join(' → ')}`, path: ['practices', indexOf.get(start) ?? 0, 'dependsOn'] });
    });
  }
  return issues;
}

function walkFrom(root: Practice, model: Model, state: Map<string, 'visiting' | 'done'>, onCycle: (cycle: string[]) => void): void {
  const stack: { practice: Practice; next: number }[] = [{ practice: root, next: 0 }];
  const trail: string[] = [root.id];
  state.set(root.id, 'visiting');
  while (stack.length > 0) {
    const frame = stack.at(-1);
    if (frame === undefined) break;
    const dependencyId = frame.practice.dependsOn[frame.next];
    frame.next += 1;
    if (dependencyId === undefined) {
      state.set(frame.practice.id, 'done');
      stack.pop();
      trail.pop();
      continue;
    }
    const dependency = model.practiceById.get(dependencyId);
    if (dependency === undefined || dependencyId === frame.practice.id) continue;
    const seen = state.get(dependencyId);
    if (seen === 'visiting') onCycle(trail.slice(trail.indexOf(dependencyId)));
    if (seen !== undefined) continue;
    state.set(dependencyId, 'visiting');
    stack.push({ practice: dependency, next: 0 });
    trail.push(dependencyId);
  }
}

function checkLevelsPopulated(model: Model): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const levels = model.levels.filter((level) => level.level > 0);
  model.domains.forEach((domain, index) => {
    const practices = model.practicesByDomain.get(domain.id) ?? [];
    const empty = levels.filter((level) => !practices.some((practice) => practice.level === level.level));
    if (empty.length > 0) {
      issues.push({ severity: 'warning', message: `domain "${domain.id}" has no practice at level ${empty.map((level) => level.level).join(', ')}`, path: ['domains', index] });
    }
  });
  return issues;
}

const MAPPING_CHECKS: readonly { readonly key: 'dsomm' | 'samm' | 'iso27001' | 'ssdf'; readonly valid: (id: string) => boolean; readonly what: string }[] = [
  { key: 'dsomm', valid: isDsommUuid, what: 'a DSOMM activity uuid' },
  { key: 'samm', valid: isSammStream, what: 'an OWASP SAMM v2 stream id such as I-SD-A' },
  { key: 'iso27001', valid: isIso27001Control, what: 'an ISO/IEC 27001:2022 Annex A control such as 8.24' },
  { key: 'ssdf', valid: isSsdfTask, what: 'a NIST SSDF 1.1 task such as PW.7.2' },
];

function checkMappings(model: Model): ModelIssue[] {
  const issues: ModelIssue[] = [];
  model.practices.forEach((practice, index) => {
    for (const check of MAPPING_CHECKS) {
      practice.mappings[check.key].forEach((id, position) => {
        if (!check.valid(id)) {
          issues.push({ severity: 'warning', message: `"${id}" in ${check.key} mappings of "${practice.id}" is not ${check.what}`, path: ['practices', index, 'mappings', check.key, position] });
        }
      });
    }
  });
  return issues;
}
