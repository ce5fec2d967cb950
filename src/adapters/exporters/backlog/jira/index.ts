import { stringify } from 'csv-stringify/sync';
import type { BacklogItem } from '../../../../core/backlog/backlog.js';
import type { PriorityLabel } from '../../../../core/backlog/priority.js';
import type { BacklogExportContext, BacklogExporter } from '../../../../core/ports.js';
import { CSV_OPTIONS } from '../csv/index.js';

/** Jira maps repeated `Labels` columns to several labels of one issue. */
export const JIRA_COLUMNS = ['Summary', 'Description', 'Priority', 'Labels', 'Labels', 'Labels', 'Labels', 'Labels', 'Issue Type'] as const;

/** Jira's default priority scheme. */
export const JIRA_PRIORITY: Readonly<Record<PriorityLabel, string>> = { P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' };

/** Jira rejects a summary longer than 255 characters. */
const SUMMARY_MAX = 255;

/** CSV for Jira's CSV importer: one Task per backlog item, its description in Jira wiki markup. */
export const jiraBacklogExporter: BacklogExporter = {
  format: 'jira',
  mediaType: 'text/csv; charset=utf-8',
  extension: 'csv',
  description: 'CSV for the Jira CSV importer: Summary, Description (wiki markup), Priority, Labels, Issue Type',
  render: renderJiraCsv,
};

function renderJiraCsv(items: readonly BacklogItem[], context: BacklogExportContext): string {
  return stringify([[...JIRA_COLUMNS], ...items.map((item) => jiraRow(item, context))], CSV_OPTIONS);
}

function jiraRow(item: BacklogItem, context: BacklogExportContext): string[] {
  return [jiraSummary(item.title), jiraDescription(item, context), JIRA_PRIORITY[item.priority], ...jiraLabels(item), 'Task'];
}

/** Jira shows a summary as plain text: one line, at most 255 UTF-16 units (Java's count, the `'` of S3 included). */
export function jiraSummary(title: string): string {
  const flat = normaliseJiraText(title).replace(/\s+/g, ' ').trim();
  const limit = /^[=+\-@＝＋－＠]/.test(flat) ? SUMMARY_MAX - 1 : SUMMARY_MAX;
  return truncateUtf16(flat, limit);
}

function truncateUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept}…`;
}

/** stepwise, domain, team, level-N, source: space-free tokens that cannot start a formula. */
export function jiraLabels(item: BacklogItem): string[] {
  return ['stepwise', item.domain, item.team, `level-${item.level}`, item.source].map(labelToken);
}

function labelToken(text: string): string {
  const token = text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-._]+|[-._]+$/g, '');
  return token === '' ? 'none' : token;
}

/** The description, acceptance criteria as bullets, and where the item comes from, in Jira wiki markup. */
export function jiraDescription(item: BacklogItem, context: BacklogExportContext): string {
  const sections = [
    escapeJiraText(item.description),
    acceptanceSection(item.acceptance),
    provenanceSection(item, context),
  ];
  return sections.filter((section) => section !== '').join('\n\n');
}

function acceptanceSection(acceptance: readonly string[]): string {
  if (acceptance.length === 0) return '';
  return ['h3. Acceptance criteria', ...acceptance.map((criterion) => `* ${escapeJiraLine(criterion)}`)].join('\n');
}

function provenanceSection(item: BacklogItem, context: BacklogExportContext): string {
  const team = context.teamNames.get(item.team) ?? item.team;
  const domain = context.domainNames.get(item.domain) ?? item.domain;
  const lines = [
    '----',
    `Stepwise key: ${escapeJiraLine(item.key)}`,
    `Team: ${escapeJiraLine(team)}; domain: ${escapeJiraLine(domain)}; level ${item.level}; priority ${item.priority} (score ${item.score}); effort ${item.effort}; source ${item.source}`,
  ];
  if (item.dependsOn.length > 0) lines.push(`Depends on: ${item.dependsOn.map(escapeJiraLine).join(', ')}`);
  return lines.join('\n');
}

/**
 * S4: user text as inert Jira wiki markup. Every character that opens a macro, link, mention, image,
 * table or text effect is backslash-escaped (`{ } [ ] | ! * _ ^ ~ +`), and so are `-` and `#` at the
 * start of a line (lists, rules); a backslash becomes `∖` (U+2216) because Jira reads `\\` as a line
 * break, which would free the character our escape protects.
 */
export function escapeJiraText(text: string): string {
  return normaliseJiraText(text).split('\n').map(escapeJiraMarkup).join('\n');
}

/** As escapeJiraText, on one line (a bullet, a key). */
export function escapeJiraLine(text: string): string {
  return escapeJiraMarkup(normaliseJiraText(text).replace(/\s+/g, ' ').trim());
}

function escapeJiraMarkup(line: string): string {
  return line
    .replaceAll('\\', '∖')
    .replace(/[{}[\]|!*_^~+]/g, '\\$&')
    .replace(/^(\s*)([-#])/, '$1\\$2');
}

function normaliseJiraText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}
