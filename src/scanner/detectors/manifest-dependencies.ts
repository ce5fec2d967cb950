/**
 * Declared dependencies of the common package manifests, read as text (or JSON for package.json):
 * the name, the line it is declared on, and whether it is only for development or tests. Lockfiles
 * are not read; a manifest says what the project chose to depend on.
 */
import type { ScanFile } from '../contract.js';

export type Ecosystem = 'npm' | 'python' | 'go' | 'maven' | 'gradle' | 'nuget' | 'ruby';
export type DependencyScope = 'runtime' | 'development';

export interface Dependency {
  /** npm/PyPI/gem/NuGet name, Go module path, or `group:artifact` for Maven and Gradle; PyPI names lower-cased with `-`. */
  readonly name: string;
  readonly line: number;
  readonly scope: DependencyScope;
}

/** A library to look for: exact names and name prefixes per ecosystem, and the label to report. */
export interface LibraryPattern {
  readonly label: string;
  readonly ecosystems: readonly Ecosystem[];
  readonly names?: readonly string[];
  readonly prefixes?: readonly string[];
}

export interface LibraryUse {
  readonly file: string;
  readonly line: number;
  readonly labels: readonly string[];
}

/** Manifests by file name. Matching on the name alone keeps this cheap: it runs for every path of a scan. */
const MANIFEST_NAMES: ReadonlyMap<string, Ecosystem> = new Map([
  ['package.json', 'npm'],
  ['pyproject.toml', 'python'],
  ['go.mod', 'go'],
  ['pom.xml', 'maven'],
  ['build.gradle', 'gradle'],
  ['build.gradle.kts', 'gradle'],
  ['libs.versions.toml', 'gradle'],
  ['Directory.Packages.props', 'nuget'],
  ['packages.config', 'nuget'],
  ['Gemfile', 'ruby'],
]);
const PROJECT_FILE = /^[^/]+\.(?:cs|fs|vb)proj$/;
const REQUIREMENTS_FILE = /^[\w.-]*requirements[\w.-]*\.txt$/i;
const IN_REQUIREMENTS_FOLDER = /(?:^|\/)requirements\/[\w.-]+\.txt$/i;
const DEVELOPMENT_FILE = /(?:^|[/_.-])(?:dev|devel|develop|development|test|tests|testing|lint|docs?|ci)(?:[/_.-]|$)/i;

export function manifestEcosystem(path: string): Ecosystem | undefined {
  if (path.includes('node_modules/') || path.startsWith('vendor/') || path.includes('/vendor/')) return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const known = MANIFEST_NAMES.get(name);
  if (known !== undefined) return known;
  if (PROJECT_FILE.test(name)) return 'nuget';
  return REQUIREMENTS_FILE.test(name) || IN_REQUIREMENTS_FOLDER.test(path) ? 'python' : undefined;
}

/** The dependencies a manifest declares; [] for files that are not manifests or cannot be read. */
export function readDependencies(file: ScanFile): Dependency[] {
  const ecosystem = manifestEcosystem(file.path);
  const lines = file.text.split(/\r?\n/);
  if (ecosystem === 'npm') return packageJsonDependencies(file.text, lines);
  if (ecosystem === 'python') return file.path.endsWith('.toml') ? pyprojectDependencies(lines) : requirementsDependencies(lines, DEVELOPMENT_FILE.test(file.path) ? 'development' : 'runtime');
  if (ecosystem === 'go') return goDependencies(lines);
  if (ecosystem === 'maven') return pomDependencies(file.text);
  if (ecosystem === 'gradle') return gradleDependencies(lines);
  if (ecosystem === 'nuget') return nugetDependencies(lines);
  if (ecosystem === 'ruby') return gemfileDependencies(lines);
  return [];
}

/** Every manifest (outside fixtures) that declares one of the libraries, with the first line where one is declared. */
export function findLibraries(files: readonly ScanFile[], isFixture: (path: string) => boolean, patterns: readonly LibraryPattern[], scopes: readonly DependencyScope[] = ['runtime']): LibraryUse[] {
  return files.flatMap((file) => {
    const ecosystem = manifestEcosystem(file.path);
    if (ecosystem === undefined || isFixture(file.path)) return [];
    const hits = readDependencies(file).filter((dependency) => scopes.includes(dependency.scope)).flatMap((dependency) => {
      const pattern = patterns.find((candidate) => matchesLibrary(candidate, ecosystem, dependency.name));
      return pattern === undefined ? [] : [{ label: pattern.label, line: dependency.line }];
    });
    const first = hits[0];
    if (first === undefined) return [];
    return [{ file: file.path, line: Math.min(...hits.map((hit) => hit.line)), labels: [...new Set(hits.map((hit) => hit.label))] }];
  });
}

