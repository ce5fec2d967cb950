import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stepwise, tempDir } from './support/cli.js';

const TODAY = '2026-11-27';

describe('stepwise report, export and import on the demo workspace', () => {
  let dir: string;

  beforeAll(async () => {
    dir = join(tempDir('stepwise-report-cli-'), 'demo');
    const demo = await stepwise(['demo', '--dir', dir], { cwd: tempDir(), today: TODAY });
    expect(demo.code).toBe(0);
  }, 60_000);

  const run = (args: readonly string[]) => stepwise(args, { cwd: dir, today: TODAY });

  it('the demo writes the HTML and Markdown reports, the workbook, the heatmap and the backlog, and names them', async () => {
    for (const file of ['report.html', 'report.md', 'workbook.xlsx', 'heatmap.svg', 'backlog.csv']) expect(existsSync(join(dir, file))).toBe(true);
    const again = await stepwise(['demo', '--dir', dir], { cwd: tempDir(), today: TODAY });
    expect(again.stdout).toMatch(/Reports written:\n.*report\.html\n.*report\.md\n.*workbook\.xlsx\n.*heatmap\.svg\n.*backlog\.csv\n/);
  });

  it('prints a Markdown report to standard output', async () => {
    const result = await run(['report', '--format', 'md']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('# DevSecOps maturity: Northwind Payments\n')).toBe(true);
  });

  it('narrows the report to a group', async () => {
    const result = await run(['report', '--format', 'json', '--group', 'Retail']);
    const report = JSON.parse(result.stdout) as { teams: { group: string }[] };
    expect(report.teams.length).toBeGreaterThan(0);
    expect(new Set(report.teams.map((team) => team.group))).toEqual(new Set(['Retail']));
  });

  it('reports on the checkpoint files given, each team with the files given as its history', async () => {
    const files = readdirSync(join(dir, 'assessments', 'payments')).sort();
    const result = await run(['report', '--format', 'json', `assessments/payments/${files[0]!}`, `assessments/payments/${files[1]!}`]);
    const report = JSON.parse(result.stdout) as { teams: { team: string; date: string; previousDate: string; history: unknown[] }[] };
    expect(report.teams.map((team) => [team.team, team.date, team.previousDate, team.history.length])).toEqual([['payments', files[1]!.slice(0, 10), files[0]!.slice(0, 10), 2]]);
  });

  it('writes one chart as a standalone SVG file', async () => {
    const result = await run(['report', '--format', 'svg', '--chart', 'radar', '--team', 'payments', '--out', 'payments.svg']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('wrote payments.svg\n');
    expect(readFileSync(join(dir, 'payments.svg'), 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('orders the heatmap rows by name or by mean level when asked', async () => {
    const rowsOf = (svg: string) => [...svg.matchAll(/<g class="hm-row" data-team="([^"]+)"/g)].map((match) => match[1]);
    const byName = await run(['report', '--format', 'svg', '--order', 'name']);
    const names = rowsOf(byName.stdout);
    expect(names).toHaveLength(14);
    expect(byName.stdout).not.toContain('class="hm-group"');
    const report = JSON.parse((await run(['report', '--format', 'json'])).stdout) as { teams: { team: string; name: string; domains: { level: number | null; basis: string }[] }[] };
    const nameOf = new Map(report.teams.map((team) => [team.team, team.name]));
    expect(names.map((id) => nameOf.get(id!)!)).toEqual([...nameOf.values()].sort((a, b) => a.localeCompare(b)));
    const byLevel = rowsOf((await run(['report', '--format', 'svg', '--order', 'level'])).stdout);
    const mean = new Map(report.teams.map((team) => {
      const levels = team.domains.filter((domain) => domain.basis !== 'unassessed' && domain.level !== null).map((domain) => domain.level!);
      return [team.team, levels.reduce((sum, level) => sum + level, 0) / levels.length];
    }));
    const means = byLevel.map((id) => mean.get(id!)!);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    const html = (await run(['report', '--order', 'level'])).stdout;
    expect(html).toContain('<option value="level" selected>');
  });

  it.each([
    { args: ['report', '--format', 'svg', '--chart', 'trend'], message: 'stepwise: the trend chart shows one team: add --team\n' },
    { args: ['report', '--format', 'xlsx'], message: 'stepwise: the xlsx report is a binary file: name it with --out FILE\n' },
    { args: ['report', '--date', '27/11/2026'], message: 'stepwise: --date must be a date written YYYY-MM-DD, not "27/11/2026"\n' },
    { args: ['report', '--group', 'Nowhere'], message: 'stepwise: no team of group "Nowhere" (groups: Data, Mobile, Platform, Retail)\n' },
    { args: ['report', '--team', 'nobody'], message: 'stepwise: no team "nobody" in stepwise.yaml (teams: checkout, payments, storefront, loyalty, platform-core, identity, observability, build-tools, data-lake, analytics, ml-platform, ios-app, android-app, mobile-api)\n' },
  ])('refuses $args with exit code 2 and one line', async ({ args, message }) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual(message);
    expect(result.stdout).toBe('');
  });

  it('S6 refuses a file that is not a workbook and writes nothing', async () => {
    writeFileSync(join(dir, 'fake.xlsx'), 'team,status\npayments,implemented\n');
    const before = readdirSync(join(dir, 'assessments', 'payments'));
    const result = await run(['import', 'xlsx', 'fake.xlsx']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stepwise: fake\.xlsx.*not an XLSX workbook/);
    expect(readdirSync(join(dir, 'assessments', 'payments'))).toEqual(before);
  });

  it('S6 export then import of the whole workbook changes nothing, twice', async () => {
    expect((await run(['export', 'xlsx', '--out', 'all.xlsx'])).code).toBe(0);
    const first = await run(['import', 'xlsx', 'all.xlsx']);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toContain('wrote');
    expect(first.stdout.match(/^unchanged /gm)).toHaveLength(14);
  });

  it('a blank workbook for one team, filled in as a person would, imports as a new checkpoint dated --date', async () => {
    expect((await run(['export', 'xlsx', '--team', 'payments', '--blank', '--out', 'blank.xlsx'])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'blank.xlsx'));
    const sheet = workbook.worksheets.find((candidate) => candidate.getCell('A1').value === 'Team id')!;
    expect(sheet.getCell('B1').value).toBe('payments');
    const rowOf = (practice: string) => sheet.getColumn(3).values.findIndex((value) => value === practice);
    sheet.getCell(rowOf('secrets.no-hardcoded'), 6).value = 'implemented';
    sheet.getCell(rowOf('secrets.central-vault'), 6).value = 'partial';
    sheet.getCell(rowOf('secrets.central-vault'), 7).value = 'Vault for new services only';
    await workbook.xlsx.writeFile(join(dir, 'filled.xlsx'));
    const result = await run(['import', 'xlsx', 'filled.xlsx', '--date', '2026-12-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote assessments/payments/2026-12-01.yaml');
    const written = readFileSync(join(dir, 'assessments', 'payments', '2026-12-01.yaml'), 'utf8');
    expect(written).toBe(
      'team: payments\ndate: 2026-12-01\nmodel: stepwise@1\nanswers:\n  secrets.no-hardcoded:\n    status: implemented\n  secrets.central-vault:\n    status: partial\n    justification: Vault for new services only\n',
    );
    const again = await run(['import', 'xlsx', 'filled.xlsx', '--date', '2026-12-01']);
    expect(again.stdout).toContain('unchanged assessments/payments/2026-12-01.yaml');
  });
});

const DSOMM_PROGRESS = fileURLToPath(new URL('../../shared/reference/dsomm/team-progress.sample-6368fc22.yaml', import.meta.url));
const dsommSkip = existsSync(DSOMM_PROGRESS) ? null : `DSOMM reference files absent (${DSOMM_PROGRESS}): DSOMM CLI tests skipped`;
if (dsommSkip !== null) console.warn(dsommSkip);

describe.skipIf(dsommSkip !== null)('stepwise import dsomm and export dsomm', () => {
  it('imports the real sample progress into a new workspace, adding its teams, then exports it back', async () => {
    const dir = tempDir('stepwise-dsomm-cli-');
    expect((await stepwise(['init', '--dir', dir, '--organisation', 'Acme'], { cwd: dir, today: TODAY })).code).toBe(0);
    const imported = await stepwise(['import', 'dsomm', '--progress', DSOMM_PROGRESS, '--create-teams'], { cwd: dir, today: TODAY });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('teams added to stepwise.yaml: team-a, team-b, team-d, team-c');
    expect(readdirSync(join(dir, 'assessments')).sort()).toEqual(['.gitkeep', 'team-a', 'team-b', 'team-c', 'team-d']);
    const checkpoints = ['team-a', 'team-b', 'team-c', 'team-d'].map((team) => readdirSync(join(dir, 'assessments', team)).length);
    expect(checkpoints).toEqual([6, 10, 12, 10]);
    const again = await stepwise(['import', 'dsomm', '--progress', DSOMM_PROGRESS, '--create-teams'], { cwd: dir, today: TODAY });
    expect(again.stdout).not.toContain('wrote');
    const exported = await stepwise(['export', 'dsomm'], { cwd: dir, today: TODAY });
    expect(exported.code).toBe(0);
    expect(exported.stdout.startsWith('progress:\n')).toBe(true);
    expect(exported.stdout).toContain("'Team A':");
  });
});
