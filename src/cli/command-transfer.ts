import type { Command } from 'commander';
import { isIsoDate } from '../core/dates.js';
import { formatPosition } from '../core/errors.js';
import { exportDsommProgress, importDsommProgress } from '../services/dsomm-progress.js';
import { renderReport } from '../services/report-output.js';
import { MAX_WORKBOOK_BYTES, importWorkbook } from '../services/workbook.js';
import type { CliContext } from './context.js';
import { must, stop } from './failure.js';
import { exporterFor } from './command-report.js';
import { writeContent } from './output-file.js';
import { argumentFile, openWorkspace, readFileArgument } from './workspace-access.js';

interface ExportXlsxOptions {
  readonly dir?: string;
  readonly out: string;
  readonly team?: string;
  readonly group?: string;
  readonly blank?: boolean;
  readonly allTeamSheets?: boolean;
}

interface ImportXlsxOptions {
  readonly dir?: string;
  readonly date?: string;
}

/** `stepwise export …` and `stepwise import …`: workbooks and DSOMM files in and out of a workspace. */
export function registerTransfer(program: Command, context: CliContext): void {
  const exportCommand = program.command('export').description('write the workspace as a workbook (xlsx) or as DSOMM team progress (dsomm)');
  const importCommand = program.command('import').description('read a filled workbook (xlsx) or DSOMM team progress (dsomm) into checkpoint files');
  registerExportXlsx(exportCommand, context);
  registerExportDsomm(exportCommand, context);
  registerImportXlsx(importCommand, context);
  registerImportDsomm(importCommand, context);
}

interface ImportDsommOptions {
  readonly dir?: string;
  readonly progress: string;
  readonly meta?: string;
  readonly createTeams?: boolean;
}

function registerImportDsomm(parent: Command, context: CliContext): void {
  parent
    .command('dsomm')
    .description('turn a DSOMM team-progress.yaml into checkpoints: one per date a team\'s progress changed, statuses by their percentage')
    .requiredOption('--progress <file>', 'the team-progress.yaml the DSOMM app saved')
    .option('--meta <file>', 'the DSOMM meta.yaml whose progress definitions (status names and percentages) the file uses')
    .option('--create-teams', 'add DSOMM teams missing from stepwise.yaml (otherwise they are skipped and listed)')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .addHelpText('after', '\nExamples:\n  stepwise import dsomm --progress team-progress.yaml\n  stepwise import dsomm --progress team-progress.yaml --meta meta.yaml --create-teams\n')
    .action(async (options: ImportDsommOptions) => {
      const { workspace } = await openWorkspace(context, options.dir);
      const progress = await readFileArgument(context, options.progress, 'progress file');
      const meta = options.meta === undefined ? undefined : await readFileArgument(context, options.meta, 'meta file');
      const result = must(
        await importDsommProgress(workspace, {
          progressText: progress.text,
          progressFile: progress.shownAs,
          ...(meta === undefined ? {} : { metaText: meta.text, metaFile: meta.shownAs }),
          createTeams: options.createTeams === true,
        }),
      );
      const lines = [
        ...result.warnings.map((warning) => `warning: ${formatPosition(warning.at)}: ${warning.message}`),
        ...result.written.map((path) => `wrote ${workspace.store.describe(path)}`),
        ...result.replaced.map((path) => `updated ${workspace.store.describe(path)}`),
        ...(result.unchanged.length > 0 ? [`${result.unchanged.length} checkpoint file(s) already up to date`] : []),
        ...(result.teamsCreated.length > 0 ? [`teams added to stepwise.yaml: ${result.teamsCreated.join(', ')}`] : []),
        ...(result.teamsSkipped.length > 0 ? [`skipped DSOMM teams not in stepwise.yaml (add --create-teams to add them): ${result.teamsSkipped.join(', ')}`] : []),
      ];
      context.stdout.write(`${lines.join('\n')}\n`);
    });
}

