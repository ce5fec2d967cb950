import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createFsStore } from '../adapters/workspace-files/fs-store.js';
import { emptyWorkspaceFiles } from './init.js';
import { exportDsommProgress, importDsommProgress } from './dsomm-progress.js';
import type { DsommProgressImportOptions, DsommProgressImportResult } from './dsomm-progress.js';
import { loadWorkspace } from './workspace.js';
import type { BuiltinModelSource, Workspace } from './workspace.js';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/dsomm/', import.meta.url));
const SAMPLE_FILE = `${REFERENCE}team-progress.sample-6368fc22.yaml`;
const hasReference = ['model.yaml', 'meta.yaml', 'team-progress.sample-6368fc22.yaml'].every((name) => existsSync(`${REFERENCE}${name}`));
if (!hasReference) console.warn(`skipping DSOMM team-progress service tests on the real files: ${REFERENCE} is absent (see shared/reference/dsomm/SOURCE.md)`);

const BUILTIN_FILE = fileURLToPath(new URL('../../model/builtin.yaml', import.meta.url));
const builtin: BuiltinModelSource = { file: 'model/builtin.yaml', read: () => Promise.resolve(readFileSync(BUILTIN_FILE, 'utf8')) };

const U_PIPELINE = 'f6f7737f-25a9-4317-8de2-09bf59f29b5b';
const EARLIER_META = 'progressDefinition:\n  Backlog: 0%\n  Planned: 10%\n  Started: 30%\n  Implemented: 100%\n';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A workspace folder outside the project, removed after each test. */
function workspaceFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stepwise-dsomm-progress-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function open(root: string): Promise<Workspace> {
  const loaded = await loadWorkspace(createFsStore(root, { displayBase: root }), builtin);
  if (!loaded.ok) throw new Error(`workspace does not load: ${JSON.stringify(loaded.error)}`);
  return loaded.value;
}

