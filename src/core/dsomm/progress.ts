import type { IsoDate } from '../dates.js';
import { ok } from '../errors.js';
import { compareText } from '../text-order.js';
import type { Result, SourcePosition } from '../errors.js';
import type { LocatedWarning } from '../model/load.js';
import { modelRef } from '../model/model.js';
import type { Model, Practice } from '../model/model.js';
import { resolveAnswerStatus } from '../scoring/consensus.js';
import { TEAM_ID, answerOf } from '../workspace/schema.js';
import type { Answer, Checkpoint, Evidence, Team } from '../workspace/schema.js';
import { parseYaml, validateParsed } from '../yaml/safe-yaml.js';
import { dsommAppMetaSchema, dsommProgressFileSchema } from './schema.js';
import type { DsommProgressFile } from './schema.js';

/*
 * DSOMM team progress ⇄ Stepwise checkpoints. The DSOMM app keeps, per activity and team, the date
 * each progress status was first reached; Stepwise keeps dated checkpoints of answers. An import
 * replays those dates into one checkpoint per date on which something changed, so history and trends
 * work; an export reads the checkpoints back into first-reached dates.
 */

// ───────────────────────── progress definitions ─────────────────────────

/** A DSOMM progress status and its score, as a percentage from 0 to 100. */
export interface ProgressDefinition {
  readonly name: string;
  readonly percentage: number;
}

export interface ProgressDefinitions {
  /** The statuses an export writes, ordered by percentage (equal ones keep their file order). */
  readonly statuses: readonly ProgressDefinition[];
  /** Further status names an import understands, never written by an export. */
  readonly alsoAccepted: readonly ProgressDefinition[];
}

/** The app's current defaults (its meta.yaml `progressDefinition`). */
export const DEFAULT_PROGRESS_STATUSES: readonly ProgressDefinition[] = [
  { name: 'Not implemented', percentage: 0 },
  { name: 'Started', percentage: 20 },
  { name: 'Partly implemented', percentage: 50 },
  { name: 'Fully implemented', percentage: 100 },
];

/** The defaults of earlier app releases, whose team-progress files (such as the app's sample) use these names. */
export const EARLIER_PROGRESS_STATUSES: readonly ProgressDefinition[] = [
  { name: 'Backlog', percentage: 0 },
  { name: 'Planned', percentage: 10 },
  { name: 'Started', percentage: 30 },
  { name: 'Implemented', percentage: 100 },
];

/**
 * The definitions used without a meta.yaml: the current defaults, and the earlier release's names
 * accepted on import so that older files keep their 'Planned' and 'Implemented'. Where a name is in
 * both ('Started'), the current score counts.
 */
export function defaultProgressDefinitions(): ProgressDefinitions {
  const current = new Set(DEFAULT_PROGRESS_STATUSES.map((status) => status.name));
  return { statuses: DEFAULT_PROGRESS_STATUSES, alsoAccepted: EARLIER_PROGRESS_STATUSES.filter((status) => !current.has(status.name)) };
}

/** Reads `progressDefinition` from a DSOMM app meta.yaml; only its names are accepted then. */
export function readProgressDefinitions(metaText: string, file: string): Result<ProgressDefinitions> {
  const parsed = parseYaml(metaText, file);
  if (!parsed.ok) return parsed;
  const meta = validateParsed(parsed.value, dsommAppMetaSchema);
  if (!meta.ok) return meta;
  const statuses = Object.entries(meta.value.progressDefinition).map(([name, percentage]) => ({ name, percentage }));
  return ok({ statuses: statuses.sort((a, b) => a.percentage - b.percentage), alsoAccepted: [] });
}

export type ProgressStatus = 'not-implemented' | 'partial' | 'implemented';

/** 0% → not-implemented, strictly between 0 and 100 → partial, 100% → implemented. */
export function statusForPercentage(percentage: number): ProgressStatus {
  if (percentage <= 0) return 'not-implemented';
  return percentage >= 100 ? 'implemented' : 'partial';
}

// ───────────────────────── reading team-progress.yaml ─────────────────────────

/** One status date of the file: `progress.<activity>.<team>.<status>: <date>`. */
export interface ProgressEntry {
  readonly activity: string;
  readonly team: string;
  readonly status: string;
  readonly date: IsoDate;
}

