import { stringify } from 'yaml';
import { fail, ok } from '../../core/errors.js';
import type { DomainError, Result } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence, Repositories } from '../../core/persistence/port.js';
import type { AnswerRecord, CheckpointRecord, ModelRecord, OrganisationRecord, RatingRecord, TeamRecord } from '../../core/persistence/records.js';
import type { Checkpoint, Organisation, Team } from '../../core/workspace/schema.js';
import { serialiseCheckpoint } from '../../core/workspace/serialise.js';
import { PUBLISHED_FORMATS } from '../../core/workspace/json-schemas.js';
import { SCHEMA_FOLDER } from '../init.js';
import { checkpointPath, ORGANISATION_FILE } from '../workspace.js';
import type { BuiltinModelSource, Workspace } from '../workspace.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import type { ModelSource } from './models.js';
import { checkpointFromRows, checkpointsFromStore, loadOrgWorkspace, memoryFileStore } from './org-workspace.js';
import { organisationSettings, targetsProblem } from './teams.js';
import { newId } from './tokens.js';

/**
 * What the server's imports and exports share: the organisation written as workspace files with the
 * CLI's serialisers, and the writes that turn imported teams, settings and checkpoints into rows.
 * Every write here runs inside the caller's transaction (S6) and is audited (S22).
 */

const rolledBack = new WeakMap<object, { readonly ok: false; readonly error: DomainError }>();

/**
 * Runs `work` in one transaction that commits only when it succeeds: an expected failure after some
 * writes rolls them all back (S6), and is returned as the value it is.
 */
export async function inOneTransaction<T>(store: Persistence, work: (tx: Repositories) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await store.transaction(async (tx) => {
      const result = await work(tx);
      if (result.ok) return result;
      const abort = new Error(`rolled back: ${result.error.message}`);
      rolledBack.set(abort, result);
      throw abort;
    });
  } catch (error) {
    const failure = typeof error === 'object' && error !== null ? rolledBack.get(error) : undefined;
    if (failure === undefined) throw error;
    return failure;
  }
}

/** The name the built-in model goes by in messages, as the CLI names it. */
const BUILTIN_FILE = 'model/builtin.yaml (built-in)';
const MODELS_FOLDER = 'models';

/** The built-in model as `loadWorkspace` wants it, read through the server's model source. */
export function builtinSourceOf(models: ModelSource): BuiltinModelSource {
  return { file: BUILTIN_FILE, read: () => models.builtinText() };
}

/** `stepwise.yaml` with a stable layout (as `stepwise init` heads it, so editors find the schema). */
export function serialiseOrganisation(organisation: Organisation): string {
  const document: Record<string, unknown> = { organisation: organisation.organisation, model: organisation.model };
  if (organisation.defaultTargets !== undefined) document['defaultTargets'] = organisation.defaultTargets;
  document['domainWeights'] = organisation.domainWeights;
  document['staleCounts'] = organisation.staleCounts;
  document['defaultCadence'] = organisation.defaultCadence;
  document['teams'] = organisation.teams;
  const header = `# yaml-language-server: $schema=./${SCHEMA_FOLDER}/${PUBLISHED_FORMATS.organisation.file}\n`;
  return header + stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Where an uploaded model lives in an exported workspace, and how `stepwise.yaml` names it. */
export function modelFileOf(record: Pick<ModelRecord, 'id' | 'format'>): { path: string; reference: string } {
  const path = `${MODELS_FOLDER}/${record.id.replace(/[^A-Za-z0-9._@-]/g, '_')}.yaml`;
  return { path, reference: record.format === 'dsomm' ? `dsomm:${path}` : path };
}

/** An uploaded file as text; refused when it is not UTF-8 (a byte-order mark is dropped). */
export function textOfUpload(bytes: Uint8Array, what: string): Result<string> {
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('invalid-input', `${what} is not UTF-8 text`, { file: 'upload' });
  }
}

/**
 * An upload's byte size is checked before it is parsed, so a later "too large" is about its structure
 * (an alias bomb, too many nodes): a bad input, answered with 400 rather than 413.
 */
