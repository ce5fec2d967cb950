import type { z } from 'zod';
import { fail, ok } from '../errors.js';
import type { Result } from '../errors.js';
import { checkModelIntegrity, isSammStream } from '../model/integrity.js';
import type { ModelIssue } from '../model/integrity.js';
import type { LoadedModel } from '../model/load.js';
import { buildModel } from '../model/model.js';
import { modelFileSchema } from '../model/schema.js';
import { parseYamlDocuments, validateParsed } from '../yaml/safe-yaml.js';
import type { ParsedYaml } from '../yaml/safe-yaml.js';
import { dsommMetaSchema, dsommModelSchema } from './schema.js';
import type { DsommActivity, DsommModel } from './schema.js';

/** Keys whose numbers stay as written: ISO control 8.10 must not become 8.1. */
const DSOMM_TEXT_KEYS = ['iso27001-2017', 'iso27001-2022', 'samm2', 'version'] as const;

/** DSOMM's own maturity level names (meta.yaml `strings.en.maturityLevels`). */
const DSOMM_LEVELS = [
  { level: 1, name: 'Basic understanding of security practices' },
  { level: 2, name: 'Adoption of basic security practices' },
  { level: 3, name: 'High adoption of security practices' },
  { level: 4, name: 'Very high adoption of security practices' },
  { level: 5, name: 'Advanced deployment of security practices at scale' },
] as const;

type ModelFileInput = z.input<typeof modelFileSchema>;
type DomainInput = ModelFileInput['domains'][number];
type PracticeInput = ModelFileInput['practices'][number];
type YamlPath = readonly string[];

/** A DSOMM activity with the practice id it becomes and where it is in the file. */
interface PlacedActivity {
  readonly id: string;
  readonly domain: string;
  readonly name: string;
  readonly activity: DsommActivity;
  readonly path: YamlPath;
}

/** The drafted model file plus, per domain and practice index, the YAML path it came from. */
interface Draft {
  readonly file: ModelFileInput;
  readonly domainPaths: readonly YamlPath[];
  readonly practicePaths: readonly YamlPath[];
}

/** Imports the official OWASP DSOMM `model.yaml` (meta document + model document) as a model. */
export function importDsommModel(text: string, file: string): Result<LoadedModel> {
  const documents = parseYamlDocuments(text, file, { keepNumbersAsTextUnder: DSOMM_TEXT_KEYS });
  if (!documents.ok) return documents;
  const split = splitDocuments(documents.value, file);
  if (!split.ok) return split;
  const meta = readMeta(split.value.meta);
  if (!meta.ok) return meta;
  const dsomm = validateParsed(split.value.model, dsommModelSchema);
  if (!dsomm.ok) return dsomm;
  const draft = draftModelFile(dsomm.value, meta.value);
  return checkDraft(draft, split.value.model);
}

interface SplitDocuments {
  readonly meta: ParsedYaml | null;
  readonly model: ParsedYaml;
}

/** Finds the meta document by its `meta` key; the one other non-empty document is the model. */
function splitDocuments(documents: readonly ParsedYaml[], file: string): Result<SplitDocuments> {
  const filled = documents.filter((document) => document.value !== null && document.value !== undefined);
  const meta = filled.find(isMetaDocument) ?? null;
  const models = filled.filter((document) => document !== meta);
  const [model, extra] = models;
  if (model === undefined) return fail('invalid-input', 'no DSOMM model document found (dimension → sub-dimension → activity)', { file, line: 1, column: 1 });
  if (extra !== undefined) return fail('invalid-input', 'expected one DSOMM model document, found several', extra.locate([]));
  return ok({ meta, model });
}

function isMetaDocument(document: ParsedYaml): boolean {
  const value = document.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'meta');
}

interface DsommMetaInfo {
  readonly version: string;
  readonly released: string | null;
}

function readMeta(document: ParsedYaml | null): Result<DsommMetaInfo> {
  if (document === null) return ok({ version: 'unknown', released: null });
  const meta = validateParsed(document, dsommMetaSchema);
  if (!meta.ok) return meta;
  const version = meta.value.meta?.version?.trim() ?? '';
  const released = meta.value.meta?.released?.trim() ?? '';
  return ok({ version: version === '' ? 'unknown' : version, released: released === '' ? null : released });
}

