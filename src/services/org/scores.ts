import type { IsoDate } from '../../core/dates.js';
import { modelRef } from '../../core/model/model.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence, Repositories } from '../../core/persistence/port.js';
import type { CheckpointRecord, OrganisationRecord, TeamRecord, TeamScoreRecord } from '../../core/persistence/records.js';
import type { DomainScore } from '../../core/scoring/score-checkpoint.js';
import type { Checkpoint, Team } from '../../core/workspace/schema.js';
import { standingOf } from '../scoring.js';
import type { Workspace } from '../workspace.js';
import { checkpointsFromStore, memoryFileStore, organisationOf, scoresValidUntil } from './org-workspace.js';

/**
 * The standing of each team's latest final checkpoint, as the heatmap shows it. Scoring 2,000
 * teams per request is far too slow, so the result is kept in the `team_scores` table and reused
 * while it is still valid: same organisation, team and model versions, and no answer has turned
 * stale since (`validUntil`). Finalising a checkpoint and changing a team delete the row.
 */

/** Fields of a score cell, in order: cells are arrays so that a 2,000-team heatmap stays small. */
export const CELL_FIELDS = ['level', 'progress', 'target', 'gap', 'delta', 'incomplete', 'stale', 'disagreements', 'previous', 'state'] as const;

/** `derived` from answers, `self-rated` (quick mode), `unassessed` (nothing answered: no level, never 0), `n/a`. */
export type CellState = 'derived' | 'self-rated' | 'unassessed' | 'n/a';

export type ScoreCell = [
  level: number | null,
  progress: number | null,
  target: number | null,
  gap: number | null,
  delta: number | null,
  incomplete: number,
  stale: number,
  disagreements: number,
  previous: number | null,
  state: CellState,
];

/** One team's scores and the checkpoints they come from. */
export interface TeamScores {
  readonly checkpointId: string | null;
  readonly date: IsoDate | null;
  readonly previousDate: IsoDate | null;
  /**
   * The cells (a `ScoreCell` per domain, in model order) as JSON text. Reads splice it into the
   * response unparsed: parsing and re-serialising 20,000 cells per heatmap request would cost more
   * than the whole rest of the request.
   */
  readonly cellsJson: string;
}

interface ComputedScores extends TeamScores {
  readonly validUntil: IsoDate | null;
}

/** What a cached row must match to be used. */
interface CacheKeys {
  readonly organisation: number;
  readonly team: number;
  readonly model: string;
}

/** The JSON kept in `team_scores.scores`. */
interface CachedScores extends CacheKeys {
  readonly format: typeof CACHE_FORMAT;
  readonly date: IsoDate | null;
  readonly previousDate: IsoDate | null;
  readonly cells: string;
}

/** Bumped whenever the cached shape or the meaning of a cell changes: older rows are then recomputed. */
const CACHE_FORMAT = 2;

/** Teams scored per batch when the cache is cold, to bound the answers held in memory. */
const SCORING_BATCH = 250;

/**
 * Current scores (latest final checkpoint judged as of `today`) of the given teams, from the
 * cache when valid, else computed and written back. `wholeOrganisation` reads the cache in one
 * query. The write is only a cache fill: no audit entry, no version change.
 */
export async function currentTeamScores(
  store: Persistence,
  model: Model,
  settings: OrganisationRecord,
  teams: readonly TeamRecord[],
  today: IsoDate,
  wholeOrganisation = false,
): Promise<Map<string, TeamScores>> {
  const cached = await store.teamScores(wholeOrganisation ? undefined : teams.map((team) => team.id));
  const { scores, missing } = reuseCached(cached, teams, (team) => cacheKeys(settings, team, model), today);
  for (let start = 0; start < missing.length; start += SCORING_BATCH) {
    const batch = missing.slice(start, start + SCORING_BATCH);
    const computed = await computeTeamScores(store, model, settings, batch, today);
    await fillCache(store, model, settings, batch, computed, today);
    for (const [teamId, value] of computed) scores.set(teamId, value);
  }
  return scores;
}

