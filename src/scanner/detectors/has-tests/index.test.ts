import { describe, expect, it } from 'vitest';
import { runDetector } from '../testing.js';
import { detector, isTestFile } from './index.js';

describe('has-tests', () => {
  it('counts test files and points at the first', () => {
    const paths = ['README.md', 'pkg/api/handler.go', 'pkg/api/handler_test.go', 'src/app.ts', 'src/app.test.ts', 'tests/test_models.py'];
    expect(runDetector(detector, { paths })).toEqual([
      { outcome: 'positive', file: 'pkg/api/handler_test.go', level: 2, status: 'partial', confidence: 'medium', message: 'The repository has 3 test files (first: pkg/api/handler_test.go); running them in the pipeline is the other half' },
    ]);
  });

  it.each([
    ['src/test/java/com/acme/OrderServiceTest.java', true],
    ['spec/models/user_spec.rb', true],
    ['web/__tests__/App.jsx', true],
    ['lib/parser.spec.mjs', true],
    ['test_utils.py', true],
    ['Api.Tests/OrderTests.cs', true],
    ['tests/data/sample.json', false],
    ['src/latest.ts', false],
    ['docs/testing.md', false],
    ['src/Contest.java', false],
  ])('isTestFile(%s) = %s', (path, expected) => {
    expect(isTestFile(path)).toBe(expected);
  });

  it.each([
    ['no tests', ['src/main.go', 'go.mod']],
    ['tests only in dependencies', ['node_modules/lodash/test/test.js', 'vendor/github.com/x/y_test.go']],
  ])('finds nothing with %s', (_name, paths) => {
    expect(runDetector(detector, { paths })).toEqual([]);
  });

  it('is inconclusive when test folders hold only data', () => {
    expect(runDetector(detector, { paths: ['src/main.rs', 'tests/fixtures/input.json'] })).toEqual([
      { outcome: 'not-applicable', file: 'tests/fixtures/input.json', confidence: 'low', message: 'Test folders hold no source files (tests/fixtures/input.json): tests may be data-driven or missing' },
    ]);
  });
  it('stays linear on a hostile path', () => {
    const started = performance.now();
    expect(isTestFile(`${'test_'.repeat(20_000)}x`)).toBe(false);
    expect(isTestFile(`${'a/'.repeat(50_000)}x.spec`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
