import type { Mappings, ModelFile } from './schema.js';

export interface ModelLevel {
  readonly level: number;
  readonly name: string;
  readonly description?: string;
}

export interface ModelDomain {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export interface Practice {
  readonly id: string;
  readonly domain: string;
  readonly level: number;
  readonly title: string;
  readonly description: string;
  readonly guidance: string;
  readonly risk: number;
  readonly effort: number;
  readonly dependsOn: readonly string[];
  readonly freshnessDays?: number;
  readonly detectors: readonly string[];
  readonly mappings: Mappings;
  readonly backlog: { readonly title: string; readonly acceptance: readonly string[] };
  readonly references?: readonly string[];
}

/** A loaded maturity model with lookups built once. */
export interface Model {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly description?: string;
  /** Ordered ascending, always starting with level 0. */
  readonly levels: readonly ModelLevel[];
  readonly domains: readonly ModelDomain[];
  readonly practices: readonly Practice[];
  readonly practiceById: ReadonlyMap<string, Practice>;
  /** Practices of each domain, sorted by level then id. */
  readonly practicesByDomain: ReadonlyMap<string, readonly Practice[]>;
}

export const LEVEL_ZERO_NAME = 'Not practicing';

/** Builds the runtime model from a validated file: adds level 0, fills defaults, indexes practices. */
export function buildModel(file: ModelFile): Model {
  const levels = normaliseLevels(file.levels);
  const practices = file.practices.map((practice) => ({
    ...practice,
    backlog: practice.backlog ?? { title: `Put in place: ${practice.title}`, acceptance: [] },
  }));
  const practiceById = new Map(practices.map((practice) => [practice.id, practice]));
  const practicesByDomain = new Map<string, Practice[]>(file.domains.map((domain) => [domain.id, []]));
  for (const practice of practices) practicesByDomain.get(practice.domain)?.push(practice);
  for (const list of practicesByDomain.values()) list.sort(compareByLevelThenId);
  const description = file.description;
  return {
    id: file.id,
    version: String(file.version),
    name: file.name,
    ...(description === undefined ? {} : { description }),
    levels,
    domains: file.domains,
    practices,
    practiceById,
    practicesByDomain,
  };
}

/** The `id@version` reference that checkpoints record. */
export function modelRef(model: Pick<Model, 'id' | 'version'>): string {
  return `${model.id}@${model.version}`;
}

function normaliseLevels(levels: readonly ModelLevel[]): ModelLevel[] {
  const sorted = [...levels].sort((a, b) => a.level - b.level);
  if (sorted[0]?.level === 0) return sorted;
  return [{ level: 0, name: LEVEL_ZERO_NAME }, ...sorted];
}

function compareByLevelThenId(a: Practice, b: Practice): number {
  return a.level - b.level || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The name of a level, or its number when the model does not name it. */
export function levelName(model: Model, level: number): string {
  return model.levels.find((entry) => entry.level === level)?.name ?? `Level ${level}`;
}