function draftModelFile(dsomm: DsommModel, meta: DsommMetaInfo): Draft {
  const domains: DomainInput[] = [];
  const domainPaths: YamlPath[] = [];
  const placed: PlacedActivity[] = [];
  const domainIds = new Set<string>();
  for (const [dimension, subDimensions] of Object.entries(dsomm)) {
    for (const [subDimension, activities] of Object.entries(subDimensions)) {
      const domain = claimId(domainIds, slugify(subDimension, 'domain'));
      domains.push({ id: domain, name: subDimension, description: `${dimension} › ${subDimension}` });
      domainPaths.push([dimension, subDimension]);
      placed.push(...placeActivities(domain, [dimension, subDimension], activities));
    }
  }
  const resolve = dependencyResolver(placed);
  return {
    file: {
      id: 'dsomm',
      version: meta.version,
      name: 'OWASP DevSecOps Maturity Model',
      description: `Imported from the OWASP DSOMM model data${meta.released === null ? '' : `, released ${meta.released}`}.`,
      levels: DSOMM_LEVELS.map((level) => ({ ...level })),
      domains,
      practices: placed.map((entry) => toPractice(entry, resolve)),
    },
    domainPaths,
    practicePaths: placed.map((entry) => entry.path),
  };
}

function placeActivities(domain: string, parent: YamlPath, activities: Record<string, DsommActivity>): PlacedActivity[] {
  const slugs = new Set<string>();
  return Object.entries(activities).map(([name, activity]) => ({
    id: `${domain}.${claimId(slugs, slugify(name, 'activity'))}`,
    domain,
    name,
    activity,
    path: [...parent, name],
  }));
}

/** Kebab-case ASCII slug: "Test-Intensity" → "test-intensity", "Blue/Green Deployment" → "blue-green-deployment". */
function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? fallback : slug;
}

/** Returns `base`, or `base-2`, `base-3`… when taken, and marks the result as taken. */
function claimId(taken: Set<string>, base: string): string {
  let id = base;
  for (let suffix = 2; taken.has(id); suffix += 1) id = `${base}-${suffix}`;
  taken.add(id);
  return id;
}

/** DSOMM's dependsOn holds uuids or activity names; an unknown entry is kept so integrity reports it. */
function dependencyResolver(placed: readonly PlacedActivity[]): (entry: string) => string {
  const byKey = new Map<string, string>();
  for (const entry of placed) if (!byKey.has(entry.activity.uuid)) byKey.set(entry.activity.uuid, entry.id);
  for (const entry of placed) if (!byKey.has(entry.name.trim())) byKey.set(entry.name.trim(), entry.id);
  return (entry) => byKey.get(entry.trim()) ?? entry;
}

function toPractice(entry: PlacedActivity, resolve: (entry: string) => string): PracticeInput {
  const { activity } = entry;
  const measure = activity.measure?.trim() ?? '';
  const references = uniqueTexts(activity.references?.openCRE ?? []);
  return {
    id: entry.id,
    domain: entry.domain,
    level: activity.level,
    title: entry.name.trim(),
    description: activity.description?.trim() ?? '',
    guidance: (activity.assessment ?? activity.measure ?? '').trim(),
    risk: toScale(activity.usefulness === null || activity.usefulness === undefined ? [] : [activity.usefulness]),
    effort: toScale(difficultyRatings(activity)),
    dependsOn: (activity.dependsOn ?? []).map(resolve),
    detectors: [],
    mappings: {
      dsomm: [activity.uuid],
      samm: sammStreams(activity.references?.samm2 ?? []),
      iso27001: isoControls(activity.references?.['iso27001-2022'] ?? []),
      ssdf: [],
    },
    backlog: { title: backlogTitle(entry.name.trim()), acceptance: measure === '' ? [] : [measure] },
    ...(references.length === 0 ? {} : { references }),
  };
}

function difficultyRatings(activity: DsommActivity): number[] {
  const difficulty = activity.difficultyOfImplementation;
  if (difficulty === null || difficulty === undefined) return [];
  return [difficulty.knowledge, difficulty.time, difficulty.resources].filter((value): value is number => typeof value === 'number');
}

/** The rounded mean of 1–5 ratings, clamped to 1–5; 3 when there is none. */
function toScale(ratings: readonly number[]): number {
  if (ratings.length === 0) return 3;
  const mean = ratings.reduce((sum, value) => sum + value, 0) / ratings.length;
  return Math.min(5, Math.max(1, Math.round(mean)));
}

