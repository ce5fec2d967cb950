import { z } from 'zod';
import { isIsoDate } from '../dates.js';

/*
 * Only the parts of the OWASP DSOMM `model.yaml` that the importer reads. Every object is loose:
 * the DSOMM data grows new fields (implementation, tags, evidence, comments, meta…) and those must
 * not make an import fail.
 */

/** A scalar that is kept as text: reference ids and versions are read as written. */
const textValue = z.union([z.string(), z.number()]).transform(String);
const textList = z.array(textValue).nullish();
const optionalText = z.string().nullish();
const rating = z.number({ error: 'must be a number from 1 to 5' }).nullish();

export const dsommReferencesSchema = z.looseObject({
  samm2: textList,
  'iso27001-2022': textList,
  openCRE: textList,
});

export const dsommDifficultySchema = z.looseObject({
  knowledge: rating,
  time: rating,
  resources: rating,
});

export const dsommActivitySchema = z.looseObject({
  uuid: z
    .string({ error: (issue) => (issue.input === undefined ? 'an activity needs a uuid' : 'uuid must be text') })
    .trim()
    .min(1, 'an activity needs a uuid'),
  level: z
    .number({ error: (issue) => (issue.input === undefined ? 'an activity needs a level from 1 to 5' : 'level must be a number from 1 to 5') })
    .int('level must be a whole number from 1 to 5')
    .min(1, 'level must be from 1 to 5')
    .max(5, 'level must be from 1 to 5'),
  description: optionalText,
  measure: optionalText,
  assessment: optionalText,
  usefulness: rating,
  difficultyOfImplementation: dsommDifficultySchema.nullish(),
  dependsOn: z.array(textValue).nullish(),
  references: dsommReferencesSchema.nullish(),
});

const mapOf = <S extends z.ZodType>(what: string, value: S) =>
  z.record(z.string(), value, { error: (issue) => (issue.code === 'invalid_type' ? `expected a map of ${what}` : undefined) });

/** The model document: dimension → sub-dimension → activity name → activity. */
export const dsommModelSchema = mapOf('dimensions', mapOf('sub-dimensions', mapOf('activities', dsommActivitySchema)));

/** The small first document of the generated file: `meta: {version, released, publisher}`. */
export const dsommMetaSchema = z.looseObject({
  meta: z.looseObject({ version: textValue.nullish(), released: textValue.nullish() }).nullish(),
});

export type DsommActivity = z.output<typeof dsommActivitySchema>;
export type DsommModel = z.output<typeof dsommModelSchema>;
export type DsommMeta = z.output<typeof dsommMetaSchema>;

/*
 * The DSOMM app's own files: `team-progress.yaml` (activity uuid → team name → status name → the
 * date that status was first reached) and the `progressDefinition` of its `meta.yaml`.
 */

/** Names used as keys (activity uuids, team names, status names): non-blank and bounded. */
const nameKey = (what: string) =>
  z.string().refine((key) => key.trim() !== '' && key.length <= 200, `${what} must be 1 to 200 characters, not blank`);

/** A map with checked keys; `missing` is the message when the whole map is absent. */
const keyedMap = <K extends z.ZodType<string>, V extends z.ZodType>(what: string, key: K, value: V, missing?: string) =>
  z.record(key, value, {
    error: (issue) => {
      // zod reports a refused key as "Invalid key in record"; the key schema's own message says why.
      if (issue.code === 'invalid_key') return issue.issues[0]?.message;
      if (issue.code !== 'invalid_type') return undefined;
      return issue.input === undefined && missing !== undefined ? missing : `expected a map of ${what}`;
    },
  });

/** `YYYY-MM-DD`, or a timestamp whose date part is kept (the app writes dates; other tools may add a time). */
const PROGRESS_DATE = /^(\d{4}-\d{2}-\d{2})(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?$/;
const DATE_MESSAGE = 'must be a date written YYYY-MM-DD';

/** A status date as YAML gives it: text under the core schema, a Date object under YAML 1.1 timestamps. */
export const dsommProgressDateSchema = z
  .union([z.string(), z.date()], { error: DATE_MESSAGE })
  .transform((value, context) => {
    const date = value instanceof Date ? dateObjectDay(value) : (PROGRESS_DATE.exec(value.trim())?.[1] ?? '');
    if (isIsoDate(date)) return date;
    context.addIssue({ code: 'custom', message: DATE_MESSAGE });
    return z.NEVER;
  });

function dateObjectDay(value: Date): string {
  return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
}

const statusDates = keyedMap('status names to dates', nameKey('a status name'), dsommProgressDateSchema);
const teamStatuses = keyedMap('team names to their statuses', nameKey('a team name'), statusDates.nullable());

/** `team-progress.yaml`. An empty activity or team (`uuid:` with nothing under it) means no progress. */
export const dsommProgressFileSchema = z.looseObject(
  {
    progress: keyedMap('activity uuids to teams', nameKey('an activity uuid'), teamStatuses.nullable(), 'a DSOMM team-progress file needs a `progress:` map').nullable(),
  },
  { error: 'expected a DSOMM team-progress file: a map with `progress:`' },
);

const SCORE_MESSAGE = 'a progress score is a percentage such as "20%", or a fraction from 0 to 1';

/**
 * A score as the app reads it: "20%" is a percentage, a bare number (0.2 or "0.2") a fraction.
 * Returned as a percentage from 0 to 100, rounded so that 0.2 gives 20 and not 20.000000000000004.
 */
function toPercentage(score: number | string, context: z.core.$RefinementCtx): number {
  const text = typeof score === 'string' ? score.trim() : '';
  const isPercent = text.endsWith('%');
  const number = typeof score === 'number' ? score : /^\d+(?:\.\d+)?%?$/.test(text) ? Number.parseFloat(text) : Number.NaN;
  const percentage = Math.round((isPercent ? number : number * 100) * 1e6) / 1e6;
  if (Number.isFinite(percentage) && percentage >= 0 && percentage <= 100) return percentage;
  context.addIssue({ code: 'custom', message: SCORE_MESSAGE });
  return z.NEVER;
}

/** One entry: `Started: 20%` (earlier releases) or `Started: {score: 20%, definition: …}` (current). */
const progressDefinitionEntry = z
  .union([z.number(), z.string(), z.looseObject({ score: z.union([z.number(), z.string()]), definition: z.string().nullish() })], {
    error: `expected a score such as "20%", or {score: "20%", definition: …}`,
  })
  .transform((entry, context) => toPercentage(typeof entry === 'object' ? entry.score : entry, context));

/** The part of the DSOMM app's `meta.yaml` that names the progress statuses. */
export const dsommAppMetaSchema = z.looseObject(
  {
    progressDefinition: keyedMap('status names to scores', nameKey('a status name'), progressDefinitionEntry, 'meta.yaml has no `progressDefinition:`').superRefine((scores, context) => {
      const values = Object.values(scores);
      // The app refuses a definition without both ends: 0% is "not started", 100% is "done".
      if (!values.includes(0)) context.addIssue({ code: 'custom', message: 'progressDefinition needs a status at 0%' });
      if (!values.includes(100)) context.addIssue({ code: 'custom', message: 'progressDefinition needs a status at 100%' });
    }),
  },
  { error: 'expected a DSOMM meta.yaml: a map with `progressDefinition:`' },
);

export type DsommProgressFile = z.output<typeof dsommProgressFileSchema>;
export type DsommAppMeta = z.output<typeof dsommAppMetaSchema>;