/** A validated team-progress file that can still say where each entry was written. */
export interface DsommProgress {
  readonly file: string;
  /** Every status date, in file order. */
  readonly entries: readonly ProgressEntry[];
  locate(path: readonly PropertyKey[]): SourcePosition;
}

/** Parses a DSOMM `team-progress.yaml` within the YAML bounds; errors name file, line and column. */
export function parseDsommProgress(text: string, file: string): Result<DsommProgress> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const checked = validateParsed(parsed.value, dsommProgressFileSchema);
  if (!checked.ok) return checked;
  const document = parsed.value;
  return ok({ file, entries: flattenProgress(checked.value.progress ?? {}), locate: (path) => document.locate(path) });
}

function flattenProgress(progress: NonNullable<DsommProgressFile['progress']>): ProgressEntry[] {
  const entries: ProgressEntry[] = [];
  for (const [activity, teams] of Object.entries(progress)) {
    for (const [team, statuses] of Object.entries(teams ?? {})) {
      for (const [status, date] of Object.entries(statuses ?? {})) entries.push({ activity, team, status, date });
    }
  }
  return entries;
}

function entryPosition(progress: DsommProgress, entry: ProgressEntry): SourcePosition {
  return progress.locate(['progress', entry.activity, entry.team, entry.status]);
}

// ───────────────────────── teams ─────────────────────────

/** The DSOMM team names of the file, in order of first appearance. */
export function dsommTeamNames(progress: DsommProgress): string[] {
  return [...new Set(progress.entries.map((entry) => entry.team))];
}

/** Room left in a 64-character team id for a "-NN" suffix. */
const TEAM_ID_BASE_LENGTH = 60;

/** A team id made from a DSOMM team name ("Team A" → "team-a"), or null when nothing usable is left. */
export function teamIdFromName(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, TEAM_ID_BASE_LENGTH)
    .replace(/-+$/, '');
  return TEAM_ID.test(slug) ? slug : null;
}

export interface TeamMatch {
  /** DSOMM team name → workspace team id. */
  readonly teamIds: ReadonlyMap<string, string>;
  /** DSOMM team names no workspace team matches, in the order given. */
  readonly unknown: readonly string[];
}

/** Places DSOMM team names: by team name ignoring case, else by the name's slug being a team id. */
export function matchDsommTeams(names: readonly string[], teams: readonly Pick<Team, 'id' | 'name'>[]): TeamMatch {
  const byName = new Map<string, string>();
  for (const team of teams) if (!byName.has(comparableName(team.name))) byName.set(comparableName(team.name), team.id);
  const ids = new Set(teams.map((team) => team.id));
  const teamIds = new Map<string, string>();
  const unknown: string[] = [];
  for (const name of names) {
    const slug = teamIdFromName(name);
    const id = byName.get(comparableName(name)) ?? (slug !== null && ids.has(slug) ? slug : undefined);
    if (id === undefined) unknown.push(name);
    else teamIds.set(name, id);
  }
  return { teamIds, unknown };
}

function comparableName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Teams to create for unplaced DSOMM names: the id is the name's slug, made unique against
 * `takenIds`. Names with the same slug share one team, as they would match the same existing team.
 */
export function newTeamsFor(names: readonly string[], takenIds: Iterable<string>): { id: string; name: string }[] {
  const taken = new Set(takenIds);
  const bySlug = new Set<string>();
  const teams: { id: string; name: string }[] = [];
  for (const name of names) {
    const slug = teamIdFromName(name);
    if (slug !== null && bySlug.has(slug)) continue;
    if (slug !== null) bySlug.add(slug);
    teams.push({ id: claimId(taken, slug ?? 'team'), name: name.trim() });
  }
  return teams;
}

function claimId(taken: Set<string>, base: string): string {
  let id = base;
  for (let suffix = 2; taken.has(id); suffix += 1) id = `${base}-${suffix}`;
  taken.add(id);
  return id;
}

// ───────────────────────── import: progress → checkpoints ─────────────────────────

