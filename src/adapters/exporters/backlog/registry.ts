import type { BacklogExporter } from '../../../core/ports.js';
import { csvBacklogExporter } from './csv/index.js';
import { githubBacklogExporter } from './github/index.js';
import { jiraBacklogExporter } from './jira/index.js';
import { jsonBacklogExporter } from './json/index.js';
import { markdownBacklogExporter } from './md/index.js';

/** The one list of backlog exporters, sorted by format; registry.test.ts checks it against the folders. */
const EXPORTERS: readonly BacklogExporter[] = [
  csvBacklogExporter,
  githubBacklogExporter,
  jiraBacklogExporter,
  jsonBacklogExporter,
  markdownBacklogExporter,
];

/** Backlog exporters by `--format` value. */
export const backlogExporters: ReadonlyMap<string, BacklogExporter> = new Map(EXPORTERS.map((exporter) => [exporter.format, exporter]));

/** The `--format` choices of `stepwise backlog`, sorted. */
export function backlogFormats(): string[] {
  return [...backlogExporters.keys()];
}
