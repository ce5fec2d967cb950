import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BacklogExportContext } from '../../../core/ports.js';
import { backlogExporters, backlogFormats } from './registry.js';
import { HOSTILE_TEXTS, hostileBacklog, liveJiraText, liveMarkdownText, parseCsv, testContext, testItems } from './test-items.js';

/** The one suite every backlog exporter passes (DESIGN.md §2): registered, deterministic, typed, hostile text neutralised. */

const exporters = [...backlogExporters.values()];
const folder = fileURLToPath(new URL('.', import.meta.url));

const EXPECTED_TYPES: Readonly<Record<string, { mediaType: string; extension: string }>> = {
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
  github: { mediaType: 'application/json', extension: 'json' },
  jira: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
  json: { mediaType: 'application/json', extension: 'json' },
  md: { mediaType: 'text/markdown; charset=utf-8', extension: 'md' },
};

function copyContext(context: BacklogExportContext): BacklogExportContext {
  return { organisation: context.organisation, teamNames: new Map(context.teamNames), domainNames: new Map(context.domainNames) };
}

function render(format: string, items = testItems, context = testContext): string {
  const exporter = backlogExporters.get(format);
  if (exporter === undefined) throw new Error(`no exporter for ${format}`);
  return exporter.render(items, context);
}

describe('backlog exporter registry', () => {
  it('lists the formats once each, sorted, keyed by their own format', () => {
    const formats = backlogFormats();
    expect(formats).toEqual([...formats].sort());
    expect(formats).toEqual(['csv', 'github', 'jira', 'json', 'md']);
    expect(exporters.map((exporter) => exporter.format)).toEqual(formats);
  });

  it('has one folder per registered format, each with index.ts, index.test.ts and readme.md', () => {
    const folders = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(backlogFormats());
    for (const format of folders) {
      expect(['index.ts', 'index.test.ts', 'readme.md'].filter((file) => !existsSync(join(folder, format, file)))).toEqual([]);
    }
  });
});

describe.each(exporters)('backlog exporter $format', (exporter) => {
  it('renders the same bytes for the same input, twice and from copies', () => {
    const first = exporter.render(testItems, testContext);
    expect(exporter.render(testItems, testContext)).toBe(first);
    expect(exporter.render(structuredClone(testItems), copyContext(testContext))).toBe(first);
  });

  it('declares its media type, extension and description', () => {
    expect({ mediaType: exporter.mediaType, extension: exporter.extension }).toEqual(EXPECTED_TYPES[exporter.format]);
    expect(exporter.description.length).toBeGreaterThan(10);
  });

  it('ends with a newline and renders an empty backlog', () => {
    expect(exporter.render(testItems, testContext).endsWith('\n')).toBe(true);
    expect(exporter.render([], testContext).endsWith('\n')).toBe(true);
  });
});

const hostile = hostileBacklog();
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const LIVE_MARKDOWN = /(^|[^A-Za-z0-9])@[A-Za-z0-9]|#\d|GH-\d|\]\(|<|\[(x|y|i)\]/i;

function expectNoFormulaCells(csv: string): void {
  const [, ...rows] = parseCsv(csv);
  expect(rows).toHaveLength(HOSTILE_TEXTS.length);
  const cells = rows.flat();
  expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
  expect(cells.filter((cell) => cell.startsWith("'")).length).toBeGreaterThanOrEqual(HOSTILE_TEXTS.filter((text) => FORMULA_START.test(text)).length);
}

function expectInertJiraWiki(csv: string): void {
  const [header, ...rows] = parseCsv(csv);
  const descriptions = rows.map((row) => row[header!.indexOf('Description')]!);
  for (const description of descriptions) {
    const live = liveJiraText(description.replace(/^'/, ''));
    expect(live).not.toMatch(/[{}[\]|!~^+_]|\\\\/);
    expect(live.replace(/^\* /gm, '')).not.toContain('*');
    expect(live.split('\n').filter((line) => /^\s*[-#]/.test(line))).toEqual(['----']);
  }
}

function expectInertMarkdown(markdown: string): void {
  expect(markdown).not.toContain('<');
  expect(markdown).not.toContain('](');
  expect(liveMarkdownText(markdown)).not.toMatch(LIVE_MARKDOWN);
}

function expectInertMarkdownDocument(markdown: string): void {
  expectInertMarkdown(markdown);
  expect(markdown.split('\n').filter((line) => line.startsWith('## '))).toHaveLength(HOSTILE_TEXTS.length);
}

function expectInertGitHubIssues(json: string): void {
  const issues = JSON.parse(json) as { title: string; body: string; labels: string[] }[];
  expect(issues).toHaveLength(HOSTILE_TEXTS.length);
  for (const issue of issues) {
    expect(issue.title).not.toContain('<');
    expect(liveMarkdownText(issue.title)).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9]|#\d|GH-\d/i);
    expectInertMarkdown(issue.body);
    expect(issue.labels.every((label) => label.length <= 50)).toBe(true);
  }
}

function expectExactJsonData(json: string): void {
  const items = JSON.parse(json) as { title: string; description: string; acceptance: string[] }[];
  expect(items.map((item) => item.title)).toEqual(HOSTILE_TEXTS);
  expect(items.map((item) => item.description)).toEqual(hostile.items.map((item) => item.description));
  expect(items.map((item) => item.acceptance)).toEqual(hostile.items.map((item) => item.acceptance));
}

const HOSTILE_CHECKS: readonly { readonly name: string; readonly format: string; readonly check: (output: string) => void }[] = [
  { name: 'S3 csv neutralises formulas in every text cell', format: 'csv', check: expectNoFormulaCells },
  { name: 'S3 jira neutralises formulas in every cell', format: 'jira', check: expectNoFormulaCells },
  { name: 'S4 jira neutralises wiki markup: no macro, link, mention, image or table from user text', format: 'jira', check: expectInertJiraWiki },
  { name: 'S4 github neutralises markup: no HTML, mention, reference or javascript: link in titles and bodies', format: 'github', check: expectInertGitHubIssues },
  { name: 'S4 md neutralises markup: no HTML, mention, reference or javascript: link', format: 'md', check: expectInertMarkdownDocument },
  { name: 'S4 json carries hostile text as exact data, never as structure', format: 'json', check: expectExactJsonData },
];

describe('hostile text (SECURITY.md S3, S4)', () => {
  it('has a hostile-text check for every registered format', () => {
    expect([...new Set(HOSTILE_CHECKS.map((entry) => entry.format))].sort()).toEqual(backlogFormats());
  });

  it.each(HOSTILE_CHECKS.map((entry) => [entry.name, entry] as const))('%s', (_name, { format, check }) => {
    check(render(format, hostile.items, hostile.context));
  });
});