/** DSOMM names SAMM activities ("I-SB-A-1"); a Stepwise mapping names the stream ("I-SB-A"). */
function sammStreams(values: readonly string[]): string[] {
  return uniqueTexts(values.map((value) => value.trim().replace(/-\d+$/, ''))).filter(isSammStream);
}

/*
 * DSOMM writes prose where no control applies ("Not explicitly covered by ISO 27001 - too specific").
 * That is the absence of a mapping, so only values written as control numbers are kept; a number
 * that is not an Annex A control stays, so integrity reports it.
 */
function isoControls(values: readonly string[]): string[] {
  return uniqueTexts(values).filter((value) => /^\d+(?:\.\d+)+$/.test(value));
}

function uniqueTexts(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
}

/** DSOMM names are mostly nouns ("Pinning of artifacts"); a backlog item reads better as a verb. */
const IMPERATIVE_PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/^usage of /i, 'Use '],
  [/^conduction of /i, 'Conduct '],
  [/^creation of /i, 'Create '],
  [/^definition of /i, 'Define '],
  [/^treatment of /i, 'Treat '],
  [/^coverage of /i, 'Cover '],
  [/^signing of /i, 'Sign '],
  [/^pinning of /i, 'Pin '],
  [/^inventory of /i, 'Keep an inventory of '],
  [/^reduction of /i, 'Reduce '],
  [/^evaluation of /i, 'Evaluate '],
  [/^generation of /i, 'Generate '],
  [/^exclusion of /i, 'Exclude '],
  [/^correlation of /i, 'Correlate '],
  [/^deactivati(?:on|ng) of /i, 'Deactivate '],
  [/^grouping of /i, 'Group '],
  [/^determining /i, 'Determine '],
];
const ALREADY_IMPERATIVE = /^(?:test|require|block|dismiss|filter|analy[sz]e|correlate|use|define|conduct)\b/i;

function backlogTitle(name: string): string {
  if (ALREADY_IMPERATIVE.test(name)) return name;
  for (const [prefix, verb] of IMPERATIVE_PREFIXES) if (prefix.test(name)) return name.replace(prefix, verb);
  return `Put in place: ${name}`;
}

/** Validates the drafted file, builds the model and locates integrity issues in the DSOMM file. */
function checkDraft(draft: Draft, document: ParsedYaml): Result<LoadedModel> {
  const locate = (path: readonly (string | number)[]) => document.locate(toYamlPath(path, draft));
  const checked = modelFileSchema.safeParse(draft.file);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = (issue?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part));
    return fail('invalid-input', `cannot import DSOMM model: ${issue?.message ?? 'invalid content'}`, locate(path));
  }
  const model = buildModel(checked.data);
  const issues = checkModelIntegrity(model);
  const firstError = issues.find((issue) => issue.severity === 'error');
  if (firstError !== undefined) return fail('invalid-input', firstError.message, locate(firstError.path));
  return ok({ model, warnings: issues.map((issue: ModelIssue) => ({ message: issue.message, at: locate(issue.path) })) });
}

/** Fields of a practice, as integrity names them, and where DSOMM keeps them in an activity. */
const ACTIVITY_FIELD_PATHS: Readonly<Record<string, YamlPath>> = {
  level: ['level'],
  description: ['description'],
  guidance: ['measure'],
  risk: ['usefulness'],
  effort: ['difficultyOfImplementation'],
};
const MAPPING_PATHS: Readonly<Record<string, YamlPath>> = {
  dsomm: ['uuid'],
  samm: ['references', 'samm2'],
  iso27001: ['references', 'iso27001-2022'],
};

/** Turns a model-file path (`practices.3.dependsOn.1`) into the DSOMM path of the same value. */
function toYamlPath(path: readonly (string | number)[], draft: Draft): (string | number)[] {
  const [section, index, field, ...rest] = path;
  if (typeof index !== 'number') return [];
  if (section === 'domains') return [...(draft.domainPaths[index] ?? [])];
  if (section !== 'practices') return [];
  const activity = draft.practicePaths[index] ?? [];
  if (field === 'dependsOn') return [...activity, 'dependsOn', ...rest];
  if (field === 'mappings') return [...activity, ...(MAPPING_PATHS[String(rest[0])] ?? [])];
  return [...activity, ...(ACTIVITY_FIELD_PATHS[String(field)] ?? [])];
}
