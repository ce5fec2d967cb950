import type { Kysely, Selectable, Updateable } from 'kysely';
import type { OrganisationChanges, TeamStore } from '../../core/persistence/port.js';
import type { ModelRecord, OrganisationRecord } from '../../core/persistence/records.js';
import { sortByKeys } from './batches.js';
import { fromFlag, fromJson, toFlag, toJson } from './columns.js';
import type { Database, ModelsTable, OrganisationTable } from './tables.js';
import { changedColumn, insertOutcome, settleWrite } from './versioned.js';

/** The organisation is a single row under this key. */
const ORGANISATION_KEY = 'organisation';

type OrganisationRows = Pick<TeamStore, 'organisation' | 'putOrganisation' | 'updateOrganisation'>;
type ModelRows = Pick<TeamStore, 'insertModel' | 'modelById' | 'listModels'>;

export function organisationRows(db: Kysely<Database>): OrganisationRows {
  return {
    organisation: async () => {
      const row = await selectOrganisation(db);
      return row === undefined ? undefined : organisationFromRow(row);
    },
    putOrganisation: (organisation) => putOrganisation(db, organisation),
    updateOrganisation: (expectedVersion, changes) => updateOrganisation(db, expectedVersion, changes),
  };
}

export function modelRows(db: Kysely<Database>): ModelRows {
  return {
    insertModel: async (model) => {
      const result = await db.insertInto('models').values(modelToRow(model)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return insertOutcome(result);
    },
    modelById: async (id) => {
      const row = await db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : modelFromRow(row);
    },
    listModels: async () => sortByKeys((await db.selectFrom('models').selectAll().execute()).map(modelFromRow), (model) => model.id),
  };
}

function selectOrganisation(db: Kysely<Database>) {
  return db.selectFrom('organisation').selectAll().where('key', '=', ORGANISATION_KEY).executeTakeFirst();
}

/** Creates the row at version 1 or overwrites it, bumping the version. */
async function putOrganisation(db: Kysely<Database>, organisation: Omit<OrganisationRecord, 'version'>): Promise<OrganisationRecord> {
  const values = organisationToRow(organisation);
  const { key: _key, version: _version, ...settings } = values;
  const row = await db
    .insertInto('organisation')
    .values(values)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ ...settings, version: eb('organisation.version', '+', 1) })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return organisationFromRow(row);
}

async function updateOrganisation(db: Kysely<Database>, expectedVersion: number, changes: OrganisationChanges) {
  const row = await db
    .updateTable('organisation')
    .set((eb) => ({ ...organisationChangesToRow(changes), version: eb('version', '+', 1) }))
    .where('key', '=', ORGANISATION_KEY)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return settleWrite(row, organisationFromRow, async () => (await selectOrganisation(db)) !== undefined);
}

function organisationToRow(organisation: Omit<OrganisationRecord, 'version'>): OrganisationTable {
  return {
    key: ORGANISATION_KEY,
    name: organisation.name,
    model: organisation.model,
    default_targets: toJson(organisation.defaultTargets),
    domain_weights: toJson(organisation.domainWeights),
    stale_counts: toFlag(organisation.staleCounts),
    default_cadence: organisation.defaultCadence,
    version: 1,
  };
}

function organisationChangesToRow(changes: OrganisationChanges): Updateable<OrganisationTable> {
  return {
    name: changes.name,
    model: changes.model,
    default_targets: changedColumn(changes.defaultTargets, toJson),
    domain_weights: changedColumn(changes.domainWeights, toJson),
    stale_counts: changedColumn(changes.staleCounts, toFlag),
    default_cadence: changes.defaultCadence,
  };
}

function organisationFromRow(row: Selectable<OrganisationTable>): OrganisationRecord {
  return {
    name: row.name,
    model: row.model,
    defaultTargets: fromJson(row.default_targets) as OrganisationRecord['defaultTargets'],
    domainWeights: fromJson(row.domain_weights) as Record<string, number>,
    staleCounts: fromFlag(row.stale_counts),
    defaultCadence: row.default_cadence,
    version: row.version,
  };
}

function modelToRow(model: ModelRecord): ModelsTable {
  return {
    id: model.id,
    version: model.version,
    name: model.name,
    format: model.format,
    text: model.text,
    uploaded_at: model.uploadedAt,
    uploaded_by: model.uploadedBy,
  };
}

function modelFromRow(row: Selectable<ModelsTable>): ModelRecord {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    format: row.format,
    text: row.text,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by,
  };
}
