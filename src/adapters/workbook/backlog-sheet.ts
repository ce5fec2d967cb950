import type { Worksheet } from 'exceljs';
import type { BacklogItem } from '../../core/backlog/backlog.js';
import type { ReportModel } from '../../core/report/report-model.js';
import { setTextCell } from './cell-text.js';
import { CENTRE_TOP, WRAP_TOP, styleHeader } from './sheet-style.js';

/** The prioritised backlog, one row per item in backlog order; numbers stay numbers. */

interface BacklogColumn {
  readonly header: string;
  readonly width: number;
  readonly value: (item: BacklogItem, names: Names) => string | number;
}

interface Names {
  readonly teams: ReadonlyMap<string, string>;
  readonly domains: ReadonlyMap<string, string>;
}

export const BACKLOG_COLUMNS: readonly BacklogColumn[] = [
  { header: 'Key', width: 34, value: (item) => item.key },
  { header: 'Team', width: 20, value: (item, names) => names.teams.get(item.team) ?? item.team },
  { header: 'Priority', width: 9, value: (item) => item.priority },
  { header: 'Score', width: 8, value: (item) => item.score },
  { header: 'Domain', width: 22, value: (item, names) => names.domains.get(item.domain) ?? item.domain },
  { header: 'Level', width: 7, value: (item) => item.level },
  { header: 'Title', width: 50, value: (item) => item.title },
  { header: 'Effort', width: 8, value: (item) => item.effort },
  { header: 'Depends on', width: 34, value: (item) => item.dependsOn.join('\n') },
  { header: 'Source', width: 9, value: (item) => item.source },
  { header: 'Acceptance', width: 70, value: (item) => item.acceptance.join('\n') },
];

/** Backlog rows in the workbook; a 2,000-team backlog has over 100,000, which `stepwise backlog --format csv` lists. */
export const MAX_BACKLOG_ROWS = 10_000;

export function writeBacklogSheet(sheet: Worksheet, report: ReportModel): void {
  const names: Names = {
    teams: new Map(report.teams.map((entry) => [entry.team.id, entry.team.name])),
    domains: new Map(report.model.domains.map((domain) => [domain.id, domain.name])),
  };
  BACKLOG_COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
    const cell = sheet.getCell(1, index + 1);
    setTextCell(cell, column.header);
    styleHeader(cell);
  });
  const shown = report.backlog.slice(0, MAX_BACKLOG_ROWS);
  shown.forEach((item, itemIndex) => {
    BACKLOG_COLUMNS.forEach((column, index) => {
      const cell = sheet.getCell(itemIndex + 2, index + 1);
      const value = column.value(item, names);
      if (typeof value === 'number') {
        cell.value = value;
        cell.alignment = CENTRE_TOP;
      } else {
        setTextCell(cell, value);
        cell.alignment = WRAP_TOP;
      }
    });
  });
  if (shown.length < report.backlog.length) {
    setTextCell(sheet.getCell(shown.length + 3, 1), `The first ${shown.length} of ${report.backlog.length} items; stepwise backlog --format csv lists them all.`);
  }
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
}
