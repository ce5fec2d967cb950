import { parseYaml } from '../../../core/yaml/safe-yaml.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { manifestEcosystem, readDependencies } from '../manifest-dependencies.js';

interface Hit {
  readonly line: number;
  readonly what: string;
  readonly confidence: 'high' | 'medium';
}

const SECURITY_PLUGINS = new Set(['eslint-plugin-security', 'eslint-plugin-no-secrets', '@microsoft/eslint-plugin-sdl', 'eslint-plugin-security-node', 'eslint-plugin-no-unsanitized']);
const ESLINT_CONFIG = /^(?:\.eslintrc(?:\.(?:js|cjs|mjs|json|ya?ml))?|eslint\.config\.(?:[cm]?js|[cm]?ts))$/;
const ESLINT_SECURITY_RULES = /eslint-plugin-(?:security(?:-node)?|no-secrets|no-unsanitized)|@microsoft\/(?:eslint-plugin-)?sdl|plugin:security(?:-node)?\/|["'](?:security|security-node|no-unsanitized)\/[\w-]+["']|["']no-secrets\/no-secrets["']/;
const COMMENT_LINE = /^[ \t]*(?:\/\/|#|\/\*|\*)/;
const GOLANGCI_YAML = /^\.golangci\.ya?ml$/;
const GOLANGCI_TEXT = /^\.golangci\.(?:toml|json)$/;
const GOSEC_ENABLED_TEXT = /\benable["']?[ \t]*[=:][ \t]*\[[^\]]{0,1000}["']gosec["']/;
const RUFF_FILE = /^(?:\.?ruff\.toml|pyproject\.toml)$/;
const RUFF_SELECT = /^[ \t]*(?:extend-)?select[ \t]*=[ \t]*\[([^\]]{0,4000})\]/gm;
const BANDIT_RULES = /["'](?:S\d*|ALL)["']/;
const TABLE_HEADER = /^\[([^\]\n]+)\][ \t]*$/gm;
const PRE_COMMIT = /^\.pre-commit-config\.ya?ml$/;

export const detector: Detector = {
  id: 'uses-security-lint-rules',
  title: 'Security lint rules are enabled',
  domain: 'secure-development',
  kind: 'positive',
  evidenceFor: ['secure-development.security-lint-rules'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => {
    const name = fileName(path);
    return !path.includes('node_modules/') && (ESLINT_CONFIG.test(name) || GOLANGCI_YAML.test(name) || GOLANGCI_TEXT.test(name) || RUFF_FILE.test(name) || PRE_COMMIT.test(name) || manifestEcosystem(path) === 'npm' || manifestEcosystem(path) === 'python');
  },
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return files
      .filter((candidate) => !isFixture(candidate.path))
      .flatMap((file) => hitsIn(file).slice(0, 1).map((hit): DetectorFinding => ({ outcome: 'positive', file: file.path, line: hit.line, level: 2, confidence: hit.confidence, message: `${file.path}: ${hit.what}` })));
  },
};

/** Every kind of security lint evidence the file holds, best first. */
export function hitsIn(file: ScanFile): Hit[] {
  const name = fileName(file.path);
  const hits: Hit[] = [];
  if (ESLINT_CONFIG.test(name)) hits.push(...eslintConfigHits(file.text));
  if (GOLANGCI_YAML.test(name)) hits.push(...golangciYamlHits(file));
  if (GOLANGCI_TEXT.test(name) && GOSEC_ENABLED_TEXT.test(file.text)) hits.push({ line: lineAt(file.text, file.text.search(GOSEC_ENABLED_TEXT)), what: 'golangci-lint enables gosec', confidence: 'high' });
  if (RUFF_FILE.test(name)) hits.push(...ruffHits(file));
  if (PRE_COMMIT.test(name)) hits.push(...textHits(file.text, /flake8-bandit/, 'a pre-commit hook runs flake8-bandit'));
  hits.push(...dependencyHits(file));
  return hits;
}

function eslintConfigHits(text: string): Hit[] {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => ESLINT_SECURITY_RULES.test(line) && !COMMENT_LINE.test(line));
  return index === -1 ? [] : [{ line: index + 1, what: 'the ESLint configuration enables security rules', confidence: 'high' }];
}

/** gosec listed in `linters.enable`, or every linter enabled (`enable-all: true`, v2 `default: all`) without disabling it. */
function golangciYamlHits(file: ScanFile): Hit[] {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return [];
  const linters = asRecord(asRecord(parsed.value.value)?.linters);
  if (linters === undefined) return [];
  const enabled = asList(linters.enable);
  const disabled = asList(linters.disable);
  const at = enabled.indexOf('gosec');
  if (at !== -1) return [{ line: parsed.value.locate(['linters', 'enable', at]).line ?? 1, what: 'golangci-lint enables gosec', confidence: 'high' }];
  const everything = linters['enable-all'] === true || linters.default === 'all';
  if (!everything || disabled.includes('gosec')) return [];
  return [{ line: parsed.value.locate(['linters', linters['enable-all'] === true ? 'enable-all' : 'default']).line ?? 1, what: 'golangci-lint enables every linter, gosec included', confidence: 'high' }];
}

/** Ruff `select`/`extend-select` with the flake8-bandit rules (`S`, `S101` …) or `ALL`, in ruff.toml or pyproject's `[tool.ruff…]`. */
function ruffHits(file: ScanFile): Hit[] {
  const inPyproject = file.path.endsWith('pyproject.toml');
  for (const select of file.text.matchAll(RUFF_SELECT)) {
    if (!BANDIT_RULES.test(select[1] ?? '')) continue;
    if (inPyproject && !tableBefore(file.text, select.index).startsWith('tool.ruff')) continue;
    return [{ line: lineAt(file.text, select.index), what: 'Ruff selects the flake8-bandit security rules', confidence: 'high' }];
  }
  return [];
}

/** The security ESLint plugins or flake8-bandit declared as dependencies: installed, probably enabled. */
function dependencyHits(file: ScanFile): Hit[] {
  const ecosystem = manifestEcosystem(file.path);
  if (ecosystem !== 'npm' && ecosystem !== 'python') return [];
  const found = readDependencies(file).find((dependency) => (ecosystem === 'npm' ? SECURITY_PLUGINS.has(dependency.name) : dependency.name === 'flake8-bandit'));
  return found === undefined ? [] : [{ line: found.line, what: `depends on ${found.name}, a security lint plugin`, confidence: 'medium' }];
}

function textHits(text: string, pattern: RegExp, what: string): Hit[] {
  const at = text.search(pattern);
  return at === -1 ? [] : [{ line: lineAt(text, at), what, confidence: 'high' }];
}

function tableBefore(text: string, offset: number): string {
  let table = '';
  for (const header of text.matchAll(TABLE_HEADER)) {
    if (header.index > offset) break;
    table = (header[1] ?? '').trim();
  }
  return table;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
