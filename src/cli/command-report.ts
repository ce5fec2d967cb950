import { Option } from 'commander';
import type { Command } from 'commander';
import { isIsoDate } from '../core/dates.js';
import { STRATEGIES } from '../core/backlog/priority.js';
import type { Strategy } from '../core/backlog/priority.js';
import { REPORT_CHARTS, REPORT_ORDERS } from '../core/ports.js';
import type { ReportChart, ReportExporter, ReportOrder } from '../core/ports.js';
import { renderReport } from '../services/report-output.js';
import { workspaceOfCheckpoints } from '../services/workspace.js';
import type { Workspace } from '../services/workspace.js';
import type { CliContext } from './context.js';
import { must, stop } from './failure.js';
import { writeContent } from './output-file.js';
import { openWorkspaceForFiles, readCheckpointArgument } from './workspace-access.js';

interface ReportOptions {
  readonly dir?: string;
  readonly format: string;
  readonly out?: string;
  readonly team?: string;
  readonly group?: string;
  readonly chart?: ReportChart;
  readonly order: ReportOrder;
  readonly strategy: Strategy;
  readonly date?: string;
}

export function registerReport(program: Command, context: CliContext): void {
  program
    .command('report')
    .description('reports of the workspace (or of the checkpoint files given): HTML, Markdown, JSON, an SVG chart or a workbook')
    .argument('[paths...]', 'checkpoint files to report on instead of every team\'s history')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .addOption(new Option('--format <format>', 'output format').choices([...context.reportExporters.keys()]).default('html'))
    .option('--out <file>', 'write to this file instead of standard output (needed for xlsx)')
    .option('--team <id>', 'only this team (and, for --format svg, the team whose radar, trend or disagreement chart to draw)')
    .option('--group <name>', 'only the teams of this group')
    .addOption(new Option('--chart <chart>', 'for --format svg: which chart').choices([...REPORT_CHARTS]))
    .addOption(new Option('--order <order>', 'heatmap rows: by team group, by name, or by mean level (highest first)').choices([...REPORT_ORDERS]).default('group'))
    .addOption(new Option('--strategy <strategy>', 'how the backlog is ranked').choices([...STRATEGIES]).default('balanced'))
    .option('--date <YYYY-MM-DD>', 'judge staleness and due dates as of this date instead of today')
    .addHelpText(
      'after',
      '\nExamples:\n  stepwise report --out report.html\n  stepwise report --format md --group Retail > maturity.md\n  stepwise report --format svg --chart radar --team payments --out payments.svg\n  stepwise report --format xlsx --out maturity.xlsx\n',
    )
    .action(async (paths: string[], options: ReportOptions) => {
      const exporter = exporterFor(context, options.format);
      if (options.date !== undefined && !isIsoDate(options.date)) stop('usage', `--date must be a date written YYYY-MM-DD, not "${options.date}"`);
      if (exporter.binary && options.out === undefined) stop('usage', `the ${options.format} report is a binary file: name it with --out FILE`);
      const workspace = await reportWorkspace(context, options.dir, paths);
      const content = must(
        await renderReport(workspace, exporter, {
          today: options.date ?? context.clock.today(),
          strategy: options.strategy,
          order: options.order,
          toolVersion: context.version,
          ...pick(options),
        }),
      );
      await writeContent(context, options.out, content, `the ${options.format} report`);
    });
}

function pick(options: ReportOptions): { team?: string; group?: string; chart?: ReportChart } {
  return {
    ...(options.team === undefined ? {} : { team: options.team }),
    ...(options.group === undefined ? {} : { group: options.group }),
    ...(options.chart === undefined ? {} : { chart: options.chart }),
  };
}

/** The exporter behind a --format value. */
export function exporterFor(context: CliContext, format: string): ReportExporter {
  const exporter = context.reportExporters.get(format);
  if (exporter === undefined) stop('usage', `unknown report format "${format}" (${[...context.reportExporters.keys()].join(', ')})`);
  return exporter;
}

async function reportWorkspace(context: CliContext, dir: string | undefined, paths: readonly string[]): Promise<Workspace> {
  const workspace = await openWorkspaceForFiles(context, dir, paths);
  if (paths.length === 0) return workspace;
  const checkpoints = [];
  for (const path of paths) checkpoints.push(await readCheckpointArgument(context, workspace, path));
  return workspaceOfCheckpoints(workspace, checkpoints);
}
