import { z } from 'zod';
import type { NegativeFinding } from '../core/backlog/backlog.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { FileStore } from '../core/ports.js';
import { SCANS_FOLDER } from './workspace.js';

/** The part of a saved `stepwise scan --format json` result that the backlog reads (PRODUCT.md §7). */
const savedScanSchema = z.looseObject({
  findings: z
    .array(
      z.looseObject({
        detector: z.string(),
        domain: z.string(),
        outcome: z.string(),
        file: z.string().optional(),
        line: z.number().int().positive().optional(),
        fixture: z.boolean().default(false),
        message: z.string().default(''),
      }),
    )
    .default([]),
});

const SCAN_FILE = /^\d{4}-\d{2}-\d{2}\.json$/;
const MAX_SCAN_CHARS = 50_000_000;

/** Negative, non-fixture findings of the team's latest saved scan (`scans/<team>/<date>.json`); none without a scan. */
export async function latestScanFindings(store: FileStore, team: string): Promise<Result<NegativeFinding[]>> {
  const latest = (await store.list(`${SCANS_FOLDER}/${team}`)).filter((name) => SCAN_FILE.test(name)).at(-1);
  if (latest === undefined) return ok([]);
  const path = `${SCANS_FOLDER}/${team}/${latest}`;
  const text = await store.readText(path);
  if (!text.ok) return text;
  if (text.value === null) return ok([]);
  return negativeFindings(text.value, store.describe(path));
}

function negativeFindings(text: string, file: string): Result<NegativeFinding[]> {
  if (text.length > MAX_SCAN_CHARS) return fail('too-large', 'saved scan is larger than 50 MB', { file });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail('invalid-input', `not valid JSON (${error instanceof Error ? error.message : 'parse error'})`, { file });
  }
  const scan = savedScanSchema.safeParse(data);
  if (!scan.success) return fail('invalid-input', `not a stepwise scan result: ${scan.error.issues[0]?.path.join('.') ?? ''} ${scan.error.issues[0]?.message ?? ''}`.trim(), { file });
  return ok(scan.data.findings
    .filter((finding) => finding.outcome === 'negative' && !finding.fixture)
    .map((finding) => ({
      detector: finding.detector,
      domain: finding.domain,
      file: finding.file ?? '',
      ...(finding.line === undefined ? {} : { line: finding.line }),
      message: finding.message,
    })));
}
