import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('has-fuzzing', () => {
  it.each([
    ['.clusterfuzzlite/Dockerfile', ['# ClusterFuzzLite build image', 'FROM gcr.io/oss-fuzz-base/base-builder-go', 'COPY . $SRC/app'], 2, 'ClusterFuzzLite is set up'],
    ['internal/parser/parser_test.go', ['package parser', '', 'import "testing"', '', 'func FuzzParse(f *testing.F) {', '\tf.Add("a=b")', '}'], 5, 'a Go fuzz test'],
    ['fuzz/Cargo.toml', ['[package]', 'name = "app-fuzz"', '', '[package.metadata]', 'cargo-fuzz = true', '', '[dependencies]', 'libfuzzer-sys = "0.4"'], 5, 'a cargo-fuzz crate'],
    ['fuzz/fuzz_config.py', ['import sys', 'import atheris', '', 'with atheris.instrument_imports():', '    import config'], 2, 'an Atheris fuzz target'],
    ['src/test/java/app/ParserFuzzTest.java', ['class ParserFuzzTest {', '  @FuzzTest', '  void parse(FuzzedDataProvider data) {}', '}'], 2, 'a Jazzer fuzz test'],
    ['package.json', ['{', '  "devDependencies": {', '    "@jazzer.js/core": "^2.1.0"', '  }', '}'], 3, 'Jazzer.js is a dependency'],
    ['fuzz/png_fuzzer.cc', ['#include <cstdint>', 'extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {', '  return 0;', '}'], 2, 'a libFuzzer target'],
  ])('finds %s (test paths count: fuzz targets live there)', (path, lines, line, what) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([{ outcome: 'positive', file: path, line, level: 3, confidence: 'high', message: `${path}: ${what}` }]);
  });

  it.each([
    ['src/core/scoring.test.ts', ["import fc from 'fast-check';", "import { it } from 'vitest';"], 1, 'property tests with fast-check'],
    ['tests/test_model.py', ['from hypothesis import given, strategies as st', '', '@given(st.text())', 'def test_roundtrip(s): ...'], 1, 'property tests with Hypothesis'],
  ])('counts property tests in %s as partial evidence', (path, lines, line, what) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([
      { outcome: 'positive', file: path, line, level: 3, confidence: 'medium', status: 'partial', message: `${path} has ${what}: property testing, a lighter form of fuzzing` },
    ]);
  });

  it.each([
    ['a Go test that only mentions fuzzing', 'parser_test.go', ['// TODO: add a fuzz test with *testing.F', 'func TestParse(t *testing.T) {}']],
    ['a benchmark', 'parser_test.go', ['func BenchmarkParse(b *testing.B) {}']],
    ['a Cargo.toml outside fuzz/', 'Cargo.toml', ['[dependencies]', 'libfuzzer-sys = "0.4"']],
    ['a Python file naming atheris in a string', 'tools/notes.py', ['print("try import atheris later")']],
    ['a fuzz target under examples/', 'examples/go/parse_test.go', ['func FuzzParse(f *testing.F) {}']],
    ['a fast-check mention in a comment', 'src/a.ts', ['// we might use fast-check one day']],
  ])('finds nothing for %s (near miss)', (_name, path, lines) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([]);
  });

  it('prefers a fuzz target over a property test in the same file', () => {
    const findings = runDetector(detector, { files: [file('test/fuzz.test.js', "const fc = require('fast-check');", "const { FuzzedDataProvider } = require('@jazzer.js/core');")] });
    expect(findings).toEqual([expect.objectContaining({ line: 2, confidence: 'high', message: 'test/fuzz.test.js: a Jazzer.js fuzz target' })]);
  });

  it('is inconclusive for a ClusterFuzzLite Dockerfile without instructions', () => {
    expect(runDetector(detector, { files: [file('.clusterfuzzlite/Dockerfile', '# to do')] })).toEqual([
      { outcome: 'not-applicable', file: '.clusterfuzzlite/Dockerfile', line: 1, confidence: 'high', message: '.clusterfuzzlite/Dockerfile has no build instruction, so ClusterFuzzLite cannot build any fuzzer from it' },
    ]);
  });

  it.each([
    ['a long Go fuzz name', 'x_test.go', `func Fuzz${'a'.repeat(100_000)} (f *testing.X)`],
    ['spaces before testing.F', 'x_test.go', `func ${' '.repeat(100_000)}testing.F`],
    ['repeated import words', 'a.ts', `${'from '.repeat(20_000)}fast-check`],
    ['repeated annotations', 'A.java', `${'@FuzzTest'.repeat(10_000)} fuzzerTestOneInput${' '.repeat(10_000)}`],
  ])('S10 reads 100 KB of %s in < 100 ms', (_name, path, text) => {
    const files = [file(path, text)];
    runDetector(detector, { files });
    const started = performance.now();
    runDetector(detector, { files });
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('has-fuzzing near misses in code that talks about fuzzers', () => {
  it('does not take a require written inside a string for a fuzz target', () => {
    const line = `    const findings = runDetector(detector, { files: [file('t.js', "const { FuzzedDataProvider } = require('@jazzer.js/core');")] });`;
    expect(runDetector(detector, { files: [file('src/sample.test.js', line)] })).toEqual([]);
  });
});
