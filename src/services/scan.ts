import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { Model } from '../core/model/model.js';
import type { CiParser } from '../scanner/ci/index.js';
import type { Detector, ScanFile } from '../scanner/contract.js';
import { startScan } from '../scanner/engine.js';
import type { ScanSession, SkippedPath } from '../scanner/engine.js';
import type { FileSecrets } from '../scanner/secrets/rule-sets.js';
import type { ScanResult } from '../core/scan/result.js';

/** Told how many of the repository's paths have been read (and searched for secrets) so far, for a progress bar. */
export type ScanProgress = (pathsDone: number, pathsTotal: number) => void;

/**
 * Where a reader hands over what it reads, as it reads it, so a file's text can be let go as soon
 * as the detectors that look at it one file at a time are done with it.
 */
export interface RepositorySink {
  /** Every path the reader will hand over or report as skipped, sorted: once, before any file. */
  listed(paths: readonly string[]): void;
  /** The next text file, in path order; `secrets` when the reader ran every secret rule set over it ({} for none found). */
  read(file: ScanFile, secrets?: FileSecrets): void;
}

/** What a reader reports once every file is handed over: the paths it passed over, and why. */
export interface RepositoryReadEnd {
  readonly skipped: readonly SkippedPath[];
}

/** Reads a repository once, handing each file over as it goes (implemented by the file walk, possibly spread over worker threads). */
export type RepositoryReader = (root: string, sink: RepositorySink, onProgress?: ScanProgress) => Promise<RepositoryReadEnd>;

export interface ScanServices {
  readonly model: Model;
  readonly detectors: readonly Detector[];
  readonly ciParsers: readonly CiParser[];
  readonly read: RepositoryReader;
}

/** Walks and scans one repository, file by file as it is read; negative findings a baseline already had are reported as known. */
export async function scanRepository(services: ScanServices, root: string, shownRoot: string, baseline?: ScanResult, onProgress?: ScanProgress): Promise<ScanResult> {
  const known = baseline === undefined ? undefined : new Set(baseline.findings.filter((finding) => finding.outcome === 'negative').map((finding) => finding.fingerprint));
  const setup = { ...services, ...(known === undefined ? {} : { baseline: known }) };
  let session: ScanSession | undefined;
  const started = (paths: readonly string[]) => (session ??= startScan(shownRoot, paths, setup));
  const end = await services.read(root, {
    listed: (paths) => {
      started(paths);
    },
    read: (file, secrets) => {
      started([]).addFile(file, secrets);
    },
  }, onProgress);
  return started([]).finish(end.skipped);
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

