import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

interface Linter {
  readonly name: string;
  readonly file: RegExp;
  /** For shared files (package.json, pyproject.toml …): the section that configures the linter. */
  readonly section?: RegExp;
}

const LINTERS: readonly Linter[] = [
  { name: 'ESLint', file: /^(?:\.eslintrc(?:\.(?:js|cjs|mjs|json|ya?ml))?|eslint\.config\.(?:[cm]?js|[cm]?ts))$/ },
  { name: 'ESLint', file: /^package\.json$/, section: /^[ \t]*"eslintConfig"[ \t]*:/m },
  { name: 'Biome', file: /^biome\.jsonc?$/ },
  { name: 'golangci-lint', file: /^\.golangci\.(?:ya?ml|toml|json)$/ },
  { name: 'Ruff', file: /^\.?ruff\.toml$/ },
  { name: 'Ruff', file: /^pyproject\.toml$/, section: /^\[tool\.ruff(?:\.[\w.-]+)?\]/m },
  { name: 'Pylint', file: /^\.?pylintrc$/ },
  { name: 'Pylint', file: /^pyproject\.toml$/, section: /^\[tool\.pylint(?:\.[\w.-]+)?\]/m },
  { name: 'Flake8', file: /^\.flake8$/ },
  { name: 'Flake8', file: /^(?:setup\.cfg|tox\.ini)$/, section: /^\[flake8\]/m },
  { name: 'RuboCop', file: /^\.rubocop\.yml$/ },
  { name: 'SwiftLint', file: /^\.swiftlint\.ya?ml$/ },
  { name: 'detekt', file: /^detekt(?:-config)?\.ya?ml$/ },
  { name: 'PHP_CodeSniffer', file: /^\.?phpcs\.xml(?:\.dist)?$/ },
  { name: 'PHPStan', file: /^phpstan\.neon(?:\.dist)?$/ },
  { name: 'Checkstyle', file: /^checkstyle\.xml$/ },
  { name: 'Clippy', file: /^\.?clippy\.toml$/ },
];

export const detector: Detector = {
  id: 'has-linter-config',
  title: 'A linter is configured',
  domain: 'secure-development',
  kind: 'positive',
  evidenceFor: ['secure-development.linting'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => !path.includes('node_modules/') && LINTERS.some((linter) => linter.file.test(fileName(path))),
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return files.filter((candidate) => !isFixture(candidate.path)).flatMap(judgeFile);
  },
};

function judgeFile(file: ScanFile): DetectorFinding[] {
  const name = fileName(file.path);
  for (const linter of LINTERS.filter((candidate) => candidate.file.test(name))) {
    if (linter.section === undefined) {
      if (file.text.trim() === '') return [{ outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${file.path} is empty, so ${linter.name} runs with its defaults at best` }];
      return [{ outcome: 'positive', file: file.path, line: 1, level: 1, confidence: 'high', message: `${file.path} configures ${linter.name}` }];
    }
    const section = linter.section.exec(file.text);
    if (section !== null) return [{ outcome: 'positive', file: file.path, line: file.text.slice(0, section.index).split('\n').length, level: 1, confidence: 'high', message: `${file.path} configures ${linter.name}` }];
  }
  return [];
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
