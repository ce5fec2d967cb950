import { importDsommModel } from '../core/dsomm/import-model.js';
import type { Result } from '../core/errors.js';
import { loadModelFromText } from '../core/model/load.js';
import type { LoadedModel } from '../core/model/load.js';
import type { Model } from '../core/model/model.js';
import type { ModelFile } from '../core/model/schema.js';

export type ModelFormat = 'auto' | 'stepwise' | 'dsomm';

/** Loads a model file in Stepwise's format or DSOMM's; `auto` tells them apart by their top-level keys. */
export function loadAnyModel(text: string, file: string, format: ModelFormat): Result<LoadedModel> {
  const chosen = format === 'auto' ? detectModelFormat(text) : format;
  return chosen === 'dsomm' ? importDsommModel(text, file) : loadModelFromText(text, file);
}

/** A Stepwise model has top-level `practices:` and `domains:`; anything else is read as DSOMM. */
export function detectModelFormat(text: string): 'stepwise' | 'dsomm' {
  return /^practices:/m.test(text) && /^domains:/m.test(text) ? 'stepwise' : 'dsomm';
}

/** The model in its file format, as `model show --json` prints it. */
export function modelAsFile(model: Model): ModelFile {
  return {
    id: model.id,
    version: model.version,
    name: model.name,
    ...(model.description === undefined ? {} : { description: model.description }),
    levels: model.levels.map((level) => ({ ...level })),
    domains: model.domains.map((domain) => ({ ...domain })),
    practices: model.practices.map(({ references, ...practice }) => ({
      ...practice,
      dependsOn: [...practice.dependsOn],
      detectors: [...practice.detectors],
      backlog: { title: practice.backlog.title, acceptance: [...practice.backlog.acceptance] },
      ...(references === undefined ? {} : { references: [...references] }),
    })),
  };
}
