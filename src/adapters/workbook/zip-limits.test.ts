import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatDomainError } from '../../core/errors.js';
import { readWorkbook } from './read-workbook.js';
import { checkSheetRows, countRowsUpTo, worksheetNames } from './sheet-rows.js';
import { buildZip, builtinModel, minimalXlsx, sheetXmlWithRows } from './test-items.js';
import { checkWorkbookZip, readZipDirectory } from './zip-limits.js';

const MIB = 1024 * 1024;
const model = builtinModel();
const context = { file: 'upload.xlsx', model, defaultDate: '2026-12-01' };

async function refusal(bytes: Uint8Array): Promise<{ code: string; line: string }> {
  const result = await readWorkbook(bytes, context);
  if (result.ok) throw new Error('expected the workbook to be refused');
  return { code: result.error.code, line: formatDomainError(result.error) };
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('S2 archive limits, checked before exceljs parses anything', () => {
  it.each([
    { what: 'a PNG', bytes: PNG },
    { what: 'plain text', bytes: new TextEncoder().encode('team,status\npayments,implemented\n') },
    { what: 'an empty file', bytes: new Uint8Array() },
  ])('S2 refuses $what renamed .xlsx as "not an XLSX workbook"', async ({ bytes }) => {
    expect(await refusal(bytes)).toEqual({ code: 'invalid-input', line: 'upload.xlsx: not an XLSX workbook' });
  });

  it('S2 explains an old .xls or encrypted workbook', async () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await refusal(ole)).line).toMatch(/^upload\.xlsx: not an XLSX workbook \(it looks like an old \.xls file or a password-encrypted workbook/);
  });

  it('S2 refuses a zip that holds no spreadsheet', async () => {
    const zip = buildZip([{ name: 'hello.txt', data: 'hi' }]);
    expect(await refusal(zip)).toEqual({ code: 'invalid-input', line: 'upload.xlsx: not an XLSX workbook (the zip archive holds no readable spreadsheet)' });
  });

  it('S2 refuses a truncated archive', async () => {
    const zip = minimalXlsx([{ name: 'Payments', xml: sheetXmlWithRows(3) }]);
    expect((await refusal(zip.subarray(0, zip.length - 10))).line).toBe('upload.xlsx: not an XLSX workbook: its zip directory is missing or damaged (a truncated file?)');
  });

  it('S2 refuses a zip bomb whose directory declares a huge uncompressed size', async () => {
    const bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: 'x'.repeat(10_000), declaredSize: 300 * MIB }]);
    const { code, line } = await refusal(bomb);
    expect(code).toBe('too-large');
    expect(line).toMatch(/^upload\.xlsx: zip entry "xl\/worksheets\/sheet1\.xml" would inflate \d+ times \(to 300 MiB\); refused as a possible zip bomb$/);
  });

  it('S2 refuses an entry that inflates beyond the size it declares (a lying directory)', async () => {
    const liar = buildZip([{ name: 'xl/sharedStrings.xml', data: new Uint8Array(8 * MIB), declaredSize: 4096 }]);
    expect(await refusal(liar)).toEqual({ code: 'too-large', line: 'upload.xlsx: zip entry "xl/sharedStrings.xml" inflates beyond the size it declares; refused as a possible zip bomb' });
  });

  it('S2 refuses an honest entry with a compression ratio above 200', async () => {
    const zeros = buildZip([{ name: 'xl/sharedStrings.xml', data: new Uint8Array(4 * MIB) }]);
    expect((await refusal(zeros)).line).toMatch(/zip entry "xl\/sharedStrings\.xml" would inflate \d+ times \(to 4 MiB\); refused as a possible zip bomb/);
  });

  it('S2 refuses a total declared uncompressed size above 200 MiB even when each ratio looks normal', async () => {
    const noise = randomBytes(640 * 1024);
    const zip = buildZip([
      { name: 'a.bin', data: noise, declaredSize: 101 * MIB },
      { name: 'b.bin', data: noise, declaredSize: 101 * MIB },
    ]);
    expect(await refusal(zip)).toEqual({ code: 'too-large', line: 'upload.xlsx: the workbook would inflate to more than 200 MiB; refused as a possible zip bomb' });
  });

  it('S2 refuses an archive that declares 20,001 entries', async () => {
    const zip = buildZip([{ name: 'a.txt', data: 'a' }], { declaredEntries: 20_001 });
    expect(await refusal(zip)).toEqual({ code: 'too-large', line: "upload.xlsx: the workbook's zip archive declares 20001 entries; at most 10000 are accepted" });
  });

  it('S2 refuses a file over 20 MiB before reading its directory', async () => {
    const big = new Uint8Array(20 * MIB + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await refusal(big)).toEqual({ code: 'too-large', line: 'upload.xlsx: the workbook is 20,971,521 bytes; at most 20 MiB is accepted' });
  });

  it.each([
    { name: '../evil.xml', reason: 'has an absolute or parent-directory path' },
    { name: 'xl/../../evil.xml', reason: 'has an absolute or parent-directory path' },
    { name: '/etc/passwd', reason: 'has an absolute or parent-directory path' },
    { name: 'C:\\evil.xml', reason: 'has an absolute or parent-directory path' },
    { name: 'xl\\..\\evil.xml', reason: 'has an absolute or parent-directory path' },
  ])('S2 refuses the entry path $name', async ({ name, reason }) => {
    const zip = buildZip([{ name, data: 'x' }]);
    expect((await refusal(zip)).line).toBe(`upload.xlsx: zip entry ${JSON.stringify(name)} ${reason}; refused`);
  });

  it('S2 refuses ZIP64 markers and duplicate entries', async () => {
    const zip64 = buildZip([{ name: 'a.xml', data: 'x', declaredSize: 0xffffffff }]);
    expect((await refusal(zip64)).line).toBe('upload.xlsx: zip entry "a.xml" uses ZIP64, which is not accepted');
    const twice = buildZip([{ name: 'a.xml', data: 'x' }, { name: 'a.xml', data: 'y' }]);
    expect((await refusal(twice)).line).toBe('upload.xlsx: zip entry "a.xml" appears twice; refused');
  });

  it('S2 refuses a 100k-row sheet by name, before exceljs builds its rows', async () => {
    const zip = minimalXlsx([{ name: 'Payments &amp; Co', xml: sheetXmlWithRows(100_000) }]);
    expect(await refusal(zip)).toEqual({ code: 'too-large', line: 'upload.xlsx: sheet "Payments & Co" has more than 20,000 rows; a team sheet holds one row per practice' });
  });

  it('S2 lets a long Backlog sheet through the row cap (it is read by nobody) but not a team sheet of the same size', () => {
    const zip = minimalXlsx([{ name: 'Backlog', xml: sheetXmlWithRows(20_001) }, { name: 'Team', xml: sheetXmlWithRows(20_000) }]);
    const parts = checkWorkbookZip(zip, 'a.xlsx');
    expect(parts.ok).toBe(true);
    if (!parts.ok) return;
    expect(worksheetNames(parts.value)).toEqual(new Map([['xl/worksheets/sheet1.xml', 'Backlog'], ['xl/worksheets/sheet2.xml', 'Team']]));
    expect(checkSheetRows(parts.value, ['README', 'Heatmap', 'Backlog'], 'a.xlsx')).toEqual({ ok: true, value: null });
    expect(checkSheetRows(parts.value, [], 'a.xlsx').ok).toBe(false);
  });

  it('counts prefixed and empty row elements but not rowBreaks', () => {
    const xml = Buffer.from('<x:sheetData><x:row r="1"/><row r="2"></row><rowBreaks count="1"/><row\nr="3"/></x:sheetData>');
    expect(countRowsUpTo(xml, 100)).toBe(3);
    expect(countRowsUpTo(xml, 2)).toBe(2);
  });

  it('reads the directory of a real workbook', () => {
    const zip = minimalXlsx([{ name: 'Payments', xml: sheetXmlWithRows(2) }]);
    const entries = readZipDirectory(zip, 'a.xlsx');
    expect(entries.ok && entries.value.map((entry) => entry.name)).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml',
    ]);
  });
});
