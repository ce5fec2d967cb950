import type { Worksheet } from 'exceljs';
import type { DomainError, DomainErrorCode, Result } from '../../core/errors.js';
import { fail, ok } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import { modelRef } from '../../core/model/model.js';
import { TEAM_ID, checkpointSchema } from '../../core/workspace/schema.js';
import type { Checkpoint } from '../../core/workspace/schema.js';
import { readCellText } from './cell-text.js';
import { parseEvidence } from './evidence-lines.js';
import type { ReadEvidence } from './evidence-lines.js';
import { shorten } from './quoted-text.js';
import type { LineResult } from './quoted-text.js';
import { parseRaters, parseRatings, parseSelfRatings, parseStatus } from './rating-lines.js';
import { MAX_TEAM_SHEET_ROWS } from './sheet-rows.js';
import { HEADER_LABELS, LABEL_COLUMN, TABLE_COLUMNS, TEAM_SHEET_MARKER, VALUE_COLUMN, columnLetter, columnOf } from './team-layout.js';
import type { HeaderField, TableColumnKey } from './team-layout.js';

export interface ReadWorkbookContext {
  /** Named in every error. */
  readonly file: string;
  readonly model: Model;
  /** The date of a sheet whose date cell is empty (a blank form). */
  readonly defaultDate: string;
}

/** True for sheets this tool wrote for a team (its first cell is the team id label). */
export function isTeamSheet(sheet: Worksheet): boolean {
  return readCellText(sheet.getCell(1, LABEL_COLUMN).value).trim() === TEAM_SHEET_MARKER;
}

/** Where a value was read, so that errors point at the cell. */
interface Place {
  readonly row: number;
  readonly column: number;
}

/** A failure at a cell: `sheet "Payments" row 14 column F: <reason>`, with line = row and column = column number. */
function cellProblem(sheet: Worksheet, file: string, place: Place, reason: string, code: DomainErrorCode = 'invalid-input'): { ok: false; error: DomainError } {
  const where = `sheet ${JSON.stringify(sheet.name)} row ${place.row} column ${columnLetter(place.column)}`;
  return fail(code, `${where}: ${reason}`, { file, line: place.row, column: place.column });
}

function sheetProblem(sheet: Worksheet, file: string, reason: string, code: DomainErrorCode = 'invalid-input'): { ok: false; error: DomainError } {
  return fail(code, `sheet ${JSON.stringify(sheet.name)}: ${reason}`, { file });
}

const READ_HEADERS: readonly HeaderField[] = ['teamId', 'date', 'model', 'raters', 'selfRatings'];
/** How far down the table header may have moved when people insert rows above it. */
const HEADER_SEARCH_ROWS = 60;

interface Layout {
  readonly header: Readonly<Record<HeaderField, number | undefined>>;
  readonly tableRow: number;
}

function findLayout(sheet: Worksheet, file: string): Result<Layout> {
  const header: Partial<Record<HeaderField, number>> = {};
  const labels = new Map<string, HeaderField>(Object.entries(HEADER_LABELS).map(([field, label]) => [label, field as HeaderField]));
  const firstHeader = TABLE_COLUMNS[0]?.header;
  for (let row = 1; row <= Math.min(sheet.rowCount, HEADER_SEARCH_ROWS); row += 1) {
    const label = readCellText(sheet.getCell(row, LABEL_COLUMN).value).trim();
    if (label === firstHeader) return checkTableHeader(sheet, file, { header: { ...emptyHeader(), ...header }, tableRow: row });
    const field = labels.get(label);
    if (field !== undefined && header[field] === undefined) header[field] = row;
  }
  return sheetProblem(sheet, file, `the practice table is missing (a row starting with "${firstHeader ?? ''}" in column A)`);
}

function emptyHeader(): Record<HeaderField, undefined> {
  return { teamId: undefined, teamName: undefined, date: undefined, model: undefined, raters: undefined, selfRatings: undefined, notes: undefined };
}

function checkTableHeader(sheet: Worksheet, file: string, layout: Layout): Result<Layout> {
  for (const [index, column] of TABLE_COLUMNS.entries()) {
    const found = readCellText(sheet.getCell(layout.tableRow, index + 1).value).trim();
    if (found !== column.header) {
      return cellProblem(sheet, file, { row: layout.tableRow, column: index + 1 }, `expected the column header "${column.header}" but found ${shorten(found)}; the columns must stay as exported`);
    }
  }
  const missing = READ_HEADERS.find((field) => layout.header[field] === undefined);
  if (missing !== undefined) return sheetProblem(sheet, file, `the "${HEADER_LABELS[missing]}" row above the table is missing`);
  return ok(layout);
}

