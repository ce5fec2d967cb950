import type { Worksheet } from 'exceljs';
import type { Model, Practice } from '../../core/model/model.js';
import { modelRef } from '../../core/model/model.js';
import type { Answer, Checkpoint, Team } from '../../core/workspace/schema.js';
import { ANSWER_STATUSES, answerOf } from '../../core/workspace/schema.js';
import { setTextCell } from './cell-text.js';
import { formatEvidence } from './evidence-lines.js';
import { formatRaters, formatRatings, formatSelfRatings } from './rating-lines.js';
import { CENTRE_TOP, LINE_HEIGHT, styleEditable, styleHeader, styleReadOnly, wrappedLines } from './sheet-style.js';
import {
  HEADER_LABELS, HEADER_ROWS, LABEL_COLUMN, TABLE_COLUMNS, TABLE_HEADER_ROW, VALUE_COLUMN, VALUE_SPAN_END, columnOf,
} from './team-layout.js';
import type { HeaderField, TableColumnKey } from './team-layout.js';

export interface TeamSheetInput {
  readonly team: Team;
  readonly checkpoint: Checkpoint | undefined;
  readonly model: Model;
  /** Leave every answer cell and the date empty for a person to fill in. */
  readonly blank: boolean;
}

const EDITABLE_HEADERS: ReadonlySet<HeaderField> = new Set(['date', 'raters', 'selfRatings']);

/** Fills a team sheet: the header block, then one row per practice of the model. */
export function writeTeamSheet(sheet: Worksheet, input: TeamSheetInput): void {
  TABLE_COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  writeHeaderBlock(sheet, input);
  writeTableHeader(sheet);
  const domainNames = new Map(input.model.domains.map((domain) => [domain.id, domain.name]));
  orderedPractices(input.model).forEach((practice, index) => {
    const answer = input.blank ? undefined : answerOf(input.checkpoint, practice.id);
    writePracticeRow(sheet, TABLE_HEADER_ROW + 1 + index, rowTexts(practice, answer, domainNames), practice.level);
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: TABLE_HEADER_ROW, topLeftCell: `A${TABLE_HEADER_ROW + 1}`, activeCell: `F${TABLE_HEADER_ROW + 1}` }];
}

/** Practices in domain order, then level, then id: the order people climb them. */
export function orderedPractices(model: Model): Practice[] {
  return model.domains.flatMap((domain) => [...(model.practicesByDomain.get(domain.id) ?? [])]);
}

function headerValues(input: TeamSheetInput): Record<HeaderField, string> {
  const checkpoint = input.blank ? undefined : input.checkpoint;
  return {
    teamId: input.team.id,
    teamName: input.team.name,
    date: checkpoint?.date ?? '',
    model: checkpoint?.model ?? modelRef(input.model),
    raters: formatRaters(checkpoint?.raters ?? []),
    selfRatings: formatSelfRatings(checkpoint?.domainScores ?? {}),
    notes: fillingNote(input),
  };
}

function fillingNote(input: TeamSheetInput): string {
  const note = 'Fill in the white cells only; grey cells are read-only. Status: pick from the list (empty = unknown). '
    + 'Formats of date, raters, self-rated levels, evidence and ratings: see the README sheet.';
  const left = input.blank || input.checkpoint === undefined ? 0 : leftOutAnswers(input.checkpoint, input.model);
  return left === 0 ? note : `${note} ${left} answer(s) of this checkpoint concern practices that model ${modelRef(input.model)} does not have; they are not in this sheet.`;
}

function leftOutAnswers(checkpoint: Checkpoint, model: Model): number {
  return Object.keys(checkpoint.answers).filter((id) => !model.practiceById.has(id)).length;
}

function writeHeaderBlock(sheet: Worksheet, input: TeamSheetInput): void {
  const values = headerValues(input);
  for (const field of Object.keys(HEADER_ROWS) as HeaderField[]) {
    const row = HEADER_ROWS[field];
    const label = sheet.getCell(row, LABEL_COLUMN);
    setTextCell(label, HEADER_LABELS[field]);
    styleHeader(label);
    sheet.mergeCells(row, VALUE_COLUMN, row, VALUE_SPAN_END);
    const cell = sheet.getCell(row, VALUE_COLUMN);
    if (values[field] !== '') setTextCell(cell, values[field]);
    if (EDITABLE_HEADERS.has(field)) styleEditable(cell);
    else styleReadOnly(cell);
    sheet.getRow(row).height = LINE_HEIGHT * Math.max(1, wrappedLines(values[field], mergedWidth()));
  }
}

function mergedWidth(): number {
  return TABLE_COLUMNS.slice(VALUE_COLUMN - 1, VALUE_SPAN_END).reduce((sum, column) => sum + column.width, 0);
}

function writeTableHeader(sheet: Worksheet): void {
  TABLE_COLUMNS.forEach((column, index) => {
    const cell = sheet.getCell(TABLE_HEADER_ROW, index + 1);
    setTextCell(cell, column.header);
    styleHeader(cell);
  });
}

const STATUS_VALIDATION = {
  type: 'list' as const,
  allowBlank: true,
  formulae: [`"${ANSWER_STATUSES.join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: 'Not a status',
  error: `Pick one of: ${ANSWER_STATUSES.join(', ')}. Leave the cell empty when not assessed yet.`,
};

type RowTexts = Readonly<Record<Exclude<TableColumnKey, 'level'>, string>>;

function rowTexts(practice: Practice, answer: Answer | undefined, domainNames: ReadonlyMap<string, string>): RowTexts {
  return {
    domain: domainNames.get(practice.domain) ?? practice.domain,
    practice: practice.id,
    title: practice.title,
    guidance: practice.guidance,
    status: answer?.status ?? '',
    justification: answer?.justification ?? '',
    evidence: formatEvidence(answer?.evidence ?? []),
    ratings: formatRatings(answer?.ratings ?? {}),
    proposed: answer?.proposed ?? '',
  };
}

function writePracticeRow(sheet: Worksheet, row: number, texts: RowTexts, level: number): void {
  TABLE_COLUMNS.forEach((column, index) => {
    const cell = sheet.getCell(row, index + 1);
    if (column.key === 'level') {
      cell.value = level;
      styleReadOnly(cell, CENTRE_TOP);
      return;
    }
    if (texts[column.key] !== '') setTextCell(cell, texts[column.key]);
    if (column.editable) styleEditable(cell);
    else styleReadOnly(cell);
  });
  sheet.getCell(row, columnOf('status')).dataValidation = STATUS_VALIDATION;
  sheet.getRow(row).height = LINE_HEIGHT * practiceRowLines(texts);
}

/**
 * Excel and LibreOffice do not reliably grow rows to fit wrapped text when a file is opened, so each
 * practice row gets the height of its longest wrapped cell (a column is about `width` characters wide).
 */
function practiceRowLines(texts: RowTexts): number {
  let lines = 1;
  for (const column of TABLE_COLUMNS) {
    if (column.key !== 'level') lines = Math.max(lines, wrappedLines(texts[column.key], column.width));
  }
  return lines;
}
