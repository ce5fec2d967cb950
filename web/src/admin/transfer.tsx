import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { PublicUser } from '../api-types.js';
import { pathWithQuery } from '../router.js';
import { Loading, ProblemBox } from '../ui.js';
import { DownloadButton, today, UploadForm } from './files.js';
import { Checkbox, SelectInput, TextInput } from './forms.js';
import { useApi } from './load.js';
import type { Team, TeamsBody } from './types.js';
import { dateError } from './validate.js';

/**
 * `/admin/transfer`: the organisation out and in — the workspace folder as JSON (what the CLI reads),
 * the XLSX workbook, DSOMM team progress. Auditors get the downloads; uploads are for admins. A refused
 * upload shows the server's reason with the file, line and column it names.
 */

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Answers of the import routes (src/services/org/transfer-*.ts). */
interface WorkspaceImport {
  readonly settingsChanged: boolean;
  readonly modelAdded: string | null;
  readonly teamsCreated: readonly string[];
  readonly teamsUpdated: readonly string[];
  readonly checkpointsWritten: readonly string[];
  readonly checkpointsUnchanged: number;
  readonly scansImported: number;
}

interface WorkbookImport {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly empty: boolean;
  readonly ignored: readonly string[];
  readonly messages: readonly string[];
}

interface DsommImport {
  readonly written: readonly string[];
  readonly unchanged: number;
  readonly teamsCreated: readonly string[];
  readonly teamsSkipped: readonly string[];
  readonly warnings: readonly { readonly message: string; readonly at?: { readonly line?: number } }[];
}

function listText(items: readonly string[], none: string): string {
  if (items.length === 0) return none;
  return items.length <= 8 ? items.join(', ') : `${items.slice(0, 8).join(', ')} and ${items.length - 8} more`;
}

/** A workspace file read in the browser: JSON with a `files` object, as `GET /api/v1/workspace` gives. */
export function parseWorkspace(text: string): { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly local: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, local: `The file is not JSON (${error instanceof Error ? error.message : 'unreadable'}). Upload the file that “Download the workspace” saved.` };
  }
  const files = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['files'] : undefined;
  if (typeof files !== 'object' || files === null) return { ok: false, local: 'The file has no "files" object: upload the JSON that “Download the workspace” saved, {"files": {"stepwise.yaml": …}}.' };
  return { ok: true, body };
}

function describeWorkspace(summary: WorkspaceImport): JSX.Element {
  return (
    <ul class="plain result-list">
      <li>Settings {summary.settingsChanged ? 'changed' : 'unchanged'}{summary.modelAdded === null ? '' : `; model ${summary.modelAdded} added`}.</li>
      <li>Teams created: {listText(summary.teamsCreated, 'none')}.</li>
      <li>Teams updated: {listText(summary.teamsUpdated, 'none')}.</li>
      <li>
        Checkpoints written: {summary.checkpointsWritten.length}; unchanged: {summary.checkpointsUnchanged}; scans imported: {summary.scansImported}.
      </li>
    </ul>
  );
}

