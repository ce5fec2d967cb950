import type { Command } from 'commander';
import { currentStandings, standingOf } from '../services/scoring.js';
import type { TeamStanding } from '../services/scoring.js';
import { loadCheckpointFile } from '../services/workspace.js';
import type { Workspace } from '../services/workspace.js';
import type { CliContext } from './context.js';
import { must, stop } from './failure.js';
import { scoreJson, scoreMatrix, teamDetail } from './score-output.js';
import { openWorkspace, pathInWorkspace } from './workspace-access.js';

interface ScoreOptions {
  readonly dir?: string;
  readonly json?: boolean;
  readonly team?: string;
}

export function registerScore(program: Command, context: CliContext): void {
  program
    .command('score')
    .description('levels per team and domain: the latest checkpoint of each team, or of each checkpoint file given')
    .argument('[paths...]', 'checkpoint files to score instead of each team\'s latest')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .option('--team <id>', 'only this team')
    .option('--json', 'print the score document as JSON')
    .addHelpText('after', '\nExamples:\n  stepwise score\n  stepwise score --team payments\n  stepwise score assessments/payments/2026-11-20.yaml --json\n')
    .action(async (paths: string[], options: ScoreOptions) => {
      const { root, workspace } = await openWorkspace(context, options.dir);
      const today = context.clock.today();
      const standings = paths.length > 0 ? await standingsOfFiles(context, root, workspace, paths, today) : must(currentStandings(workspace, today, options.team));
      if (options.json === true) {
        context.stdout.write(`${JSON.stringify(scoreJson(standings), null, 2)}\n`);
        return;
      }
      const only = standings.length === 1 ? standings[0] : undefined;
      context.stdout.write(only !== undefined ? teamDetail(context.stdout, workspace.model, only) : scoreMatrix(context.stdout, workspace.model, standings));
    });
}

async function standingsOfFiles(context: CliContext, root: string, workspace: Workspace, paths: readonly string[], today: string): Promise<TeamStanding[]> {
  const standings: TeamStanding[] = [];
  for (const path of paths) {
    const checkpoint = must(await loadCheckpointFile(workspace.store, pathInWorkspace(context, root, path), workspace.model));
    const team = workspace.teams.get(checkpoint.team);
    if (team === undefined) stop('invalid-input', `team "${checkpoint.team}" is not listed in stepwise.yaml`, { file: path });
    if (team !== undefined) standings.push(standingOf(workspace, team, checkpoint, today));
  }
  return standings;
}
