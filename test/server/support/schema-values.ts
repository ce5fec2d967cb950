import fc from 'fast-check';
import { z } from 'zod';

/**
 * Values generated from a route's zod schemas, through their JSON Schema form (the public, stable
 * view of a zod schema). `validArbitrary` aims at values the schema accepts; refinements it cannot
 * see are handled by sampling until one parses.
 */
export type JsonSchema = {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema | readonly JsonSchema[];
  readonly prefixItems?: readonly JsonSchema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly default?: unknown;
};

/** The JSON Schema of what a zod schema accepts as input. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Top-level property names of an object schema (empty for anything else). */
export function propertyNames(schema: z.ZodType | undefined): string[] {
  if (schema === undefined) return [];
  return Object.keys(jsonSchemaOf(schema).properties ?? {});
}

/** Values of the top-level enum properties of an object schema, by property name. */
export function enumProperties(schema: z.ZodType): Map<string, readonly unknown[]> {
  const found = new Map<string, readonly unknown[]>();
  for (const [name, property] of Object.entries(jsonSchemaOf(schema).properties ?? {})) {
    const options = enumOf(property);
    if (options !== undefined) found.set(name, options);
  }
  return found;
}

function enumOf(schema: JsonSchema): readonly unknown[] | undefined {
  if (schema.enum !== undefined) return schema.enum;
  const branches = schema.anyOf ?? schema.oneOf;
  return branches?.map(enumOf).find((options) => options !== undefined);
}

/** Values the schema should accept (best effort). */
export function validArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const root = jsonSchemaOf(schema);
  return arbitraryOf(root, root.$defs ?? {}, 0);
}

const samples = new WeakMap<z.ZodType, unknown>();

/** A value the zod schema accepts, picked deterministically (and remembered); undefined when none was found. */
export function validSample(schema: z.ZodType): unknown {
  if (samples.has(schema)) return samples.get(schema);
  const candidates = fc.sample(validArbitrary(schema), { seed: 42, numRuns: 40 });
  const found = candidates.find((candidate) => schema.safeParse(candidate).success);
  samples.set(schema, found);
  return found;
}

const MAX_DEPTH = 6;

function arbitraryOf(schema: JsonSchema, defs: Readonly<Record<string, JsonSchema>>, depth: number): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (schema.$ref !== undefined) return arbitraryOf(defs[schema.$ref.replace('#/$defs/', '')] ?? {}, defs, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined && branches.length > 0) return fc.oneof(...branches.map((branch) => arbitraryOf(branch, defs, depth + 1)));
  if (schema.allOf !== undefined && schema.allOf[0] !== undefined) return arbitraryOf(schema.allOf[0], defs, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type[0] as string | undefined) : (schema.type as string | undefined);
  return typedArbitrary(type, schema, defs, depth);
}

function typedArbitrary(type: string | undefined, schema: JsonSchema, defs: Readonly<Record<string, JsonSchema>>, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: lowerBound(schema, -1000), max: upperBound(schema, 1000) });
    case 'number':
      return fc.double({ min: lowerBound(schema, -1000), max: upperBound(schema, 1000), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(schema, defs, depth);
    case 'object':
      return objectArbitrary(schema, defs, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function lowerBound(schema: JsonSchema, fallback: number): number {
  if (schema.minimum !== undefined) return Math.max(schema.minimum, Number.MIN_SAFE_INTEGER);
  if (schema.exclusiveMinimum !== undefined) return schema.exclusiveMinimum + 1;
  return Math.max(fallback, Math.min(0, upperBound(schema, fallback)));
}

function upperBound(schema: JsonSchema, fallback: number): number {
  if (schema.maximum !== undefined) return Math.min(schema.maximum, Number.MAX_SAFE_INTEGER);
  if (schema.exclusiveMaximum !== undefined) return schema.exclusiveMaximum - 1;
  return fallback;
}

const FORMATS: Readonly<Record<string, () => fc.Arbitrary<string>>> = {
  date: () => fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  'date-time': () => fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString()),
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
};

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const format = schema.format === undefined ? undefined : FORMATS[schema.format];
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 24, minLength + 24));
  const base = format?.() ?? patternArbitrary(schema.pattern) ?? fc.string({ minLength, maxLength, unit: 'grapheme-ascii' });
  return base.filter((value) => value.length >= minLength && (schema.maxLength === undefined || value.length <= schema.maxLength));
}

function patternArbitrary(pattern: string | undefined): fc.Arbitrary<string> | undefined {
  if (pattern === undefined) return undefined;
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return undefined;
  }
}

/** Plain strings whose name says what they hold (a refinement JSON Schema cannot show), e.g. `date`. */
function hintedArbitrary(name: string, schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const plainString = schema.type === 'string' && schema.pattern === undefined && schema.format === undefined && schema.enum === undefined;
  if (!plainString) return undefined;
  if (/date$/i.test(name)) return FORMATS['date']?.();
  if (/(^at|At)$/.test(name)) return FORMATS['date-time']?.();
  if (/^(url|href|link)$/i.test(name)) return FORMATS['url']?.();
  return undefined;
}

function arrayArbitrary(schema: JsonSchema, defs: Readonly<Record<string, JsonSchema>>, depth: number): fc.Arbitrary<unknown> {
  if (schema.prefixItems !== undefined) return fc.tuple(...schema.prefixItems.map((item) => arbitraryOf(item, defs, depth + 1)));
  const items = Array.isArray(schema.items) ? ((schema.items as JsonSchema[])[0] ?? {}) : ((schema.items as JsonSchema | undefined) ?? {});
  const minLength = schema.minItems ?? 0;
  return fc.array(arbitraryOf(items, defs, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, minLength + 3)) });
}

function objectArbitrary(schema: JsonSchema, defs: Readonly<Record<string, JsonSchema>>, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
    const keys = schema.propertyNames === undefined ? fc.string({ maxLength: 12 }) : (arbitraryOf(schema.propertyNames, defs, depth + 1) as fc.Arbitrary<string>);
    return fc.dictionary(keys, arbitraryOf(schema.additionalProperties, defs, depth + 1), { maxKeys: 3, noNullPrototype: true });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = hintedArbitrary(name, property) ?? arbitraryOf(property, defs, depth + 1);
  return fc.record(model, { requiredKeys: [...(schema.required ?? [])].filter((key) => key in model) });
}
