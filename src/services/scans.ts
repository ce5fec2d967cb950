import type { NegativeFinding } from '../core/backlog/backlog.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { FileStore } from '../core/ports.js';
import { parseScanResult } from '../scanner/result-schema.js';
import { SCANS_FOLDER } from './workspace.js';

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
  if (text.value.length > MAX_SCAN_CHARS) return fail('too-large', 'saved scan is larger than 50 MB', { file: store.describe(path) });
  const scan = parseScanResult(text.value);
  if (!scan.ok) return fail('invalid-input', scan.message, { file: store.describe(path) });
  return ok(
    scan.value.findings
      .filter((finding) => finding.outcome === 'negative' && !finding.fixture)
      .map((finding) => ({ detector: finding.detector, domain: finding.domain, file: finding.file ?? '', ...(finding.line === null ? {} : { line: finding.line }), message: finding.message })),
  );
}
