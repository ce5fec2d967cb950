import type { BacklogItem } from '../../../../core/backlog/backlog.js';
import type { BacklogExportContext, BacklogExporter } from '../../../../core/ports.js';
import { codeSpan, neutraliseMarkdown, neutraliseMarkdownInline } from '../markdown-text.js';

/** A Markdown document for a wiki page or a pull-request comment: an overview table, then one section per item. */
export const markdownBacklogExporter: BacklogExporter = {
  format: 'md',
  mediaType: 'text/markdown; charset=utf-8',
  extension: 'md',
  description: 'Markdown document for a wiki page or a pull-request comment',
  render: renderBacklogMarkdown,
};

function renderBacklogMarkdown(items: readonly BacklogItem[], context: BacklogExportContext): string {
  const heading = `# Backlog: ${neutraliseMarkdownInline(context.organisation)}`;
  if (items.length === 0) return `${heading}\n\nNo open items.\n`;
  const sections = items.map((item, index) => itemSection(item, index + 1, context));
  return `${[heading, summaryLine(items), overviewTable(items, context), ...sections].join('\n\n')}\n`;
}

function summaryLine(items: readonly BacklogItem[]): string {
  return items.length === 1 ? '1 item, in priority order.' : `${items.length} items, in priority order.`;
}

function overviewTable(items: readonly BacklogItem[], context: BacklogExportContext): string {
  const rows = items.map((item, index) =>
    tableRow([
      String(index + 1),
      item.priority,
      neutraliseMarkdownInline(teamName(item, context)),
      neutraliseMarkdownInline(domainName(item, context)),
      String(item.level),
      neutraliseMarkdownInline(item.title),
      item.effort,
      keyCell(item.key),
    ]),
  );
  return ['| # | Priority | Team | Domain | Level | Title | Effort | Key |', '|---:|---|---|---|---:|---|---|---|', ...rows].join('\n');
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** In a table a `|` ends the cell even inside a code span, unless it is escaped. */
function keyCell(key: string): string {
  return codeSpan(key).replaceAll('|', '\\|');
}

function itemSection(item: BacklogItem, position: number, context: BacklogExportContext): string {
  const parts = [
    `## ${position}. ${neutraliseMarkdownInline(item.title)}`,
    facts(item, context),
    neutraliseMarkdown(item.description),
    acceptanceList(item.acceptance),
    dependencies(item.dependsOn),
  ];
  return parts.filter((part) => part !== '').join('\n\n');
}

function facts(item: BacklogItem, context: BacklogExportContext): string {
  const team = neutraliseMarkdownInline(teamName(item, context));
  const domain = neutraliseMarkdownInline(domainName(item, context));
  return `**${item.priority}** (score ${item.score}) · team ${team} · domain ${domain} · level ${item.level} · effort ${item.effort} · ${item.status} · source ${item.source} · key ${codeSpan(item.key)}`;
}

function acceptanceList(acceptance: readonly string[]): string {
  if (acceptance.length === 0) return '';
  return ['**Acceptance criteria**', '', ...acceptance.map((criterion) => `- [ ] ${neutraliseMarkdownInline(criterion)}`)].join('\n');
}

function dependencies(dependsOn: readonly string[]): string {
  return dependsOn.length === 0 ? '' : `Depends on: ${dependsOn.map(codeSpan).join(', ')}`;
}

function teamName(item: BacklogItem, context: BacklogExportContext): string {
  return context.teamNames.get(item.team) ?? item.team;
}

function domainName(item: BacklogItem, context: BacklogExportContext): string {
  return context.domainNames.get(item.domain) ?? item.domain;
}
