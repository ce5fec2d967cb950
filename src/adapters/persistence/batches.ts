import { compareText } from '../../core/text-order.js';

/** Rows per multi-row INSERT: 500 rows × ≤ 9 columns stays far below PostgreSQL's 65,535 parameters. */
export const INSERT_BATCH = 500;
/** Values per `IN (…)` list. */
export const LOOKUP_BATCH = 1000;

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Runs a lookup per chunk of distinct keys and concatenates the rows. */
export async function lookupInChunks<K, R>(keys: readonly K[], lookup: (chunk: K[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunksOf([...new Set(keys)], LOOKUP_BATCH)) rows.push(...(await lookup(chunk)));
  return rows;
}

/**
 * Sorts records by text keys in code-point order. Done here rather than in SQL because
 * PostgreSQL's ORDER BY follows the database collation and SQLite's does not.
 */
export function sortByKeys<T>(records: T[], ...keys: ((record: T) => string)[]): T[] {
  return records.sort((a, b) => {
    for (const key of keys) {
      const order = compareText(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  });
}
