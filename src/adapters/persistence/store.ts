import type { Kysely } from 'kysely';
import type { Persistence, Repositories } from '../../core/persistence/port.js';
import { apiTokenRows } from './api-tokens.js';
import { setupTokenRows, userRows } from './accounts.js';
import { answerRows } from './answers.js';
import { auditRows } from './audit.js';
import { backlogRows } from './backlog.js';
import { checkpointRows } from './checkpoints.js';
import { modelRows, organisationRows } from './organisation.js';
import { ratingRows } from './ratings.js';
import { scanRows } from './scans.js';
import { loginFailureRows, sessionRows } from './sessions.js';
import type { Database, Dialect } from './tables.js';
import { teamScoreRows } from './team-scores.js';
import { membershipRows, teamRows } from './teams.js';

/** The port over a migrated Kysely instance; `close()` destroys the instance. */
export function createKyselyPersistence(db: Kysely<Database>, dialect: Dialect): Persistence {
  return {
    dialect,
    ...createRepositories(db, dialect),
    transaction: (work) => db.transaction().execute((trx) => work(createRepositories(trx, dialect))),
    close: () => db.destroy(),
  };
}

/** Every repository bound to `db`, which may be a transaction. */
export function createRepositories(db: Kysely<Database>, dialect: Dialect): Repositories {
  return {
    ...userRows(db),
    ...setupTokenRows(db),
    ...sessionRows(db),
    ...loginFailureRows(db),
    ...apiTokenRows(db),
    ...teamRows(db),
    ...membershipRows(db),
    ...organisationRows(db),
    ...modelRows(db),
    ...checkpointRows(db, dialect),
    ...answerRows(db),
    ...ratingRows(db),
    ...teamScoreRows(db),
    ...scanRows(db),
    ...backlogRows(db),
    ...auditRows(db),
  };
}
