import type { Command } from 'commander';
import { isIsoDate } from '../core/dates.js';
import type { CheckpointComparison } from '../core/history/compare.js';
import type { Checkpoint } from '../core/workspace/schema.js';
import { compareTwo, findCheckpoint } from '../services/history.js';
import type { Workspace } from '../services/workspace.js';
import type { CliContext, Output } from './context.js';
import { must, stop } from './failure.js';
import { renderTable } from './table.js';
import { openWorkspaceForFiles, readCheckpointArgument } from './workspace-access.js';

interface CompareOptions {
  readonly dir?: string;
  readonly team?: string;
  readonly json?: boolean;
}

export function registerCompare(program: Command, context: CliContext): void {
  program
    .command('compare')
    .description('what changed between two checkpoints: level per domain, practices gained and lost, targets reached')
    .argument('<a>', 'a checkpoint file, or a date with --team')
    .argument('<b>', 'a checkpoint file, or a date with --team')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .option('--team <id>', 'read A and B as dates of this team\'s checkpoints')
    .option('--json', 'print the comparison as JSON')
    .addHelpText('after', '\nExamples:\n  stepwise compare assessments/payments/2026-08-20.yaml assessments/payments/2026-11-20.yaml\n  stepwise compare --team payments 2026-08-20 2026-11-20\n')
    .action(async (a: string, b: string, options: CompareOptions) => {
      const files = [a, b].filter((reference) => !isIsoDate(reference));
      const workspace = await openWorkspaceForFiles(context, options.dir, files);
      const before = await resolveCheckpoint(context, workspace, a, options.team);
      const after = await resolveCheckpoint(context, workspace, b, options.team);
      const comparison = must(compareTwo(workspace, before, after));
      context.stdout.write(options.json === true ? `${JSON.stringify(comparison, null, 2)}\n` : comparisonText(context.stdout, workspace, comparison));
    });
}

async function resolveCheckpoint(context: CliContext, workspace: Workspace, reference: string, team: string | undefined): Promise<Checkpoint> {
  if (team !== undefined && isIsoDate(reference)) return must(findCheckpoint(workspace, team, reference));
  if (isIsoDate(reference)) stop('usage', `${reference} is a date: add --team to say whose checkpoint`);
  return readCheckpointArgument(context, workspace, reference);
}

function comparisonText(output: Output, workspace: Workspace, comparison: CheckpointComparison): string {
  const names = new Map(workspace.model.domains.map((domain) => [domain.id, domain.name]));
  const level = (value: number | null) => (value === null ? 'n/a' : String(value));
  const rows = comparison.domains.map((change) => [
    names.get(change.domain) ?? change.domain,
    level(change.before),
    level(change.after),
    change.delta === null ? '-' : change.delta > 0 ? `+${change.delta}` : String(change.delta),
    change.target === null ? '-' : String(change.target),
    change.targetReached ? 'yes' : '',
  ]);
  const list = (title: string, changes: CheckpointComparison['gained']) =>
    changes.length === 0 ? `${title}: none\n` : `${title} (${changes.length}):\n${changes.map((change) => `  ${change.practice}  ${change.before} → ${change.after}`).join('\n')}\n`;
  return [
    `${comparison.team}: ${comparison.from} → ${comparison.to}\n`,
    renderTable(output, ['domain', 'before', 'after', 'change', 'target', 'reached'], rows),
    list('Gained', comparison.gained),
    list('Lost', comparison.lost),
  ].join('');
}
