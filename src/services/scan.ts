import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { Model } from '../core/model/model.js';
import type { CiParser } from '../scanner/ci/index.js';
import type { Detector, ScanFile } from '../scanner/contract.js';
import { runScan } from '../scanner/engine.js';
import type { FileSecrets } from '../scanner/secrets/rule-sets.js';
import type { ScanResult } from '../core/scan/result.js';

/** Told how many of the repository's paths have been read (and searched for secrets) so far, for a progress bar. */
export type ScanProgress = (pathsDone: number, pathsTotal: number) => void;

/** What a reader gathered from a repository: text files read once each, what it passed over, and the secrets it already found. */
export interface RepositoryContents {
  readonly files: readonly ScanFile[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** Present when the reader ran every secret rule set over every file it read: hits by path, files without any left out. */
  readonly secrets?: ReadonlyMap<string, FileSecrets>;
}

/** Reads a repository once (implemented by the file walk, possibly spread over worker threads). */
export type RepositoryReader = (root: string, onProgress?: ScanProgress) => Promise<RepositoryContents>;

export interface ScanServices {
  readonly model: Model;
  readonly detectors: readonly Detector[];
  readonly ciParsers: readonly CiParser[];
  readonly read: RepositoryReader;
}

/** Walks and scans one repository; negative findings a baseline already had are reported as known. */
export async function scanRepository(services: ScanServices, root: string, shownRoot: string, baseline?: ScanResult, onProgress?: ScanProgress): Promise<ScanResult> {
  const contents = await services.read(root, onProgress);
  const known = baseline === undefined ? undefined : new Set(baseline.findings.filter((finding) => finding.outcome === 'negative').map((finding) => finding.fingerprint));
  const source = { root: shownRoot, files: contents.files, skipped: contents.skipped, ...(contents.secrets === undefined ? {} : { secrets: contents.secrets }) };
  return runScan(source, { ...services, ...(known === undefined ? {} : { baseline: known }) });
}

/** `secrets=2,supply-chain=1` → required level per domain; every domain must exist in the model. */
export function parseFailUnder(text: string, model: Model): Result<Map<string, number>> {
  const thresholds = new Map<string, number>();
  for (const part of text.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const match = /^([a-z0-9-]+)=(\d+)$/.exec(part);
    if (match === null) return fail('usage', `--fail-under takes domain=level pairs such as secrets=2, not "${part}"`);
    const [, domain = '', level = '0'] = match;
    if (!model.practicesByDomain.has(domain)) return fail('usage', `--fail-under names unknown domain "${domain}" (domains: ${model.domains.map((entry) => entry.id).join(', ')})`);
    thresholds.set(domain, Number(level));
  }
  return ok(thresholds);
}

export interface GateFailure {
  readonly domain: string;
  readonly proposed: number;
  readonly required: number;
}

/** Domains whose proposed level is below the required one; a domain that does not apply never fails. */
export function gateFailures(result: ScanResult, thresholds: ReadonlyMap<string, number>): GateFailure[] {
  return result.domains
    .filter((domain) => domain.applicable && domain.proposedLevel !== null && thresholds.has(domain.domain) && domain.proposedLevel < (thresholds.get(domain.domain) ?? 0))
    .map((domain) => ({ domain: domain.domain, proposed: domain.proposedLevel ?? 0, required: thresholds.get(domain.domain) ?? 0 }));
}

