import { Option } from 'commander';
import type { Command } from 'commander';
import { loadModelFromText } from '../core/model/load.js';
import type { Model } from '../core/model/model.js';
import { gateFailures, parseFailUnder, scanRepository } from '../services/scan.js';
import type { ScanProgress } from '../services/scan.js';
import { SCANS_FOLDER } from '../services/workspace.js';
import { parseScanResult } from '../scanner/result-schema.js';
import type { ScanExportContext } from '../core/ports.js';
import type { ScanResult } from '../core/scan/result.js';
import type { CliContext, Output } from './context.js';
import { writeOrPrint } from './output-file.js';
import { domainLabels } from './domain-labels.js';
import { EXIT_GATE_FAILED, must, stop } from './failure.js';
import { renderTable } from './table.js';
import { openWorkspace, readFileArgument } from './workspace-access.js';

interface ScanOptions {
  readonly format: string;
  readonly out?: string;
  readonly failUnder?: string;
  readonly baseline?: string;
  readonly team?: string;
  readonly dir?: string;
}

export function registerScan(program: Command, context: CliContext, setExitCode: (code: number) => void): void {
  program
    .command('scan')
    .description('read a repository and propose a level per domain from the evidence in it; gate CI on the result')
    .argument('[path]', 'the repository folder', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['table', ...context.scanExporters.keys()]).default('table'))
    .option('--out <file>', 'write the output to this file')
    .option('--fail-under <domain=level,…>', 'exit with 1 when a domain\'s proposed level is below the given one, e.g. secrets=2,supply-chain=1')
    .option('--baseline <scan.json>', 'report and gate only negative findings that this earlier JSON result did not have')
    .option('--team <id>', 'also save the JSON result as scans/<team>/<today>.json in the workspace')
    .option('--dir <dir>', 'workspace folder for --team (default: found from the current folder upwards)')
    .addHelpText('after', '\nExamples:\n  stepwise scan .\n  stepwise scan . --format sarif --out stepwise.sarif\n  stepwise scan . --fail-under secrets=2,supply-chain=1\n  stepwise scan ../payments-api --team payments\n')
    .action(async (path: string, options: ScanOptions) => {
      const model = must(loadModelFromText(await context.builtinModel.read(), context.builtinModel.file)).model;
      const thresholds = must(parseFailUnder(options.failUnder ?? '', model));
      const root = context.resolvePath(path);
      const baseline = options.baseline === undefined ? undefined : await readBaseline(context, options.baseline);
      const result = await scanRepository({ model, detectors: context.detectors, ciParsers: context.ciParsers, read: context.readRepository }, root, path, baseline, progressBar(context));
      const exporter = context.scanExporters.get(options.format);
      const exportContext = { detectors: context.detectors, domainNames: new Map(model.domains.map((domain) => [domain.id, domain.name])), toolVersion: context.version };
      await writeOrPrint(context, options.out, exporter === undefined ? scanTable(context.stdout, model, result) : exporter.render(result, exportContext));
      if (options.team !== undefined) await saveToWorkspace(context, options.dir, options.team, result, exportContext);
      const failures = gateFailures(result, thresholds);
      for (const failure of failures) context.stderr.write(`stepwise: gate failed: ${failure.domain} is at level ${failure.proposed}, below the required ${failure.required}\n`);
      if (failures.length > 0) setExitCode(EXIT_GATE_FAILED);
    });
}

/** Below this many paths a scan is over before a bar would be worth drawing. */
const PROGRESS_MIN_PATHS = 50;
const BAR_WIDTH = 24;

/**
 * A progress bar on stderr while the files are read and searched, only when stderr is a terminal
 * (never in a pipe or a CI log), redrawn when the percentage changes and erased at the end.
 */
function progressBar(context: CliContext): ScanProgress | undefined {
  if (!context.stderr.isTTY) return undefined;
  let shown = -1;
  return (done, total) => {
    if (total < PROGRESS_MIN_PATHS) return;
    if (done >= total) {
      if (shown !== -1) context.stderr.write('\r\u001b[K');
      shown = -1;
      return;
    }
    const percent = Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    const filled = Math.round((done / total) * BAR_WIDTH);
    context.stderr.write(`\rScanning [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} files (${percent}%)`);
  };
}

async function readBaseline(context: CliContext, path: string): Promise<ScanResult> {
  const { text, shownAs } = await readFileArgument(context, path, 'baseline');
  const baseline = parseScanResult(text);
  if (!baseline.ok) stop('invalid-input', baseline.message, { file: shownAs });
  return baseline.value;
}

async function saveToWorkspace(context: CliContext, dir: string | undefined, team: string, result: ScanResult, exportContext: ScanExportContext): Promise<void> {
  const { workspace } = await openWorkspace(context, dir);
  if (!workspace.teams.has(team)) stop('not-found', `no team "${team}" in stepwise.yaml`);
  const json = context.scanExporters.get('json');
  if (json === undefined) return;
  const path = `${SCANS_FOLDER}/${team}/${context.clock.today()}.json`;
  must(await workspace.store.writeAll([{ path, text: json.render(result, exportContext) }]));
  context.stderr.write(`saved ${workspace.store.describe(path)}\n`);
}

function scanTable(output: Output, model: Model, result: ScanResult): string {
  const labels = domainLabels(model.domains);
  const names = new Map(model.domains.map((domain) => [domain.id, domain.name]));
  const rows = result.domains.map((domain) => [
    names.get(domain.domain) ?? domain.domain,
    domain.applicable ? String(domain.proposedLevel ?? 0) : 'n/a',
    domain.confidence,
    domain.capped ? 'capped' : '',
    String(result.findings.filter((finding) => finding.domain === domain.domain && finding.outcome === 'positive' && !finding.fixture).length),
  ]);
  const problems = result.findings.filter((finding) => finding.outcome === 'negative' && !finding.fixture);
  const problemLines = problems.map((finding) => `  ${finding.file ?? '(repository)'}${finding.line === null ? '' : `:${finding.line}`}  ${finding.message}  [${finding.detector}, ${labels.get(finding.domain) ?? finding.domain}]`);
  return [
    `${result.files} files read, ${result.skipped.length} skipped\n`,
    renderTable(output, ['domain', 'proposed level', 'confidence', '', 'evidence'], rows),
    problems.length === 0 ? 'No problems found.\n' : `Problems (${problems.length}):\n${problemLines.join('\n')}\n`,
  ].join('');
}
