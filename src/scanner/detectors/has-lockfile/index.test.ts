import { describe, expect, it } from 'vitest';
import type { ScanFile } from '../../contract.js';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const APP_PACKAGE = '{"name": "app", "dependencies": {"express": "^4.19.2"}}';
const run = (files: readonly ScanFile[], lockfiles: readonly string[] = []) => runDetector(detector, { files, paths: [...files.map((found) => found.path), ...lockfiles].sort() });

describe('has-lockfile', () => {
  it.each([
    ['package.json', APP_PACKAGE, 'package-lock.json'],
    ['web/package.json', APP_PACKAGE, 'web/pnpm-lock.yaml'],
    ['package.json', APP_PACKAGE, 'bun.lock'],
    ['go.mod', 'module example.com/x\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0', 'go.sum'],
    ['Cargo.toml', '[package]\nname = "x"', 'Cargo.lock'],
    ['pyproject.toml', '[project]\nname = "x"\ndependencies = [\n  "httpx>=0.27",\n]', 'uv.lock'],
    ['pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.12"', 'poetry.lock'],
    ['Pipfile', '[packages]\nflask = "*"', 'Pipfile.lock'],
    ['Gemfile', "gem 'rails'", 'Gemfile.lock'],
    ['composer.json', '{"require": {"monolog/monolog": "^3"}}', 'composer.lock'],
    ['src/Api/Api.csproj', '<PackageReference Include="Serilog" Version="3.1.1" />', 'src/Api/packages.lock.json'],
    ['app/build.gradle.kts', 'dependencies { implementation("x:y:1") }', 'app/gradle.lockfile'],
    ['mix.exs', 'defp deps do [{:jason, "~> 1.4"}] end', 'mix.lock'],
    ['Package.swift', '// swift-tools-version:5.9', 'Package.resolved'],
    ['pubspec.yaml', 'dependencies:\n  http: ^1.2.0', 'pubspec.lock'],
  ])('finds the lockfile of %s', (path, text, lockfile) => {
    expect(run([file(path, text)], [lockfile])).toEqual([{ outcome: 'positive', level: 1, file: path, line: 1, confidence: 'high', message: `${path} has its lockfile` }]);
  });

  it('accepts a workspace lockfile in a parent folder for workspace ecosystems', () => {
    const files = [file('package.json', '{"workspaces": ["packages/*"]}'), file('packages/a/package.json', APP_PACKAGE)];
    expect(run(files, ['package-lock.json'])).toEqual([expect.objectContaining({ outcome: 'positive', level: 1, message: 'All 2 package manifests have their lockfile' })]);
  });

  it('does not accept a parent lockfile for Go modules', () => {
    const files = [file('go.mod', 'module a\nrequire x v1.0.0'), file('tools/go.mod', 'module a/tools\nrequire y v1.0.0')];
    expect(run(files, ['go.sum'])).toEqual([expect.objectContaining({ outcome: 'positive', status: 'partial', file: 'go.mod', message: '1 of 2 package manifests have a lockfile; without one: tools/go.mod' })]);
  });

  it('is partial when some manifests lack a lockfile, listing at most three', () => {
    const files = ['a', 'b', 'c', 'd', 'e'].map((name) => file(`${name}/composer.json`, '{}'));
    expect(run(files, ['a/composer.lock'])).toEqual([
      { outcome: 'positive', level: 1, status: 'partial', file: 'a/composer.json', line: 1, confidence: 'high', message: '1 of 5 package manifests have a lockfile; without one: b/composer.json, c/composer.json, d/composer.json and 1 more' },
    ]);
  });

  it.each([
    ['a manifest without any lockfile', [file('package.json', APP_PACKAGE)], ['yarn.lock.bak', 'docs/package-lock.json']],
    ['a lockfile of another ecosystem', [file('Gemfile', "gem 'rails'")], ['package-lock.json']],
  ])('finds nothing with %s (negative)', (_name, files, lockfiles) => {
    expect(run(files, lockfiles)).toEqual([]);
  });

  it.each([
    ['no manifest at all', [file('README.md', 'hello')]],
    ['manifests only in fixtures, examples and node_modules', [file('test/fixtures/app/package.json', APP_PACKAGE), file('examples/demo/go.mod', 'module d\nrequire x v1'), file('node_modules/x/package.json', APP_PACKAGE)]],
    ['manifests that declare nothing to lock', [file('dist/package.json', '{"type": "commonjs"}'), file('pyproject.toml', '[tool.ruff]\nline-length = 100'), file('go.mod', 'module x\n\ngo 1.22')]],
  ])('is not applicable with %s', (_name, files) => {
    expect(run(files)).toEqual([expect.objectContaining({ outcome: 'not-applicable', confidence: 'high' })]);
  });
});