/** Reads one team sheet into a validated checkpoint. */
export function readTeamSheet(sheet: Worksheet, context: ReadWorkbookContext): Result<Checkpoint> {
  if (sheet.rowCount > MAX_TEAM_SHEET_ROWS) {
    return sheetProblem(sheet, context.file, `has more than ${MAX_TEAM_SHEET_ROWS.toLocaleString('en-US')} rows; a team sheet holds one row per practice`, 'too-large');
  }
  const layout = findLayout(sheet, context.file);
  if (!layout.ok) return layout;
  const head = readHeader(sheet, context, layout.value);
  if (!head.ok) return head;
  const rows = readPracticeRows(sheet, context, layout.value.tableRow);
  if (!rows.ok) return rows;
  const answers = Object.fromEntries(rows.value.map((row) => [row.practice, row.answer]));
  const parsed = checkpointSchema.safeParse({ ...head.value.fields, answers });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const place = issuePlace(issue?.path ?? [], head.value.places, rows.value, layout.value);
  return cellProblem(sheet, context.file, place.place, `${place.detail}${issue?.message ?? 'invalid value'}`);
}

interface HeaderRead {
  readonly fields: Record<string, unknown>;
  readonly places: Readonly<Record<HeaderField, Place>>;
}

function readHeader(sheet: Worksheet, context: ReadWorkbookContext, layout: Layout): Result<HeaderRead> {
  const places = Object.fromEntries(
    Object.keys(HEADER_LABELS).map((field) => [field, { row: layout.header[field as HeaderField] ?? 1, column: VALUE_COLUMN }]),
  ) as Record<HeaderField, Place>;
  const text = (field: HeaderField): string => readCellText(sheet.getCell(places[field].row, VALUE_COLUMN).value);
  const team = text('teamId').trim();
  if (!TEAM_ID.test(team)) {
    const reason = team === '' ? 'the team id is missing' : `${shorten(team)} is not a team id (lower-case letters, digits, "-" and "_"); the team id cell must stay as exported`;
    return cellProblem(sheet, context.file, places.teamId, reason);
  }
  const raters = parseRaters(text('raters'));
  if (!raters.ok) return cellProblem(sheet, context.file, places.raters, raters.error);
  const domainScores = parseSelfRatings(text('selfRatings'));
  if (!domainScores.ok) return cellProblem(sheet, context.file, places.selfRatings, domainScores.error);
  const date = readDate(text('date'), context.defaultDate);
  if (!date.ok) return cellProblem(sheet, context.file, places.date, date.error);
  const model = text('model').trim();
  const fields = { team, date: date.value, model: model === '' ? modelRef(context.model) : model, raters: raters.value, domainScores: domainScores.value };
  return ok({ fields, places });
}

function readDate(text: string, defaultDate: string): LineResult<string> {
  const date = text.trim();
  if (date === '') return { ok: true, value: defaultDate };
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? { ok: true, value: date } : { ok: false, error: `${shorten(date)} is not a date written YYYY-MM-DD` };
}

interface PracticeRow {
  readonly practice: string;
  readonly row: number;
  readonly answer: Record<string, unknown>;
  readonly evidence: readonly ReadEvidence[];
}

const ANSWER_KEYS: readonly TableColumnKey[] = ['status', 'justification', 'evidence', 'ratings', 'proposed'];

function readPracticeRows(sheet: Worksheet, context: ReadWorkbookContext, tableRow: number): Result<PracticeRow[]> {
  const rows: PracticeRow[] = [];
  const seen = new Map<string, number>();
  for (let row = tableRow + 1; row <= sheet.rowCount; row += 1) {
    const read = readPracticeRow(sheet, context, row);
    if (!read.ok) return read;
    if (read.value === null) continue;
    const earlier = seen.get(read.value.practice);
    if (earlier !== undefined) {
      return cellProblem(sheet, context.file, { row, column: columnOf('practice') }, `practice ${read.value.practice} is listed twice (also on row ${earlier})`);
    }
    seen.set(read.value.practice, row);
    if (Object.keys(read.value.answer).length > 0) rows.push(read.value);
  }
  return ok(rows);
}