async function importOk(root: string, options: Partial<DsommProgressImportOptions> & { progressText: string }): Promise<DsommProgressImportResult> {
  const result = await importDsommProgress(await open(root), { progressFile: 'team-progress.yaml', createTeams: false, ...options });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Every file under the folder with its text, to compare a folder before and after. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

const ORGANISATION = [
  '# Our maturity workspace',
  'organisation: "Acme"',
  'model: builtin',
  'teams:',
  '  # the two teams we started with',
  '  - {id: alpha, name: Team A}',
  '  - {id: team-b, name: Bravo, cadence: quarterly} # matched by its id',
  '',
].join('\n');

const SMALL_PROGRESS = [
  'progress:',
  `  ${U_PIPELINE}:  # Defined build process`,
  "    'Team A':",
  "      'Started': 2025-01-10",
  "      'Fully implemented': 2025-03-10",
  "    'Team C':",
  "      'Started': 2025-02-10",
  '',
].join('\n');

describe('importDsommProgress', () => {
  it('writes checkpoints for matched teams and skips the others with a warning', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    const result = await importOk(root, { progressText: SMALL_PROGRESS });
    expect(result.written).toEqual(['assessments/alpha/2025-01-10.yaml', 'assessments/alpha/2025-03-10.yaml']);
    expect(result.replaced).toEqual([]);
    expect(result.teamsCreated).toEqual([]);
    expect(result.teamsSkipped).toEqual(['Team C']);
    expect(result.warnings).toEqual([
      { message: '1 DSOMM team matches no team in stepwise.yaml and was skipped (add it, or import with --create-teams): "Team C"', at: { file: 'team-progress.yaml' } },
    ]);
    expect(readFileSync(join(root, 'assessments/alpha/2025-01-10.yaml'), 'utf8')).toBe([
      'team: alpha',
      'date: 2025-01-10',
      'model: stepwise@1',
      'answers:',
      '  ci-security-testing.defined-pipeline:',
      '    status: partial',
      '    evidence:',
      '      - type: note',
      '        text: "DSOMM progress: Started (20%) on 2025-01-10"',
      '        date: 2025-01-10',
      '',
    ].join('\n'));
    expect(readFileSync(join(root, 'stepwise.yaml'), 'utf8')).toBe(ORGANISATION);
    const reloaded = await open(root);
    expect(reloaded.checkpoints.get('alpha')?.map((checkpoint) => checkpoint.answers['ci-security-testing.defined-pipeline']?.status)).toEqual(['partial', 'implemented']);
  });

  it('adds unknown teams to stepwise.yaml with --create-teams, keeping its comments and layout', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    const result = await importOk(root, { progressText: SMALL_PROGRESS, createTeams: true });
    expect(result.teamsCreated).toEqual(['team-c']);
    expect(result.teamsSkipped).toEqual([]);
    expect(result.written).toEqual(['stepwise.yaml', 'assessments/alpha/2025-01-10.yaml', 'assessments/alpha/2025-03-10.yaml', 'assessments/team-c/2025-02-10.yaml']);
    expect(readFileSync(join(root, 'stepwise.yaml'), 'utf8')).toBe(`${ORGANISATION.trimEnd()}\n  - {id: team-c, name: Team C}\n`);
    expect([...(await open(root)).teams.keys()]).toEqual(['alpha', 'team-b', 'team-c']);
  });

  it('turns the empty teams list of `stepwise init` into a block list', async () => {
    const init = emptyWorkspaceFiles('Acme').find((file) => file.path === 'stepwise.yaml')?.text ?? '';
    const root = workspaceFolder({ 'stepwise.yaml': init });
    const result = await importOk(root, { progressText: SMALL_PROGRESS, createTeams: true });
    expect(result.teamsCreated).toEqual(['team-a', 'team-c']);
    const text = readFileSync(join(root, 'stepwise.yaml'), 'utf8');
    expect(text).toContain('teams:\n  - {id: team-a, name: Team A}\n  - {id: team-c, name: Team C}\n');
    // Every comment of the template is still there.
    for (const line of init.split('\n').filter((entry) => entry.startsWith('#'))) expect(text).toContain(line);
    expect((await open(root)).teams.get('team-a')?.name).toBe('Team A');
  });

  it('adds a teams list to a stepwise.yaml that has none', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': 'organisation: Acme # the company\nmodel: builtin\n' });
    await importOk(root, { progressText: SMALL_PROGRESS, createTeams: true });
    expect(readFileSync(join(root, 'stepwise.yaml'), 'utf8')).toBe('organisation: Acme # the company\nmodel: builtin\nteams:\n  - {id: team-a, name: Team A}\n  - {id: team-c, name: Team C}\n');
  });

  it('changes nothing when the same file is imported twice (S6)', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    const first = await importOk(root, { progressText: SMALL_PROGRESS, createTeams: true });
    const before = snapshot(root);
    const second = await importOk(root, { progressText: SMALL_PROGRESS, createTeams: true });
    expect(snapshot(root)).toEqual(before);
    expect(second.written).toEqual([]);
    expect(second.teamsCreated).toEqual([]);
    expect(second.unchanged).toEqual(first.written.filter((path) => path !== 'stepwise.yaml'));
    expect(Object.keys(before).filter((path) => path.startsWith('assessments'))).toHaveLength(3);
  });

  it('merges into a checkpoint of the same date: imported answers replace theirs, the rest is kept', async () => {
    const existing = [
      'team: alpha',
      'date: 2025-03-10',
      'model: stepwise@1',
      'raters: [ann]',
      'answers:',
      '  ci-security-testing.defined-pipeline:',
      '    status: not-implemented',
      '  secrets.no-hardcoded:',
      '    status: implemented',
      'domainScores: {iac: 1}',
      '',
    ].join('\n');
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION, 'assessments/alpha/2025-03-10.yaml': existing });
    const result = await importOk(root, { progressText: SMALL_PROGRESS });
    expect(result.replaced).toEqual(['assessments/alpha/2025-03-10.yaml']);
    const merged = (await open(root)).checkpoints.get('alpha')?.find((checkpoint) => checkpoint.date === '2025-03-10');
    expect(merged?.raters).toEqual(['ann']);
    expect(merged?.domainScores).toEqual({ iac: 1 });
    expect(merged?.answers['secrets.no-hardcoded']?.status).toBe('implemented');
    expect(merged?.answers['ci-security-testing.defined-pipeline']?.status).toBe('implemented');
    const again = await importOk(root, { progressText: SMALL_PROGRESS });
    expect(again.replaced).toEqual([]);
    expect(again.written).toEqual([]);
  });

  it('writes nothing at all when one file cannot be written (S6)', async () => {
    // A file where the new team's folder must go makes that one write fail.
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    const workspace = await open(root);
    mkdirSync(join(root, 'assessments'));
    writeFileSync(join(root, 'assessments/team-c'), 'in the way');
    const before = snapshot(root);
    const result = await importDsommProgress(workspace, { progressText: SMALL_PROGRESS, progressFile: 'team-progress.yaml', createTeams: true });
    expect(result.ok ? null : result.error.at?.file).toBe('assessments/team-c/2025-02-10.yaml');
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses a broken progress or meta file with a located error and writes nothing', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    const before = snapshot(root);
    const broken = await importDsommProgress(await open(root), { progressText: `progress:\n  ${U_PIPELINE}:\n    Team A:\n      Started: someday\n`, progressFile: 'tp.yaml', createTeams: true });
    expect(broken).toEqual({ ok: false, error: { code: 'invalid-input', message: `progress.${U_PIPELINE}.Team A.Started: must be a date written YYYY-MM-DD`, at: { file: 'tp.yaml', line: 4, column: 16 } } });
    const badMeta = await importDsommProgress(await open(root), { progressText: SMALL_PROGRESS, progressFile: 'tp.yaml', metaText: 'progressDefinition:\n  Done: 100%\n', metaFile: 'meta.yaml', createTeams: true });
    expect(badMeta).toEqual({ ok: false, error: { code: 'invalid-input', message: 'progressDefinition: progressDefinition needs a status at 0%', at: { file: 'meta.yaml', line: 2, column: 3 } } });
    expect(snapshot(root)).toEqual(before);
  });
});

