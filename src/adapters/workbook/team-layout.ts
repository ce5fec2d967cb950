/**
 * Where things live on a team sheet; the writer and the reader share it so that they cannot drift.
 * The reader finds the header labels in column A and checks the table headers, so a person who
 * inserts a row above the table does no harm, while changed columns give a clear error.
 */

export const HEADER_LABELS = {
  teamId: 'Team id',
  teamName: 'Team name',
  date: 'Date',
  model: 'Model',
  raters: 'Raters',
  selfRatings: 'Self-rated levels',
  notes: 'How to fill in',
} as const;

export type HeaderField = keyof typeof HEADER_LABELS;

/** Row of each header field as written (1-based); values sit in column B. */
export const HEADER_ROWS: Readonly<Record<HeaderField, number>> = {
  teamId: 1,
  teamName: 2,
  date: 3,
  model: 4,
  raters: 5,
  selfRatings: 6,
  notes: 7,
};

export const LABEL_COLUMN = 1;
export const VALUE_COLUMN = 2;
/** Header values span B..E so that long names and multi-line cells stay readable. */
export const VALUE_SPAN_END = 5;
export const TABLE_HEADER_ROW = 9;
/** The first cell of a team sheet; the reader recognises team sheets by it. */
export const TEAM_SHEET_MARKER = HEADER_LABELS.teamId;

export type TableColumnKey = 'domain' | 'level' | 'practice' | 'title' | 'guidance' | 'status' | 'justification' | 'evidence' | 'ratings' | 'proposed';

export interface TableColumn {
  readonly key: TableColumnKey;
  readonly header: string;
  readonly width: number;
  /** Filled in by people; everything else is read-only (grey, locked). */
  readonly editable: boolean;
}

export const TABLE_COLUMNS: readonly TableColumn[] = [
  { key: 'domain', header: 'Domain', width: 22, editable: false },
  { key: 'level', header: 'Level', width: 7, editable: false },
  { key: 'practice', header: 'Practice id', width: 30, editable: false },
  { key: 'title', header: 'Practice', width: 40, editable: false },
  { key: 'guidance', header: 'What to look for', width: 50, editable: false },
  { key: 'status', header: 'Status', width: 17, editable: true },
  { key: 'justification', header: 'Justification', width: 40, editable: true },
  { key: 'evidence', header: 'Evidence', width: 60, editable: true },
  { key: 'ratings', header: 'Ratings', width: 26, editable: true },
  { key: 'proposed', header: 'Scan proposal', width: 15, editable: false },
];

/** 1-based column number of a table column. */
export function columnOf(key: TableColumnKey): number {
  return TABLE_COLUMNS.findIndex((column) => column.key === key) + 1;
}

/** Spreadsheet column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
