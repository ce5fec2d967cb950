import { z } from 'zod';
import { modelFileSchema } from '../model/schema.js';
import { checkpointSchema, organisationSchema } from './schema.js';

/** The file formats that have a published JSON Schema, by name. */
export const PUBLISHED_FORMATS = {
  model: { schema: modelFileSchema, title: 'Stepwise maturity model', file: 'model.schema.json' },
  organisation: { schema: organisationSchema, title: 'Stepwise organisation (stepwise.yaml)', file: 'stepwise.schema.json' },
  checkpoint: { schema: checkpointSchema, title: 'Stepwise checkpoint (assessments/<team>/<date>.yaml)', file: 'checkpoint.schema.json' },
} as const;

export type PublishedFormat = keyof typeof PUBLISHED_FORMATS;

/** JSON Schema (draft 2020-12) of a file format, generated from the schema the code validates with. */
export function jsonSchemaOf(format: PublishedFormat): Record<string, unknown> {
  const entry = PUBLISHED_FORMATS[format];
  const schema = z.toJSONSchema(entry.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: entry.title };
}
