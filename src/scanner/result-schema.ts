import { z } from 'zod';
import type { ScanResult } from '../core/scan/result.js';

const finding = z.looseObject({
  detector: z.string(),
  domain: z.string(),
  outcome: z.enum(['positive', 'negative', 'not-applicable', 'error']),
  file: z.string().nullable().default(null),
  line: z.number().int().nullable().default(null),
  fixture: z.boolean().default(false),
  message: z.string().default(''),
  confidence: z.enum(['high', 'medium', 'low']).default('low'),
  level: z.number().int().nullable().default(null),
  status: z.enum(['implemented', 'partial']).nullable().default(null),
  practices: z.array(z.string()).default([]),
  snippet: z.string().nullable().default(null),
  fingerprint: z.string(),
});

/** A saved `stepwise scan --format json` result, read back as a baseline or to pre-fill an assessment. */
export const scanResultSchema = z.looseObject({
  version: z.number().int(),
  root: z.string(),
  files: z.number().int().nonnegative(),
  skipped: z.array(z.looseObject({ path: z.string(), reason: z.string() })).default([]),
  findings: z.array(finding).default([]),
  domains: z
    .array(
      z.looseObject({
        domain: z.string(),
        applicable: z.boolean(),
        proposedLevel: z.number().int().nullable(),
        confidence: z.enum(['high', 'medium', 'low']),
        capped: z.boolean(),
        evidence: z.array(z.number().int()).default([]),
      }),
    )
    .default([]),
  practices: z.array(z.looseObject({ id: z.string(), status: z.enum(['implemented', 'partial', 'not-implemented']), evidence: z.array(z.number().int()).default([]) })).default([]),
});

/** Parses saved scan JSON; the message of a failure names the first wrong field. */
export function parseScanResult(text: string): { ok: true; value: ScanResult } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not valid JSON (${error instanceof Error ? error.message : 'parse error'})` };
  }
  const parsed = scanResultSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `not a Stepwise scan result: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` };
  }
  return { ok: true, value: parsed.data };
}