function registerExportDsomm(parent: Command, context: CliContext): void {
  parent
    .command('dsomm')
    .description('write the teams\' progress as a DSOMM team-progress.yaml the DSOMM app loads')
    .option('--meta <file>', 'the DSOMM meta.yaml whose progress definitions to write (default: the app\'s own)')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .addHelpText('after', '\nExamples:\n  stepwise export dsomm --out team-progress.yaml\n')
    .action(async (options: { dir?: string; meta?: string; out?: string }) => {
      const { workspace } = await openWorkspace(context, options.dir);
      const meta = options.meta === undefined ? undefined : await readFileArgument(context, options.meta, 'meta file');
      const text = must(exportDsommProgress(workspace, meta === undefined ? {} : { metaText: meta.text, metaFile: meta.shownAs }));
      await writeContent(context, options.out, text, 'the progress file');
    });
}

function registerExportXlsx(parent: Command, context: CliContext): void {
  parent
    .command('xlsx')
    .description('a workbook: README, Heatmap, one sheet per team with status drop-downs, Backlog')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .requiredOption('--out <file>', 'the workbook to write, e.g. maturity.xlsx')
    .option('--team <id>', 'only this team')
    .option('--group <name>', 'only the teams of this group')
    .option('--blank', 'team sheets left empty, to send out and fill in (import them back with "stepwise import xlsx")')
    .option('--all-team-sheets', 'a sheet per team even above 250 teams (otherwise export a --group or a --team)')
    .addHelpText('after', '\nExamples:\n  stepwise export xlsx --out maturity.xlsx\n  stepwise export xlsx --team payments --blank --out payments-2027-q1.xlsx\n')
    .action(async (options: ExportXlsxOptions) => {
      const { workspace } = await openWorkspace(context, options.dir);
      const today = context.clock.today();
      const content = must(
        await renderReport(workspace, exporterFor(context, 'xlsx'), {
          today,
          strategy: 'balanced',
          toolVersion: context.version,
          blank: options.blank === true,
          allTeamSheets: options.allTeamSheets === true,
          ...(options.team === undefined ? {} : { team: options.team }),
          ...(options.group === undefined ? {} : { group: options.group }),
        }),
      );
      await writeContent(context, options.out, content, 'the workbook');
    });
}

function registerImportXlsx(parent: Command, context: CliContext): void {
  parent
    .command('xlsx')
    .description('read the team sheets of a filled workbook into assessments/<team>/<date>.yaml (all or nothing)')
    .argument('<file>', 'the workbook, as written by "stepwise export xlsx" and filled in Excel or LibreOffice')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .option('--date <YYYY-MM-DD>', 'date of team sheets whose date cell is empty (default: today)')
    .addHelpText('after', '\nExamples:\n  stepwise import xlsx payments-2027-q1.xlsx\n  stepwise import xlsx maturity.xlsx --date 2027-01-15\n')
    .action(async (file: string, options: ImportXlsxOptions) => {
      if (options.date !== undefined && !isIsoDate(options.date)) stop('usage', `--date must be a date written YYYY-MM-DD, not "${options.date}"`);
      const { workspace } = await openWorkspace(context, options.dir);
      const { bytes, shownAs } = await readBytesArgument(context, file);
      const imported = must(
        await importWorkbook(workspace, context.readWorkbook, { bytes, file: shownAs, today: context.clock.today(), ...(options.date === undefined ? {} : { date: options.date }) }),
      );
      const lines = [
        ...imported.written.map((path) => `wrote ${workspace.store.describe(path)}`),
        ...imported.unchanged.map((path) => `unchanged ${workspace.store.describe(path)}`),
        ...imported.empty.map((team) => `skipped ${team}: its sheet holds no answer`),
      ];
      context.stdout.write(`${lines.join('\n')}\n${imported.checkpoints.length} team sheet(s) read from ${shownAs}\n`);
    });
}

async function readBytesArgument(context: CliContext, path: string): Promise<{ bytes: Uint8Array; shownAs: string }> {
  const { store, name } = argumentFile(context, path);
  const bytes = must(await store.readBytes(name, MAX_WORKBOOK_BYTES));
  if (bytes === null) stop('not-found', 'workbook does not exist', { file: path });
  return { bytes, shownAs: store.describe(name) };
}
