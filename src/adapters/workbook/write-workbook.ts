import ExcelJS from 'exceljs';
import type { Worksheet, WorksheetProtection } from 'exceljs';
import type { ReportModel } from '../../core/report/report-model.js';
import { writeBacklogSheet } from './backlog-sheet.js';
import { writeHeatmapSheet } from './heatmap-sheet.js';
import { writeReadmeSheet } from './readme-sheet.js';
import { teamSheetNames } from './sheet-names.js';
import { writeTeamSheet } from './team-sheet-writer.js';

export interface WriteWorkbookOptions {
  /** Leave answers, raters, self-ratings and dates empty: a form for people to fill in. */
  readonly blank?: boolean;
  /** Write a sheet per team even above MAX_TEAM_SHEETS teams. */
  readonly allTeamSheets?: boolean;
}

/**
 * Above this many teams the workbook leaves the team sheets out unless asked: a file of thousands of
 * sheets takes minutes and gigabytes to write and nobody can work in it; export a group or a team.
 */
export const MAX_TEAM_SHEETS = 250;

/** Whether a report's workbook holds a sheet per team. */
export function writesTeamSheets(report: ReportModel, options: WriteWorkbookOptions): boolean {
  return options.allTeamSheets === true || report.teams.length <= MAX_TEAM_SHEETS;
}

export const REPORT_SHEETS = { readme: 'README', heatmap: 'Heatmap', backlog: 'Backlog' } as const;

/**
 * Locks the grey cells against slips, not against people: no password, so Excel and LibreOffice
 * unprotect without a prompt; column widths and row heights stay adjustable.
 */
const TEAM_SHEET_PROTECTION: Partial<WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/** The XLSX workbook of PRODUCT.md §3: README, Heatmap, one sheet per team, Backlog. */
export async function writeWorkbook(report: ReportModel, options: WriteWorkbookOptions): Promise<Uint8Array> {
  const blank = options.blank ?? false;
  const workbook = new ExcelJS.Workbook();
  stampWorkbook(workbook, report);
  const teamSheetsWritten = writesTeamSheets(report, options);
  writeReadmeSheet(workbook.addWorksheet(REPORT_SHEETS.readme), report, { blank, teamSheets: teamSheetsWritten });
  writeHeatmapSheet(workbook.addWorksheet(REPORT_SHEETS.heatmap), report);
  const names = teamSheetNames(report.teams.map((entry) => entry.team), Object.values(REPORT_SHEETS));
  const teamSheets: Worksheet[] = [];
  (teamSheetsWritten ? report.teams : []).forEach((entry, index) => {
    const sheet = workbook.addWorksheet(names[index] ?? entry.team.id);
    writeTeamSheet(sheet, { team: entry.team, checkpoint: entry.checkpoint, model: report.model, blank });
    teamSheets.push(sheet);
  });
  writeBacklogSheet(workbook.addWorksheet(REPORT_SHEETS.backlog), report);
  await Promise.all(teamSheets.map((sheet) => sheet.protect('', TEAM_SHEET_PROTECTION)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Document properties come from the report, not the clock, so the same report gives the same workbook content. */
function stampWorkbook(workbook: ExcelJS.Workbook, report: ReportModel): void {
  const asOf = new Date(`${report.asOf}T00:00:00Z`);
  workbook.creator = `Stepwise ${report.toolVersion}`;
  workbook.lastModifiedBy = `Stepwise ${report.toolVersion}`;
  workbook.created = asOf;
  workbook.modified = asOf;
  workbook.title = `${report.organisation}: DevSecOps maturity`;
}
