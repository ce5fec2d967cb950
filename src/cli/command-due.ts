import type { Command } from 'commander';
import { dueList } from '../services/history.js';
import type { CliContext } from './context.js';
import { EXIT_GATE_FAILED } from './failure.js';
import { renderTable } from './table.js';
import { openWorkspace } from './workspace-access.js';

interface DueOptions {
  readonly dir?: string;
  readonly json?: boolean;
  readonly within: string;
  readonly failOnOverdue?: boolean;
}

export function registerDue(program: Command, context: CliContext, setExitCode: (code: number) => void): void {
  program
    .command('due')
    .description('teams due or overdue for reassessment, from their cadence and last checkpoint')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .option('--within <days>', 'count a team as due when its next date is this many days away or fewer', '30')
    .option('--json', 'print the list as JSON')
    .option('--fail-on-overdue', 'exit with 1 when a team is overdue or was never assessed (for CI)')
    .addHelpText('after', '\nExamples:\n  stepwise due\n  stepwise due --within 14 --json\n')
    .action(async (options: DueOptions) => {
      const { workspace } = await openWorkspace(context, options.dir);
      const within = Math.max(0, Number.parseInt(options.within, 10) || 0);
      const entries = dueList(workspace, context.clock.today(), within);
      if (options.json === true) {
        context.stdout.write(`${JSON.stringify({ today: context.clock.today(), within, teams: entries }, null, 2)}\n`);
      } else {
        const rows = entries.map((entry) => [entry.team, entry.cadence, entry.lastCheckpoint ?? 'never', entry.nextDue ?? 'now', entry.status, entry.daysLeft === null ? '-' : String(entry.daysLeft)]);
        context.stdout.write(renderTable(context.stdout, ['team', 'cadence', 'last checkpoint', 'next due', 'status', 'days left'], rows));
      }
      const late = entries.some((entry) => entry.status === 'overdue' || entry.status === 'never-assessed');
      if (options.failOnOverdue === true && late) setExitCode(EXIT_GATE_FAILED);
    });
}
