import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { FileStore } from '../core/ports.js';
import { jsonSchemaOf, PUBLISHED_FORMATS } from '../core/workspace/json-schemas.js';
import type { PublishedFormat } from '../core/workspace/json-schemas.js';
import { ASSESSMENTS_FOLDER, ORGANISATION_FILE } from './workspace.js';

export const SCHEMA_FOLDER = '.stepwise/schemas';

/** The files of an empty workspace on the built-in model. */
export function emptyWorkspaceFiles(organisation: string): { path: string; text: string }[] {
  return [
    { path: ORGANISATION_FILE, text: organisationTemplate(organisation) },
    { path: `${ASSESSMENTS_FOLDER}/.gitkeep`, text: '' },
    ...schemaFiles(),
  ];
}

/** JSON Schemas written into the workspace so editors can check and complete its files. */
export function schemaFiles(): { path: string; text: string }[] {
  return (Object.keys(PUBLISHED_FORMATS) as PublishedFormat[]).map((format) => ({
    path: `${SCHEMA_FOLDER}/${PUBLISHED_FORMATS[format].file}`,
    text: `${JSON.stringify(jsonSchemaOf(format), null, 2)}\n`,
  }));
}

function organisationTemplate(organisation: string): string {
  return [
    `# yaml-language-server: $schema=./${SCHEMA_FOLDER}/${PUBLISHED_FORMATS.organisation.file}`,
    '# Stepwise workspace. Add your teams below, then run: stepwise assess --team <id>',
    `organisation: ${JSON.stringify(organisation)}`,
    'model: builtin',
    '# Target level per domain for every team (one number, or a map of domain: level).',
    'defaultTargets: 2',
    '# Weight of a domain when prioritising the backlog (default 1).',
    'domainWeights: {}',
    '# Whether answers whose evidence has expired still count toward levels.',
    'staleCounts: false',
    'defaultCadence: quarterly',
    'teams: []',
    '# teams:',
    '#   - {id: payments, name: Payments, group: Retail, cadence: quarterly, targets: {secrets: 3}}',
    '',
  ].join('\n');
}

/** Creates an empty workspace; refuses to overwrite an existing one. */
export async function initWorkspace(store: FileStore, organisation: string): Promise<Result<string[]>> {
  if (await store.exists(ORGANISATION_FILE)) return fail('already-exists', `a workspace already exists here`, { file: store.describe(ORGANISATION_FILE) });
  const files = emptyWorkspaceFiles(organisation);
  const written = await store.writeAll(files);
  if (!written.ok) return written;
  return ok(files.map((file) => file.path));
}
