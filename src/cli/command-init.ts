import type { Command } from 'commander';
import { initWorkspace } from '../services/init.js';
import type { CliContext } from './context.js';
import { must } from './failure.js';

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('create an empty workspace on the built-in model')
    .option('--dir <dir>', 'folder to create the workspace in', '.')
    .option('--organisation <name>', 'organisation name', 'My organisation')
    .addHelpText('after', '\nExample:\n  stepwise init --dir security-maturity --organisation "Acme"\n')
    .action(async (options: { dir: string; organisation: string }) => {
      const root = context.resolvePath(options.dir);
      const written = must(await initWorkspace(context.openStore(root), options.organisation));
      context.stdout.write(`Created a workspace in ${root}:\n${written.map((path) => `  ${path}`).join('\n')}\nNext: add teams to stepwise.yaml, then run "stepwise assess --team <id>".\n`);
    });
}
