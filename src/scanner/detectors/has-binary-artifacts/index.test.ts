import { describe, expect, it } from 'vitest';
import { runDetector } from '../testing.js';
import { detector } from './index.js';

describe('has-binary-artifacts', () => {
  it('reports each committed binary, fixtures included (the engine flags them)', () => {
    const paths = ['README.md', 'ftp/encrypt.pyc', 'lib/native/libcrypto.so', 'tools/setup.EXE', 'test/fixtures/app.jar', 'src/main.go'];
    expect(runDetector(detector, { paths }).map((finding) => finding.file)).toEqual(['ftp/encrypt.pyc', 'lib/native/libcrypto.so', 'tools/setup.EXE', 'test/fixtures/app.jar']);
  });

  it('says why a binary is a problem', () => {
    expect(runDetector(detector, { paths: ['bin/tool.exe'] })).toEqual([
      { outcome: 'negative', level: 1, file: 'bin/tool.exe', confidence: 'medium', message: 'bin/tool.exe looks like a compiled binary: it cannot be reviewed, so build it in the pipeline or fetch it from a verified release instead' },
    ]);
  });

  it.each([
    ['the Gradle wrapper', ['gradle/wrapper/gradle-wrapper.jar', 'android/gradle/wrapper/gradle-wrapper.jar']],
    ['dependencies', ['node_modules/esbuild/bin/esbuild.exe', 'vendor/lib.so', '.git/objects/pack/x.pack']],
    ['WebAssembly and look-alike names', ['web/app.wasm', 'docs/a.so.md', 'src/o.ts', 'src/lib.rs']],
  ])('ignores %s', (_name, paths) => {
    expect(runDetector(detector, { paths })).toEqual([]);
  });

  it('finds nothing in an empty scan (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector, { paths: [] })).toEqual([]);
  });
});
