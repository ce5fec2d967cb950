import { Option } from 'commander';
import type { Command } from 'commander';
import type { BacklogItem } from '../core/backlog/backlog.js';
import { STRATEGIES } from '../core/backlog/priority.js';
import type { Strategy } from '../core/backlog/priority.js';
import { exportContext, workspaceBacklog } from '../services/backlog.js';
import type { CliContext, Output } from './context.js';
import { must } from './failure.js';
import { writeOrPrint } from './output-file.js';
import { renderTable } from './table.js';
import { openWorkspace } from './workspace-access.js';

interface BacklogOptions {
  readonly dir?: string;
  readonly format: string;
  readonly strategy: Strategy;
  readonly team?: string;
  readonly out?: string;
  readonly limit?: string;
}

export function registerBacklog(program: Command, context: CliContext): void {
  const formats = ['table', ...context.backlogExporters.keys()];
  program
    .command('backlog')
    .description('the prioritised backlog of gaps against targets, negative scan findings first')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('table'))
    .addOption(new Option('--strategy <strategy>', 'how gaps are ranked: risk (value), roi (value ÷ effort) or balanced (value ÷ √effort)').choices([...STRATEGIES]).default('balanced'))
    .option('--team <id>', 'only this team')
    .option('--limit <n>', 'show at most n items (table only)')
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText('after', '\nExamples:\n  stepwise backlog --team payments\n  stepwise backlog --format jira --out backlog.csv\n  stepwise backlog --format json --strategy roi\n')
    .action(async (options: BacklogOptions) => {
      const { workspace } = await openWorkspace(context, options.dir);
      const items = must(await workspaceBacklog(workspace, { strategy: options.strategy, today: context.clock.today(), ...(options.team === undefined ? {} : { team: options.team }) }));
      const exporter = context.backlogExporters.get(options.format);
      const text = exporter === undefined ? backlogTable(context.stdout, items, options.limit) : exporter.render(items, exportContext(workspace));
      await writeOrPrint(context, options.out, text);
    });
}

function backlogTable(output: Output, items: readonly BacklogItem[], limit: string | undefined): string {
  const shown = limit === undefined ? items : items.slice(0, Math.max(0, Number.parseInt(limit, 10) || 0));
  const rows = shown.map((item, index) => [String(index + 1), item.priority, item.team, item.domain, String(item.level), item.title, item.effort, item.reason]);
  const more = shown.length < items.length ? `… and ${items.length - shown.length} more (use --limit or --format)\n` : '';
  if (items.length === 0) return 'Nothing to do: every team meets its targets.\n';
  return renderTable(output, ['#', 'priority', 'team', 'domain', 'level', 'title', 'effort', 'why'], rows) + more;
}
