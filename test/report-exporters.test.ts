import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportExporters } from '../src/adapters/exporters/report/registry.js';
import { reportContentSecurityPolicy } from '../src/adapters/exporters/report/html/index.js';
import { REPORT_SCRIPT } from '../src/adapters/exporters/report/html/script.js';
import { REPORT_STYLE } from '../src/adapters/exporters/report/html/style.js';
import { readWorkbook } from '../src/adapters/workbook/index.js';
import type { ReportExporter } from '../src/core/ports.js';
import type { ReportModel } from '../src/core/report/report-model.js';
import { buildReport } from '../src/services/report.js';
import { painterFor } from '../src/services/report-output.js';
import { currentStandings, standingOf } from '../src/services/scoring.js';
import type { Workspace } from '../src/services/workspace.js';
import { HOSTILE, demoWorkspace, hostileWorkspace } from './support/workspaces.js';

/** The one suite every report exporter passes (DESIGN.md §2): registered, deterministic, typed, hostile text neutralised. */

const TODAY = '2026-11-27';
const folder = fileURLToPath(new URL('../src/adapters/exporters/report/', import.meta.url));

const EXPECTED: Readonly<Record<string, { mediaType: string; extension: string; binary: boolean }>> = {
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html', binary: false },
  json: { mediaType: 'application/json', extension: 'json', binary: false },
  md: { mediaType: 'text/markdown; charset=utf-8', extension: 'md', binary: false },
  svg: { mediaType: 'image/svg+xml', extension: 'svg', binary: false },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', binary: true },
};

async function reportOf(workspace: Workspace, exporter: ReportExporter): Promise<ReportModel> {
  const report = await buildReport(workspace, { today: TODAY, strategy: 'balanced', toolVersion: '0.0.0-test' }, painterFor(exporter));
  if (!report.ok) throw new Error(report.error.message);
  return report.value;
}

async function render(exporter: ReportExporter, workspace: Workspace): Promise<string | Uint8Array> {
  const output = await exporter.render(await reportOf(workspace, exporter), {});
  if (!output.ok) throw new Error(output.error.message);
  return output.value;
}

/** Every text a workbook holds, cell by cell (values only). */
async function workbookTexts(bytes: Uint8Array): Promise<{ texts: string[]; formulas: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const texts: string[] = [];
  let formulas = 0;
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.formula) formulas += 1;
        if (typeof cell.value === 'string') texts.push(cell.value);
      });
    });
  });
  return { texts, formulas };
}

describe('report exporter registry', () => {
  it('lists html, json, md, svg and xlsx, keyed by their own format', () => {
    expect([...reportExporters.keys()]).toEqual(['html', 'json', 'md', 'svg', 'xlsx']);
    for (const [format, exporter] of reportExporters) expect(exporter.format).toBe(format);
  });

  it('has one folder per format, each with index.ts and readme.md', () => {
    const folders = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual([...reportExporters.keys()]);
    for (const format of folders) expect(['index.ts', 'readme.md'].filter((file) => !existsSync(join(folder, format, file)))).toEqual([]);
  });
});

