import type { Flag, JsonText } from './tables.js';

/** Encodes a value for a JSON text column; `undefined` is stored as `null`. */
export function toJson(value: unknown): JsonText {
  return JSON.stringify(value) ?? 'null';
}

/** Decodes a JSON text column; the shape was checked when the value was written. */
export function fromJson(text: JsonText): unknown {
  return JSON.parse(text);
}

export function toFlag(value: boolean): Flag {
  return value ? 1 : 0;
}

export function fromFlag(value: Flag): boolean {
  return value === 1;
}

/** Counts and PostgreSQL `bigint` columns arrive as strings or bigints. */
export function toCount(value: string | number | bigint): number {
  return Number(value);
}
