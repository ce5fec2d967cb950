import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeForXml, neutraliseText, readCellText, restoreText } from './cell-text.js';

describe('S3 cell text neutralising', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@x', "'@x"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['＝1+1', "'＝1+1"],
    ['＠SUM', "'＠SUM"],
    ["'quoted", "''quoted"],
    ['a=1', 'a=1'],
    ['', ''],
    ['<script>', '<script>'],
  ])('S3 writes %j as %j and reads it back', (text, stored) => {
    expect(neutraliseText(text)).toBe(stored);
    expect(restoreText(stored)).toBe(text);
  });

  it('leaves a quote that is not followed by a trigger alone when reading (as typed by a person)', () => {
    expect(restoreText("'hello")).toBe("'hello");
  });

  it('S3 round-trips any text exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (text) => restoreText(neutraliseText(text)) === text), { numRuns: 300 });
  });
});

describe('XML transport escaping', () => {
  it.each([
    ['a\u0001b', 'a_x0001_b'],
    ['cr\rhere', 'cr_x000D_here'],
    ['del\u007F', 'del_x007F_'],
    ['lone\uD800x', 'lone_xD800_x'],
    ['_x0041_', '_x005F_x0041_'],
    ['_x00ab_', '_x005F_x00ab_'],
    ['tab\tand\nnewline stay', 'tab\tand\nnewline stay'],
    ['pair 🎉 stays', 'pair 🎉 stays'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeForXml(text)).toBe(escaped);
  });
});

describe('reading cell values (S2: values only)', () => {
  it.each([
    { value: null, text: '' },
    { value: 'plain', text: 'plain' },
    { value: "'=1+1", text: '=1+1' },
    { value: 42, text: '42' },
    { value: true, text: 'true' },
    { value: new Date(Date.UTC(2026, 10, 20)), text: '2026-11-20' },
    { value: { richText: [{ text: 'part' }, { text: 'ial' }] }, text: 'partial' },
    { value: { text: 'implemented', hyperlink: 'https://evil.example' }, text: 'implemented' },
    { value: { formula: 'HYPERLINK("https://evil.example","implemented")' }, text: '' },
    { value: { formula: 'A1', result: 'partial' }, text: 'partial' },
    { value: { formula: 'A1', result: { error: '#REF!' as const } }, text: '' },
    { value: { sharedFormula: 'A1', result: 7 }, text: '7' },
    { value: { error: '#N/A' as const }, text: '' },
  ])('reads $value as $text', ({ value, text }) => {
    expect(readCellText(value)).toBe(text);
  });
});