describe('exportDsommProgress', () => {
  it('writes each team under its display name, from its checkpoints', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    await importOk(root, { progressText: SMALL_PROGRESS.replace("'Team C'", "'Bravo'") });
    const exported = exportDsommProgress(await open(root));
    expect(exported).toEqual({
      ok: true,
      value: [
        'progress:',
        `  ${U_PIPELINE}:  # Builds run in a pipeline defined as code`,
        "    'Bravo':",
        "      'Started': 2025-02-10",
        "    'Team A':",
        "      'Started': 2025-01-10",
        "      'Partly implemented': 2025-03-10",
        "      'Fully implemented': 2025-03-10",
        '',
      ].join('\n'),
    });
  });

  it('uses the statuses of a meta.yaml when given one, and reports a broken one', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    await importOk(root, { progressText: SMALL_PROGRESS });
    const workspace = await open(root);
    const exported = exportDsommProgress(workspace, { metaText: EARLIER_META });
    expect(exported.ok && exported.value).toContain("'Team A':\n      'Planned': 2025-01-10\n      'Started': 2025-01-10\n      'Implemented': 2025-03-10\n");
    const broken = exportDsommProgress(workspace, { metaText: 'progressDefinition: [1]', metaFile: 'm.yaml' });
    expect(broken.ok ? null : broken.error.at).toEqual({ file: 'm.yaml', line: 1, column: 21 });
  });
});

describe.skipIf(!hasReference)('the real DSOMM sample through the service', () => {
  /** A workspace on the real DSOMM model; the copy lives in a temporary folder outside the project. */
  function dsommWorkspace(): string {
    const root = workspaceFolder({ 'stepwise.yaml': 'organisation: Acme\nmodel: dsomm:dsomm-model.yaml\nteams: []\n' });
    copyFileSync(`${REFERENCE}model.yaml`, join(root, 'dsomm-model.yaml'));
    return root;
  }

  it('imports the sample into a DSOMM-model workspace: 5 teams created, 59 checkpoint files', async () => {
    const root = dsommWorkspace();
    const result = await importOk(root, { progressText: readFileSync(SAMPLE_FILE, 'utf8'), createTeams: true });
    expect(result.teamsCreated).toEqual(['team-a', 'team-b', 'team-d', 'not-referenced', 'team-c']);
    expect(result.written.filter((path) => path.startsWith('assessments/'))).toHaveLength(59);
    expect(result.warnings).toEqual([]);
    const workspace = await open(root);
    expect([...workspace.checkpoints.values()].map((checkpoints) => checkpoints.length)).toEqual([3, 12, 16, 14, 14]);
  });

  it('export → import into a new workspace gives the same files, with the definitions the sample was written for', async () => {
    const first = dsommWorkspace();
    await importOk(first, { progressText: readFileSync(SAMPLE_FILE, 'utf8'), metaText: EARLIER_META, createTeams: true });
    const exported = exportDsommProgress(await open(first), { metaText: EARLIER_META });
    if (!exported.ok) throw new Error(exported.error.message);
    const second = dsommWorkspace();
    await importOk(second, { progressText: exported.value, metaText: EARLIER_META, createTeams: true });
    const assessments = (root: string) => Object.fromEntries(Object.entries(snapshot(root)).filter(([path]) => path.startsWith('assessments')));
    expect(Object.keys(assessments(second))).toHaveLength(59);
    expect(assessments(second)).toEqual(assessments(first));
  });

  it('imports the sample into a built-in workspace with the dropped activities reported', async () => {
    const root = workspaceFolder({ 'stepwise.yaml': ORGANISATION });
    const result = await importOk(root, { progressText: readFileSync(SAMPLE_FILE, 'utf8'), createTeams: true });
    // 'Not referenced' only worked on activities the built-in model does not map: no team for it.
    expect(result.teamsCreated).toEqual(['team-d', 'team-c']);
    expect(result.warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/^4 DSOMM activities map to no practice of model stepwise@1/)]);
    expect(result.written.filter((path) => path.startsWith('assessments/'))).toHaveLength(38);
  });
});