export interface ProgressImportOptions {
  readonly definitions: ProgressDefinitions;
  /** The workspace team a DSOMM team name belongs to, or undefined to leave its progress out. */
  readonly teamFor: (dsommTeam: string) => string | undefined;
}

export interface ProgressImport {
  /** Ordered by team id, then date. */
  readonly checkpoints: readonly Checkpoint[];
  /** DSOMM team names `teamFor` did not place, in file order; their progress is left out. */
  readonly unknownTeams: readonly string[];
  readonly warnings: readonly LocatedWarning[];
}

/** A status reached by an activity, ranked so that equal percentages resolve the same way every time. */
interface Reached {
  readonly activity: string;
  readonly name: string;
  readonly percentage: number;
  readonly date: IsoDate;
  readonly rank: number;
}

/** Turns team progress into checkpoints: per team, one for each date on which its answers changed. */
export function dsommProgressToCheckpoints(progress: DsommProgress, model: Model, options: ProgressImportOptions): ProgressImport {
  const statuses = statusLookup(options.definitions);
  const practices = practicesByActivity(model);
  const warnings = [...unknownStatusWarnings(progress, statuses, options.definitions), ...unmappedActivityWarnings(progress, practices, model)];
  const unknownTeams = dsommTeamNames(progress).filter((name) => options.teamFor(name) === undefined);
  const byTeam = reachedByTeam(progress, statuses, practices, options.teamFor);
  const teams = [...byTeam.keys()].sort(compareText);
  const checkpoints = teams.flatMap((team) => teamCheckpoints(team, byTeam.get(team) ?? [], model, practices));
  return { checkpoints, unknownTeams, warnings };
}

/** Status name → percentage and rank; the definition's own names win over the also-accepted ones. */
function statusLookup(definitions: ProgressDefinitions): Map<string, { percentage: number; rank: number }> {
  const lookup = new Map<string, { percentage: number; rank: number }>();
  const all = [...definitions.statuses, ...definitions.alsoAccepted];
  for (const [rank, status] of all.entries()) if (!lookup.has(status.name)) lookup.set(status.name, { percentage: status.percentage, rank });
  return lookup;
}

/** Activity uuid → the practices that list it in `mappings.dsomm`, in model order (a DSOMM import has one each). */
function practicesByActivity(model: Model): Map<string, Practice[]> {
  const byActivity = new Map<string, Practice[]>();
  for (const practice of model.practices) {
    for (const uuid of new Set(practice.mappings.dsomm)) {
      const list = byActivity.get(uuid);
      if (list === undefined) byActivity.set(uuid, [practice]);
      else list.push(practice);
    }
  }
  return byActivity;
}

/** One warning per unknown status name, at its first use, with how many dates were left out. */
function unknownStatusWarnings(progress: DsommProgress, statuses: ReadonlyMap<string, unknown>, definitions: ProgressDefinitions): LocatedWarning[] {
  const unknown = new Map<string, { first: ProgressEntry; count: number }>();
  for (const entry of progress.entries) {
    if (statuses.has(entry.status)) continue;
    const seen = unknown.get(entry.status);
    unknown.set(entry.status, { first: seen?.first ?? entry, count: (seen?.count ?? 0) + 1 });
  }
  const known = definitions.statuses.map((status) => status.name).join(', ');
  return [...unknown.entries()].map(([name, { first, count }]) => ({
    message: `status "${name}" is not in the progress definition (${known}): ${count} date${count === 1 ? '' : 's'} left out`,
    at: entryPosition(progress, first),
  }));
}

/** Activities no practice maps to are dropped: one warning with how many and which. */
function unmappedActivityWarnings(progress: DsommProgress, practices: ReadonlyMap<string, unknown>, model: Model): LocatedWarning[] {
  const unmapped = [...new Set(progress.entries.map((entry) => entry.activity))].filter((activity) => !practices.has(activity));
  const [first] = unmapped;
  if (first === undefined) return [];
  const listed = unmapped.slice(0, 3).join(', ') + (unmapped.length > 3 ? ', …' : '');
  const count = unmapped.length;
  return [{
    message: `${count} DSOMM activit${count === 1 ? 'y maps' : 'ies map'} to no practice of model ${modelRef(model)} and ${count === 1 ? 'was' : 'were'} left out: ${listed}`,
    at: progress.locate(['progress', first]),
  }];
}

