import type { Worksheet } from 'exceljs';
import type { ReportModel, ReportTeam } from '../../core/report/report-model.js';
import { setTextCell } from './cell-text.js';
import { CENTRE_TOP, WRAP_TOP, styleHeader } from './sheet-style.js';
import { columnLetter } from './team-layout.js';

/**
 * Teams × domains. Two blocks with the same columns: current levels on top, targets below, so
 * that a reader compares a team's two rows straight down a column and both blocks share one
 * colour scale. "n/a" and "–" are text, so the colour scale leaves them uncoloured, never 0.
 */

export const NOT_APPLICABLE = 'n/a';
export const NOT_ASSESSED = '–';
const FIRST_DOMAIN_COLUMN = 4;

/** Light yellow → grey → mid blue: a blue–yellow ramp (read alike with red–green colour blindness) on which black text stays legible. */
const SCALE_COLOURS = ['FFF6E68A', 'FFB9B49A', 'FF6B8CBE'] as const;

type HeatValue = number | string;

/** The level a team shows in a domain: a number, "n/a", or "–" when not assessed. */
export function heatmapLevel(team: ReportTeam, domain: string): HeatValue {
  const score = team.domains.find((entry) => entry.domain === domain);
  if (team.checkpoint === undefined || score === undefined || score.basis === 'unassessed') return NOT_ASSESSED;
  return score.applicable && score.level !== null ? score.level : NOT_APPLICABLE;
}

/** Why a level deserves a second look (incomplete, self-rated, stale), as a cell note; undefined when nothing to say. */
export function heatmapNote(team: ReportTeam, domain: string): string | undefined {
  const score = team.domains.find((entry) => entry.domain === domain);
  if (team.checkpoint === undefined || score === undefined || score.basis === 'unassessed') return undefined;
  const notes = [
    score.incomplete > 0 ? `Incomplete: ${score.incomplete} practice(s) at the level being tested are not assessed yet.` : '',
    score.basis === 'self-rated' ? 'Self-rated (quick mode): no practice answers yet.' : '',
    score.mismatch && score.selfRated !== null ? `Self-rated ${score.selfRated}, but the answers give ${score.level ?? NOT_APPLICABLE}.` : '',
    score.stale > 0 ? `${score.stale} answer(s) rest on expired evidence.` : '',
  ].filter((note) => note !== '');
  return notes.length === 0 ? undefined : notes.join(' ');
}

/** The target of a team in a domain, or "–" when none is known. */
export function heatmapTarget(team: ReportTeam, domain: string): HeatValue {
  return team.domains.find((entry) => entry.domain === domain)?.target ?? NOT_ASSESSED;
}

export function writeHeatmapSheet(sheet: Worksheet, report: ReportModel): void {
  const domains = report.model.domains;
  setColumnWidths(sheet, domains.length);
  writeHeaderRow(sheet, 1, 'Team', report);
  report.teams.forEach((team, index) => {
    const cells = domains.map((domain) => ({ value: heatmapLevel(team, domain.id), note: heatmapNote(team, domain.id) }));
    writeTeamRow(sheet, 2 + index, team, team.checkpoint?.date ?? 'never', cells);
  });
  const targetsHeader = report.teams.length + 3;
  writeHeaderRow(sheet, targetsHeader, 'Targets', report);
  report.teams.forEach((team, index) => {
    writeTeamRow(sheet, targetsHeader + 1 + index, team, '', domains.map((domain) => ({ value: heatmapTarget(team, domain.id) })));
  });
  addColourScale(sheet, report, 2, targetsHeader + 1);
  writeLegend(sheet, targetsHeader + report.teams.length + 2);
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
}

function setColumnWidths(sheet: Worksheet, domainCount: number): void {
  sheet.getColumn(1).width = 30;
  sheet.getColumn(2).width = 18;
  sheet.getColumn(3).width = 12;
  for (let index = 0; index < domainCount; index += 1) sheet.getColumn(FIRST_DOMAIN_COLUMN + index).width = 16;
}

function writeHeaderRow(sheet: Worksheet, row: number, first: string, report: ReportModel): void {
  const labels = [first, 'Group', row === 1 ? 'Assessed' : '', ...report.model.domains.map((domain) => domain.name)];
  labels.forEach((label, index) => {
    const cell = sheet.getCell(row, index + 1);
    if (label !== '') setTextCell(cell, label);
    styleHeader(cell);
  });
  sheet.getRow(row).height = 48;
}

interface HeatCell {
  readonly value: HeatValue;
  readonly note?: string | undefined;
}

function writeTeamRow(sheet: Worksheet, row: number, team: ReportTeam, assessed: string, cells: readonly HeatCell[]): void {
  setTextCell(sheet.getCell(row, 1), team.team.name);
  if (team.team.group !== undefined) setTextCell(sheet.getCell(row, 2), team.team.group);
  if (assessed !== '') setTextCell(sheet.getCell(row, 3), assessed);
  sheet.getCell(row, 1).alignment = WRAP_TOP;
  sheet.getCell(row, 2).alignment = WRAP_TOP;
  cells.forEach(({ value, note }, index) => {
    const cell = sheet.getCell(row, FIRST_DOMAIN_COLUMN + index);
    if (typeof value === 'number') cell.value = value;
    else setTextCell(cell, value);
    cell.alignment = CENTRE_TOP;
    if (typeof value === 'string') cell.font = { color: { argb: 'FF595959' } };
    if (note !== undefined) cell.note = note;
  });
}

function addColourScale(sheet: Worksheet, report: ReportModel, firstLevelRow: number, firstTargetRow: number): void {
  const count = report.teams.length;
  if (count === 0 || report.model.domains.length === 0) return;
  const levels = report.model.levels.map((level) => level.level);
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  const lastColumn = columnLetter(FIRST_DOMAIN_COLUMN + report.model.domains.length - 1);
  const first = columnLetter(FIRST_DOMAIN_COLUMN);
  const ranges = [`${first}${firstLevelRow}:${lastColumn}${firstLevelRow + count - 1}`, `${first}${firstTargetRow}:${lastColumn}${firstTargetRow + count - 1}`];
  for (const ref of ranges) {
    sheet.addConditionalFormatting({
      ref,
      rules: [{
        type: 'colorScale',
        priority: 1,
        cfvo: [{ type: 'num', value: low }, { type: 'num', value: (low + high) / 2 }, { type: 'num', value: high }],
        color: SCALE_COLOURS.map((argb) => ({ argb })),
      }],
    });
  }
}

function writeLegend(sheet: Worksheet, row: number): void {
  const text = `Numbers are maturity levels (the colour deepens as the level rises). ${NOT_APPLICABLE}: the domain does not apply to the team. `
    + `${NOT_ASSESSED}: not assessed yet (never counted as 0). A note (red corner) on a level says why it needs a second look: incomplete, self-rated or stale. The Targets block below the levels holds each team's target per domain.`;
  setTextCell(sheet.getCell(row, 1), text);
  sheet.getCell(row, 1).font = { italic: true, color: { argb: 'FF595959' } };
}
