/**
 * Where dependency update bots keep their configuration (DETECTORS.md rows 9 and §3), and how to read
 * a Renovate configuration from any of them, the `renovate` key of the root package.json included.
 */
import { parseYaml } from '../../core/yaml/safe-yaml.js';
import { asRecord } from '../ci/yaml-values.js';
import type { ScanFile } from '../contract.js';
import { asRecords, lineOf, readLooseJson } from './config-values.js';

export const DEPENDABOT_PATHS: readonly string[] = ['.github/dependabot.yml', '.github/dependabot.yaml'];

/** Renovate's repository config file names (`lib/config/app-strings.ts`) with their `.jsonc` variants; package.json is read separately. */
export const RENOVATE_PATHS: readonly string[] = ['', '.github/', '.gitlab/']
  .flatMap((folder) => ['json', 'json5', 'jsonc'].map((extension) => `${folder}renovate.${extension}`))
  .concat(['.renovaterc', '.renovaterc.json', '.renovaterc.json5', '.renovaterc.jsonc']);

/** The six places Scala Steward reads its repository configuration from. */
export const SCALA_STEWARD_PATHS: readonly string[] = ['', '.github/', '.config/'].flatMap((folder) => [`${folder}.scala-steward.conf`, `${folder}scala-steward.conf`]);

/** Renovate reads the `renovate` key of package.json at the repository root only. */
export const ROOT_PACKAGE_JSON = 'package.json';

/** One entry of a Dependabot file's `updates:` list. */
export interface DependabotUpdate {
  /** `package-ecosystem`, or '' when the entry names none. */
  readonly ecosystem: string;
  readonly line: number;
  /** `open-pull-requests-limit` as written, undefined when absent (Dependabot then opens up to 5). */
  readonly pullRequestLimit: unknown;
}

/** The update entries of a Dependabot file, or the one-line reason it could not be read. */
export function readDependabotUpdates(file: ScanFile): { readonly updates: DependabotUpdate[] } | { readonly error: string } {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return { error: parsed.error.message };
  const updates = asRecords(asRecord(parsed.value.value)?.updates).map((entry, index) => {
    const ecosystem = entry['package-ecosystem'];
    return { ecosystem: typeof ecosystem === 'string' ? ecosystem : '', line: parsed.value.locate(['updates', index]).line ?? 1, pullRequestLimit: entry['open-pull-requests-limit'] };
  });
  return { updates };
}

export interface RenovateConfig {
  readonly path: string;
  readonly text: string;
  /** The configuration object, or undefined when the file could not be read as JSON/JSON5. */
  readonly config: Readonly<Record<string, unknown>> | undefined;
  /** Line of the configuration (the `"renovate"` key in package.json, else 1). */
  readonly line: number;
}

/** Every Renovate configuration among the files, in the order of RENOVATE_PATHS, then package.json. */
export function findRenovateConfigs(files: readonly ScanFile[]): RenovateConfig[] {
  const configs: RenovateConfig[] = [];
  for (const path of RENOVATE_PATHS) {
    const found = files.find((candidate) => candidate.path === path);
    if (found !== undefined) configs.push({ path, text: found.text, config: asRecord(readLooseJson(found.text)), line: 1 });
  }
  const fromPackage = renovateKeyOfPackageJson(files.find((candidate) => candidate.path === ROOT_PACKAGE_JSON));
  if (fromPackage !== undefined) configs.push(fromPackage);
  return configs;
}

function renovateKeyOfPackageJson(file: ScanFile | undefined): RenovateConfig | undefined {
  if (file === undefined) return undefined;
  const config = asRecord(asRecord(readLooseJson(file.text))?.renovate);
  if (config === undefined) return undefined;
  return { path: file.path, text: file.text, config, line: lineOf(file.text, '"renovate"') };
}
