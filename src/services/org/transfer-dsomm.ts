import { ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { LocatedWarning } from '../../core/model/load.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence } from '../../core/persistence/port.js';
import type { Checkpoint, Team } from '../../core/workspace/schema.js';
import { exportDsommProgress, importDsommProgress } from '../dsomm-progress.js';
import { checkpointPlace, loadCheckpointFile, loadOrganisation, ORGANISATION_FILE } from '../workspace.js';
import type { Workspace } from '../workspace.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import type { ModelSource } from './models.js';
import { asInputError, inOneTransaction, organisationFiles, saveFinalCheckpoints, saveTeams, teamRecordOf, textOfUpload } from './transfer.js';

/**
 * DSOMM `team-progress.yaml` in and out of the database, through the same import and export the CLI
 * uses (docs/dsomm.md): the organisation is laid out as workspace files in memory, the CLI's service
 * edits them, and what it wrote becomes teams and final checkpoints in one transaction.
 */

export const PROGRESS_FILE = 'team-progress.yaml';

export interface DsommImportSummary {
  readonly written: readonly string[];
  readonly unchanged: number;
  readonly teamsCreated: readonly string[];
  readonly teamsSkipped: readonly string[];
  readonly warnings: readonly LocatedWarning[];
}

/** Imports a DSOMM progress file; with `createTeams`, DSOMM teams that match no team are added. */
export async function importDsommIntoOrganisation(store: Persistence, models: ModelSource, request: { bytes: Uint8Array; createTeams: boolean }, actor: Actor): Promise<Result<DsommImportSummary>> {
  const text = textOfUpload(request.bytes, 'the progress file');
  if (!text.ok) return text;
  const { model, workspace } = await organisationFiles(store, models);
  const imported = asInputError(await importDsommProgress(workspace, { progressText: text.value, progressFile: PROGRESS_FILE, createTeams: request.createTeams }));
  if (!imported.ok) return imported;
  const newTeams = await createdTeams(workspace, imported.value.teamsCreated);
  if (!newTeams.ok) return newTeams;
  const checkpoints = await writtenCheckpoints(workspace, model, imported.value.written);
  if (!checkpoints.ok) return checkpoints;
  const saved = await inOneTransaction(store, async (tx) => {
    const teams = await saveTeams(tx, newTeams.value.map((team) => teamRecordOf(team, model, actor.at)), actor);
    if (!teams.ok) return teams;
    const result = await saveFinalCheckpoints(tx, model, checkpoints.value, actor, 'dsomm');
    if (!result.ok) return result;
    await audit(tx, actor, { action: 'dsomm.import', target: 'organisation', detail: { checkpoints: result.value.written.length, teamsCreated: teams.value.created } });
    return result;
  });
  if (!saved.ok) return saved;
  return ok({
    written: saved.value.written,
    unchanged: imported.value.unchanged.length + saved.value.unchanged.length,
    teamsCreated: imported.value.teamsCreated,
    teamsSkipped: imported.value.teamsSkipped,
    warnings: imported.value.warnings,
  });
}

/** The teams the import added to the in-memory stepwise.yaml. */
async function createdTeams(workspace: Workspace, ids: readonly string[]): Promise<Result<Team[]>> {
  if (ids.length === 0) return ok([]);
  const organisation = await loadOrganisation(workspace.store);
  if (!organisation.ok) return organisation;
  const wanted = new Set(ids);
  return ok(organisation.value.teams.filter((team) => wanted.has(team.id)));
}

/** The checkpoint files the import wrote, read back and checked as the CLI would read them. */
async function writtenCheckpoints(workspace: Workspace, model: Model, paths: readonly string[]): Promise<Result<Checkpoint[]>> {
  const checkpoints: Checkpoint[] = [];
  for (const path of paths) {
    if (path === ORGANISATION_FILE || checkpointPlace(path).team === undefined) continue;
    const checkpoint = await loadCheckpointFile(workspace.store, path, model);
    if (!checkpoint.ok) return checkpoint;
    checkpoints.push(checkpoint.value);
  }
  return ok(checkpoints);
}

/** The final checkpoints of every team as a DSOMM team-progress.yaml for the DSOMM app. */
export async function exportDsommFromOrganisation(store: Persistence, models: ModelSource): Promise<Result<string>> {
  const { workspace } = await organisationFiles(store, models);
  return exportDsommProgress(workspace);
}
