import ExcelJS from 'exceljs';
import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { Checkpoint } from '../../core/workspace/schema.js';
import { checkSheetRows } from './sheet-rows.js';
import { isTeamSheet, readTeamSheet } from './team-sheet-reader.js';
import type { ReadWorkbookContext } from './team-sheet-reader.js';
import { REPORT_SHEETS } from './write-workbook.js';
import { checkWorkbookZip } from './zip-limits.js';

export type { ReadWorkbookContext } from './team-sheet-reader.js';

/**
 * Parts of a sheet the reader never needs: exceljs skips parsing them, which keeps the surface an
 * untrusted file reaches small (data validations, formatting, drawings, links, tables).
 */
const IGNORED_NODES = [
  'dataValidations', 'conditionalFormatting', 'hyperlinks', 'drawing', 'picture', 'tableParts', 'extLst',
  'headerFooter', 'pageSetup', 'printOptions', 'rowBreaks', 'autoFilter', 'sheetProtection',
];

const NO_SPREADSHEET = 'not an XLSX workbook (the zip archive holds no readable spreadsheet)';

/**
 * Reads every team sheet of a workbook back into validated checkpoints, in sheet order (PRODUCT.md
 * §3, `import xlsx`). The archive is checked before exceljs sees it (S2); only cell values are read.
 */
export async function readWorkbook(bytes: Uint8Array, context: ReadWorkbookContext): Promise<Result<Checkpoint[]>> {
  const parts = checkWorkbookZip(bytes, context.file);
  if (!parts.ok) return parts;
  // exceljs reads the workbook part from this fixed path only, and quietly returns an empty workbook without it.
  if (!parts.value.has('xl/workbook.xml')) return fail('invalid-input', NO_SPREADSHEET, { file: context.file });
  const rows = checkSheetRows(parts.value, Object.values(REPORT_SHEETS), context.file);
  parts.value.clear();
  if (!rows.ok) return rows;
  const workbook = await loadWorkbook(bytes, context.file);
  if (!workbook.ok) return workbook;
  return readTeamSheets(workbook.value, context);
}

async function loadWorkbook(bytes: Uint8Array, file: string): Promise<Result<ExcelJS.Workbook>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(toArrayBuffer(bytes), { ignoreNodes: IGNORED_NODES });
  } catch {
    // The library's message names its internals; the user needs to know what the file is not.
    return fail('invalid-input', NO_SPREADSHEET, { file });
  }
  return ok(workbook);
}

/** exceljs is typed to take an ArrayBuffer; a copy also keeps the caller's bytes untouched. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function readTeamSheets(workbook: ExcelJS.Workbook, context: ReadWorkbookContext): Result<Checkpoint[]> {
  const checkpoints: Checkpoint[] = [];
  const sheetOfTeam = new Map<string, string>();
  for (const sheet of workbook.worksheets) {
    if (!isTeamSheet(sheet)) continue;
    const read = readTeamSheet(sheet, context);
    if (!read.ok) return read;
    const earlier = sheetOfTeam.get(read.value.team);
    if (earlier !== undefined) {
      return fail('invalid-input', `sheets ${JSON.stringify(earlier)} and ${JSON.stringify(sheet.name)} both hold team ${read.value.team}`, { file: context.file });
    }
    sheetOfTeam.set(read.value.team, sheet.name);
    checkpoints.push(read.value);
  }
  return ok(checkpoints);
}
