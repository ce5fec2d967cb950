import type { Worksheet } from 'exceljs';
import { modelRef } from '../../core/model/model.js';
import type { ReportModel } from '../../core/report/report-model.js';
import type { AnswerStatus } from '../../core/workspace/schema.js';
import { ANSWER_STATUSES } from '../../core/workspace/schema.js';
import { setTextCell } from './cell-text.js';
import { NOT_APPLICABLE, NOT_ASSESSED } from './heatmap-sheet.js';
import { LINE_HEIGHT, WRAP_TOP, styleHeader, wrappedLines } from './sheet-style.js';
import { HEADER_LABELS, TABLE_COLUMNS } from './team-layout.js';

/** The first sheet: what the workbook is and how to fill it in and import it back. */

const STATUS_MEANINGS: Readonly<Record<AnswerStatus, string>> = {
  implemented: 'in place and working; evidence shows it',
  partial: 'partly in place; counts half towards the next level',
  'not-implemented': 'not in place',
  'not-applicable': 'does not apply to this team; say why in Justification (required)',
  unknown: 'not assessed yet, the same as an empty cell; never counted as 0',
};

type ReadmeRow = readonly [label: string, text: string];

const README_TEXT_WIDTH = 110;

export interface ReadmeOptions {
  readonly blank: boolean;
  /** False when a large organisation's workbook leaves the team sheets out. */
  readonly teamSheets: boolean;
}

export function writeReadmeSheet(sheet: Worksheet, report: ReportModel, options: ReadmeOptions): void {
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = README_TEXT_WIDTH;
  readmeRows(report, options).forEach(([label, text], index) => {
    const labelCell = sheet.getCell(index + 1, 1);
    setTextCell(labelCell, label);
    styleHeader(labelCell);
    const textCell = sheet.getCell(index + 1, 2);
    setTextCell(textCell, text);
    textCell.alignment = WRAP_TOP;
    sheet.getRow(index + 1).height = LINE_HEIGHT * wrappedLines(text, README_TEXT_WIDTH);
  });
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
}

function readmeRows(report: ReportModel, options: ReadmeOptions): ReadmeRow[] {
  const blank = options.blank;
  return [
    ['Stepwise workbook', blank ? 'A blank assessment form: fill in the team sheets, then import the file.' : 'The latest assessment of each team, exported for reading and for filling in.'],
    ['What this is', `DevSecOps maturity of the teams of ${report.organisation}, written by Stepwise ${report.toolVersion}. Teams answer the practices of the model; each domain's level follows from the answers.`],
    ['Organisation', report.organisation],
    ['As of', report.asOf],
    ['Model', `${report.model.name} (${modelRef(report.model)})`],
    ['Sheets', sheetsText(report, options.teamSheets)],
    ['Reading the heatmap', `Numbers are levels. ${NOT_APPLICABLE}: the domain does not apply. ${NOT_ASSESSED}: not assessed yet. The Targets block under the levels repeats the teams with their target per domain, so a gap reads straight down a column.`],
    ['Filling in', 'Edit the white cells of a team sheet only; grey cells are read-only. The sheets are protected without a password (Review > Unprotect Sheet) so that the read-only cells are not changed by accident.'],
    [HEADER_LABELS.date, 'The day of the assessment, written YYYY-MM-DD. Left empty, the date of the import is used.'],
    [HEADER_LABELS.raters, 'Optional: the people who rated, one name per line.'],
    [HEADER_LABELS.selfRatings, `Optional quick mode: one "domain-id: level" per line, e.g. "secrets: 2". Domain ids: ${report.model.domains.map((domain) => `${domain.id} (${domain.name})`).join(', ')}.`],
    ['Status', ANSWER_STATUSES.map((status) => `${status}: ${STATUS_MEANINGS[status]}`).join('\n')],
    ['Justification', 'Free text; required when the status is not-applicable.'],
    ['Evidence', evidenceHelp()],
    ['Ratings', 'Optional, when several people rate independently: one "name: status" per line, e.g. "alice: implemented". With no Status, the median rating counts.'],
    ['Text starting with \'', 'Text that starts with =, +, -, @, a tab or a carriage return is stored with a leading \' so that no spreadsheet runs it as a formula. Import removes exactly that one \'.'],
    ['Import', 'stepwise import xlsx FILE reads every team sheet back into assessment files (assessments/<team>/<date>.yaml). README, Heatmap, Backlog and sheets you add are ignored. Only the values cells show are read; formulas are never used.'],
    ['Do not edit', `The team id (cell B1 of a team sheet), the "${columnHeader('practice')}" column, the labels in column A, the column headers and the layout: import finds the answers through them.`],
    ['Levels', report.model.levels.map((level) => `${level.level}: ${level.name}`).join('\n')],
  ];
}

function columnHeader(key: 'practice'): string {
  return TABLE_COLUMNS.find((column) => column.key === key)?.header ?? key;
}

function evidenceHelp(): string {
  return [
    'One entry per line: a type word, its main value, then optional key=value attributes. Values without spaces are written as they are; others in double quotes, with \\" for a quote, \\\\ for a backslash and \\n for a line break.',
    'note "Checked the deploy pipeline with the team" date=2026-10-02 by=alice',
    'link https://wiki.example/secrets title="Secrets wiki" date=2026-10-02 by=alice',
    'finding has-secret-scan-in-ci file=.github/workflows/ci.yml line=14 message="secret scan runs on every push" date=2026-10-01',
    'note takes date, by; link takes title, date, by; finding takes file (required), line, message, date, by. Dates are YYYY-MM-DD.',
  ].join('\n');
}

function sheetsText(report: ReportModel, teamSheets: boolean): string {
  const overview = 'Heatmap: level per team and domain, with targets. Backlog: the prioritised work items.';
  if (teamSheets) return `${overview} One sheet per team: every practice of the model with its answer.`;
  return `${overview} The ${report.teams.length} teams are too many for a sheet each in one file: export a group or a team to fill in (stepwise export xlsx --group G, or --team T), or force every sheet with --all-team-sheets.`;
}