/** The teams whose cached row still holds, and those to score again. */
function reuseCached(rows: readonly TeamScoreRecord[], teams: readonly TeamRecord[], keysOf: (team: TeamRecord) => CacheKeys, today: IsoDate): { scores: Map<string, TeamScores>; missing: TeamRecord[] } {
  const byTeam = new Map(rows.map((row) => [row.teamId, row]));
  const scores = new Map<string, TeamScores>();
  const missing: TeamRecord[] = [];
  for (const team of teams) {
    const row = byTeam.get(team.id);
    const fresh = row === undefined ? undefined : freshScores(row, keysOf(team), today);
    if (fresh === undefined) missing.push(team);
    else scores.set(team.id, fresh);
  }
  return { scores, missing };
}

/** Scores as they stood on a past date (the latest final checkpoint on or before it), never cached. */
export async function teamScoresOn(store: Repositories, model: Model, settings: OrganisationRecord, teams: readonly TeamRecord[], date: IsoDate): Promise<Map<string, TeamScores>> {
  const scores = new Map<string, TeamScores>();
  for (let start = 0; start < teams.length; start += SCORING_BATCH) {
    const computed = await computeTeamScores(store, model, settings, teams.slice(start, start + SCORING_BATCH), date, date);
    for (const [teamId, value] of computed) scores.set(teamId, value);
  }
  return scores;
}

function cacheKeys(settings: OrganisationRecord, team: TeamRecord, model: Model): CacheKeys {
  return { organisation: settings.version, team: team.version, model: modelRef(model) };
}

/** The cached scores when the row still holds for today, else undefined. */
function freshScores(row: TeamScoreRecord, keys: CacheKeys, today: IsoDate): TeamScores | undefined {
  const cached = row.scores as Partial<CachedScores> | null;
  if (cached === null || typeof cached !== 'object' || cached.format !== CACHE_FORMAT || typeof cached.cells !== 'string') return undefined;
  if (cached.organisation !== keys.organisation || cached.team !== keys.team || cached.model !== keys.model) return undefined;
  // A clock set back could see answers as fresher than when the row was computed.
  if (row.asOf > today || (row.validUntil !== null && today >= row.validUntil)) return undefined;
  return { checkpointId: row.checkpointId === '' ? null : row.checkpointId, date: cached.date ?? null, previousDate: cached.previousDate ?? null, cellsJson: cached.cells };
}

/** Scores teams from their rows: the latest final checkpoint on or before `onOrBefore` (all when absent) as of `asOf`, and the one before it. */
async function computeTeamScores(
  store: Repositories,
  model: Model,
  settings: OrganisationRecord,
  teams: readonly TeamRecord[],
  asOf: IsoDate,
  onOrBefore?: IsoDate,
): Promise<Map<string, ComputedScores>> {
  const latest = await latestPairs(store, teams, onOrBefore);
  const workspace = scoringWorkspace(model, settings, teams, latest.checkpoints);
  const computed = new Map<string, ComputedScores>();
  for (const team of workspace.teams.values()) {
    const [previous, current] = pairOf(latest.checkpoints.get(team.id) ?? []);
    const scores = scoreOf(workspace, team, previous, current, asOf);
    computed.set(team.id, { ...scores, checkpointId: current === undefined ? null : (latest.ids.get(current) ?? null) });
  }
  return computed;
}

/** Each team's two latest final checkpoints (on or before a date), loaded in one batch, with their row ids. */
async function latestPairs(store: Repositories, teams: readonly TeamRecord[], onOrBefore: IsoDate | undefined): Promise<{ checkpoints: Map<string, Checkpoint[]>; ids: Map<Checkpoint, string> }> {
  const records: CheckpointRecord[] = [];
  for (const team of teams) records.push(...(await lastTwoFinal(store, team.id, onOrBefore)));
  const loaded = await checkpointsFromStore(store, records);
  const checkpoints = new Map<string, Checkpoint[]>();
  const ids = new Map<Checkpoint, string>();
  loaded.forEach((checkpoint, index) => {
    checkpoints.set(checkpoint.team, [...(checkpoints.get(checkpoint.team) ?? []), checkpoint]);
    ids.set(checkpoint, records[index]?.id ?? '');
  });
  return { checkpoints, ids };
}

