import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence } from '../../core/persistence/port.js';
import type { OrganisationRecord, TeamRecord } from '../../core/persistence/records.js';
import { compareText } from '../../core/text-order.js';
import { parseScanResult } from '../../scanner/result-schema.js';
import { SCANS_FOLDER } from '../workspace.js';
import type { Workspace } from '../workspace.js';
import { loadOrgWorkspace } from './org-workspace.js';
import type { ModelSource } from './models.js';
import { organisationSettings, visibleTeams } from './teams.js';

/** Teams a principal may read: all of them, or these ids (policy.ts `readableTeams`). */
export type ReadableTeams = 'all' | ReadonlySet<string>;

/** Narrows the readable teams to one team and/or one group. */
export interface TeamSelection {
  readonly team?: string | undefined;
  readonly group?: string | undefined;
}

/** What every read view needs from the request: the store, the model and settings in force, and today. */
export interface ViewContext {
  readonly store: Persistence;
  readonly model: Model;
  readonly settings: OrganisationRecord;
  readonly today: string;
}

/**
 * The readable teams, narrowed to the selection and sorted by group (teams without one last) then
 * name. A team the caller may not read is "not found", exactly like one that does not exist (S14).
 */
export async function selectReadableTeams(store: Persistence, readable: ReadableTeams, selection: TeamSelection): Promise<Result<TeamRecord[]>> {
  const { team, group } = selection;
  if (team !== undefined && readable !== 'all' && !readable.has(team)) return fail('not-found', `no team "${team}"`);
  const teams = team === undefined ? await visibleTeams(store, readable) : await store.listTeams([team]);
  if (team !== undefined && teams.length === 0) return fail('not-found', `no team "${team}"`);
  const inGroup = group === undefined ? teams : teams.filter((candidate) => candidate.group === group);
  return ok(inGroup.sort(byGroupThenName));
}

/** Group (teams without one last), then name, then id: the order of the heatmap and reports. */
export function byGroupThenName(a: TeamRecord, b: TeamRecord): number {
  return compareText(a.group ?? '\uffff', b.group ?? '\uffff') || compareText(a.name, b.name) || compareText(a.id, b.id);
}

/**
 * A workspace of the given teams' final checkpoints with each team's latest pushed scan in its
 * memory file store, so that the CLI's backlog and report services see the scan findings as they
 * would in `scans/<team>/`. A stored scan that no longer parses is left out rather than failing
 * every view of the organisation.
 */
export async function viewWorkspace(view: ViewContext, teams: readonly TeamRecord[], history: 'latest' | 'all'): Promise<Workspace> {
  const workspace = await loadOrgWorkspace(view.store, view.model, view.settings, { teamIds: teams.map((team) => team.id), history });
  const files: { path: string; text: string }[] = [];
  for (const team of teams) {
    const scan = await view.store.latestScan(team.id);
    if (scan === undefined) continue;
    const text = JSON.stringify(scan.result);
    if (parseScanResult(text).ok) files.push({ path: `${SCANS_FOLDER}/${team.id}/${scan.pushedAt.slice(0, 10)}.json`, text });
  }
  if (files.length > 0) await workspace.store.writeAll(files);
  return workspace;
}

/** The view context of a request: the model and settings in force and today's date (UTC). */
export async function openView(store: Persistence, models: ModelSource, now: Date): Promise<ViewContext> {
  const [model, settings] = await Promise.all([models.current(store), organisationSettings(store)]);
  return { store, model, settings, today: isoDay(now) };
}

/** The UTC calendar date of an instant. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