function describeWorkbook(summary: WorkbookImport): JSX.Element {
  return (
    <ul class="plain result-list">
      {summary.empty ? <li>The team's sheet held nothing to import.</li> : null}
      <li>Checkpoints written: {listText(summary.written, 'none')}.</li>
      <li>Unchanged: {listText(summary.unchanged, 'none')}.</li>
      {summary.ignored.length === 0 ? null : <li>Sheets of other teams, left out: {listText(summary.ignored, 'none')}.</li>}
      {summary.messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

function describeDsomm(summary: DsommImport): JSX.Element {
  return (
    <ul class="plain result-list">
      <li>
        Checkpoints written: {summary.written.length}; unchanged: {summary.unchanged}.
      </li>
      <li>Teams created: {listText(summary.teamsCreated, 'none')}.</li>
      {summary.teamsSkipped.length === 0 ? null : <li>DSOMM teams matching no team, skipped: {listText(summary.teamsSkipped, 'none')}.</li>}
      {summary.warnings.map((warning, index) => (
        <li key={index}>
          Warning{warning.at?.line === undefined ? '' : ` (line ${warning.at.line})`}: {warning.message}
        </li>
      ))}
    </ul>
  );
}

function WorkspaceCard({ admin }: { readonly admin: boolean }): JSX.Element {
  return (
    <section class="card" aria-labelledby="workspace-heading">
      <h2 id="workspace-heading">Workspace folder (JSON)</h2>
      <p>
        The whole organisation — <code>stepwise.yaml</code>, every final checkpoint and scan — as the files the <code>stepwise</code> command line reads. Commit them to git, or move
        them to another instance.
      </p>
      <DownloadButton path="/api/v1/workspace" fileName={`stepwise-workspace-${today()}.json`} label="Download the workspace (JSON)" />
      {admin ? (
        <>
          <h3>Import a workspace</h3>
          <UploadForm<WorkspaceImport>
            id="workspace-file"
            label="Workspace file (JSON)"
            accept=".json,application/json"
            hint="A file saved with “Download the workspace”. Teams are created or updated, teams not in the file are kept; importing the same file twice changes nothing. All or nothing: the first invalid file inside refuses the whole import."
            button="Import the workspace"
            send={async (file) => {
              const parsed = parseWorkspace(await file.text());
              return parsed.ok ? api<WorkspaceImport>('POST', '/api/v1/workspace', { body: parsed.body }) : parsed;
            }}
            describe={describeWorkspace}
          />
        </>
      ) : null}
    </section>
  );
}

function WorkbookDownload({ teams }: { readonly teams: readonly Team[] }): JSX.Element {
  const [team, setTeam] = useState('');
  const [blank, setBlank] = useState(false);
  const path = pathWithQuery('/api/v1/export/xlsx', { team, blank: blank ? 'true' : undefined });
  return (
    <div class="stack">
      <div class="form-row">
        <SelectInput
          id="xlsx-team"
          label="Teams in the workbook"
          value={team}
          options={[['', 'Every team you can see'], ...teams.map((candidate): [string, string] => [candidate.id, `${candidate.name} (${candidate.id})`])]}
          onChange={setTeam}
        />
      </div>
      <Checkbox id="xlsx-blank" label="Blank, to fill in" checked={blank} onChange={setBlank} hint="Team sheets without answers: hand them out for a new assessment." />
      <DownloadButton key={path} path={path} fileName={`stepwise-${team === '' ? 'organisation' : team}-${today()}.xlsx`} label="Download the workbook (XLSX)" />
    </div>
  );
}

function WorkbookUpload({ teams }: { readonly teams: readonly Team[] }): JSX.Element {
  const [team, setTeam] = useState('');
  const [date, setDate] = useState('');
  return (
    <UploadForm<WorkbookImport>
      id="xlsx-file"
      label="Filled workbook (XLSX)"
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      hint="Only the chosen team's sheet is read; other sheets are ignored. All or nothing; the same workbook twice changes nothing. At most 20 MB."
      button="Import the workbook"
      check={() => (team === '' ? 'Choose the team whose sheet to import.' : dateError(date))}
      send={(file) => {
        const query = pathWithQuery(`/api/v1/teams/${encodeURIComponent(team)}/import/xlsx`, { date });
        return api<WorkbookImport>('POST', query, { file: new Blob([file], { type: XLSX_TYPE }) });
      }}
      describe={describeWorkbook}
    >
      <div class="form-row">
        <SelectInput
          id="xlsx-import-team"
          label="Team"
          value={team}
          options={[['', 'Choose a team…'], ...teams.map((candidate): [string, string] => [candidate.id, `${candidate.name} (${candidate.id})`])]}
          onChange={setTeam}
        />
        <TextInput id="xlsx-import-date" label="Date of an undated sheet" type="date" value={date} onInput={setDate} hint="Used when the sheet's date cell is empty; today when left empty." error={dateError(date)} />
      </div>
    </UploadForm>
  );
}

function WorkbookCard({ admin, teams }: { readonly admin: boolean; readonly teams: readonly Team[] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="xlsx-heading">
      <h2 id="xlsx-heading">Workbook (XLSX)</h2>
      <p>A README, the Heatmap (teams × domains), a sheet per team with a row per practice, and the Backlog — for people who work in spreadsheets.</p>
      <WorkbookDownload teams={teams} />
      {admin ? (
        <>
          <h3>Import a filled workbook</h3>
          <WorkbookUpload teams={teams} />
        </>
      ) : null}
    </section>
  );
}

function DsommCard({ admin }: { readonly admin: boolean }): JSX.Element {
  const [createTeams, setCreateTeams] = useState(false);
  return (
    <section class="card" aria-labelledby="dsomm-heading">
      <h2 id="dsomm-heading">OWASP DSOMM team progress</h2>
      <p>
        The <code>team-progress.yaml</code> of the DSOMM app: bring progress recorded there into Stepwise, or take Stepwise's checkpoints to the DSOMM app.
      </p>
      <DownloadButton path="/api/v1/export/dsomm" fileName="team-progress.yaml" label="Download team-progress.yaml" />
      {admin ? (
        <>
          <h3>Import DSOMM progress</h3>
          <UploadForm<DsommImport>
            id="dsomm-file"
            label="DSOMM team-progress.yaml"
            accept=".yaml,.yml,application/yaml,text/yaml"
            hint="Each team and date whose progress changed becomes a final checkpoint. At most 5 MB."
            button="Import the progress"
            send={(file) => api<DsommImport>('POST', pathWithQuery('/api/v1/import/dsomm', { createTeams: createTeams ? 'true' : undefined }), { file: new Blob([file], { type: 'application/yaml' }) })}
            describe={describeDsomm}
          >
            <Checkbox id="dsomm-create-teams" label="Create the DSOMM teams that match no team" checked={createTeams} onChange={setCreateTeams} hint="Otherwise they are skipped and listed." />
          </UploadForm>
        </>
      ) : null}
    </section>
  );
}

/** The import and export section of the admin page. */
export function TransferSection({ user }: { readonly user: PublicUser }): JSX.Element {
  const teams = useApi<TeamsBody>('/api/v1/teams');
  if (teams.result === undefined) return <Loading what="the teams" />;
  if (!teams.result.ok) return <ProblemBox problem={teams.result.problem} />;
  const list = [...teams.result.value.teams].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return (
    <div class="admin-columns">
      <div>
        <WorkspaceCard admin={user.isAdmin} />
        <DsommCard admin={user.isAdmin} />
      </div>
      <WorkbookCard admin={user.isAdmin} teams={list} />
    </div>
  );
}
