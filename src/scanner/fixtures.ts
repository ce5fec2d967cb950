/**
 * Test fixtures and examples are not the product (DETECTORS.md §1): findings there are flagged, do
 * not cap a level, and positive evidence found only there does not count.
 */
const FIXTURE_FOLDERS = new Set(['test', 'tests', 'testdata', '__tests__', '__fixtures__', 'fixtures', '__mocks__', 'examples', 'example']);
const FIXTURE_FILE = /(?:\.(?:spec|test)\.[^/]+|_test\.[^/.]+)$/i;

/** True when a repository path is a test, a fixture or an example. */
export function isFixturePath(path: string): boolean {
  const segments = path.split('/');
  const name = segments.at(-1) ?? '';
  if (FIXTURE_FILE.test(name)) return true;
  return segments.slice(0, -1).some((segment) => FIXTURE_FOLDERS.has(segment.toLowerCase()));
}
