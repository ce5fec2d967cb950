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
  writeReadmeSheet(workbook.addWorksheet(REPORT_SHEETS.readme), report, blank);
  writeHeatmapSheet(workbook.addWorksheet(REPORT_SHEETS.heatmap), report);
  const names = teamSheetNames(report.teams.map((entry) => entry.team), Object.values(REPORT_SHEETS));
  const teamSheets: Worksheet[] = [];
  report.teams.forEach((entry, index) => {
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
