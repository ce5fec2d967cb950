import type { DetectorFinding, FileDetector, ScanFile } from '../../contract.js';

/**
 * One way a repository shows fuzzing or property testing. `files` picks the paths, `needle` is a
 * cheap substring test before any line is matched, `line` finds the evidence line.
 */
interface FuzzSign {
  readonly files: RegExp;
  readonly needle: string;
  readonly line: RegExp;
  readonly what: string;
  /** Property-based testing is a lighter form of the same idea: partial evidence. */
  readonly property?: boolean;
}

const JS_FILE = /\.(?:[cm]?[jt]sx?)$/;

const SIGNS: readonly FuzzSign[] = [
  { files: /^\.clusterfuzzlite\/Dockerfile$/, needle: '', line: /^[ \t]*[A-Za-z]/, what: 'ClusterFuzzLite is set up' },
  // Scorecard's Go rule: native fuzz tests live in *_test.go.
  { files: /_test\.go$/, needle: 'testing.F', line: /^func[ \t]+Fuzz\w*[ \t]*\([ \t]*\w+[ \t]+\*testing\.F[ \t]*\)/, what: 'a Go fuzz test' },
  { files: /(?:^|\/)fuzz\/Cargo\.toml$/, needle: 'fuzz', line: /^[ \t]*(?:cargo-fuzz[ \t]*=[ \t]*true|libfuzzer-sys[ \t]*=)/, what: 'a cargo-fuzz crate' },
  { files: /\.py$/, needle: 'atheris', line: /^[ \t]*(?:import[ \t]+atheris\b|from[ \t]+atheris\b)/, what: 'an Atheris fuzz target' },
  { files: /\.(?:java|kt)$/, needle: 'Fuzz', line: /^[ \t]*@FuzzTest\b|\bfuzzerTestOneInput[ \t]*\([ \t]*(?:final[ \t]+)?FuzzedDataProvider\b/, what: 'a Jazzer fuzz test' },
  { files: /(?:^|\/)package\.json$/, needle: '@jazzer.js/', line: /"@jazzer\.js\/(?:core|jest-runner)"[ \t]*:/, what: 'Jazzer.js is a dependency' },
  { files: JS_FILE, needle: '@jazzer.js/', line: /^[ \t]*(?:import\b[^"'\n]*\bfrom[ \t]*|(?:const|let|var)[ \t]+[^=\n]+=[ \t]*require\([ \t]*|require\([ \t]*)["']@jazzer\.js\/(?:core|jest-runner)["']/, what: 'a Jazzer.js fuzz target' },
  { files: /\.(?:c|cc|cpp|cxx|c\+\+)$/, needle: 'LLVMFuzzerTestOneInput', line: /\bint[ \t]+LLVMFuzzerTestOneInput[ \t]*\(/, what: 'a libFuzzer target' },
  { files: JS_FILE, needle: 'fast-check', line: /(?:from[ \t]+|require\([ \t]*|import[ \t]+)["']@?fast-check(?:\/[\w-]+)?["']/, what: 'property tests with fast-check', property: true },
  { files: /\.py$/, needle: 'hypothesis', line: /^[ \t]*(?:from[ \t]+hypothesis\b[\w.]*[ \t]+import\b|import[ \t]+hypothesis\b)/, what: 'property tests with Hypothesis', property: true },
];

/** Fuzz targets usually sit in test files, so test paths count here; demos and fixtures do not (a folder of one of these names, in any case). */
const DEMO_FOLDER = /(?:^|\/)(?:examples|example|fixtures|__fixtures__|__mocks__|vendor|node_modules|third_party)\//i;

function isDemo(path: string): boolean {
  return DEMO_FOLDER.test(path);
}

function signFinding(file: ScanFile, sign: FuzzSign): DetectorFinding | undefined {
  if (!sign.files.test(file.path) || !file.text.includes(sign.needle)) return undefined;
  const index = file.text.split('\n').findIndex((line) => sign.line.test(line));
  if (index === -1) return undefined;
  const base = { outcome: 'positive' as const, file: file.path, line: index + 1, level: 3 };
  if (sign.property === true) return { ...base, confidence: 'medium', status: 'partial', message: `${file.path} has ${sign.what}: property testing, a lighter form of fuzzing` };
  return { ...base, confidence: 'high', message: `${file.path}: ${sign.what}` };
}

const CLUSTERFUZZLITE = '.clusterfuzzlite/Dockerfile';

/** The strongest sign in a file: a fuzz target beats a property test. */
function fileFinding(file: ScanFile): DetectorFinding | undefined {
  const found = SIGNS.map((sign) => signFinding(file, sign)).filter((finding) => finding !== undefined);
  const best = found.find((finding) => finding.status === undefined) ?? found[0];
  if (best === undefined && file.path === CLUSTERFUZZLITE) {
    return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${CLUSTERFUZZLITE} has no build instruction, so ClusterFuzzLite cannot build any fuzzer from it` };
  }
  return best;
}

/** File by file: it matches most source files of a repository, and needs none of them together. */
export const detector: FileDetector = {
  id: 'has-fuzzing',
  title: 'Fuzz targets or ClusterFuzzLite configuration exist',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['ci-security-testing.deep-testing'],
  version: 1,
  lifecycle: 'stable',
  testPathsAreEvidence: true,
  matches: (path) => SIGNS.some((sign) => sign.files.test(path)) && !isDemo(path),
  analyzeFile(file) {
    const finding = fileFinding(file);
    return finding === undefined ? [] : [finding];
  },
};
