import { describe, expect, it } from 'vitest';
import { findingItem, gapItem, parseCsv, partialGapItem, testContext, testItems } from '../test-items.js';
import { CSV_COLUMNS, csvBacklogExporter } from './index.js';

function rows(items = testItems, context = testContext): string[][] {
  return parseCsv(csvBacklogExporter.render(items, context));
}

describe('csv backlog exporter', () => {
  it('writes the header row and one row per item, in order', () => {
    const [header, ...body] = rows();
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(body.map((row) => row[0])).toEqual([findingItem.key, gapItem.key, partialGapItem.key]);
  });

  it.each([
    {
      item: gapItem,
      cells: [
        'payments:secrets.central-vault', 'payments', 'Payments', 'secrets', 'Secrets management', '2', 'secrets.central-vault',
        'Move application secrets into a central vault', 'P2', '3.75', 'M', 'open', 'gap',
        'payments:secrets.inventory payments:access-control.sso',
        'Every service reads its secrets from the vault.\nNo secret is stored in CI variables or config files.',
        'I-SD-A', '8.24 5.17', 'PS.1.1', 'a3d1c8f0-5c41-4e3e-9a3b-2b1f4c7d9e10',
      ],
    },
    {
      item: findingItem,
      cells: [
        'payments:finding:has-no-committed-secrets:config/app_settings.yml:14', 'payments', 'Payments', 'secrets', 'Secrets management', '1',
        'secrets.no-secrets-in-code', 'Fix has-no-committed-secrets finding in config/app_settings.yml:14', 'P1', '10', 'S', 'open', 'finding', '',
        'The repository scan no longer reports this finding.\nThe cause is fixed on the default branch, not suppressed or ignored.',
        '', '', '', '',
      ],
    },
  ])('writes every column of $item.key', ({ item, cells }) => {
    expect(rows([item])[1]).toEqual(cells);
  });

  it('falls back to ids when the context has no display name, and to an empty practice', () => {
    const row = rows([{ ...findingItem, team: 'unknown-team', practice: null }], testContext)[1]!;
    expect([row[1], row[2], row[6]]).toEqual(['unknown-team', 'unknown-team', '']);
  });

  it('uses CRLF between records and ends with one', () => {
    const text = csvBacklogExporter.render([gapItem], testContext);
    expect(text.startsWith('key,team,team name,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(3);
  });

  it('writes only the header for an empty backlog', () => {
    expect(rows([])).toEqual([[...CSV_COLUMNS]]);
  });

  it.each([
    { title: '=HYPERLINK("http://x")', cell: `'=HYPERLINK("http://x")` },
    { title: '+1', cell: "'+1" },
    { title: '-2+3', cell: "'-2+3" },
    { title: '@SUM(A1)', cell: "'@SUM(A1)" },
    { title: '\tcmd', cell: "'\tcmd" },
    { title: '\rcmd', cell: "'\rcmd" },
    { title: '＝1+1', cell: "'＝1+1" },
    { title: 'a=1', cell: 'a=1' },
    { title: "'quoted", cell: "'quoted" },
  ])('S3 csv writes the title $title as inert text', ({ title, cell }) => {
    expect(rows([{ ...gapItem, title }])[1]![7]).toBe(cell);
  });

  it('S3 csv neutralises formulas in names, acceptance and mappings but leaves numbers as numbers', () => {
    const context = { ...testContext, teamNames: new Map([['payments', '@team']]), domainNames: new Map([['secrets', '-dom']]) };
    const item = { ...gapItem, acceptance: ['=1+1', 'ok'], mappings: { ...gapItem.mappings, samm: ['+A'] }, score: 0.5, level: 0 };
    const row = rows([item], context)[1]!;
    expect([row[2], row[4], row[14], row[15]]).toEqual(["'@team", "'-dom", "'=1+1\nok", "'+A"]);
    expect([row[5], row[9]]).toEqual(['0', '0.5']);
  });
});
