import { z } from 'zod';

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
