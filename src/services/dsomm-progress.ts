import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import {
  checkpointsToDsommProgress,
  defaultProgressDefinitions,
  dsommProgressToCheckpoints,
  dsommTeamNames,
  matchDsommTeams,
  newTeamsFor,
  parseDsommProgress,
  readProgressDefinitions,
} from '../core/dsomm/progress.js';
import type { ProgressDefinitions } from '../core/dsomm/progress.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { LocatedWarning } from '../core/model/load.js';
import { organisationSchema } from '../core/workspace/schema.js';
import type { Checkpoint, Team } from '../core/workspace/schema.js';
import { serialiseCheckpoint } from '../core/workspace/serialise.js';
import { parseYaml, validateParsed } from '../core/yaml/safe-yaml.js';
import { checkpointPath, ORGANISATION_FILE, parseCheckpoint, teamOf } from './workspace.js';
import type { Workspace } from './workspace.js';

export interface DsommProgressImportOptions {
  readonly progressText: string;
  /** How the progress file is named in messages. */
  readonly progressFile: string;
  /** A DSOMM app meta.yaml whose `progressDefinition` names the statuses; the app's defaults otherwise. */
  readonly metaText?: string;
  readonly metaFile?: string;
  /** Add DSOMM teams that match no workspace team to stepwise.yaml; otherwise their progress is skipped. */
  readonly createTeams: boolean;
}

export interface DsommProgressImportResult {
  /** Every file written, stepwise.yaml included when teams were added. */
  readonly written: readonly string[];
  /** Checkpoint files that existed and whose content the import changed (a subset of `written`). */
  readonly replaced: readonly string[];
  /** Checkpoint files that already held exactly what the import would write: left untouched. */
  readonly unchanged: readonly string[];
  /** Ids of the teams added to stepwise.yaml. */
  readonly teamsCreated: readonly string[];
  /** DSOMM team names matching no team whose progress was left out (without createTeams). */
  readonly teamsSkipped: readonly string[];
  readonly warnings: readonly LocatedWarning[];
}

interface FileToWrite {
  readonly path: string;
  readonly text: string;
}

/**
 * Imports a DSOMM team-progress file as checkpoints, writing every file in one atomic step (SECURITY.md
 * S6: on failure nothing is written). Where a team already has a checkpoint on a date, the imported
 * answers replace the answers to the same practices and everything else in that file is kept (its other
 * answers, raters, domain scores): it may hold an assessment of practices DSOMM does not cover. A file
 * whose content would not change is not rewritten, so importing the same file twice changes nothing.
 */
export async function importDsommProgress(workspace: Workspace, options: DsommProgressImportOptions): Promise<Result<DsommProgressImportResult>> {
  const progress = parseDsommProgress(options.progressText, options.progressFile);
  if (!progress.ok) return progress;
  const definitions = progressDefinitions(options.metaText, options.metaFile);
  if (!definitions.ok) return definitions;
  const known = [...workspace.teams.values()];
  const unmatched = matchDsommTeams(dsommTeamNames(progress.value), known).unknown;
  const proposed = options.createTeams ? newTeamsFor(unmatched, workspace.teams.keys()) : [];
  const { teamIds } = matchDsommTeams(dsommTeamNames(progress.value), [...known, ...proposed]);
  const imported = dsommProgressToCheckpoints(progress.value, workspace.model, { definitions: definitions.value, teamFor: (name) => teamIds.get(name) });
  // A team is only worth adding when some of its progress maps to the model.
  const created = proposed.filter((team) => imported.checkpoints.some((checkpoint) => checkpoint.team === team.id));
  const planned = await planCheckpointFiles(workspace, imported.checkpoints);
  if (!planned.ok) return planned;
  const organisation = created.length === 0 ? ok(null) : await organisationWithTeams(workspace, created);
  if (!organisation.ok) return organisation;
  const files = [...(organisation.value === null ? [] : [organisation.value]), ...planned.value.files];
  if (files.length > 0) {
    const written = await workspace.store.writeAll(files);
    if (!written.ok) return written;
  }
  return ok({
    written: files.map((file) => file.path),
    replaced: planned.value.replaced,
    unchanged: planned.value.unchanged,
    teamsCreated: created.map((team) => team.id),
    teamsSkipped: imported.unknownTeams,
    warnings: [...imported.warnings, ...skippedTeamWarnings(imported.unknownTeams, options.progressFile)],
  });
}

/** Writes the workspace's checkpoints as a DSOMM team-progress.yaml for the DSOMM app. */
export function exportDsommProgress(workspace: Workspace, options: { readonly metaText?: string; readonly metaFile?: string } = {}): Result<string> {
  const definitions = progressDefinitions(options.metaText, options.metaFile);
  if (!definitions.ok) return definitions;
  const teams = [...workspace.checkpoints.values()].flatMap((checkpoints) => (checkpoints[0] === undefined ? [] : [teamOf(workspace, checkpoints[0])]));
  return ok(checkpointsToDsommProgress({ model: workspace.model, teams, checkpoints: workspace.checkpoints, definitions: definitions.value }));
}

