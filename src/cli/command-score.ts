import type { Command } from 'commander';
import { currentStandings, standingOf } from '../services/scoring.js';
import type { TeamStanding } from '../services/scoring.js';
import { teamOf } from '../services/workspace.js';
import type { Workspace } from '../services/workspace.js';
import type { CliContext } from './context.js';
import { must } from './failure.js';
import { scoreJson, scoreMatrix, teamDetail } from './score-output.js';
import { openWorkspaceForFiles, readCheckpointArgument } from './workspace-access.js';

interface ScoreOptions {
  readonly dir?: string;
  readonly json?: boolean;
  readonly team?: string;
}

export function registerScore(program: Command, context: CliContext): void {
  program
    .command('score')
    .description('levels per team and domain: the latest checkpoint of each team, or of each checkpoint file given')
    .argument('[paths...]', 'checkpoint files to score instead of each team\'s latest (anywhere: outside a workspace the built-in model is used)')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .option('--team <id>', 'only this team')
    .option('--json', 'print the score document as JSON')
    .addHelpText('after', '\nExamples:\n  stepwise score\n  stepwise score --team payments\n  stepwise score assessments/payments/2026-11-20.yaml --json\n')
    .action(async (paths: string[], options: ScoreOptions) => {
      const workspace = await openWorkspaceForFiles(context, options.dir, paths);
      const today = context.clock.today();
      const standings = paths.length > 0 ? await standingsOfFiles(context, workspace, paths, today) : must(currentStandings(workspace, today, options.team));
      if (options.json === true) {
        context.stdout.write(`${JSON.stringify(scoreJson(standings), null, 2)}\n`);
        return;
      }
      const only = standings.length === 1 ? standings[0] : undefined;
      context.stdout.write(only !== undefined ? teamDetail(context.stdout, workspace.model, only) : scoreMatrix(context.stdout, workspace.model, standings));
    });
}

async function standingsOfFiles(context: CliContext, workspace: Workspace, paths: readonly string[], today: string): Promise<TeamStanding[]> {
  const standings: TeamStanding[] = [];
  for (const path of paths) {
    const checkpoint = await readCheckpointArgument(context, workspace, path);
    standings.push(standingOf(workspace, teamOf(workspace, checkpoint), checkpoint, today));
  }
  return standings;
}
