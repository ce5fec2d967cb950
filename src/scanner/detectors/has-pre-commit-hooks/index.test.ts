import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const TAIL = '. Hooks can be skipped, so the pipeline should run the same checks';

describe('has-pre-commit-hooks', () => {
  it.each([
    [file('.pre-commit-config.yaml', '# hooks', 'repos:', '  - repo: https://github.com/pre-commit/pre-commit-hooks', '    rev: v4.6.0', '    hooks: [{id: trailing-whitespace}]'), 3, 'pre-commit runs 1 hook repository before each commit'],
    [file('.husky/pre-commit', '#!/usr/bin/env sh', '. "$(dirname -- "$0")/_/husky.sh"', '', 'npx lint-staged'), 4, 'the husky pre-commit hook runs checks'],
    [file('lefthook.yml', 'pre-commit:', '  commands:', '    lint:', '      run: npm run lint'), 1, 'lefthook runs checks in a git hook'],
    [file('.lintstagedrc.json', '{ "*.ts": "eslint --fix" }'), 1, 'lint-staged is configured to lint staged files; a hook runner such as husky or lefthook calls it'],
    [file('package.json', '{', '  "name": "x",', '  "lint-staged": { "*.js": "eslint" }', '}'), 3, 'package.json configures lint-staged for git hooks'],
  ])('finds a hook in %s', (config, line, what) => {
    expect(runDetector(detector, { files: [config] })).toEqual([{ outcome: 'positive', file: config.path, line, level: 1, confidence: 'high', message: `A pre-commit hook is configured: ${what}${TAIL}` }]);
  });

  it.each([
    ['a package.json without hook keys', file('package.json', '{"scripts": {"pre-commit-check": "x"}}')],
    ['husky internals', file('.husky/_/husky.sh', 'echo internal')],
    ['a hook under a fixture folder', file('tests/fixtures/.pre-commit-config.yaml', 'repos:', '  - repo: x')],
  ])('finds nothing for %s', (_name, config) => {
    expect(runDetector(detector, { files: [config] })).toEqual([]);
  });

  it.each([
    [file('.pre-commit-config.yaml', 'repos: []'), '.pre-commit-config.yaml lists no hook repositories'],
    [file('.husky/pre-commit', '#!/bin/sh', '. "$(dirname "$0")/_/husky.sh"'), '.husky/pre-commit runs no command'],
    [file('lefthook.yml', 'colors: false'), 'lefthook.yml defines no pre-commit or pre-push hook'],
  ])('is inconclusive for an empty hook setup in %s', (config, message) => {
    expect(runDetector(detector, { files: [config] })).toEqual([{ outcome: 'not-applicable', file: config.path, line: 1, confidence: 'high', message }]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    runDetector(detector, { files: [file('.husky/pre-commit', `. "$(dirname${' '.repeat(100_000)}`), file('lefthook.yml', `${' '.repeat(100_000)}pre-commit`), file('package.json', `${' '.repeat(100_000)}"husky"`)] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