function reachedByTeam(
  progress: DsommProgress,
  statuses: ReadonlyMap<string, { percentage: number; rank: number }>,
  practices: ReadonlyMap<string, unknown>,
  teamFor: (dsommTeam: string) => string | undefined,
): Map<string, Reached[]> {
  const byTeam = new Map<string, Reached[]>();
  for (const entry of progress.entries) {
    const status = statuses.get(entry.status);
    const team = teamFor(entry.team);
    if (status === undefined || team === undefined || !practices.has(entry.activity)) continue;
    const reached = { activity: entry.activity, name: entry.status, date: entry.date, ...status };
    const list = byTeam.get(team);
    if (list === undefined) byTeam.set(team, [reached]);
    else list.push(reached);
  }
  return byTeam;
}

/** Replays one team's status dates in order; a checkpoint is kept only where an answer changed. */
function teamCheckpoints(team: string, reached: readonly Reached[], model: Model, practices: ReadonlyMap<string, readonly Practice[]>): Checkpoint[] {
  const highest = new Map<string, Reached>();
  const answers = new Map<string, Answer>();
  const checkpoints: Checkpoint[] = [];
  for (const [date, sameDay] of groupByDate(reached)) {
    const raised = raiseStatuses(highest, sameDay);
    const touched = new Set([...raised].flatMap((activity) => practices.get(activity) ?? []));
    if (!updateAnswers(answers, touched, highest)) continue;
    checkpoints.push({ team, date, model: modelRef(model), raters: [], answers: inModelOrder(answers, model), domainScores: {} });
  }
  return checkpoints;
}

function groupByDate(reached: readonly Reached[]): [IsoDate, Reached[]][] {
  const byDate = new Map<IsoDate, Reached[]>();
  for (const entry of reached) {
    const list = byDate.get(entry.date);
    if (list === undefined) byDate.set(entry.date, [entry]);
    else list.push(entry);
  }
  return [...byDate.entries()].sort(([a], [b]) => compareText(a, b)).map(([date, list]) => [date, list.sort((a, b) => a.rank - b.rank)]);
}

/** Keeps each activity's highest status so far (the first reached among equals); returns the activities raised. */
function raiseStatuses(highest: Map<string, Reached>, sameDay: readonly Reached[]): Set<string> {
  const raised = new Set<string>();
  for (const entry of sameDay) {
    const current = highest.get(entry.activity);
    if (current !== undefined && current.percentage >= entry.percentage) continue;
    highest.set(entry.activity, entry);
    raised.add(entry.activity);
  }
  return raised;
}

/** Recomputes the answers of the touched practices; true when any of them changed. */
function updateAnswers(answers: Map<string, Answer>, touched: ReadonlySet<Practice>, highest: ReadonlyMap<string, Reached>): boolean {
  let changed = false;
  for (const practice of touched) {
    const answer = practiceAnswer(practice, highest);
    if (JSON.stringify(answer) === JSON.stringify(answers.get(practice.id))) continue;
    answers.set(practice.id, answer);
    changed = true;
  }
  return changed;
}

/**
 * A practice mapped to several activities takes the LOWEST of their statuses, an activity without a
 * status counting as 0% (the app shows it as not started). Such a practice bundles those activities,
 * so it is only as far along as its least advanced part; taking the highest would let one finished
 * activity claim the whole practice and overstate maturity, which the levels then build on.
 */
function practiceAnswer(practice: Practice, highest: ReadonlyMap<string, Reached>): Answer {
  const activities = [...new Set(practice.mappings.dsomm)];
  const reached = activities.map((activity) => highest.get(activity));
  const percentage = Math.min(...reached.map((entry) => entry?.percentage ?? 0));
  const evidence = activities.length === 1 && reached[0] !== undefined
    ? [progressNote(reached[0], false)]
    : activities.map((activity, index) => activityNote(activity, reached[index]));
  return { status: statusForPercentage(percentage), evidence, ratings: {} };
}

