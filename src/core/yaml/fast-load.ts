import { CORE_SCHEMA, load } from 'js-yaml';

/**
 * A quick first attempt at parsing YAML that is expected to be valid (files Stepwise wrote itself):
 * js-yaml is several times faster than the `yaml` package, which keeps source positions. Only text
 * with no anchors, aliases or prototype-like keys is tried; anything unusual, or any error, returns
 * null and the caller parses again with positions so the error can point at the file, line and column.
 */
export function fastParse(text: string): { value: unknown } | null {
  if (MAY_NEED_CAREFUL_PARSE.test(text)) return null;
  try {
    return { value: load(text, { schema: CORE_SCHEMA, json: false }) };
  } catch {
    return null;
  }
}

/** Anchors (&a), aliases (*a), tags or keys that could touch an object's prototype go the careful way. */
const MAY_NEED_CAREFUL_PARSE = /(?:^|[\s[{,:-])[&*!][^\s,\]}]|__proto__|constructor|prototype|^---|^\.\.\./m;