export function matchesLibrary(pattern: LibraryPattern, ecosystem: Ecosystem, name: string): boolean {
  if (!pattern.ecosystems.includes(ecosystem)) return false;
  return (pattern.names ?? []).includes(name) || (pattern.prefixes ?? []).some((prefix) => name.startsWith(prefix));
}

function packageJsonDependencies(text: string, lines: readonly string[]): Dependency[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof manifest !== 'object' || manifest === null) return [];
  const sections: readonly (readonly [string, DependencyScope])[] = [['dependencies', 'runtime'], ['optionalDependencies', 'runtime'], ['peerDependencies', 'runtime'], ['devDependencies', 'development']];
  return sections.flatMap(([section, scope]) => {
    const entries = (manifest as Record<string, unknown>)[section];
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return [];
    return Object.keys(entries).map((name) => ({ name, scope, line: lineOfKey(lines, name) }));
  });
}

function lineOfKey(lines: readonly string[], key: string): number {
  const quoted = `"${key}"`;
  const index = lines.findIndex((line) => line.includes(quoted) && /"\s*:/.test(line.slice(line.indexOf(quoted) + quoted.length - 1)));
  return index + 1 || 1;
}

/** `name[extras] >= 1.0 ; markers`, options and comments skipped. */
function requirementsDependencies(lines: readonly string[], scope: DependencyScope): Dependency[] {
  return lines.flatMap((line, index) => {
    const name = pythonName(line.replace(/#.*$/, ''));
    return name === undefined ? [] : [{ name, scope, line: index + 1 }];
  });
}

function pythonName(requirement: string): string | undefined {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement);
  return match?.[1] === undefined ? undefined : match[1].toLowerCase().replace(/[_.]+/g, '-');
}

/** PEP 621 `dependencies` and optional groups, `[dependency-groups]`, and Poetry dependency tables. */
function pyprojectDependencies(lines: readonly string[]): Dependency[] {
  const dependencies: Dependency[] = [];
  let table = '';
  let arrayScope: DependencyScope | undefined;
  lines.forEach((line, index) => {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header !== null) {
      table = (header[1] ?? '').trim();
      arrayScope = undefined;
      return;
    }
    if (arrayScope === undefined) arrayScope = arrayStart(table, line);
    if (arrayScope !== undefined) {
      for (const quoted of line.matchAll(/"([^"]*)"|'([^']*)'/g)) {
        const name = pythonName(quoted[1] ?? quoted[2] ?? '');
        if (name !== undefined) dependencies.push({ name, scope: arrayScope, line: index + 1 });
      }
      if (line.includes(']')) arrayScope = undefined;
      return;
    }
    const poetryScope = poetryTableScope(table);
    const key = poetryScope === undefined ? null : /^\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*=/.exec(line);
    if (key?.[1] !== undefined && poetryScope !== undefined && key[1] !== 'python') dependencies.push({ name: key[1].toLowerCase().replace(/[_.]+/g, '-'), scope: poetryScope, line: index + 1 });
  });
  return dependencies;
}

