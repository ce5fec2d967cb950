import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import { modelRef } from '../../core/model/model.js';
import type { Persistence, Repositories } from '../../core/persistence/port.js';
import type { ModelRecord } from '../../core/persistence/records.js';
import type { ScanResult } from '../../core/scan/result.js';
import { parseScanResult } from '../../scanner/result-schema.js';
import { schemaFiles } from '../init.js';
import { loadWorkspace, ORGANISATION_FILE, SCANS_FOLDER } from '../workspace.js';
import type { Workspace } from '../workspace.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import type { ModelSource } from './models.js';
import { memoryFileStore } from './org-workspace.js';
import { builtinSourceOf, inOneTransaction, integerVersion, organisationFiles, organisationProblem, saveFinalCheckpoints, saveSettings, saveTeams, settingsOfOrganisation, teamRecordOf } from './transfer.js';
import { newId } from './tokens.js';

/**
 * The whole organisation as a workspace folder and back (PRODUCT.md §3): `GET /workspace` writes the
 * files the CLI would, `POST /workspace` reads such files with the CLI's loader and stores them in
 * one transaction (S6).
 */

const SCAN_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
/** Most scans looked at per team when exporting (the newest of each day is kept). */
const MAX_SCANS_PER_TEAM = 10_000;

/** Path → text of every file of the organisation's workspace: settings, teams, final checkpoints, scans, schemas. */
export async function exportWorkspace(store: Persistence, models: ModelSource): Promise<Record<string, string>> {
  const { files } = await organisationFiles(store, models);
  for (const file of schemaFiles()) files.set(file.path, file.text);
  for (const team of await store.listTeams()) {
    for (const [date, result] of await newestScanPerDay(store, team.id)) files.set(`${SCANS_FOLDER}/${team.id}/${date}.json`, scanFileText(result));
  }
  const [first, ...rest] = [...files.keys()];
  const ordered = [first ?? ORGANISATION_FILE, ...rest.sort()];
  return Object.fromEntries(ordered.map((path) => [path, files.get(path) ?? '']));
}

/** The scan document as `stepwise scan --format json` writes it. */
function scanFileText(result: unknown): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

