import type { Alignment, Cell, Fill, Font } from 'exceljs';

/** Looks shared by every sheet: header rows, read-only (grey) cells and cells to fill in. */

const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const READ_ONLY_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const EDITABLE_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };
const HEADER_FONT: Partial<Font> = { bold: true };
const READ_ONLY_FONT: Partial<Font> = { color: { argb: 'FF404040' } };
export const WRAP_TOP: Partial<Alignment> = { wrapText: true, vertical: 'top' };
export const CENTRE_TOP: Partial<Alignment> = { horizontal: 'center', vertical: 'top' };

/** A column or table header. */
export function styleHeader(cell: Cell): void {
  cell.font = HEADER_FONT;
  cell.fill = HEADER_FILL;
  cell.alignment = { wrapText: true, vertical: 'middle' };
}

/** Grey and locked: import reads it but people should not change it. */
export function styleReadOnly(cell: Cell, alignment: Partial<Alignment> = WRAP_TOP): void {
  cell.fill = READ_ONLY_FILL;
  cell.font = READ_ONLY_FONT;
  cell.alignment = alignment;
  cell.protection = { locked: true };
}

/** White and unlocked, stored as text so that spreadsheets do not turn `1-2` into a date. */
export function styleEditable(cell: Cell): void {
  cell.fill = EDITABLE_FILL;
  cell.alignment = WRAP_TOP;
  cell.numFmt = '@';
  cell.protection = { locked: false };
}

/** Points per text line at the default font size. */
export const LINE_HEIGHT = 15;

/**
 * Lines a text takes in a column about `width` characters wide. Spreadsheets do not reliably grow
 * rows (and never merged cells) to fit wrapped text when a file is opened, so rows are sized with it.
 */
export function wrappedLines(text: string, width: number): number {
  return text.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / width)), 0);
}
