import { isIsoDate } from '../core/dates.js';
import { importDsommModel } from '../core/dsomm/import-model.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import { loadModelFromText } from '../core/model/load.js';
import type { LoadedModel, LocatedWarning } from '../core/model/load.js';
import type { Model } from '../core/model/model.js';
import type { FileStore } from '../core/ports.js';
import { parseYaml, validateParsed } from '../core/yaml/safe-yaml.js';
import type { ParsedYaml } from '../core/yaml/safe-yaml.js';
import { checkpointSchema, organisationSchema } from '../core/workspace/schema.js';
import type { Checkpoint, Organisation, Team } from '../core/workspace/schema.js';

export const ORGANISATION_FILE = 'stepwise.yaml';
export const ASSESSMENTS_FOLDER = 'assessments';
export const SCANS_FOLDER = 'scans';

/** Where the built-in model comes from (the package's model/builtin.yaml). */
export interface BuiltinModelSource {
  readonly file: string;
  read(): Promise<string>;
}

/** A loaded workspace: organisation, model and every checkpoint, validated. */
export interface Workspace {
  readonly store: FileStore;
  readonly organisation: Organisation;
  readonly model: Model;
  readonly modelWarnings: readonly LocatedWarning[];
  readonly teams: ReadonlyMap<string, Team>;
  /** Checkpoints of each team, oldest first. */
  readonly checkpoints: ReadonlyMap<string, readonly Checkpoint[]>;
}

/** Reads and validates `stepwise.yaml`. */
export async function loadOrganisation(store: FileStore): Promise<Result<Organisation>> {
  const text = await store.readText(ORGANISATION_FILE);
  if (!text.ok) return text;
  if (text.value === null) {
    return fail('not-found', `no ${ORGANISATION_FILE} here: run "stepwise init" or pass --dir`, { file: store.describe(ORGANISATION_FILE) });
  }
  const parsed = parseYaml(text.value, store.describe(ORGANISATION_FILE));
  if (!parsed.ok) return parsed;
  return validateParsed(parsed.value, organisationSchema);
}

/** Loads the model named by the organisation: `builtin`, a path, or `dsomm:path`. */
export async function loadWorkspaceModel(store: FileStore, reference: string, builtin: BuiltinModelSource): Promise<Result<LoadedModel>> {
  if (reference === 'builtin') return loadModelFromText(await builtin.read(), builtin.file);
  const isDsomm = reference.startsWith('dsomm:');
  const path = isDsomm ? reference.slice('dsomm:'.length) : reference;
  const text = await store.readText(path);
  if (!text.ok) return text;
  if (text.value === null) return fail('not-found', `model file ${path} named in ${ORGANISATION_FILE} does not exist`, { file: store.describe(path) });
  return isDsomm ? importDsommModel(text.value, store.describe(path)) : loadModelFromText(text.value, store.describe(path));
}

/** Told how many team folders have been read, for a progress bar on long loads. */
export type LoadProgress = (teamsRead: number, teamsTotal: number) => void;

/** Loads the whole workspace; the first invalid file stops it with a pointed error. */
export async function loadWorkspace(store: FileStore, builtin: BuiltinModelSource, onProgress?: LoadProgress): Promise<Result<Workspace>> {
  const organisation = await loadOrganisation(store);
  if (!organisation.ok) return organisation;
  const loaded = await loadWorkspaceModel(store, organisation.value.model, builtin);
  if (!loaded.ok) return loaded;
  const teams = new Map(organisation.value.teams.map((team) => [team.id, team]));
  const checkpoints = await loadAllCheckpoints(store, loaded.value.model, teams, onProgress);
  if (!checkpoints.ok) return checkpoints;
  return ok({ store, organisation: organisation.value, model: loaded.value.model, modelWarnings: loaded.value.warnings, teams, checkpoints: checkpoints.value });
}

async function loadAllCheckpoints(store: FileStore, model: Model, teams: ReadonlyMap<string, Team>, onProgress?: LoadProgress): Promise<Result<Map<string, Checkpoint[]>>> {
  const byTeam = new Map<string, Checkpoint[]>();
  const folders = (await store.list(ASSESSMENTS_FOLDER)).filter((folder) => !folder.startsWith('.'));
  for (const [index, folder] of folders.entries()) {
    onProgress?.(index, folders.length);
    const path = `${ASSESSMENTS_FOLDER}/${folder}`;
    if (!teams.has(folder)) return fail('invalid-input', `folder is not a team listed in ${ORGANISATION_FILE}`, { file: store.describe(path) });
    const loaded = await loadTeamCheckpoints(store, model, folder);
    if (!loaded.ok) return loaded;
    byTeam.set(folder, loaded.value);
  }
  onProgress?.(folders.length, folders.length);
  return ok(byTeam);
}

