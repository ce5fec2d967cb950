export { writeWorkbook, REPORT_SHEETS } from './write-workbook.js';
export type { WriteWorkbookOptions } from './write-workbook.js';
export { readWorkbook } from './read-workbook.js';
export type { ReadWorkbookContext } from './read-workbook.js';
export { ZIP_LIMITS } from './zip-limits.js';
export { MAX_TEAM_SHEET_ROWS } from './sheet-rows.js';
