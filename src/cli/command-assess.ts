import type { Command } from 'commander';
import { isIsoDate } from '../core/dates.js';
import { mergeAssessment, parseAnswersFile, proposalsFromScan, runQuestionnaire, withProposals } from '../services/assess.js';
import type { ScanProposal } from '../services/assess.js';
import type { Model } from '../core/model/model.js';
import { parseScanResult } from '../scanner/result-schema.js';
import type { AnswersInput, AssessOptions } from '../services/assess.js';
import type { CliContext } from './context.js';
import { must, stop } from './failure.js';
import { openWorkspace, readFileArgument } from './workspace-access.js';

interface AssessCliOptions {
  readonly dir?: string;
  readonly team: string;
  readonly quick?: boolean;
  readonly answers?: string;
  readonly date?: string;
  readonly rater?: string;
  readonly fromScan?: string;
}

export function registerAssess(program: Command, context: CliContext): void {
  program
    .command('assess')
    .description("answer the model's practices for a team (or rate each domain 0–3 with --quick) and write a checkpoint")
    .requiredOption('--team <id>', 'the team assessed')
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .option('--quick', 'ask one level per domain instead of every practice')
    .option('--answers <file>', 'read the answers from a YAML file instead of asking')
    .option('--date <YYYY-MM-DD>', 'checkpoint date (default: the answers file\'s date, else today); answers merge into an existing checkpoint of that date')
    .option('--from-scan <scan.json>', 'pre-fill from a `stepwise scan --format json` result: its findings become evidence and its statuses proposals for you to confirm')
    .option('--rater <name>', 'record the answers as this rater\'s ratings; the consensus is the median unless a status is set')
    .addHelpText('after', '\nExamples:\n  stepwise assess --team payments\n  stepwise assess --team payments --quick\n  stepwise assess --team payments --rater alice --answers alice.yaml\n')
    .action(async (options: AssessCliOptions) => {
      const { root, workspace } = await openWorkspace(context, options.dir);
      if (!workspace.teams.has(options.team)) stop('not-found', `no team "${options.team}" in stepwise.yaml: add it under teams first`);
      const fromFile = options.answers === undefined ? undefined : await readAnswers(context, options.answers);
      const date = options.date ?? fromFile?.date ?? context.clock.today();
      if (!isIsoDate(date)) stop('usage', `date ${date} is not a date written YYYY-MM-DD`);
      const proposals = options.fromScan === undefined ? undefined : await readProposals(context, workspace.model, options.fromScan, date);
      const assessOptions: AssessOptions = { team: options.team, date, quick: options.quick === true, ...(options.rater === undefined ? {} : { rater: options.rater }), ...(proposals === undefined ? {} : { proposals }) };
      const given = fromFile ?? (await askInTerminal(context, workspace, assessOptions));
      const answers = proposals === undefined ? given : withProposals(given, proposals);
      const merged = must(mergeAssessment(workspace, assessOptions, { ...answers, date }));
      must(await workspace.store.writeAll([{ path: merged.path, text: merged.text }]));
      context.stdout.write(`wrote ${root === context.cwd ? merged.path : `${root}/${merged.path}`} (${Object.keys(merged.checkpoint.answers).length} answers, ${Object.keys(merged.checkpoint.domainScores).length} quick scores)\n`);
    });
}

async function askInTerminal(context: CliContext, workspace: Parameters<typeof runQuestionnaire>[0], options: AssessOptions): Promise<AnswersInput> {
  if (!context.stdinIsTTY) stop('usage', 'the questionnaire needs a terminal: run it interactively or pass --answers FILE');
  return runQuestionnaire(workspace, options, context.questioner());
}

async function readAnswers(context: CliContext, file: string): Promise<AnswersInput> {
  const { text, shownAs } = await readFileArgument(context, file, 'answers file');
  return must(parseAnswersFile(text, shownAs));
}

async function readProposals(context: CliContext, model: Model, file: string, date: string): Promise<Map<string, ScanProposal>> {
  const { text, shownAs } = await readFileArgument(context, file, 'scan result');
  const scan = parseScanResult(text);
  if (!scan.ok) stop('invalid-input', scan.message, { file: shownAs });
  return proposalsFromScan(model, scan.value, date);
}
