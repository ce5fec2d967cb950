import type { BacklogItem } from '../../../../core/backlog/backlog.js';
import type { BacklogExporter } from '../../../../core/ports.js';

/** The backlog as data (PRODUCT.md §7): exact text, no markup to neutralise; JSON.stringify escapes what JSON needs. */
export const jsonBacklogExporter: BacklogExporter = {
  format: 'json',
  mediaType: 'application/json',
  extension: 'json',
  description: 'JSON array of backlog items in priority order',
  render: (items) => `${JSON.stringify(items.map(jsonItem), null, 2)}\n`,
};

/** One item with the documented keys first, in the documented order, then the allowed extras. */
export function jsonItem(item: BacklogItem): Record<string, unknown> {
  return {
    key: item.key,
    team: item.team,
    practice: item.practice,
    domain: item.domain,
    level: item.level,
    title: item.title,
    priority: item.priority,
    score: item.score,
    effort: item.effort,
    dependsOn: [...item.dependsOn],
    source: item.source,
    acceptance: [...item.acceptance],
    status: item.status,
    reason: item.reason,
    description: item.description,
    mappings: {
      dsomm: [...item.mappings.dsomm],
      samm: [...item.mappings.samm],
      iso27001: [...item.mappings.iso27001],
      ssdf: [...item.mappings.ssdf],
    },
  };
}
