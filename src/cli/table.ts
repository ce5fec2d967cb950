import Table from 'cli-table3';
import type { Output } from './context.js';

/** A table for a terminal, or tab-separated lines when the output is piped. */
export function renderTable(output: Output, headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (!output.isTTY) return [headers, ...rows].map((row) => row.join('\t')).join('\n') + '\n';
  const table = new Table({ head: [...headers], style: { head: [], border: [] } });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}