/** The note an import writes; its date is when the status was reached, so freshness counts from it. */
function progressNote(reached: Reached, namesActivity: boolean): Evidence {
  const subject = namesActivity ? `DSOMM progress of activity ${reached.activity}` : 'DSOMM progress';
  return { type: 'note', text: `${subject}: ${reached.name} (${reached.percentage}%) on ${reached.date}`, date: reached.date };
}

function activityNote(activity: string, reached: Reached | undefined): Evidence {
  if (reached !== undefined) return progressNote(reached, true);
  return { type: 'note', text: `DSOMM progress of activity ${activity}: no status recorded (counts as 0%)` };
}

function inModelOrder(answers: ReadonlyMap<string, Answer>, model: Model): Record<string, Answer> {
  const ordered: Record<string, Answer> = {};
  for (const practice of model.practices) {
    const answer = answers.get(practice.id);
    if (answer !== undefined) ordered[practice.id] = answer;
  }
  return ordered;
}

// ───────────────────────── export: checkpoints → progress ─────────────────────────

export interface ProgressExportInput {
  readonly model: Model;
  /** The teams to write; the DSOMM key is the display name. */
  readonly teams: readonly Pick<Team, 'id' | 'name'>[];
  /** Each team's checkpoints, oldest first. */
  readonly checkpoints: ReadonlyMap<string, readonly Checkpoint[]>;
  readonly definitions: ProgressDefinitions;
}

/** An activity as written: its uuid, the practices that map to it, and the comment after it. */
interface ExportedActivity {
  readonly uuid: string;
  readonly practices: readonly Practice[];
  readonly comment: string;
}

/**
 * Renders the DSOMM team-progress document: activities in model order, teams by name, statuses by
 * percentage, each with the date since which the team has held it. Written the way the app writes it
 * (quoted names, bare dates the app reads as dates, the activity name as a comment), so it loads there.
 */