describe.each([...reportExporters.values()])('report exporter $format', (exporter) => {
  let demo: Workspace;
  let hostile: Workspace;

  beforeAll(async () => {
    demo = (await demoWorkspace(TODAY)).workspace;
    hostile = (await hostileWorkspace()).workspace;
  });

  it('declares its media type, extension and whether it is binary', () => {
    expect({ mediaType: exporter.mediaType, extension: exporter.extension, binary: exporter.binary }).toEqual(EXPECTED[exporter.format]);
    expect(exporter.description.length).toBeGreaterThan(10);
  });

  it('renders the same bytes for the same workspace twice', async () => {
    const first = await render(exporter, demo);
    const second = await render(exporter, demo);
    expect(typeof first).toBe(exporter.binary ? 'object' : 'string');
    if (typeof first === 'string') expect(second).toBe(first);
    else expect(await workbookTexts(second as Uint8Array)).toEqual(await workbookTexts(first));
  });

  it('S3 S4 S5 keeps hostile names, groups, raters and notes inert', async () => {
    const output = await render(exporter, hostile);
    if (typeof output !== 'string') {
      const { texts, formulas } = await workbookTexts(output);
      expect(formulas).toBe(0);
      expect(texts).toContain(`'${HOSTILE.formula}`);
      expect(texts.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([]);
      return;
    }
    if (exporter.format === 'json') {
      const parsed = JSON.parse(output) as { teams: { name: string }[] };
      expect(parsed.teams.map((team) => team.name).sort()).toEqual([HOSTILE.formula, HOSTILE.link, HOSTILE.script].sort());
      return;
    }
    expect(output).not.toContain('<script>alert');
    expect(output).not.toContain('<img');
    expect(output).not.toContain('<svg onload');
    if (exporter.format === 'md') {
      expect(output).not.toContain('](javascript:');
      expect(output).not.toMatch(/(^|[^`])@everyone/);
    }
  });
});

describe('report contents on the demo organisation', () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = (await demoWorkspace(TODAY)).workspace;
  });

  it('the JSON report carries the levels that "score" derives, and deltas against the checkpoint before', async () => {
    const output = await render(reportExporters.get('json')!, workspace);
    const report = JSON.parse(output as string) as { teams: { team: string; previousDate: string | null; domains: { domain: string; level: number | null; previous: number | null; delta: number | null }[] }[] };
    const standings = currentStandings(workspace, TODAY);
    if (!standings.ok) throw new Error(standings.error.message);
    expect(report.teams).toHaveLength(14);
    for (const standing of standings.value) {
      const team = report.teams.find((candidate) => candidate.team === standing.team.id)!;
      expect(team.domains.map((domain) => domain.level)).toEqual(standing.score.domains.map((domain) => domain.level));
      const history = workspace.checkpoints.get(standing.team.id)!;
      const before = history.at(-2)!;
      expect(team.previousDate).toBe(before.date);
      const previous = standingOf(workspace, standing.team, before, before.date).score.domains;
      const expectedDeltas = standing.score.domains.map((domain, index) => (domain.level === null || previous[index]!.level === null ? null : domain.level - previous[index]!.level));
      expect(team.domains.map((domain) => domain.delta)).toEqual(expectedDeltas);
    }
  });

  it('the Markdown heatmap has a row per team and a column per domain', async () => {
    const output = (await render(reportExporters.get('md')!, workspace)) as string;
    const section = output.slice(output.indexOf('## Organisation heatmap'), output.indexOf('## Levels per domain'));
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Team') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(14);
    for (const row of rows) expect(row.split(' | ')).toHaveLength(12);
  });

  it('S5 the HTML report allows only its own style and script, by hash, and loads nothing', async () => {
    const output = (await render(reportExporters.get('html')!, workspace)) as string;
    const policy = reportContentSecurityPolicy(REPORT_STYLE, REPORT_SCRIPT);
    expect(output).toContain(`<meta http-equiv="Content-Security-Policy" content="${policy}"/>`);
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(output.match(/<script/g)).toHaveLength(1);
    expect(output).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(output).toContain(`<script>${REPORT_SCRIPT}</script>`);
    expect(output).toContain(`<style>${REPORT_STYLE}</style>`);
  });

  it('the workbook reads back into the latest checkpoint of every team', async () => {
    const bytes = (await render(reportExporters.get('xlsx')!, workspace)) as Uint8Array;
    const read = await readWorkbook(bytes, { file: 'demo.xlsx', model: workspace.model, defaultDate: TODAY });
    if (!read.ok) throw new Error(read.error.message);
    const latest = [...workspace.checkpoints.values()].map((list) => list.at(-1)!);
    expect(read.value.sort((a, b) => a.team.localeCompare(b.team))).toEqual(latest.sort((a, b) => a.team.localeCompare(b.team)));
  });

  it('the SVG exporter writes a standalone heatmap and asks for a team for team charts', async () => {
    const svg = reportExporters.get('svg')!;
    const heatmap = await svg.render(await reportOf(workspace, svg), { chart: 'heatmap' });
    expect(heatmap.ok && typeof heatmap.value === 'string' && heatmap.value.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const radar = await svg.render(await reportOf(workspace, svg), { chart: 'radar' });
    expect(radar.ok ? '' : radar.error.message).toBe('the radar chart shows one team: add --team');
  });
});
