import ExcelJS from 'exceljs';
import { parseCsv } from '../../../src/adapters/exporters/backlog/test-items.js';

/** Reading what the API hands out as files (workbooks, CSV), for the view and backlog suites. */

/** One non-empty cell of a workbook, with its sheet. */
export interface WorkbookCell {
  readonly sheet: string;
  readonly value: ExcelJS.CellValue;
  readonly type: ExcelJS.ValueType;
}

/** The sheets of a workbook, each with its non-empty cells in row order. */
async function workbookSheets(bytes: Buffer): Promise<{ name: string; cells: WorkbookCell[] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: { name: string; cells: WorkbookCell[] }[] = [];
  workbook.eachSheet((sheet) => {
    const cells: WorkbookCell[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => cells.push({ sheet: sheet.name, value: cell.value, type: cell.type }));
    });
    sheets.push({ name: sheet.name, cells });
  });
  return sheets;
}

/** Every non-empty cell of a workbook, sheet by sheet. */
export async function workbookCells(bytes: Buffer): Promise<WorkbookCell[]> {
  return (await workbookSheets(bytes)).flatMap((sheet) => sheet.cells);
}

/** The sheet names and every cell value (as JSON) of a workbook, one per line. */
export async function workbookText(bytes: Buffer): Promise<string> {
  // Values, not `cell.text`: exceljs cannot print merged cells.
  return (await workbookSheets(bytes)).flatMap((sheet) => [sheet.name, ...sheet.cells.map((cell) => JSON.stringify(cell.value))]).join('\n');
}

/** CSV rows as records keyed by the header row (an RFC 4180 parser, not a substring check: S3). */
export function csvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text).filter((row) => row.some((cell) => cell !== ''));
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}
