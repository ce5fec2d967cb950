import type { Cell, CellValue } from 'exceljs';

/**
 * Text in and out of workbook cells. Two layers, applied in this order on write and undone in the
 * reverse order on read:
 *
 * 1. S3 neutralising: text that a spreadsheet could take for a formula (`=`, `+`, `-`, `@`, tab,
 *    carriage return, and the full-width forms Apple Numbers folds) gets a leading `'`, as the CSV
 *    exporter does. Text that already starts with `'` gets one too, so that reading strips exactly
 *    one `'` whenever one is followed by a trigger or another `'` and the round trip stays exact.
 * 2. Transport escaping: XML 1.0 cannot hold most control characters or lone surrogates, exceljs
 *    silently drops some of them and the XML parser turns CR into LF. Such characters travel as the
 *    OOXML `_xHHHH_` escape, which Excel, LibreOffice and the exceljs reader all decode; a literal
 *    `_xHHHH_` in the text is protected as `_x005F_xHHHH_` (ECMA-376 ST_Xstring).
 */

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const QUOTE = "'";

/** S3: the text as inert cell content (a `'` in front of anything a spreadsheet could evaluate). */
export function neutraliseText(text: string): string {
  const first = text.charAt(0);
  return FORMULA_TRIGGERS.has(first) || first === QUOTE ? QUOTE + text : text;
}

/** Undoes `neutraliseText`: strips the one `'` it adds and nothing else. */
export function restoreText(text: string): string {
  if (text.charAt(0) !== QUOTE) return text;
  const second = text.charAt(1);
  return FORMULA_TRIGGERS.has(second) || second === QUOTE ? text.slice(1) : text;
}

// eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot carry
const NEEDS_ESCAPE = /_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes what the XML inside an XLSX file cannot carry as `_xHHHH_`. */
export function escapeForXml(text: string): string {
  return text.replace(NEEDS_ESCAPE, (match) => {
    if (match.length > 1) return `_x005F${match}`;
    return `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  });
}

/** The value to store in a cell for a piece of user, model or repository text. */
export function cellTextValue(text: string): string {
  return escapeForXml(neutraliseText(text));
}

/** Writes user, model or repository text into a cell: never a formula (S3); empty text leaves the cell empty. */
export function setTextCell(cell: Cell, text: string): void {
  cell.value = text === '' ? null : cellTextValue(text);
}

/**
 * The text a cell shows, from its stored value only (S2): a formula is never evaluated and counts
 * only through a cached text or number result; errors count as empty. The exceljs reader has
 * already decoded `_xHHHH_` escapes, so only the S3 prefix is left to strip.
 */
export function readCellText(value: CellValue): string {
  return restoreText(rawCellText(value));
}

function rawCellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDayOf(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return hyperlinkText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return formulaResultText(value.result);
  return '';
}

function hyperlinkText(text: unknown): string {
  if (typeof text === 'string') return text;
  return typeof text === 'object' && text !== null && 'richText' in text ? rawCellText(text as CellValue) : '';
}

function formulaResultText(result: unknown): string {
  if (typeof result === 'string') return result;
  return typeof result === 'number' && Number.isFinite(result) ? String(result) : '';
}

/** A spreadsheet date as `YYYY-MM-DD`; exceljs hands dates over in UTC. */
export function isoDayOf(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}
