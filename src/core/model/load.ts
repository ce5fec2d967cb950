import { fail, ok } from '../errors.js';
import type { Result, SourcePosition } from '../errors.js';
import { parseYaml, validateParsed } from '../yaml/safe-yaml.js';
import { checkModelIntegrity } from './integrity.js';
import { buildModel } from './model.js';
import type { Model } from './model.js';
import { MODEL_TEXT_KEYS, modelFileSchema } from './schema.js';

/** A model problem that does not stop the model from being used, with where it is. */
export interface LocatedWarning {
  readonly message: string;
  readonly at: SourcePosition;
}

export interface LoadedModel {
  readonly model: Model;
  readonly warnings: readonly LocatedWarning[];
}

/** Parses, validates and checks a model file in the format of PRODUCT.md §7. */
export function loadModelFromText(text: string, file: string): Result<LoadedModel> {
  const parsed = parseYaml(text, file, { keepNumbersAsTextUnder: MODEL_TEXT_KEYS });
  if (!parsed.ok) return parsed;
  const validated = validateParsed(parsed.value, modelFileSchema);
  if (!validated.ok) return validated;
  const model = buildModel(validated.value);
  const issues = checkModelIntegrity(model);
  const firstError = issues.find((issue) => issue.severity === 'error');
  if (firstError !== undefined) return fail('invalid-input', firstError.message, parsed.value.locate(firstError.path));
  const warnings = issues.map((issue) => ({ message: issue.message, at: parsed.value.locate(issue.path) }));
  return ok({ model, warnings });
}
