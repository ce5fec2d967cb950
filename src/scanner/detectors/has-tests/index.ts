import type { Detector, DetectorFinding } from '../../contract.js';

const TEST_FOLDER = /(?:^|\/)(?:test|tests|__tests__|spec|specs)\//i;
const TEST_FILE = /(?:_test\.(?:go|py|rb|exs|rs|cc|cpp|c)|\.(?:spec|test)\.[cm]?[jt]sx?|_spec\.rb|(?:Tests?|IT)\.(?:java|kt|kts|scala|groovy|cs|fs|vb|swift|php))$|^test_[^/]*\.py$/;
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kt|kts|scala|groovy|cs|fs|vb|php|rs|exs?|erl|c|cc|cpp|cxx|h|hpp|swift|m|dart|lua|sh|bats|clj|r|jl|pl)$/i;
const THIRD_PARTY = /(?:^|\/)(?:node_modules|vendor|third_party|\.git)\//;

export const detector: Detector = {
  id: 'has-tests',
  title: 'The repository has automated tests',
  domain: 'secure-development',
  kind: 'positive',
  evidenceFor: ['secure-development.tests-in-ci'],
  version: 1,
  lifecycle: 'stable',
  testPathsAreEvidence: true,
  matches: () => false,
  analyze({ paths }) {
    const own = paths.filter((path) => !THIRD_PARTY.test(path));
    const tests = own.filter(isTestFile);
    const first = tests[0];
    if (first !== undefined) {
      const count = tests.length === 1 ? '1 test file' : `${tests.length} test files`;
      return [{ outcome: 'positive', file: first, level: 2, status: 'partial', confidence: 'medium', message: `The repository has ${count} (first: ${first}); running them in the pipeline is the other half` }];
    }
    const folder = own.find((path) => inTestFolder(path));
    if (folder === undefined) return [];
    return [{ outcome: 'not-applicable', file: folder, confidence: 'low', message: `Test folders hold no source files (${folder}): tests may be data-driven or missing` } satisfies DetectorFinding];
  },
};

/** A test by name (`*_test.go`, `*.spec.ts`, `test_*.py` …) or a source file inside a test, tests, __tests__ or spec folder. */
export function isTestFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (TEST_FILE.test(name)) return true;
  return SOURCE_FILE.test(name) && inTestFolder(path);
}

/** A folder named test, tests, __tests__, spec or specs (any case) on the way to the file. */
function inTestFolder(path: string): boolean {
  return TEST_FOLDER.test(path);
}