function progressDefinitions(metaText: string | undefined, metaFile: string | undefined): Result<ProgressDefinitions> {
  return metaText === undefined ? ok(defaultProgressDefinitions()) : readProgressDefinitions(metaText, metaFile ?? 'meta.yaml');
}

function skippedTeamWarnings(names: readonly string[], file: string): LocatedWarning[] {
  if (names.length === 0) return [];
  const listed = names.map((name) => JSON.stringify(name)).join(', ');
  const one = names.length === 1;
  const message = `${names.length} DSOMM team${one ? ' matches' : 's match'} no team in ${ORGANISATION_FILE} and ${one ? 'was' : 'were'} skipped (add ${one ? 'it' : 'them'}, or import with --create-teams): ${listed}`;
  return [{ message, at: { file } }];
}

interface PlannedFiles {
  readonly files: readonly FileToWrite[];
  readonly replaced: readonly string[];
  readonly unchanged: readonly string[];
}

/** Decides, per imported checkpoint, whether its file is new, replaced or already up to date. */
async function planCheckpointFiles(workspace: Workspace, checkpoints: readonly Checkpoint[]): Promise<Result<PlannedFiles>> {
  const files: FileToWrite[] = [];
  const replaced: string[] = [];
  const unchanged: string[] = [];
  for (const checkpoint of checkpoints) {
    const path = checkpointPath(checkpoint.team, checkpoint.date);
    const text = checkpointText(workspace, mergeWithExisting(workspace, checkpoint));
    if (!text.ok) return text;
    const existing = await workspace.store.readText(path);
    if (!existing.ok) return existing;
    if (existing.value === text.value) unchanged.push(path);
    else files.push({ path, text: text.value });
    if (existing.value !== null && existing.value !== text.value) replaced.push(path);
  }
  return ok({ files, replaced, unchanged });
}

/** The imported answers over the team's checkpoint of the same date, when there is one. */
function mergeWithExisting(workspace: Workspace, imported: Checkpoint): Checkpoint {
  const existing = workspace.checkpoints.get(imported.team)?.find((checkpoint) => checkpoint.date === imported.date);
  if (existing === undefined) return imported;
  return { ...existing, model: imported.model, answers: { ...existing.answers, ...imported.answers } };
}

/** Serialises a checkpoint and reads it back as the workspace would, so a bad file is never written. */
function checkpointText(workspace: Workspace, checkpoint: Checkpoint): Result<string> {
  const path = checkpointPath(checkpoint.team, checkpoint.date);
  const text = serialiseCheckpoint(checkpoint, workspace.model);
  const reread = parseCheckpoint(text, workspace.store.describe(path), workspace.model, { team: checkpoint.team, date: checkpoint.date });
  return reread.ok ? ok(text) : reread;
}

/**
 * stepwise.yaml with the new teams appended to `teams`, edited as a YAML document so the person's
 * comments, order and quoting survive. The result is validated before it is written.
 */
async function organisationWithTeams(workspace: Workspace, teams: readonly Pick<Team, 'id' | 'name'>[]): Promise<Result<FileToWrite>> {
  const current = await workspace.store.readText(ORGANISATION_FILE);
  if (!current.ok) return current;
  const file = workspace.store.describe(ORGANISATION_FILE);
  if (current.value === null) return fail('not-found', `${ORGANISATION_FILE} disappeared during the import`, { file });
  // The bounded parser vets the text first; the document API then edits what it accepted.
  const checked = parseYaml(current.value, file);
  if (!checked.ok) return checked;
  const document = parseDocument(current.value, { uniqueKeys: false });
  const appended = appendTeams(document, teams);
  if (!appended.ok) return fail('invalid-input', appended.error.message, { file });
  // No padding inside braces: `{id: x, name: X}` as PRODUCT.md and `stepwise init` write teams.
  const text = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  const reparsed = parseYaml(text, file);
  if (!reparsed.ok) return reparsed;
  const valid = validateParsed(reparsed.value, organisationSchema);
  return valid.ok ? ok({ path: ORGANISATION_FILE, text }) : valid;
}

function appendTeams(document: Document, teams: readonly Pick<Team, 'id' | 'name'>[]): Result<null> {
  if (!isMap(document.contents)) return fail('invalid-input', `${ORGANISATION_FILE} is not a map`);
  const existing: unknown = document.get('teams', true);
  // `teams:` with nothing after it is the same as no teams.
  if (existing === undefined || (isScalar(existing) && existing.value === null)) document.set('teams', document.createNode([]));
  const list: unknown = document.get('teams', true);
  if (!isSeq(list)) return fail('invalid-input', '`teams` is not a list');
  // `teams: []` from `stepwise init` becomes a block list; a list the person wrote in flow style stays so.
  if (list.items.length === 0) list.flow = false;
  for (const team of teams) list.items.push(document.createNode({ id: team.id, name: team.name }, { flow: true }));
  return ok(null);
}
