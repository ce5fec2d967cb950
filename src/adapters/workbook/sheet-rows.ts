import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';

/**
 * S2 row cap, checked on the raw sheet XML before exceljs builds any row objects: a team sheet
 * holds one row per practice, so a sheet with tens of thousands of rows is a mistake or an attack.
 * The sheets this tool writes for reading only (README, Heatmap, Backlog — the backlog of a large
 * organisation can be long) are bounded by the archive limits alone, as the reader skips them.
 */

export const MAX_TEAM_SHEET_ROWS = 20_000;

/** `<row` or a prefixed `<x:row` element start (not `<rowBreaks`). */
const ROW_START = /<(?:[A-Za-z_][\w.-]*:)?row[\s/>]/g;

/** Refuses any worksheet with more than `MAX_TEAM_SHEET_ROWS` rows, naming the sheet. */
export function checkSheetRows(parts: ReadonlyMap<string, Buffer>, exempt: readonly string[], file: string): Result<null> {
  const names = worksheetNames(parts);
  const exemptNames = new Set(exempt.map((name) => name.toLowerCase()));
  for (const [path, xml] of parts) {
    if (!path.startsWith('xl/worksheets/')) continue;
    const name = names.get(path);
    if (name !== undefined && exemptNames.has(name.toLowerCase())) continue;
    if (countRowsUpTo(xml, MAX_TEAM_SHEET_ROWS + 1) > MAX_TEAM_SHEET_ROWS) {
      const label = name === undefined ? `part ${JSON.stringify(path)}` : `sheet ${JSON.stringify(name)}`;
      return fail('too-large', `${label} has more than ${MAX_TEAM_SHEET_ROWS.toLocaleString('en-US')} rows; a team sheet holds one row per practice`, { file });
    }
  }
  return ok(null);
}

/** Counts row elements, stopping at `stop` so an absurd sheet costs no more than needed. */
export function countRowsUpTo(xml: Buffer, stop: number): number {
  const text = xml.toString('latin1');
  ROW_START.lastIndex = 0;
  let count = 0;
  while (count < stop && ROW_START.exec(text) !== null) count += 1;
  return count;
}

/** Worksheet part path → sheet name, from xl/workbook.xml and its relationships. */
export function worksheetNames(parts: ReadonlyMap<string, Buffer>): Map<string, string> {
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const relations = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const targets = new Map<string, string>();
  for (const tag of relations.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id !== undefined && target !== undefined) targets.set(id, resolveTarget(target));
  }
  const names = new Map<string, string>();
  for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, 'name');
    const id = attribute(tag, '(?:\\w+:)?id');
    const path = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && path !== undefined) names.set(path, name);
  }
  return names;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  const raw = match?.[1] ?? match?.[2];
  return raw === undefined ? undefined : decodeEntities(raw);
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return `xl/${target.replace(/^\.\//, '')}`;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return safeCodePoint(Number.parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith('#')) return safeCodePoint(Number.parseInt(entity.slice(1), 10), whole);
    return ENTITIES[entity] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
