import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { compiledPathOf, declaresRequirements, isCompiledRequirements, isPipToolsInput, mayBeCompiledRequirements } from '../pip-requirements.js';

interface Ecosystem {
  readonly name: string;
  readonly lockfiles: readonly string[];
  /** Workspaces keep one lockfile at their root, so a lockfile in a parent folder covers a member. */
  readonly workspaces: boolean;
  /** False for a manifest that declares nothing to lock (a `{"type": "module"}` package.json, a tool-only pyproject.toml). */
  readonly declaresDependencies: (text: string) => boolean;
  /** Lockfiles named after the manifest itself (pip-tools: `dev.in` → `dev.txt`), beside it. */
  readonly lockfilesOf?: (manifestPath: string) => readonly string[];
}

const ALWAYS = (): boolean => true;
const NPM: Ecosystem = { name: 'npm', lockfiles: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'], workspaces: true, declaresDependencies: packageJsonDeclaresDependencies };
const GRADLE: Ecosystem = { name: 'Gradle', lockfiles: ['gradle.lockfile'], workspaces: false, declaresDependencies: ALWAYS };

/** Manifest file name → its ecosystem (DETECTORS.md row 8). `*.csproj` is matched by extension. */
const MANIFESTS: ReadonlyMap<string, Ecosystem> = new Map([
  ['package.json', NPM],
  ['go.mod', { name: 'Go', lockfiles: ['go.sum'], workspaces: false, declaresDependencies: (text) => /^require\b/m.test(text) }],
  ['Cargo.toml', { name: 'Cargo', lockfiles: ['Cargo.lock'], workspaces: true, declaresDependencies: ALWAYS }],
  // `pip-compile pyproject.toml` writes requirements.txt: a lockfile once it is shown to be compiled.
  ['pyproject.toml', { name: 'Python', lockfiles: ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml', 'requirements.txt'], workspaces: true, declaresDependencies: pyprojectDeclaresDependencies }],
  ['Pipfile', { name: 'Pipenv', lockfiles: ['Pipfile.lock'], workspaces: false, declaresDependencies: ALWAYS }],
  ['Gemfile', { name: 'Bundler', lockfiles: ['Gemfile.lock'], workspaces: false, declaresDependencies: ALWAYS }],
  ['gems.rb', { name: 'Bundler', lockfiles: ['gems.locked'], workspaces: false, declaresDependencies: ALWAYS }],
  ['composer.json', { name: 'Composer', lockfiles: ['composer.lock'], workspaces: false, declaresDependencies: ALWAYS }],
  ['build.gradle', GRADLE],
  ['build.gradle.kts', GRADLE],
  ['mix.exs', { name: 'Mix', lockfiles: ['mix.lock'], workspaces: true, declaresDependencies: ALWAYS }],
  ['Package.swift', { name: 'SwiftPM', lockfiles: ['Package.resolved'], workspaces: false, declaresDependencies: ALWAYS }],
  ['pubspec.yaml', { name: 'Dart', lockfiles: ['pubspec.lock'], workspaces: true, declaresDependencies: ALWAYS }],
]);
const PIP_TOOLS: Ecosystem = { name: 'pip-tools', lockfiles: [], workspaces: false, declaresDependencies: declaresRequirements, lockfilesOf: (path) => [compiledPathOf(path)] };
const NUGET: Ecosystem = { name: 'NuGet', lockfiles: ['packages.lock.json'], workspaces: false, declaresDependencies: (text) => text.includes('<PackageReference') };
const VENDORED = /(?:^|\/)(?:node_modules|vendor|bower_components)\//;
const MAX_LISTED = 3;

export const detector: Detector = {
  id: 'has-lockfile',
  title: 'Every package manifest has its lockfile',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: ['supply-chain.lockfiles'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => (ecosystemOf(path) !== undefined || mayBeCompiledRequirements(path)) && !VENDORED.test(path),
  analyze(input) {
    const present = new Set(input.paths);
    const compiled = new Set(input.files.filter((file) => mayBeCompiledRequirements(file.path) && isCompiledRequirements(file.text)).map((file) => file.path));
    const isLockfile = (path: string): boolean => (mayBeCompiledRequirements(path) ? compiled.has(path) : present.has(path));
    const manifests = input.files.filter((manifest) => !input.isFixture(manifest.path) && declaresDependencies(manifest));
    if (manifests.length === 0) return [notApplicable()];
    const missing = manifests.filter((manifest) => !hasLockfile(manifest.path, isLockfile));
    const covered = manifests.filter((manifest) => !missing.includes(manifest));
    const first = covered[0];
    return first === undefined ? [] : [positive(first, covered.length, manifests.length, missing)];
  },
};

function ecosystemOf(path: string): Ecosystem | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.endsWith('.csproj')) return NUGET;
  return MANIFESTS.get(name) ?? (isPipToolsInput(path) ? PIP_TOOLS : undefined);
}

function declaresDependencies(manifest: ScanFile): boolean {
  return ecosystemOf(manifest.path)?.declaresDependencies(manifest.text) ?? false;
}

/** `isLockfile` says whether a path is there and, for a requirements file, compiled. */
function hasLockfile(path: string, isLockfile: (path: string) => boolean): boolean {
  const ecosystem = ecosystemOf(path);
  if (ecosystem === undefined) return false;
  if (ecosystem.lockfilesOf?.(path).some(isLockfile) === true) return true;
  const folders = ecosystem.workspaces ? folderAndParents(path) : [folderOf(path)];
  return folders.some((folder) => ecosystem.lockfiles.some((lockfile) => isLockfile(`${folder}${lockfile}`)));
}

/** `a/b/package.json` → `a/b/`; a root manifest → ''. */
function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

function folderAndParents(path: string): string[] {
  const folders: string[] = [];
  for (let folder = folderOf(path); folder !== ''; folder = folderOf(folder.slice(0, -1))) folders.push(folder);
  folders.push('');
  return folders;
}

function packageJsonDeclaresDependencies(text: string): boolean {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return true;
  }
  if (typeof manifest !== 'object' || manifest === null) return false;
  const fields = manifest as Record<string, unknown>;
  return fields.workspaces !== undefined || ['dependencies', 'devDependencies', 'optionalDependencies'].some((key) => isNonEmptyObject(fields[key]));
}

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** PEP 621 `dependencies = [...]`, Poetry's dependency tables, or a uv/pdm workspace or dependency group. */
function pyprojectDeclaresDependencies(text: string): boolean {
  return /^(?:dependencies\s*=\s*\[\s*[^\]\s]|\[tool\.poetry\.(?:group\.[\w-]+\.)?dependencies\]|\[tool\.uv\.workspace\]|\[dependency-groups\])/m.test(text);
}

function positive(first: ScanFile, covered: number, total: number, missing: readonly ScanFile[]): DetectorFinding {
  if (missing.length === 0) {
    const message = total === 1 ? `${first.path} has its lockfile` : `All ${total} package manifests have their lockfile`;
    return { outcome: 'positive', level: 1, file: first.path, line: 1, confidence: 'high', message };
  }
  const listed = missing.slice(0, MAX_LISTED).map((manifest) => manifest.path).join(', ');
  const more = missing.length > MAX_LISTED ? ` and ${missing.length - MAX_LISTED} more` : '';
  return { outcome: 'positive', level: 1, status: 'partial', file: first.path, line: 1, confidence: 'high', message: `${covered} of ${total} package manifests have a lockfile; without one: ${listed}${more}` };
}

function notApplicable(): DetectorFinding {
  return { outcome: 'not-applicable', confidence: 'high', message: 'No package manifest with dependencies was found, so there is nothing to lock' };
}