async function loadTeamCheckpoints(store: FileStore, model: Model, team: string): Promise<Result<Checkpoint[]>> {
  const checkpoints: Checkpoint[] = [];
  for (const name of await store.list(`${ASSESSMENTS_FOLDER}/${team}`)) {
    if (!/\.ya?ml$/.test(name)) continue;
    const loaded = await loadCheckpointFile(store, `${ASSESSMENTS_FOLDER}/${team}/${name}`, model);
    if (!loaded.ok) return loaded;
    checkpoints.push(loaded.value);
  }
  return ok(checkpoints.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
}

/** Reads one checkpoint file and checks it against its place in the workspace and the model. */
export async function loadCheckpointFile(store: FileStore, path: string, model: Model): Promise<Result<Checkpoint>> {
  const text = await store.readText(path);
  if (!text.ok) return text;
  if (text.value === null) return fail('not-found', 'checkpoint file does not exist', { file: store.describe(path) });
  return parseCheckpoint(text.value, store.describe(path), model, checkpointPlace(path));
}

/** The team and date a checkpoint's path implies (`…/assessments/<team>/<date>.yaml`), as far as it does. */
export function checkpointPlace(path: string): { team?: string; date?: string } {
  const match = /(?:^|\/)assessments\/([^/]+)\/([^/]+)\.ya?ml$/.exec(path);
  if (match === null) return {};
  const date = match[2] ?? '';
  return { ...(match[1] === undefined ? {} : { team: match[1] }), ...(isIsoDate(date) ? { date } : {}) };
}

/** Parses checkpoint text and checks that it fits the model and, when known, its folder and file name. */
export function parseCheckpoint(text: string, file: string, model: Model, place: { team?: string; date?: string } = {}): Result<Checkpoint> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const checkpoint = validateParsed(parsed.value, checkpointSchema);
  if (!checkpoint.ok) return checkpoint;
  const problem = checkAgainstModel(checkpoint.value, parsed.value, model) ?? checkPlace(checkpoint.value, parsed.value, place);
  return problem ?? checkpoint;
}

function checkAgainstModel(checkpoint: Checkpoint, parsed: ParsedYaml, model: Model): Result<Checkpoint> | null {
  for (const practiceId of Object.keys(checkpoint.answers)) {
    if (!model.practiceById.has(practiceId)) {
      return fail('invalid-input', `"${practiceId}" is not a practice of model ${model.id}`, parsed.locate(['answers', practiceId]));
    }
  }
  const topLevel = Math.max(...model.levels.map((level) => level.level));
  for (const [domain, score] of Object.entries(checkpoint.domainScores)) {
    if (!model.practicesByDomain.has(domain)) return fail('invalid-input', `"${domain}" is not a domain of model ${model.id}`, parsed.locate(['domainScores', domain]));
    if (score > topLevel) return fail('invalid-input', `score ${score} is above the model's top level ${topLevel}`, parsed.locate(['domainScores', domain]));
  }
  return null;
}

function checkPlace(checkpoint: Checkpoint, parsed: ParsedYaml, place: { team?: string; date?: string }): Result<Checkpoint> | null {
  if (place.team !== undefined && checkpoint.team !== place.team) {
    return fail('invalid-input', `team "${checkpoint.team}" does not match its folder "${place.team}"`, parsed.locate(['team']));
  }
  if (place.date !== undefined && checkpoint.date !== place.date) {
    return fail('invalid-input', `date ${checkpoint.date} does not match the file name ${place.date}`, parsed.locate(['date']));
  }
  return null;
}

/** A workspace for commands given checkpoint files outside any workspace: the built-in model, no targets, no teams. */
export async function standaloneWorkspace(store: FileStore, builtin: BuiltinModelSource): Promise<Result<Workspace>> {
  const organisation = organisationSchema.parse({ organisation: 'Standalone checkpoints', model: 'builtin' });
  const loaded = await loadWorkspaceModel(store, organisation.model, builtin);
  if (!loaded.ok) return loaded;
  return ok({ store, organisation, model: loaded.value.model, modelWarnings: loaded.value.warnings, teams: new Map(), checkpoints: new Map() });
}

/** The team a checkpoint belongs to: as listed in stepwise.yaml, or named after its id when it is not. */
export function teamOf(workspace: Workspace, checkpoint: Checkpoint): Team {
  return workspace.teams.get(checkpoint.team) ?? { id: checkpoint.team, name: checkpoint.team };
}

/** The latest checkpoint of a team, if any. */
export function latestCheckpoint(workspace: Workspace, team: string): Checkpoint | undefined {
  return workspace.checkpoints.get(team)?.at(-1);
}

/** The path a team's checkpoint of a date is kept at. */
export function checkpointPath(team: string, date: string): string {
  return `${ASSESSMENTS_FOLDER}/${team}/${date}.yaml`;
}

/** The workspace narrowed to the given checkpoints: their teams only, each with the given checkpoints as its history. */
export function workspaceOfCheckpoints(workspace: Workspace, checkpoints: readonly Checkpoint[]): Workspace {
  const byTeam = new Map<string, Checkpoint[]>();
  for (const checkpoint of checkpoints) byTeam.set(checkpoint.team, [...(byTeam.get(checkpoint.team) ?? []), checkpoint]);
  for (const list of byTeam.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const teams = new Map([...byTeam.keys()].map((id) => [id, workspace.teams.get(id) ?? { id, name: id }]));
  return { ...workspace, teams, checkpoints: byTeam };
}
