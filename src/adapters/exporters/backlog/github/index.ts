import type { BacklogItem } from '../../../../core/backlog/backlog.js';
import type { BacklogExportContext, BacklogExporter } from '../../../../core/ports.js';
import { codeSpan, neutraliseMarkdown, neutraliseMarkdownInline, neutralisePlainTitle } from '../markdown-text.js';

/** The body of `POST /repos/{owner}/{repo}/issues`. */
export interface GitHubIssueRequest {
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
}

/** GitHub refuses a title longer than 256 characters and a label longer than 50. */
const TITLE_MAX = 256;
const LABEL_MAX = 50;

/** A JSON array of GitHub "create an issue" request bodies, one per backlog item. */
export const githubBacklogExporter: BacklogExporter = {
  format: 'github',
  mediaType: 'application/json',
  extension: 'json',
  description: 'JSON array of GitHub "create an issue" request bodies {title, body, labels}',
  render: (items, context) => `${JSON.stringify(items.map((item) => githubIssue(item, context)), null, 2)}\n`,
};

/** The request body that creates the issue of one backlog item. */
export function githubIssue(item: BacklogItem, context: BacklogExportContext): GitHubIssueRequest {
  return { title: githubTitle(item.title), body: githubBody(item, context), labels: githubLabels(item) };
}

/** The title, neutralised, within GitHub's limit; cut before neutralising so no code span is cut open. */
export function githubTitle(title: string): string {
  const chars = Array.from(title.replace(/\s+/g, ' ').trim());
  let keep = Math.min(chars.length, TITLE_MAX);
  let candidate = neutralisePlainTitle(shortened(chars, keep));
  while (Array.from(candidate).length > TITLE_MAX && keep > 0) {
    keep -= 1;
    candidate = neutralisePlainTitle(shortened(chars, keep));
  }
  return candidate;
}

function shortened(chars: readonly string[], keep: number): string {
  return keep >= chars.length ? chars.join('') : `${chars.slice(0, keep).join('')}…`;
}

/** stepwise, priority, domain, team, level-N, source. */
export function githubLabels(item: BacklogItem): string[] {
  const labels = ['stepwise', item.priority, item.domain, item.team, `level-${item.level}`, item.source];
  return labels.map((label) => Array.from(label.replace(/\s+/g, ' ').trim()).slice(0, LABEL_MAX).join('')).filter((label) => label !== '');
}

/** The description, acceptance criteria as a task list, and a footer with the key and dependencies. */
export function githubBody(item: BacklogItem, context: BacklogExportContext): string {
  const sections = [neutraliseMarkdown(item.description), acceptanceSection(item.acceptance), '---', ...footer(item, context)];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function acceptanceSection(acceptance: readonly string[]): string {
  if (acceptance.length === 0) return '';
  return ['### Acceptance criteria', '', ...acceptance.map((criterion) => `- [ ] ${neutraliseMarkdownInline(criterion)}`)].join('\n');
}

function footer(item: BacklogItem, context: BacklogExportContext): string[] {
  const team = neutraliseMarkdownInline(context.teamNames.get(item.team) ?? item.team);
  const domain = neutraliseMarkdownInline(context.domainNames.get(item.domain) ?? item.domain);
  const lines = [
    `Stepwise key ${codeSpan(item.key)} · team ${team} · domain ${domain} · level ${item.level} · priority ${item.priority} (score ${item.score}) · effort ${item.effort} · source ${item.source}`,
  ];
  if (item.dependsOn.length > 0) lines.push(`Depends on: ${item.dependsOn.map(codeSpan).join(', ')}`);
  return lines;
}