/** The latest checkpoint judged as of `asOf` against the previous one judged as of its own date (the past never changes). */
function scoreOf(workspace: Workspace, team: Team, previous: Checkpoint | undefined, latest: Checkpoint | undefined, asOf: IsoDate): Omit<ComputedScores, 'checkpointId'> {
  const current = standingOf(workspace, team, latest, asOf).score.domains;
  const before = previous === undefined ? undefined : standingOf(workspace, team, previous, previous.date).score.domains;
  return {
    date: latest?.date ?? null,
    previousDate: previous?.date ?? null,
    cellsJson: JSON.stringify(cellsOf(current, before)),
    validUntil: latest === undefined ? null : scoresValidUntil(workspace.model, latest, asOf),
  };
}

async function lastTwoFinal(store: Repositories, teamId: string, onOrBefore: IsoDate | undefined): Promise<CheckpointRecord[]> {
  const finals = await store.checkpointsOfTeam(teamId, ['final']);
  return (onOrBefore === undefined ? finals : finals.filter((record) => record.date <= onOrBefore)).slice(-2);
}

/** [previous, latest] of a team's checkpoints (oldest first). */
function pairOf(checkpoints: readonly Checkpoint[]): [Checkpoint | undefined, Checkpoint | undefined] {
  if (checkpoints.length === 0) return [undefined, undefined];
  return [checkpoints.length >= 2 ? checkpoints[checkpoints.length - 2] : undefined, checkpoints[checkpoints.length - 1]];
}

/** A workspace over just what scoring needs, so the CLI's scoring code is reused unchanged. */
function scoringWorkspace(model: Model, settings: OrganisationRecord, teams: readonly TeamRecord[], checkpoints: ReadonlyMap<string, readonly Checkpoint[]>): Workspace {
  const organisation = organisationOf(settings, teams);
  return { store: memoryFileStore(), organisation, model, modelWarnings: [], teams: new Map(organisation.teams.map((team) => [team.id, team])), checkpoints };
}

/** A cell per domain (model order); `before` are the previous checkpoint's scores, judged as of its own date. */
export function cellsOf(current: readonly DomainScore[], before: readonly DomainScore[] | undefined): ScoreCell[] {
  return current.map((domain, index) => cellOf(domain, before?.[index]));
}

function cellOf(domain: DomainScore, before: DomainScore | undefined): ScoreCell {
  const state = cellState(domain);
  const previous = before === undefined || !hasLevel(cellState(before)) ? null : before.level;
  if (!hasLevel(state)) return [null, null, domain.target, null, null, domain.incomplete, domain.stale, domain.disagreements, previous, state];
  const level = domain.level;
  const delta = level === null || previous === null ? null : level - previous;
  const progress = domain.progress === null ? null : Math.round(domain.progress * 100) / 100;
  return [level, progress, domain.target, domain.gap, delta, domain.incomplete, domain.stale, domain.disagreements, previous, state];
}

function cellState(domain: DomainScore): CellState {
  if (!domain.applicable) return 'n/a';
  return domain.basis;
}

function hasLevel(state: CellState): boolean {
  return state === 'derived' || state === 'self-rated';
}

/**
 * Writes computed scores back. Each team's latest final checkpoint is read again inside the
 * transaction so that a checkpoint finalised while we computed is not hidden behind old scores.
 * Failing to fill the cache does not fail the read: the scores are correct either way.
 */
async function fillCache(
  store: Persistence,
  model: Model,
  settings: OrganisationRecord,
  teams: readonly TeamRecord[],
  computed: ReadonlyMap<string, ComputedScores>,
  today: IsoDate,
): Promise<void> {
  try {
    await store.transaction(async (tx) => {
      for (const team of teams) {
        const scores = computed.get(team.id);
        if (scores === undefined) continue;
        const latest = (await tx.checkpointsOfTeam(team.id, ['final'])).at(-1);
        if ((latest?.id ?? null) !== scores.checkpointId) continue;
        await tx.putTeamScore(cacheRecord(team.id, cacheKeys(settings, team, model), scores, today));
      }
    });
  } catch {
    // A busy database (another replica filling the same rows) only costs a recomputation later.
  }
}

function cacheRecord(teamId: string, keys: CacheKeys, scores: ComputedScores, today: IsoDate): TeamScoreRecord {
  const cached: CachedScores = { format: CACHE_FORMAT, ...keys, date: scores.date, previousDate: scores.previousDate, cells: scores.cellsJson };
  return { teamId, checkpointId: scores.checkpointId ?? '', date: scores.date ?? '', asOf: today, validUntil: scores.validUntil, scores: cached };
}