export function asInputError<T>(result: Result<T>): Result<T> {
  return !result.ok && result.error.code === 'too-large' ? fail('invalid-input', result.error.message, result.error.at) : result;
}

/** The numeric version column of a model row; a version such as DSOMM's "4.3.1" lives on in the id (`id@version`). */
export function integerVersion(model: Pick<Model, 'version'>): number {
  const version = Number(model.version);
  return Number.isSafeInteger(version) && version >= 0 ? version : 0;
}

export interface OrganisationFiles {
  readonly model: Model;
  readonly settings: OrganisationRecord;
  /** Path → text, `stepwise.yaml` first. */
  readonly files: Map<string, string>;
  /** The organisation and its final checkpoints as the CLI's services see them. */
  readonly workspace: Workspace;
}

/** The organisation's settings, teams (all, or the given ones) and final checkpoints as workspace files. */
export async function organisationFiles(store: Persistence, models: ModelSource, teamIds?: readonly string[]): Promise<OrganisationFiles> {
  const model = await models.current(store);
  const settings = await organisationSettings(store);
  const loaded = await loadOrgWorkspace(store, model, settings, { teamIds, history: 'all' });
  const record = settings.model === 'builtin' ? undefined : await store.modelById(settings.model);
  const modelFile = record === undefined ? undefined : modelFileOf(record);
  const organisation = { ...loaded.organisation, model: modelFile?.reference ?? 'builtin' };
  const files = new Map<string, string>([[ORGANISATION_FILE, serialiseOrganisation(organisation)]]);
  if (record !== undefined && modelFile !== undefined) files.set(modelFile.path, record.text);
  for (const checkpoints of loaded.checkpoints.values()) {
    for (const checkpoint of checkpoints) files.set(checkpointPath(checkpoint.team, checkpoint.date), serialiseCheckpoint(checkpoint, model));
    // Writing YAML takes a few milliseconds a checkpoint: other requests get their turn between teams.
    await otherRequestsTurn();
  }
  const workspace: Workspace = { ...loaded, organisation, store: memoryFileStore(files) };
  return { model, settings, files, workspace };
}

function otherRequestsTurn(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}

// ---------------------------------------------------------------- writing rows

/** The settings row an imported `stepwise.yaml` asks for. */
export function settingsOfOrganisation(organisation: Organisation, modelId: string): Omit<OrganisationRecord, 'version'> {
  return {
    name: organisation.organisation,
    model: modelId,
    defaultTargets: organisation.defaultTargets ?? null,
    domainWeights: { ...organisation.domainWeights },
    staleCounts: organisation.staleCounts,
    defaultCadence: organisation.defaultCadence,
  };
}

/** Checks an imported organisation's targets and weights against its model. */
export function organisationProblem(model: Model, organisation: Organisation): string | undefined {
  const weights = Object.keys(organisation.domainWeights).find((domain) => !model.practicesByDomain.has(domain));
  if (weights !== undefined) return `domainWeights: "${weights}" is not a domain of model ${model.id}`;
  const defaults = targetsProblem(model, organisation.defaultTargets);
  if (defaults !== undefined) return `defaultTargets: ${defaults}`;
  for (const team of organisation.teams) {
    const problem = targetsProblem(model, team.targets);
    if (problem !== undefined) return `team ${team.id}: ${problem}`;
  }
  return undefined;
}

/** Creates the settings row or changes what differs; true when something changed. */
export async function saveSettings(tx: Repositories, wanted: Omit<OrganisationRecord, 'version'>, actor: Actor): Promise<Result<boolean>> {
  const current = await tx.organisation();
  if (current !== undefined && sameJson(settingsWithoutVersion(current), wanted)) return ok(false);
  if (current === undefined) await tx.putOrganisation(wanted);
  else if ((await tx.updateOrganisation(current.version, wanted)) === 'stale') return fail('stale', 'the organisation settings changed during the import; try again');
  await audit(tx, actor, { action: 'organisation.update', target: 'organisation', detail: { ...wanted } });
  return ok(true);
}

