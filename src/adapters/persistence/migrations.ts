import { Migrator, sql, type Expression, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database, Dialect } from './tables.js';

/** The column type for text: plain `text`, or with a collation. */
type TextType = 'text' | Expression<unknown>;

/**
 * Schema migrations, in code so the built package needs no migration files on disk. Names sort
 * in the order they run; a new migration gets the next number and is never edited once released.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': { up: (db) => createInitialSchema(db, dialect) },
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}

/**
 * Runs every pending migration; throws an Error naming the migration that failed. `schema` (PostgreSQL)
 * keeps Kysely's bookkeeping tables there: without it Kysely looks for them in every schema and,
 * when another schema of the database has them, never creates its own.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  throw new Error(failed === undefined ? `migrations could not start: ${reason}` : `migration ${failed} failed: ${reason}`);
}

async function createInitialSchema(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const text = textType(dialect);
  await createAccountTables(db, text);
  await createTeamTables(db, text);
  await createCheckpointTables(db, text);
  await createTeamDataTables(db, text);
  await createAuditTable(db, dialect, text);
}

/**
 * PostgreSQL compares text by the database's locale unless told otherwise; the "C" collation
 * makes ORDER BY and range filters follow code points, as SQLite does, on every server.
 */
function textType(dialect: Dialect): TextType {
  return dialect === 'postgres' ? sql`text collate "C"` : 'text';
}

async function createAccountTables(db: Kysely<unknown>, text: TextType): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('model', text, (c) => c.notNull())
    .addColumn('default_targets', text, (c) => c.notNull())
    .addColumn('domain_weights', text, (c) => c.notNull())
    .addColumn('stale_counts', 'integer', (c) => c.notNull())
    .addColumn('default_cadence', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('models')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('format', text, (c) => c.notNull())
    .addColumn('text', text, (c) => c.notNull())
    .addColumn('uploaded_at', text, (c) => c.notNull())
    .addColumn('uploaded_by', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('username', text, (c) => c.notNull().unique())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull())
    .addColumn('is_auditor', 'integer', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema
    .createTable('login_failures')
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key').on('login_failures').column('key').execute();
}

async function createTeamTables(db: Kysely<unknown>, text: TextType): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('group_name', text)
    .addColumn('cadence', text)
    .addColumn('targets', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('memberships')
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('scopes', text, (c) => c.notNull())
    .addColumn('last4', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .addColumn('last_used_at', text)
    .execute();
  await db.schema.createIndex('api_tokens_team').on('api_tokens').column('team_id').execute();
}

async function createCheckpointTables(db: Kysely<unknown>, text: TextType): Promise<void> {
  // The unique (team_id, date) index also serves lookups by team_id alone.
  await db.schema
    .createTable('checkpoints')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('date', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('model', text, (c) => c.notNull())
    .addColumn('domain_scores', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('checkpoints_team_date', ['team_id', 'date'])
    .execute();
  await db.schema
    .createTable('answers')
    .addColumn('checkpoint_id', text, (c) => c.notNull().references('checkpoints.id').onDelete('cascade'))
    .addColumn('practice_id', text, (c) => c.notNull())
    .addColumn('status', text)
    .addColumn('justification', text)
    .addColumn('evidence', text, (c) => c.notNull())
    .addColumn('proposed', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['checkpoint_id', 'practice_id'])
    .execute();
  await db.schema
    .createTable('ratings')
    .addColumn('checkpoint_id', text, (c) => c.notNull().references('checkpoints.id').onDelete('cascade'))
    .addColumn('practice_id', text, (c) => c.notNull())
    .addColumn('rater', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ratings_pk', ['checkpoint_id', 'practice_id', 'rater'])
    .execute();
}

async function createTeamDataTables(db: Kysely<unknown>, text: TextType): Promise<void> {
  await db.schema
    .createTable('scans')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('pushed_at', text, (c) => c.notNull())
    .addColumn('pushed_by', text, (c) => c.notNull())
    .addColumn('result', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scans_team_pushed').on('scans').columns(['team_id', 'pushed_at']).execute();
  await db.schema
    .createTable('backlog_status')
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('item_key', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('backlog_status_pk', ['team_id', 'item_key'])
    .execute();
  await db.schema
    .createTable('team_scores')
    .addColumn('team_id', text, (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('checkpoint_id', text, (c) => c.notNull())
    .addColumn('date', text, (c) => c.notNull())
    .addColumn('as_of', text, (c) => c.notNull())
    .addColumn('valid_until', text)
    .addColumn('scores', text, (c) => c.notNull())
    .execute();
}

/** No foreign keys: the audit trail outlives the teams and users it mentions (S22). */
async function createAuditTable(db: Kysely<unknown>, dialect: Dialect, text: TextType): Promise<void> {
  await db.schema
    .createTable('audit')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigint', (c) =>
      dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('actor', text, (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('outcome', text, (c) => c.notNull())
    .addColumn('team_id', text)
    .addColumn('target', text)
    .addColumn('ip', text)
    .addColumn('detail', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_at').on('audit').column('at').execute();
  await db.schema.createIndex('audit_team').on('audit').column('team_id').execute();
}
