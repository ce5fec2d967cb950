import type { ModelSummary } from '../../core/api/views.js';
import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { LocatedWarning } from '../../core/model/load.js';
import { modelRef } from '../../core/model/model.js';
import type { Model } from '../../core/model/model.js';
import type { OrganisationChanges, Persistence } from '../../core/persistence/port.js';
import type { ModelRecord, OrganisationRecord } from '../../core/persistence/records.js';
import { detectModelFormat, loadAnyModel } from '../model-files.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { definedOnly } from './accounts.js';
import type { ModelSource } from './models.js';
import { organisationSettings, targetsProblem } from './teams.js';
import { asInputError, integerVersion, textOfUpload } from './transfer.js';

/**
 * Organisation settings (what `stepwise.yaml` holds besides teams) and the models an admin uploads.
 * A model is stored as uploaded under `id@version` and never changes in place; a second upload of the
 * same id and version is refused.
 */

export const BUILTIN_MODEL_ID = 'builtin';
/** Largest model file accepted (SECURITY.md S1: the YAML limit). */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;

export interface SettingsChanges {
  readonly name?: string | undefined;
  readonly model?: string | undefined;
  readonly defaultTargets?: number | Readonly<Record<string, number>> | null | undefined;
  readonly domainWeights?: Readonly<Record<string, number>> | undefined;
  readonly staleCounts?: boolean | undefined;
  readonly defaultCadence?: string | undefined;
}

/** An admin changes the settings; targets and weights are checked against the model the settings will use. */
export async function updateSettings(store: Persistence, models: ModelSource, expectedVersion: number, changes: SettingsChanges, actor: Actor): Promise<Result<OrganisationRecord>> {
  const current = await organisationSettings(store);
  const model = changes.model === undefined ? ok(await models.current(store)) : await modelById(store, models, changes.model);
  if (!model.ok) return model;
  const problem = settingsProblem(model.value, { ...current, ...definedOnly({ ...changes }) });
  if (problem !== undefined) return fail('invalid-input', problem);
  const wanted = definedOnly({ ...changes }) as OrganisationChanges;
  return store.transaction(async (tx) => {
    const updated = await tx.updateOrganisation(expectedVersion, wanted);
    if (updated === 'missing') return fail('not-found', 'the organisation has no settings yet');
    if (updated === 'stale') return fail('stale', 'the settings changed since they were read; reload and try again');
    // Targets, weights, the model and staleCounts all feed the cached standings.
    for (const team of await tx.listTeams()) await tx.deleteTeamScore(team.id);
    await audit(tx, actor, { action: 'organisation.update', target: 'organisation', detail: { ...wanted } });
    return ok(updated);
  });
}

function settingsProblem(model: Model, settings: Pick<OrganisationRecord, 'defaultTargets' | 'domainWeights'>): string | undefined {
  const targets = targetsProblem(model, settings.defaultTargets);
  if (targets !== undefined) return `defaultTargets: ${targets}`;
  const unknown = Object.keys(settings.domainWeights).find((domain) => !model.practicesByDomain.has(domain));
  return unknown === undefined ? undefined : `domainWeights: "${unknown}" is not a domain of model ${model.id}`;
}

const builtinModels = new WeakMap<ModelSource, Promise<Result<Model>>>();

/** The built-in model, or an uploaded one by its id (`id@version`). */
export async function modelById(store: Persistence, models: ModelSource, id: string): Promise<Result<Model>> {
  if (id === BUILTIN_MODEL_ID) return builtinModel(models);
  const record = await store.modelById(id);
  if (record === undefined) return fail('invalid-input', `no model "${id}": use "builtin" or the id of an uploaded model (GET /api/v1/models)`);
  const loaded = loadAnyModel(record.text, `model ${record.id}`, record.format);
  return loaded.ok ? ok(loaded.value.model) : loaded;
}

function builtinModel(models: ModelSource): Promise<Result<Model>> {
  let loaded = builtinModels.get(models);
  if (loaded === undefined) {
    loaded = models.builtinText().then((text) => {
      const result = loadAnyModel(text, 'model/builtin.yaml (built-in)', 'stepwise');
      return result.ok ? ok(result.value.model) : result;
    });
    builtinModels.set(models, loaded);
  }
  return loaded;
}

export type { ModelSummary } from '../../core/api/views.js';

/** The built-in model and every uploaded one, the current one marked. */
export async function listModels(store: Persistence, models: ModelSource): Promise<Result<ModelSummary[]>> {
  const settings = await organisationSettings(store);
  const builtin = await builtinModel(models);
  if (!builtin.ok) return builtin;
  const first: ModelSummary = {
    id: BUILTIN_MODEL_ID,
    modelId: builtin.value.id,
    version: builtin.value.version,
    name: builtin.value.name,
    format: 'stepwise',
    builtin: true,
    current: settings.model === BUILTIN_MODEL_ID,
    uploadedAt: null,
    uploadedBy: null,
  };
  const uploaded = (await store.listModels()).map((record) => uploadedSummary(record, settings.model));
  return ok([first, ...uploaded]);
}

function uploadedSummary(record: ModelRecord, current: string): ModelSummary {
  const at = record.id.lastIndexOf('@');
  return {
    id: record.id,
    modelId: at < 0 ? record.id : record.id.slice(0, at),
    version: at < 0 ? String(record.version) : record.id.slice(at + 1),
    name: record.name,
    format: record.format,
    builtin: false,
    current: record.id === current,
    uploadedAt: record.uploadedAt,
    uploadedBy: record.uploadedBy,
  };
}

export interface UploadedModel {
  readonly id: string;
  readonly modelId: string;
  readonly version: string;
  readonly name: string;
  readonly format: 'stepwise' | 'dsomm';
  readonly domains: number;
  readonly practices: number;
  readonly warnings: readonly LocatedWarning[];
}

/**
 * An admin uploads a Stepwise model or the official DSOMM model.yaml. The text passes the bounded YAML
 * parser (S1) and the model checks before anything is stored.
 */
export async function uploadModel(store: Persistence, bytes: Uint8Array, actor: Actor): Promise<Result<UploadedModel>> {
  if (bytes.byteLength > MAX_MODEL_BYTES) return fail('too-large', `a model file may hold at most ${MAX_MODEL_BYTES / 1024 / 1024} MB`);
  const text = textOfUpload(bytes, 'the model file');
  if (!text.ok) return text;
  const format = detectModelFormat(text.value);
  const loaded = asInputError(loadAnyModel(text.value, 'upload', format));
  if (!loaded.ok) return loaded;
  const { model, warnings } = loaded.value;
  const record: ModelRecord = { id: modelRef(model), version: integerVersion(model), name: model.name, format, text: text.value, uploadedAt: actor.at, uploadedBy: actor.name };
  return store.transaction(async (tx) => {
    if ((await tx.insertModel(record)) === 'duplicate') return fail('already-exists', `model ${record.id} was uploaded already; give the new one another version`);
    await audit(tx, actor, { action: 'model.upload', target: `model:${record.id}`, detail: { format, name: model.name, practices: model.practices.length } });
    return ok({ id: record.id, modelId: model.id, version: model.version, name: model.name, format, domains: model.domains.length, practices: model.practices.length, warnings });
  });
}