function settingsWithoutVersion(settings: OrganisationRecord): Omit<OrganisationRecord, 'version'> {
  const { version: _version, ...rest } = settings;
  return rest;
}

/** The team row a `stepwise.yaml` entry asks for; one target for every domain becomes a target per domain. */
export function teamRecordOf(team: Team, model: Model, at: string): TeamRecord {
  const targets = typeof team.targets === 'number' ? Object.fromEntries(model.domains.map((domain) => [domain.id, team.targets as number])) : { ...(team.targets ?? {}) };
  return { id: team.id, name: team.name, group: team.group ?? null, cadence: team.cadence ?? null, targets, createdAt: at, version: 1 };
}

export interface SavedTeams {
  readonly created: readonly string[];
  readonly updated: readonly string[];
}

/** Creates missing teams and changes those that differ; teams not listed are left alone. */
export async function saveTeams(tx: Repositories, teams: readonly TeamRecord[], actor: Actor): Promise<Result<SavedTeams>> {
  const created: string[] = [];
  const updated: string[] = [];
  for (const team of teams) {
    const saved = await saveTeam(tx, team, actor);
    if (!saved.ok) return saved;
    if (saved.value === 'created') created.push(team.id);
    if (saved.value === 'updated') updated.push(team.id);
  }
  return ok({ created, updated });
}

async function saveTeam(tx: Repositories, team: TeamRecord, actor: Actor): Promise<Result<'created' | 'updated' | 'unchanged'>> {
  const existing = await tx.teamById(team.id);
  const changes = { name: team.name, group: team.group, cadence: team.cadence, targets: team.targets };
  if (existing === undefined) {
    if ((await tx.insertTeam(team)) === 'duplicate') return fail('conflict', `team "${team.id}" was created during the import; try again`);
    await audit(tx, actor, { action: 'team.create', teamId: team.id, target: `team:${team.id}`, detail: { name: team.name } });
    return ok('created');
  }
  if (sameJson({ name: existing.name, group: existing.group, cadence: existing.cadence, targets: existing.targets }, changes)) return ok('unchanged');
  if ((await tx.updateTeam(team.id, existing.version, changes)) === 'stale') return fail('stale', `team "${team.id}" changed during the import; try again`);
  await tx.deleteTeamScore(team.id);
  await audit(tx, actor, { action: 'team.update', teamId: team.id, target: `team:${team.id}`, detail: { ...changes } });
  return ok('updated');
}

export interface SavedCheckpoints {
  /** `assessments/<team>/<date>.yaml` of each checkpoint created or replaced. */
  readonly written: readonly string[];
  /** Those that already held exactly this content. */
  readonly unchanged: readonly string[];
}

/**
 * Stores checkpoints as final ones of their teams: new dates are added, a final checkpoint of the same
 * date is replaced when its content differs and left alone when it does not (S6: importing twice
 * changes nothing). A checkpoint still being assessed on that date stops the import.
 */
export async function saveFinalCheckpoints(tx: Repositories, model: Model, checkpoints: readonly Checkpoint[], actor: Actor, source: string): Promise<Result<SavedCheckpoints>> {
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const checkpoint of checkpoints) {
    const saved = await saveFinalCheckpoint(tx, model, checkpoint, actor, source);
    if (!saved.ok) return saved;
    (saved.value ? written : unchanged).push(checkpointPath(checkpoint.team, checkpoint.date));
  }
  return ok({ written, unchanged });
}