function readPracticeRow(sheet: Worksheet, context: ReadWorkbookContext, row: number): Result<PracticeRow | null> {
  const cells = sheet.findRow(row);
  if (cells === undefined) return ok(null);
  const text = (key: TableColumnKey): string => readCellText(cells.getCell(columnOf(key)).value);
  const practice = text('practice').trim();
  const place = (key: TableColumnKey): Place => ({ row, column: columnOf(key) });
  if (practice === '') {
    const stray = ANSWER_KEYS.find((key) => text(key).trim() !== '');
    return stray === undefined ? ok(null) : cellProblem(sheet, context.file, place('practice'), 'this row has an answer but no practice id');
  }
  if (!context.model.practiceById.has(practice)) {
    return cellProblem(sheet, context.file, place('practice'), `${shorten(practice)} is not a practice of model ${modelRef(context.model)}; the practice id column must stay as exported`);
  }
  const answer = readAnswer(text);
  if (!answer.ok) return cellProblem(sheet, context.file, place(answer.error.key), answer.error.reason);
  return ok({ practice, row, answer: answer.value.answer, evidence: answer.value.evidence });
}

type AnswerRead = Result<{ answer: Record<string, unknown>; evidence: readonly ReadEvidence[] }, { key: TableColumnKey; reason: string }>;

/** The answer cells of a row; absent cells leave their field out so the answer equals the one written. */
function readAnswer(text: (key: TableColumnKey) => string): AnswerRead {
  const status = parseStatus(text('status'));
  if (!status.ok) return { ok: false, error: { key: 'status', reason: status.error } };
  const proposed = parseStatus(text('proposed'));
  if (!proposed.ok) return { ok: false, error: { key: 'proposed', reason: proposed.error } };
  const evidence = parseEvidence(text('evidence'));
  if (!evidence.ok) return { ok: false, error: { key: 'evidence', reason: evidence.error } };
  const ratings = parseRatings(text('ratings'));
  if (!ratings.ok) return { ok: false, error: { key: 'ratings', reason: ratings.error } };
  const justification = text('justification');
  const answer: Record<string, unknown> = {};
  if (status.value !== undefined) answer.status = status.value;
  if (justification !== '') answer.justification = justification;
  if (evidence.value.length > 0) answer.evidence = evidence.value.map((entry) => entry.entry);
  if (Object.keys(ratings.value).length > 0) answer.ratings = ratings.value;
  if (proposed.value !== undefined) answer.proposed = proposed.value;
  return ok({ answer, evidence: evidence.value });
}

const HEADER_PATHS: Readonly<Record<string, HeaderField>> = { team: 'teamId', date: 'date', model: 'model', raters: 'raters', domainScores: 'selfRatings' };
const ANSWER_PATHS: Readonly<Record<string, TableColumnKey>> = { status: 'status', justification: 'justification', evidence: 'evidence', ratings: 'ratings', proposed: 'proposed' };

/** Maps a schema issue path back to the cell it came from, with a prefix naming the part of the cell. */
function issuePlace(path: readonly PropertyKey[], places: Readonly<Record<HeaderField, Place>>, rows: readonly PracticeRow[], layout: Layout): { place: Place; detail: string } {
  const [first, second, third, fourth, fifth] = path;
  const headerField = typeof first === 'string' ? HEADER_PATHS[first] : undefined;
  if (headerField !== undefined) return { place: places[headerField], detail: typeof second === 'string' ? `${second}: ` : '' };
  const practice = rows.find((row) => row.practice === second);
  if (first !== 'answers' || practice === undefined) return { place: { row: layout.tableRow, column: 1 }, detail: '' };
  const key = (typeof third === 'string' ? ANSWER_PATHS[third] : undefined) ?? 'status';
  const place = { row: practice.row, column: columnOf(key) };
  if (key === 'evidence' && typeof fourth === 'number') {
    const line = practice.evidence[fourth]?.line ?? fourth + 1;
    return { place, detail: `evidence line ${line}${typeof fifth === 'string' ? ` (${fifth})` : ''}: ` };
  }
  if (key === 'ratings' && typeof fourth === 'string') return { place, detail: `rater ${shorten(fourth)}: ` };
  return { place, detail: '' };
}
