import { stringify } from 'csv-stringify/sync';
import type { BacklogItem } from '../../../../core/backlog/backlog.js';
import type { BacklogExportContext, BacklogExporter } from '../../../../core/ports.js';

export const CSV_COLUMNS = [
  'key', 'team', 'team name', 'domain', 'domain name', 'level', 'practice', 'title', 'priority', 'score',
  'effort', 'status', 'source', 'depends on', 'acceptance', 'SAMM', 'ISO 27001', 'SSDF', 'DSOMM',
] as const;

type Cell = string | number;

/** One row per backlog item with a header row, for spreadsheets and scripts. */
export const csvBacklogExporter: BacklogExporter = {
  format: 'csv',
  mediaType: 'text/csv; charset=utf-8',
  extension: 'csv',
  description: 'CSV, one row per backlog item, for spreadsheets and scripts',
  render: renderBacklogCsv,
};

function renderBacklogCsv(items: readonly BacklogItem[], context: BacklogExportContext): string {
  return stringify([[...CSV_COLUMNS], ...items.map((item) => csvRow(item, context))], CSV_OPTIONS);
}

/**
 * S3: `escape_formulas` prefixes `'` to every text cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return (and their full-width forms, which Apple Numbers folds); numbers stay numbers.
 * CRLF records as RFC 4180 asks; cells holding a bare `\n` or `\r` are still quoted.
 */
export const CSV_OPTIONS = {
  escape_formulas: true,
  record_delimiter: 'windows',
  quote_record_delimiter: true,
} as const;

function csvRow(item: BacklogItem, context: BacklogExportContext): Cell[] {
  return [
    item.key,
    item.team,
    context.teamNames.get(item.team) ?? item.team,
    item.domain,
    context.domainNames.get(item.domain) ?? item.domain,
    item.level,
    item.practice ?? '',
    item.title,
    item.priority,
    item.score,
    item.effort,
    item.status,
    item.source,
    item.dependsOn.join(' '),
    item.acceptance.join('\n'),
    item.mappings.samm.join(' '),
    item.mappings.iso27001.join(' '),
    item.mappings.ssdf.join(' '),
    item.mappings.dsomm.join(' '),
  ];
}
