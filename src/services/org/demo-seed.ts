import { formatDomainError } from '../../core/errors.js';
import type { IsoDate } from '../../core/dates.js';
import type { Persistence } from '../../core/persistence/port.js';
import { generateDemoWorkspace } from '../demo.js';
import { loadAnyModel } from '../model-files.js';
import type { ModelSource } from './models.js';
import { importWorkspace } from './transfer-workspace.js';

/** The audit actor of the seeding: the server itself, at start-up. */
const SEED_ACTOR = 'system:demo-seed';

/**
 * `stepwise serve --demo`: when the database has no team yet, generates the sample organisation of
 * `stepwise demo` and imports it through the workspace import (teams, settings, final checkpoints).
 * Returns the number of teams seeded, 0 when there were teams already.
 */
export async function seedDemoOrganisation(store: Persistence, models: ModelSource, today: IsoDate): Promise<number> {
  if ((await store.listTeams()).length > 0) return 0;
  const builtin = loadAnyModel(await models.builtinText(), 'model/builtin.yaml (built-in)', 'stepwise');
  // The package's own model file failing to load is a broken installation, not an input error.
  if (!builtin.ok) throw new Error(`the built-in model does not load: ${formatDomainError(builtin.error)}`);
  const demo = generateDemoWorkspace(builtin.value.model, today);
  const files = Object.fromEntries(demo.files.map((file) => [file.path, file.text]));
  const imported = await importWorkspace(store, models, files, { name: SEED_ACTOR, ip: null, at: `${today}T00:00:00.000Z` });
  if (!imported.ok) throw new Error(`the demo organisation does not import: ${formatDomainError(imported.error)}`);
  return imported.value.teamsCreated.length;
}