async function saveFinalCheckpoint(tx: Repositories, model: Model, checkpoint: Checkpoint, actor: Actor, source: string): Promise<Result<boolean>> {
  const existing = await tx.checkpointOfTeam(checkpoint.team, checkpoint.date);
  if (existing !== undefined && existing.state !== 'final') {
    return fail('conflict', `team "${checkpoint.team}" has a checkpoint in progress (${existing.state}) dated ${checkpoint.date}: finish or delete it before importing`);
  }
  const record = checkpointRecordOf(checkpoint, existing?.id ?? newId(), actor);
  const rows = rowsOfCheckpoint(checkpoint, record.id, actor);
  if (existing !== undefined && existing.model === record.model && (await holdsSameContent(tx, model, existing, record, rows))) return ok(false);
  const stored = await storeCheckpoint(tx, existing, record);
  if (!stored.ok) return stored;
  await tx.replaceAnswers(stored.value.id, rows.answers, rows.ratings);
  await tx.deleteTeamScore(checkpoint.team);
  await audit(tx, actor, { action: 'checkpoint.import', teamId: checkpoint.team, target: `checkpoint:${stored.value.id}`, detail: { date: checkpoint.date, source } });
  return ok(true);
}

/** Inserts a new final checkpoint, or updates the existing one (replacing it when its model changed). */
async function storeCheckpoint(tx: Repositories, existing: CheckpointRecord | undefined, record: CheckpointRecord): Promise<Result<CheckpointRecord>> {
  if (existing !== undefined && existing.model === record.model) {
    const updated = await tx.updateCheckpoint(existing.id, existing.version, { domainScores: record.domainScores }, record.updatedAt);
    return typeof updated === 'string' ? fail('stale', `the checkpoint of ${record.teamId} on ${record.date} changed during the import; try again`) : ok(updated);
  }
  if (existing !== undefined) await tx.deleteCheckpoint(existing.id);
  const fresh = { ...record, id: existing === undefined ? record.id : newId() };
  if ((await tx.insertCheckpoint(fresh)) === 'duplicate') return fail('conflict', `a checkpoint of ${record.teamId} on ${record.date} was added during the import; try again`);
  return ok(fresh);
}

function checkpointRecordOf(checkpoint: Checkpoint, id: string, actor: Actor): CheckpointRecord {
  return {
    id,
    teamId: checkpoint.team,
    date: checkpoint.date,
    state: 'final',
    model: checkpoint.model,
    domainScores: { ...checkpoint.domainScores },
    createdBy: actor.name,
    createdAt: actor.at,
    updatedAt: actor.at,
    version: 1,
  };
}

interface CheckpointRows {
  readonly answers: Omit<AnswerRecord, 'version'>[];
  readonly ratings: Omit<RatingRecord, 'version'>[];
}

/** The answer and rating rows of a checkpoint; every answer gets a row, even an empty one, so it comes back the same. */
export function rowsOfCheckpoint(checkpoint: Checkpoint, checkpointId: string, actor: Actor): CheckpointRows {
  const answers: Omit<AnswerRecord, 'version'>[] = [];
  const ratings: Omit<RatingRecord, 'version'>[] = [];
  for (const [practiceId, answer] of Object.entries(checkpoint.answers)) {
    answers.push({
      checkpointId,
      practiceId,
      status: answer.status ?? null,
      justification: answer.justification === undefined || answer.justification === '' ? null : answer.justification,
      evidence: answer.evidence,
      proposed: answer.proposed ?? null,
      updatedAt: actor.at,
      updatedBy: actor.name,
    });
    for (const [rater, status] of Object.entries(answer.ratings)) ratings.push({ checkpointId, practiceId, rater, status, updatedAt: actor.at });
  }
  return { answers, ratings };
}

/** True when the stored checkpoint would be written out exactly as the imported one. */
async function holdsSameContent(tx: Repositories, model: Model, existing: CheckpointRecord, record: CheckpointRecord, rows: CheckpointRows): Promise<boolean> {
  const [stored] = await checkpointsFromStore(tx, [existing]);
  if (stored === undefined) return false;
  const withVersions = { answers: rows.answers.map((row) => ({ ...row, version: 1 })), ratings: rows.ratings.map((row) => ({ ...row, version: 1 })) };
  const imported = checkpointFromRows({ ...record, id: existing.id }, withVersions.answers, withVersions.ratings);
  return serialiseCheckpoint(stored, model) === serialiseCheckpoint(imported, model);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Objects with their keys sorted, so two equal values compare equal whatever order their keys came in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
}
