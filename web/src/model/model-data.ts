/**
 * The model browser's data: the organisation's model (GET /api/v1/models/current) indexed once, and
 * the filters applied in memory, so that typing in the search box never waits for the network — a
 * DSOMM model of ~200 activities filters as fast as the built-in 128 practices.
 */
import type { ModelFile, PracticeFile } from '../../../src/core/model/schema.js';

export type ModelBody = ModelFile;
export type PracticeBody = PracticeFile;

export const MAPPING_KINDS = ['iso27001', 'samm', 'ssdf', 'dsomm'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/** Short names for the mapping menu. */
export const MAPPING_SHORT: Readonly<Record<MappingKind, string>> = { iso27001: 'ISO 27001', samm: 'OWASP SAMM', ssdf: 'NIST SSDF', dsomm: 'DSOMM' };

export const MAPPING_LABELS: Readonly<Record<MappingKind, string>> = {
  iso27001: 'ISO/IEC 27001:2022 control',
  samm: 'OWASP SAMM stream',
  ssdf: 'NIST SSDF task',
  dsomm: 'DSOMM activity',
};

export interface ModelIndex {
  readonly model: ModelBody;
  readonly practiceById: ReadonlyMap<string, PracticeBody>;
  /** Practices that name this one in their `dependsOn`. */
  readonly dependents: ReadonlyMap<string, readonly PracticeBody[]>;
  /** Lower-case title, id and description per practice, for the search box. */
  readonly searchText: ReadonlyMap<string, string>;
  readonly domainNames: ReadonlyMap<string, string>;
  /** The levels that hold practices (level 0 never does), ascending. */
  readonly practiceLevels: readonly ModelBody['levels'][number][];
  /** Every mapping value the model uses, per kind, sorted. */
  readonly mappingValues: Readonly<Record<MappingKind, readonly string[]>>;
  readonly detectors: readonly string[];
}

const byText = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Indexes the model once: lookups, reverse dependencies, search text, the values the filters offer. */
export function indexModel(model: ModelBody): ModelIndex {
  const dependents = new Map<string, PracticeBody[]>();
  for (const practice of model.practices) {
    for (const dependency of practice.dependsOn) appendTo(dependents, dependency, practice);
  }
  const used = new Set(model.practices.map((practice) => practice.level));
  return {
    model,
    practiceById: new Map(model.practices.map((practice) => [practice.id, practice])),
    dependents,
    searchText: new Map(model.practices.map((practice) => [practice.id, `${practice.title}\n${practice.id}\n${practice.description}`.toLowerCase()])),
    domainNames: new Map(model.domains.map((domain) => [domain.id, domain.name])),
    practiceLevels: [...model.levels].filter((level) => used.has(level.level)).sort((a, b) => a.level - b.level),
    mappingValues: mappingValuesOf(model.practices),
    detectors: [...new Set(model.practices.flatMap((practice) => practice.detectors))].sort(byText),
  };
}

function mappingValuesOf(practices: readonly PracticeBody[]): Record<MappingKind, string[]> {
  const values = Object.fromEntries(MAPPING_KINDS.map((kind) => [kind, new Set<string>()])) as Record<MappingKind, Set<string>>;
  for (const practice of practices) for (const kind of MAPPING_KINDS) for (const value of practice.mappings[kind]) values[kind].add(value);
  return Object.fromEntries(MAPPING_KINDS.map((kind) => [kind, [...values[kind]].sort(byText)])) as Record<MappingKind, string[]>;
}

/** What the toolbar narrows the model to; empty strings mean "any". */
export interface PracticeFilter {
  readonly text: string;
  readonly domain: string;
  readonly level: string;
  readonly mappingKind: MappingKind | '';
  readonly mappingValue: string;
  readonly detector: string;
}

export const NO_FILTER: PracticeFilter = { text: '', domain: '', level: '', mappingKind: '', mappingValue: '', detector: '' };

/** True when some filter narrows the model. */
export function isFiltered(filter: PracticeFilter): boolean {
  return Object.values(filter).some((value) => value !== '');
}

/** The practices that pass every filter, in model order. Search matches every word in title, id or description. */
export function filterPractices(index: ModelIndex, filter: PracticeFilter): PracticeBody[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter((word) => word !== '');
  const level = filter.level === '' ? undefined : Number(filter.level);
  return index.model.practices.filter(
    (practice) =>
      (filter.domain === '' || practice.domain === filter.domain) &&
      (level === undefined || practice.level === level) &&
      (filter.detector === '' || practice.detectors.includes(filter.detector)) &&
      matchesMapping(practice, filter) &&
      words.every((word) => index.searchText.get(practice.id)?.includes(word) === true),
  );
}

/** A chosen kind alone keeps practices with any mapping of that kind; with a value, that exact value (case and spaces ignored). */
function matchesMapping(practice: PracticeBody, filter: PracticeFilter): boolean {
  if (filter.mappingKind === '') return true;
  const values = practice.mappings[filter.mappingKind];
  const wanted = filter.mappingValue.trim().toLowerCase();
  if (wanted === '') return values.length > 0;
  return values.some((value) => value.toLowerCase() === wanted);
}

/** The filter written in an address's query (`q`, `domain`, `level`, `mapping=kind:value`, `detector`). */
export function filterFromQuery(query: URLSearchParams): PracticeFilter {
  const mapping = query.get('mapping') ?? '';
  const split = mapping.indexOf(':');
  const kind = split === -1 ? mapping : mapping.slice(0, split);
  const known = (MAPPING_KINDS as readonly string[]).includes(kind);
  return {
    text: query.get('q') ?? '',
    domain: query.get('domain') ?? '',
    level: query.get('level') ?? '',
    mappingKind: known ? (kind as MappingKind) : '',
    mappingValue: known && split !== -1 ? mapping.slice(split + 1) : '',
    detector: query.get('detector') ?? '',
  };
}

/** The query that `filterFromQuery` reads back (empty values left out by `pathWithQuery`). */
export function queryOfFilter(filter: PracticeFilter): Record<string, string> {
  const mapping = filter.mappingKind === '' ? '' : filter.mappingValue === '' ? filter.mappingKind : `${filter.mappingKind}:${filter.mappingValue}`;
  return { q: filter.text, domain: filter.domain, level: filter.level, mapping, detector: filter.detector };
}

/** The address of the model browser showing the practices with one mapping value or one detector. */
export function modelHrefFor(filter: Partial<PracticeFilter>): string {
  const query = new URLSearchParams(Object.entries(queryOfFilter({ ...NO_FILTER, ...filter })).filter(([, value]) => value !== ''));
  const text = query.toString();
  return text === '' ? '/model' : `/model?${text}`;
}

/** The address of a practice's page. */
export function practiceHref(id: string): string {
  return `/model/practices/${encodeURIComponent(id)}`;
}

/** Practices grouped by domain, then level (each list keeps the model order). */
export function matrixOf(practices: readonly PracticeBody[]): Map<string, Map<number, PracticeBody[]>> {
  const matrix = new Map<string, Map<number, PracticeBody[]>>();
  for (const practice of practices) {
    const row = matrix.get(practice.domain) ?? new Map<number, PracticeBody[]>();
    appendTo(row, practice.level, practice);
    matrix.set(practice.domain, row);
  }
  return matrix;
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
