import { Option } from 'commander';
import type { Command } from 'commander';
import { formatPosition } from '../core/errors.js';
import { loadModelFromText } from '../core/model/load.js';
import type { Model } from '../core/model/model.js';
import { jsonSchemaOf, PUBLISHED_FORMATS } from '../core/workspace/json-schemas.js';
import type { PublishedFormat } from '../core/workspace/json-schemas.js';
import { loadAnyModel, modelAsFile } from '../services/model-files.js';
import type { ModelFormat } from '../services/model-files.js';
import { loadOrganisation, loadWorkspaceModel } from '../services/workspace.js';
import type { CliContext } from './context.js';
import { must, stop } from './failure.js';
import { renderTable } from './table.js';
import { readFileArgument } from './workspace-access.js';

export function registerModel(program: Command, context: CliContext): void {
  const model = program.command('model').description('inspect, validate and describe maturity models');
  model
    .command('show')
    .description("the workspace's model (or the built-in one outside a workspace): levels, domains and practices")
    .option('--dir <dir>', 'workspace folder (default: found from the current folder upwards)')
    .option('--practices', 'list every practice')
    .option('--json', 'print the whole model in its file format, as JSON')
    .addHelpText('after', '\nExamples:\n  stepwise model show\n  stepwise model show --practices\n')
    .action(async (options: { dir?: string; practices?: boolean; json?: boolean }) => {
      const shown = await currentModel(context, options.dir);
      context.stdout.write(options.json === true ? `${JSON.stringify(modelAsFile(shown), null, 2)}\n` : describeModel(context, shown, options.practices === true));
    });
  model
    .command('validate')
    .description('check a model file (Stepwise or DSOMM format): errors stop it, warnings are listed')
    .argument('<file>', 'the model file')
    .addOption(new Option('--format <format>', 'file format').choices(['auto', 'stepwise', 'dsomm']).default('auto'))
    .addHelpText('after', '\nExamples:\n  stepwise model validate my-model.yaml\n  stepwise model validate --format dsomm model.yaml\n')
    .action(async (file: string, options: { format: ModelFormat }) => {
      const { text, shownAs } = await readFileArgument(context, file, 'model file');
      const loaded = must(loadAnyModel(text, shownAs, options.format));
      for (const warning of loaded.warnings) context.stdout.write(`${formatPosition(warning.at)}: warning: ${warning.message}\n`);
      const { model: valid } = loaded;
      context.stdout.write(`valid: ${valid.name} (${valid.id}@${valid.version}): ${valid.domains.length} domains, ${valid.practices.length} practices, levels ${valid.levels[0]?.level ?? 0}–${valid.levels.at(-1)?.level ?? 0}; ${loaded.warnings.length} warning${loaded.warnings.length === 1 ? '' : 's'}\n`);
    });
  model
    .command('schema')
    .description('JSON Schemas of the file formats (model, organisation, checkpoint), generated from the validating schemas')
    .argument('[name]', `one of ${Object.keys(PUBLISHED_FORMATS).join(', ')}; all when left out`)
    .addHelpText('after', '\nExamples:\n  stepwise model schema > schemas.json\n  stepwise model schema checkpoint\n')
    .action((name: string | undefined) => {
      if (name !== undefined && !Object.hasOwn(PUBLISHED_FORMATS, name)) {
        stop('usage', `unknown schema "${name}": choose ${Object.keys(PUBLISHED_FORMATS).join(', ')}`);
      }
      const names = (name === undefined ? Object.keys(PUBLISHED_FORMATS) : [name]) as PublishedFormat[];
      const document = name === undefined ? Object.fromEntries(names.map((format) => [format, jsonSchemaOf(format)])) : jsonSchemaOf(names[0] ?? 'model');
      context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    });
}

async function currentModel(context: CliContext, dir: string | undefined): Promise<Model> {
  const root = dir === undefined ? context.findWorkspace(context.cwd) : context.resolvePath(dir);
  if (root === null) return must(loadModelFromText(await context.builtinModel.read(), context.builtinModel.file)).model;
  const store = context.openStore(root);
  const organisation = must(await loadOrganisation(store));
  return must(await loadWorkspaceModel(store, organisation.model, context.builtinModel)).model;
}

function describeModel(context: CliContext, model: Model, withPractices: boolean): string {
  const levels = model.levels.filter((level) => level.level > 0);
  const rows = model.domains.map((domain) => {
    const practices = model.practicesByDomain.get(domain.id) ?? [];
    return [domain.id, domain.name, ...levels.map((level) => String(practices.filter((practice) => practice.level === level.level).length))];
  });
  const header = `${model.name} (${model.id}@${model.version})\nLevels: ${model.levels.map((level) => `${level.level} ${level.name}`).join(' · ')}\n`;
  const table = renderTable(context.stdout, ['domain', 'name', ...levels.map((level) => `L${level.level}`)], rows);
  if (!withPractices) return `${header}${table}${model.practices.length} practices; add --practices to list them\n`;
  const practiceRows = model.practices.map((practice) => [practice.id, String(practice.level), practice.title, `${practice.risk}/${practice.effort}`, practice.freshnessDays === undefined ? '' : `${practice.freshnessDays}d`]);
  return `${header}${table}${renderTable(context.stdout, ['practice', 'level', 'title', 'risk/effort', 'fresh for'], practiceRows)}`;
}
