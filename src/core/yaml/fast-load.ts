import { CORE_SCHEMA, load } from 'js-yaml';

/**
 * A quick first attempt at parsing YAML that is expected to be valid (files Stepwise wrote itself):
 * js-yaml is several times faster than the `yaml` package, which keeps source positions. Only text
 * with no anchors, aliases or prototype-like keys is tried; anything unusual, or any error, returns
 * null and the caller parses again with positions so the error can point at the file, line and column.
 */
export function fastParse(text: string, maxNodes: number): { value: unknown } | null {
  if (MAY_NEED_CAREFUL_PARSE.test(text)) return null;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, json: false });
  } catch {
    return null;
  }
  return countNodes(value, maxNodes) > maxNodes ? null : { value };
}

/**
 * Counts nodes as the careful parser's visitor does (a collection, and per map entry the pair, its key
 * and its value), stopping once past the limit so the careful path can report the exact place.
 */
function countNodes(root: unknown, limit: number): number {
  let count = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0 && count <= limit) {
    const value = pending.pop();
    count += 1;
    if (value === null || typeof value !== 'object') continue;
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value)) count += children.length * 2;
    for (const child of children) pending.push(child);
  }
  return count;
}

/**
 * Anchors (&a), aliases (*a) and tags (!t) where a node can start, keys that could touch an
 * object's prototype, and several documents go the careful way. Prose such as "*.tf, *.pem files"
 * inside a plain scalar does not. An alias that slips past (after a comma in a flow sequence) is
 * still bounded: the node count walks the expanded value and gives up at the limit.
 */
const NODE_START = String.raw`(?:^[ \t]*(?:[-?][ \t]+)*|:[ \t]+|[[{][ \t]*)`;
const MAY_NEED_CAREFUL_PARSE = new RegExp(`${NODE_START}[&*!]|${NODE_START}["']?(?:__proto__|constructor|prototype)\\b|^---|^\\.\\.\\.`, 'm');
