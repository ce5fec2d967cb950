import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { IsoDate } from '../../core/dates.js';
import type { Persistence } from '../../core/persistence/port.js';
import type { ReportExporter, WorkbookReader } from '../../core/ports.js';
import { renderReport } from '../report-output.js';
import { importWorkbook } from '../workbook.js';
import { checkpointPath } from '../workspace.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import type { ModelSource } from './models.js';
import { loadOrgWorkspace } from './org-workspace.js';
import { organisationSettings } from './teams.js';
import { inOneTransaction, organisationFiles, saveFinalCheckpoints } from './transfer.js';

/**
 * The workbook of `stepwise export xlsx` / `import xlsx` over the database: the export holds only the
 * teams the caller may read; an import writes final checkpoints of one team only.
 */

export interface WorkbookExportRequest {
  /** Teams the caller may read. */
  readonly readable: 'all' | ReadonlySet<string>;
  readonly team?: string | undefined;
  readonly group?: string | undefined;
  readonly blank: boolean;
  readonly today: IsoDate;
  readonly toolVersion: string;
}

/** Renders the workbook (README, Heatmap, team sheets, Backlog) of the readable teams' final checkpoints. */
export async function exportOrgWorkbook(store: Persistence, models: ModelSource, exporter: ReportExporter, request: WorkbookExportRequest): Promise<Result<string | Uint8Array>> {
  const teamIds = teamsToExport(request);
  if (!teamIds.ok) return teamIds;
  const model = await models.current(store);
  const workspace = await loadOrgWorkspace(store, model, await organisationSettings(store), { teamIds: teamIds.value, history: 'all' });
  if (request.team !== undefined && !workspace.teams.has(request.team)) return fail('not-found', `no team "${request.team}"`);
  return renderReport(workspace, exporter, {
    today: request.today,
    strategy: 'balanced',
    toolVersion: request.toolVersion,
    blank: request.blank,
    ...(request.team === undefined ? {} : { team: request.team }),
    ...(request.group === undefined ? {} : { group: request.group }),
  });
}

/** The team ids to load: one team (when readable), the readable ones, or all (undefined). */
function teamsToExport(request: WorkbookExportRequest): Result<readonly string[] | undefined> {
  if (request.team !== undefined) {
    // The same answer for a team that does not exist and one the caller may not see (S14).
    return request.readable === 'all' || request.readable.has(request.team) ? ok([request.team]) : fail('not-found', `no team "${request.team}"`);
  }
  return ok(request.readable === 'all' ? undefined : [...request.readable]);
}

export interface TeamWorkbookRequest {
  readonly teamId: string;
  readonly bytes: Uint8Array;
  readonly today: IsoDate;
  /** Date of sheets whose date cell is empty (default today). */
  readonly date?: IsoDate | undefined;
}

export interface TeamWorkbookImport {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  /** The team's sheet held nothing to import. */
  readonly empty: boolean;
  /** Teams whose sheets were left out: this import writes only the team it was sent to. */
  readonly ignored: readonly string[];
  readonly messages: readonly string[];
}

/** Reads a filled workbook into final checkpoints of one team, in one transaction; other teams' sheets are ignored. */
export async function importTeamWorkbook(store: Persistence, models: ModelSource, read: WorkbookReader, request: TeamWorkbookRequest, actor: Actor): Promise<Result<TeamWorkbookImport>> {
  const { model, workspace } = await organisationFiles(store, models, [request.teamId]);
  const ignored = new Set<string>();
  const ownSheets: WorkbookReader = async (bytes, context) => {
    const checkpoints = await read(bytes, context);
    if (!checkpoints.ok) return checkpoints;
    for (const checkpoint of checkpoints.value) if (checkpoint.team !== request.teamId) ignored.add(checkpoint.team);
    return ok(checkpoints.value.filter((checkpoint) => checkpoint.team === request.teamId));
  };
  const imported = await importWorkbook(workspace, ownSheets, { bytes: request.bytes, file: 'upload.xlsx', today: request.today, ...(request.date === undefined ? {} : { date: request.date }) });
  if (!imported.ok) return imported;
  if (imported.value.checkpoints.length === 0 && imported.value.empty.length === 0) {
    return fail('invalid-input', `the workbook holds no sheet of team "${request.teamId}"`, { file: 'upload.xlsx' });
  }
  const written = new Set(imported.value.written);
  const changed = imported.value.checkpoints.filter((checkpoint) => written.has(checkpointPath(checkpoint.team, checkpoint.date)));
  const saved = await inOneTransaction(store, async (tx) => {
    const result = await saveFinalCheckpoints(tx, model, changed, actor, 'xlsx');
    if (!result.ok) return result;
    await audit(tx, actor, { action: 'workbook.import', teamId: request.teamId, target: `team:${request.teamId}`, detail: { written: result.value.written.length, ignoredTeams: ignored.size } });
    return result;
  });
  if (!saved.ok) return saved;
  const ignoredTeams = [...ignored].sort();
  return ok({
    written: saved.value.written,
    unchanged: [...imported.value.unchanged, ...saved.value.unchanged],
    empty: imported.value.empty.length > 0,
    ignored: ignoredTeams,
    messages: ignoredTeams.length === 0 ? [] : [`sheets of other teams were ignored (import them into each team): ${ignoredTeams.join(', ')}`],
  });
}