export function checkpointsToDsommProgress(input: ProgressExportInput): string {
  const statuses = input.definitions.statuses.filter((status) => status.percentage > 0);
  const teams = teamKeys(input.teams);
  const lines: string[] = [];
  for (const activity of exportedActivities(input.model)) {
    const teamLines = teams.flatMap((team) => teamProgressLines(activity, team.key, input.checkpoints.get(team.id) ?? [], statuses));
    if (teamLines.length > 0) lines.push(`  ${yamlKey(activity.uuid)}:${activity.comment === '' ? '' : `  # ${activity.comment}`}`, ...teamLines);
  }
  return lines.length === 0 ? 'progress: {}\n' : `progress:\n${lines.join('\n')}\n`;
}

/**
 * Display names as keys, sorted. A name shared by several teams (ignoring case) would merge them in
 * DSOMM, so every team after the first (by id) gets its id added.
 */
function teamKeys(teams: readonly Pick<Team, 'id' | 'name'>[]): { id: string; key: string }[] {
  const seen = new Set<string>();
  const byId = [...teams].sort((a, b) => compareText(a.id, b.id));
  const keyed = byId.map((team) => {
    const name = team.name.trim();
    const key = seen.has(comparableName(name)) ? `${name} (${team.id})` : name;
    seen.add(comparableName(name));
    return { id: team.id, key };
  });
  return keyed.sort((a, b) => compareText(a.key, b.key) || compareText(a.id, b.id));
}

function exportedActivities(model: Model): ExportedActivity[] {
  return [...practicesByActivity(model).entries()].map(([uuid, practices]) => ({
    uuid,
    practices,
    comment: oneLine([...new Set(practices.map((practice) => practice.title))].join('; ')),
  }));
}

function teamProgressLines(activity: ExportedActivity, teamKey: string, checkpoints: readonly Checkpoint[], statuses: readonly ProgressDefinition[]): string[] {
  const levels = activityLevels(activity.practices, checkpoints, statuses);
  const lines: string[] = [];
  for (const status of statuses) {
    const since = heldSince(levels, checkpoints, status.percentage);
    if (since !== null) lines.push(`      ${yamlText(status.name)}: ${since}`);
  }
  return lines.length === 0 ? [] : [`    ${yamlText(teamKey)}:`, ...lines];
}

/**
 * The activity's percentage at each checkpoint. Several practices mapping one activity give the
 * lowest of them, for the same reason an import takes the lowest activity; a practice never
 * assessed is left out rather than read as 0, as Stepwise never treats unknown as not implemented.
 */
function activityLevels(practices: readonly Practice[], checkpoints: readonly Checkpoint[], statuses: readonly ProgressDefinition[]): (number | null)[] {
  const [first, ...others] = practices.map((practice) => practiceLevels(practice, checkpoints, statuses));
  if (first === undefined) return checkpoints.map(() => null);
  return others.reduce((levels, timeline) => levels.map((level, index) => lowerKnown(level, timeline[index] ?? null)), first);
}

function lowerKnown(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** A practice's percentage per checkpoint; a checkpoint that leaves it unanswered keeps the previous one. */
function practiceLevels(practice: Practice, checkpoints: readonly Checkpoint[], statuses: readonly ProgressDefinition[]): (number | null)[] {
  let last: number | null = null;
  return checkpoints.map((checkpoint) => {
    const answer = answerOf(checkpoint, practice.id);
    last = answerPercentage(practice, answer, statuses) ?? last;
    return last;
  });
}

/**
 * implemented → 100%; partial → the LOWEST status strictly between 0 and 100, because "partial" only
 * says the work has begun and the lowest such status claims no more than that (nothing when the
 * definition has none); not-implemented and not-applicable → 0%; unknown → null. An answer still
 * carrying the note an import wrote keeps that status instead, so import → export loses nothing.
 */
function answerPercentage(practice: Practice, answer: Answer | undefined, statuses: readonly ProgressDefinition[]): number | null {
  const status = resolveAnswerStatus(answer).status;
  if (status === 'unknown') return null;
  if (status !== 'implemented' && status !== 'partial') return 0;
  const recorded = recordedPercentage(practice, answer, statuses);
  if (recorded !== null && statusForPercentage(recorded) === status) return recorded;
  if (status === 'implemented') return 100;
  return statuses.find((entry) => entry.percentage > 0 && entry.percentage < 100)?.percentage ?? 0;
}

const IMPORTED_NOTE = /^DSOMM progress: (.+) \(\d+(?:\.\d+)?%\) on \d{4}-\d{2}-\d{2}$/;

/** The percentage of the status named in an imported note, for a practice mapped to one activity only. */
function recordedPercentage(practice: Practice, answer: Answer | undefined, statuses: readonly ProgressDefinition[]): number | null {
  if (answer === undefined || !mapsOneActivity(practice)) return null;
  for (const entry of answer.evidence.toReversed()) {
    const name = entry.type === 'note' ? IMPORTED_NOTE.exec(entry.text)?.[1] : undefined;
    if (name !== undefined) return statuses.find((status) => status.name === name)?.percentage ?? null;
  }
  return null;
}

function mapsOneActivity(practice: Practice): boolean {
  const [first, ...others] = practice.mappings.dsomm;
  return first !== undefined && others.every((uuid) => uuid === first);
}

/**
 * The checkpoint date from which the level has stayed at or above the threshold up to the latest
 * checkpoint, or null when the latest is below it. DSOMM cannot record that a status was lost, so a
 * status the team has since fallen back from is not written; for histories that only rise this is
 * the first date the status was reached.
 */
function heldSince(levels: readonly (number | null)[], checkpoints: readonly Checkpoint[], threshold: number): IsoDate | null {
  let since: IsoDate | null = null;
  for (const [index, level] of levels.entries()) {
    if (level === null || level < threshold) since = null;
    else since ??= checkpoints[index]?.date ?? null;
  }
  return since;
}

/** A YAML scalar in single quotes as the app writes names, or double-quoted when it holds control characters. */
function yamlText(text: string): string {
  if (!/[\p{Cc}\p{Cs}\u2028\u2029\ufeff]/u.test(text)) return `'${text.replaceAll("'", "''")}'`;
  return JSON.stringify(text).replace(/[\u2028\u2029\ufeff\u0085]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Activity uuids are written bare, as the app does; anything unusual is quoted. */
function yamlKey(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) ? text : yamlText(text);
}

/** A comment stays on its line whatever the model's titles hold. */
function oneLine(text: string): string {
  const flat = text.replace(/[\p{Cc}\p{Zl}\p{Zp}\ufeff]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