/** The scope of a dependency array that starts on this line, if one does. Strips the key so its name is not read as a package. */
function arrayStart(table: string, line: string): DependencyScope | undefined {
  const key = /^\s*["']?([\w.-]+)["']?\s*=\s*\[/.exec(line);
  if (key === null) return undefined;
  if (table === 'project' && key[1] === 'dependencies') return 'runtime';
  if (table === 'project.optional-dependencies') return 'runtime';
  if (table === 'dependency-groups') return 'development';
  return undefined;
}

function poetryTableScope(table: string): DependencyScope | undefined {
  if (table === 'tool.poetry.dependencies') return 'runtime';
  if (table === 'tool.poetry.dev-dependencies' || /^tool\.poetry\.group\.[\w-]+\.dependencies$/.test(table)) return 'development';
  return undefined;
}

/** `require path v1.2.3` lines and `require ( … )` blocks. */
function goDependencies(lines: readonly string[]): Dependency[] {
  let inBlock = false;
  return lines.flatMap((line, index) => {
    const trimmed = line.trim();
    if (/^require\s*\($/.test(trimmed)) inBlock = true;
    else if (inBlock && trimmed.startsWith(')')) inBlock = false;
    const match = (inBlock ? /^([^\s()]+)\s+v\S+/ : /^require\s+([^\s()]+)\s+v\S+/).exec(trimmed);
    return match?.[1] === undefined ? [] : [{ name: match[1], scope: 'runtime' as const, line: index + 1 }];
  });
}

/** `<dependency>` elements: `group:artifact`, test-scoped ones as development. */
function pomDependencies(text: string): Dependency[] {
  const dependencies: Dependency[] = [];
  const lines = lineCounter(text);
  let from = text.indexOf('<dependency>');
  while (from !== -1) {
    const end = text.indexOf('</dependency>', from);
    if (end === -1) break;
    const body = text.slice(from, end);
    const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(body)?.[1];
    const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(body)?.[1];
    const scope = /<scope>\s*test\s*<\/scope>/.test(body) ? 'development' : 'runtime';
    if (group !== undefined && artifact !== undefined) dependencies.push({ name: `${group}:${artifact}`, scope, line: lines.lineAt(from) });
    from = text.indexOf('<dependency>', end);
  }
  return dependencies;
}

const GRADLE_COORDINATE = /^\s*(\w+)\s*(?:\(\s*)?["']([^"':\s]+):([^"':\s]+)/;
const GRADLE_MAP = /^\s*(\w+)\s*(?:\(\s*)?group\s*[:=]\s*["']([^"']+)["']\s*,\s*name\s*[:=]\s*["']([^"']+)["']/;
const CATALOG_MODULE = /\bmodule\s*=\s*"([^":\s]+):([^":\s]+)"|\bgroup\s*=\s*"([^"\s]+)"\s*,\s*name\s*=\s*"([^"\s]+)"/;

/** `implementation("group:artifact:1.0")`, `testImplementation group: 'g', name: 'a'`, and version-catalog modules. */
function gradleDependencies(lines: readonly string[]): Dependency[] {
  return lines.flatMap((line, index) => {
    const coordinate = GRADLE_COORDINATE.exec(line) ?? GRADLE_MAP.exec(line);
    if (coordinate !== null) {
      const scope = /^test|Test/.test(coordinate[1] ?? '') ? ('development' as const) : ('runtime' as const);
      return [{ name: `${coordinate[2] ?? ''}:${coordinate[3] ?? ''}`, scope, line: index + 1 }];
    }
    const module = CATALOG_MODULE.exec(line);
    if (module === null) return [];
    return [{ name: `${module[1] ?? module[3] ?? ''}:${module[2] ?? module[4] ?? ''}`, scope: 'runtime' as const, line: index + 1 }];
  });
}

/** `<PackageReference Include="…">`, `<PackageVersion Include="…">` and packages.config `<package id="…">`. */
function nugetDependencies(lines: readonly string[]): Dependency[] {
  return lines.flatMap((line, index) => {
    const match = /<(?:PackageReference|PackageVersion)\s+(?:Include|Update)\s*=\s*"([^"]+)"|<package\s+id\s*=\s*"([^"]+)"/i.exec(line);
    const name = match?.[1] ?? match?.[2];
    return name === undefined ? [] : [{ name, scope: 'runtime' as const, line: index + 1 }];
  });
}

/** `group :development, :test do` (and not :production): three plain tests, no backtracking across the line. */
function isDevelopmentGroup(line: string): boolean {
  return /^\s*group\b/.test(line) && /:(?:development|test)\b/.test(line) && /\bdo\b/.test(line) && !/:production\b/.test(line);
}

/** `gem 'name'` lines; inside `group :development, :test do … end` they are development gems. */
function gemfileDependencies(lines: readonly string[]): Dependency[] {
  let developmentIndent: number | undefined;
  return lines.flatMap((line, index) => {
    const indent = line.length - line.trimStart().length;
    if (developmentIndent !== undefined && indent <= developmentIndent && /^\s*end\b/.test(line)) {
      developmentIndent = undefined;
      return [];
    }
    if (developmentIndent === undefined && isDevelopmentGroup(line)) {
      developmentIndent = indent;
      return [];
    }
    const gem = /^\s*gem\s+["']([^"']+)["']/.exec(line);
    return gem?.[1] === undefined ? [] : [{ name: gem[1], scope: developmentIndent === undefined ? ('runtime' as const) : ('development' as const), line: index + 1 }];
  });
}

/** Line numbers for increasing offsets, counted once across the text. */
function lineCounter(text: string): { lineAt(offset: number): number } {
  let counted = 0;
  let line = 1;
  return {
    lineAt(offset) {
      for (; counted < offset; counted += 1) if (text.charCodeAt(counted) === 10) line += 1;
      return line;
    },
  };
}
