import { addDays } from '../../core/dates.js';
import type { IsoDate } from '../../core/dates.js';
import { ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import type { Repositories } from '../../core/persistence/port.js';
import type { AnswerRecord, CheckpointRecord, CheckpointState, OrganisationRecord, RatingRecord, TeamRecord } from '../../core/persistence/records.js';
import type { FileStore } from '../../core/ports.js';
import { answerEvidenceDate } from '../../core/scoring/freshness.js';
import { resolveAnswerStatus } from '../../core/scoring/consensus.js';
import { organisationSchema } from '../../core/workspace/schema.js';
import type { Answer, Checkpoint, Organisation, Team } from '../../core/workspace/schema.js';
import type { Workspace } from '../workspace.js';

/**
 * The server keeps checkpoints as rows; the services of the CLI (scores, reports, backlog,
 * workbook, DSOMM) work on a `Workspace`. These functions build one from the rows, so both front
 * ends compute with the same code.
 */

/** A team as `stepwise.yaml` would list it. */
export function teamOfRecord(team: TeamRecord): Team {
  return {
    id: team.id,
    name: team.name,
    ...(team.group === null ? {} : { group: team.group }),
    ...(team.cadence === null ? {} : { cadence: team.cadence as NonNullable<Team['cadence']> }),
    ...(Object.keys(team.targets).length === 0 ? {} : { targets: { ...team.targets } }),
  };
}

/** The organisation settings and teams as `stepwise.yaml` would hold them. */
export function organisationOf(settings: OrganisationRecord, teams: readonly TeamRecord[]): Organisation {
  return organisationSchema.parse({
    organisation: settings.name,
    model: settings.model,
    ...(settings.defaultTargets === null ? {} : { defaultTargets: settings.defaultTargets }),
    domainWeights: settings.domainWeights,
    staleCounts: settings.staleCounts,
    defaultCadence: settings.defaultCadence,
    teams: teams.map(teamOfRecord),
  });
}

/** One checkpoint put together from its row, its answers and its ratings. */
export function checkpointFromRows(record: CheckpointRecord, answers: readonly AnswerRecord[], ratings: readonly RatingRecord[]): Checkpoint {
  const byPractice: Record<string, Answer> = Object.create(null) as Record<string, Answer>;
  const raters = new Set<string>();
  for (const row of answers) byPractice[row.practiceId] = answerOfRow(row);
  for (const rating of ratings) {
    raters.add(rating.rater);
    const answer = byPractice[rating.practiceId] ?? { evidence: [], ratings: {} };
    byPractice[rating.practiceId] = { ...answer, ratings: { ...answer.ratings, [rating.rater]: rating.status } };
  }
  return { team: record.teamId, date: record.date, model: record.model, raters: [...raters].sort(), answers: byPractice, domainScores: { ...record.domainScores } };
}

function answerOfRow(row: AnswerRecord): Answer {
  return {
    ...(row.status === null ? {} : { status: row.status }),
    ...(row.justification === null ? {} : { justification: row.justification }),
    evidence: [...row.evidence],
    ratings: {},
    ...(row.proposed === null ? {} : { proposed: row.proposed }),
  };
}

/** Loads the given checkpoint rows with their answers and ratings. */
export async function checkpointsFromStore(store: Repositories, records: readonly CheckpointRecord[]): Promise<Checkpoint[]> {
  const ids = records.map((record) => record.id);
  const [answers, ratings] = await Promise.all([store.answersOf(ids), store.ratingsOf(ids)]);
  const answersBy = groupBy(answers, (row) => row.checkpointId);
  const ratingsBy = groupBy(ratings, (row) => row.checkpointId);
  return records.map((record) => checkpointFromRows(record, answersBy.get(record.id) ?? [], ratingsBy.get(record.id) ?? []));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [row]);
    else group.push(row);
  }
  return groups;
}

export interface OrgWorkspaceRequest {
  /** Only these teams (all when absent). */
  readonly teamIds?: readonly string[] | undefined;
  /** Only the latest checkpoint of each team, or the whole history. */
  readonly history: 'latest' | 'all';
  /** Which checkpoints count: final ones by default, as the heatmap and backlog see them. */
  readonly states?: readonly CheckpointState[];
}

/** A read-only workspace over the database rows, for the services shared with the CLI. */
export async function loadOrgWorkspace(store: Repositories, model: Model, settings: OrganisationRecord, request: OrgWorkspaceRequest): Promise<Workspace> {
  const teams = await store.listTeams(request.teamIds);
  const checkpoints = new Map<string, Checkpoint[]>();
  for (const team of teams) {
    const records = await store.checkpointsOfTeam(team.id, request.states ?? ['final']);
    const chosen = request.history === 'latest' ? records.slice(-1) : records;
    if (chosen.length > 0) checkpoints.set(team.id, await checkpointsFromStore(store, chosen));
  }
  const organisation = organisationOf(settings, teams);
  return {
    store: memoryFileStore(),
    organisation,
    model,
    modelWarnings: [],
    teams: new Map(organisation.teams.map((team) => [team.id, team])),
    checkpoints,
  };
}

/**
 * The first date on which one of the checkpoint's answers turns stale (and the scores may change),
 * as seen from `asOf`; null when no answer will.
 */
export function scoresValidUntil(model: Model, checkpoint: Checkpoint, asOf: IsoDate): IsoDate | null {
  let earliest: IsoDate | null = null;
  for (const practice of model.practices) {
    if (practice.freshnessDays === undefined) continue;
    const answer = Object.hasOwn(checkpoint.answers, practice.id) ? checkpoint.answers[practice.id] : undefined;
    if (answer === undefined || resolveAnswerStatus(answer).status === 'unknown') continue;
    const firstStale = addDays(answerEvidenceDate(answer, checkpoint.date), practice.freshnessDays + 1);
    if (firstStale > asOf && (earliest === null || firstStale < earliest)) earliest = firstStale;
  }
  return earliest;
}

/** A FileStore kept in memory: imports run against it, then their files become rows. */
export function memoryFileStore(initial: Iterable<readonly [string, string | Uint8Array]> = []): FileStore & { readonly files: Map<string, string | Uint8Array> } {
  const files = new Map<string, string | Uint8Array>(initial);
  const text = (value: string | Uint8Array): string => (typeof value === 'string' ? value : new TextDecoder().decode(value));
  return {
    files,
    describe: (path) => path,
    readText: (path) => Promise.resolve(ok(files.has(path) ? text(files.get(path) ?? '') : null)),
    readBytes: (path) => {
      const value = files.get(path);
      return Promise.resolve(ok(value === undefined ? null : typeof value === 'string' ? new TextEncoder().encode(value) : value));
    },
    list: (folder) => Promise.resolve(listFolder(files, folder)),
    exists: (path) => Promise.resolve(files.has(path) || listFolder(files, path).length > 0),
    writeAll: (written) => {
      for (const file of written) files.set(file.path, file.text);
      return Promise.resolve(ok(null) as Result<null>);
    },
    removeFolder: (folder) => {
      for (const path of [...files.keys()]) if (path.startsWith(`${folder}/`)) files.delete(path);
      return Promise.resolve(ok(null) as Result<null>);
    },
  };
}

function listFolder(files: ReadonlyMap<string, unknown>, folder: string): string[] {
  const prefix = folder === '' || folder === '.' ? '' : `${folder.replace(/\/$/, '')}/`;
  const names = new Set<string>();
  for (const path of files.keys()) {
    if (!path.startsWith(prefix)) continue;
    const name = path.slice(prefix.length).split('/')[0];
    if (name !== undefined && name !== '') names.add(name);
  }
  return [...names].sort();
}