async function newestScanPerDay(store: Repositories, teamId: string): Promise<Map<string, unknown>> {
  const newestFirst = await store.scansOfTeam(teamId, MAX_SCANS_PER_TEAM);
  const chosen = new Map<string, string>();
  for (const scan of newestFirst) if (!chosen.has(scan.pushedAt.slice(0, 10))) chosen.set(scan.pushedAt.slice(0, 10), scan.id);
  const results = new Map<string, unknown>();
  for (const [date, id] of [...chosen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const scan = await store.scanById(id);
    if (scan !== undefined) results.set(date, scan.result);
  }
  return results;
}

export interface WorkspaceImportSummary {
  readonly settingsChanged: boolean;
  /** The id of a model the import added, or null. */
  readonly modelAdded: string | null;
  readonly teamsCreated: readonly string[];
  readonly teamsUpdated: readonly string[];
  readonly checkpointsWritten: readonly string[];
  readonly checkpointsUnchanged: number;
  readonly scansImported: number;
}

interface ImportedScan {
  readonly team: string;
  readonly date: string;
  readonly result: ScanResult;
}

/**
 * Imports workspace files (as `GET /workspace` writes them, or a workspace folder from git): settings,
 * teams, final checkpoints with answers and ratings, and scans, all in one transaction. The files are
 * read with the CLI's loader, so a bad file is refused with its name, line and column; importing the
 * same content twice changes nothing.
 */
export async function importWorkspace(store: Persistence, models: ModelSource, files: Readonly<Record<string, string>>, actor: Actor): Promise<Result<WorkspaceImportSummary>> {
  const fileStore = memoryFileStore(Object.entries(files));
  if (files[ORGANISATION_FILE] === undefined) return fail('invalid-input', `the workspace has no ${ORGANISATION_FILE}`, { file: ORGANISATION_FILE });
  const loaded = await loadWorkspace(fileStore, builtinSourceOf(models));
  // A file the workspace names but the body lacks is a bad body, not a missing resource.
  if (!loaded.ok) return loaded.error.code === 'not-found' ? fail('invalid-input', loaded.error.message, loaded.error.at) : loaded;
  const workspace = loaded.value;
  const problem = organisationProblem(workspace.model, workspace.organisation);
  if (problem !== undefined) return fail('invalid-input', problem, { file: ORGANISATION_FILE });
  const modelRecord = modelRecordOf(workspace, files, actor);
  const scans = await readScans(workspace, files);
  if (!scans.ok) return scans;
  return inOneTransaction(store, (tx) => storeWorkspace(tx, workspace, modelRecord, scans.value, actor));
}

/** The uploaded-model row a workspace on its own model file needs; undefined for the built-in model. */
function modelRecordOf(workspace: Workspace, files: Readonly<Record<string, string>>, actor: Actor): ModelRecord | undefined {
  const reference = workspace.organisation.model;
  if (reference === 'builtin') return undefined;
  const format = reference.startsWith('dsomm:') ? 'dsomm' : 'stepwise';
  const path = format === 'dsomm' ? reference.slice('dsomm:'.length) : reference;
  const model = workspace.model;
  return { id: modelRef(model), version: integerVersion(model), name: model.name, format, text: files[path] ?? '', uploadedAt: actor.at, uploadedBy: actor.name };
}

async function readScans(workspace: Workspace, files: Readonly<Record<string, string>>): Promise<Result<ImportedScan[]>> {
  const scans: ImportedScan[] = [];
  for (const team of await workspace.store.list(SCANS_FOLDER)) {
    for (const name of await workspace.store.list(`${SCANS_FOLDER}/${team}`)) {
      const date = SCAN_FILE.exec(name)?.[1];
      if (date === undefined) continue;
      const path = `${SCANS_FOLDER}/${team}/${name}`;
      if (!workspace.teams.has(team)) return fail('invalid-input', `folder is not a team listed in ${ORGANISATION_FILE}`, { file: `${SCANS_FOLDER}/${team}` });
      const parsed = parseScanResult(files[path] ?? '');
      if (!parsed.ok) return fail('invalid-input', parsed.message, { file: path });
      scans.push({ team, date, result: parsed.value });
    }
  }
  return ok(scans);
}

async function storeWorkspace(tx: Repositories, workspace: Workspace, modelRecord: ModelRecord | undefined, scans: readonly ImportedScan[], actor: Actor): Promise<Result<WorkspaceImportSummary>> {
  const modelAdded = modelRecord !== undefined && (await tx.modelById(modelRecord.id)) === undefined && (await tx.insertModel(modelRecord)) === 'ok';
  if (modelAdded) await audit(tx, actor, { action: 'model.upload', target: `model:${modelRecord.id}`, detail: { format: modelRecord.format, source: 'workspace' } });
  const settings = await saveSettings(tx, settingsOfOrganisation(workspace.organisation, modelRecord?.id ?? 'builtin'), actor);
  if (!settings.ok) return settings;
  const teams = await saveTeams(tx, workspace.organisation.teams.map((team) => teamRecordOf(team, workspace.model, actor.at)), actor);
  if (!teams.ok) return teams;
  const checkpoints = await saveFinalCheckpoints(tx, workspace.model, [...workspace.checkpoints.values()].flat(), actor, 'workspace');
  if (!checkpoints.ok) return checkpoints;
  const scansImported = await storeScans(tx, scans, actor);
  const summary: WorkspaceImportSummary = {
    settingsChanged: settings.value,
    modelAdded: modelAdded ? modelRecord.id : null,
    teamsCreated: teams.value.created,
    teamsUpdated: teams.value.updated,
    checkpointsWritten: checkpoints.value.written,
    checkpointsUnchanged: checkpoints.value.unchanged.length,
    scansImported,
  };
  const { checkpointsWritten, ...counts } = summary;
  await audit(tx, actor, { action: 'workspace.import', target: 'organisation', detail: { ...counts, checkpointsWritten: checkpointsWritten.length } });
  return ok(summary);
}

/** Adds each scan unless the team already has one with the same content on that day. */
async function storeScans(tx: Repositories, scans: readonly ImportedScan[], actor: Actor): Promise<number> {
  let added = 0;
  for (const scan of scans) {
    if (await hasScanOnDay(tx, scan)) continue;
    const id = newId();
    await tx.insertScan({ id, teamId: scan.team, pushedAt: `${scan.date}T00:00:00.000Z`, pushedBy: actor.name, result: scan.result });
    await audit(tx, actor, { action: 'scan.import', teamId: scan.team, target: `scan:${id}`, detail: { date: scan.date } });
    added++;
  }
  return added;
}

async function hasScanOnDay(tx: Repositories, scan: ImportedScan): Promise<boolean> {
  const wanted = JSON.stringify(scan.result);
  for (const entry of await tx.scansOfTeam(scan.team, MAX_SCANS_PER_TEAM)) {
    if (entry.pushedAt.slice(0, 10) !== scan.date) continue;
    const stored = await tx.scanById(entry.id);
    if (stored !== undefined && JSON.stringify(stored.result) === wanted) return true;
  }
  return false;
}
