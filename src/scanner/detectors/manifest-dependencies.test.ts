import { describe, expect, it } from 'vitest';
import { file } from './testing.js';
import { manifestEcosystem, readDependencies } from './manifest-dependencies.js';

describe('dependency manifests', () => {
  it.each([
    ['package.json', 'npm'],
    ['requirements-dev.txt', 'python'],
    ['requirements/base.txt', 'python'],
    ['services/api/pyproject.toml', 'python'],
    ['go.mod', 'go'],
    ['pom.xml', 'maven'],
    ['app/build.gradle.kts', 'gradle'],
    ['gradle/libs.versions.toml', 'gradle'],
    ['src/Api/Api.csproj', 'nuget'],
    ['Gemfile', 'ruby'],
    ['node_modules/pino/package.json', undefined],
    ['Gemfile.lock', undefined],
  ])('%s → %s', (path, ecosystem) => {
    expect(manifestEcosystem(path)).toBe(ecosystem);
  });

  it('reads package.json sections with their lines', () => {
    const text = ['{', '  "name": "api",', '  "dependencies": {', '    "pino": "^9.0.0"', '  },', '  "devDependencies": {', '    "vitest": "4.1.12"', '  }', '}'];
    expect(readDependencies(file('package.json', ...text))).toEqual([
      { name: 'pino', scope: 'runtime', line: 4 },
      { name: 'vitest', scope: 'development', line: 7 },
    ]);
  });

  it('reads requirements files, normalising names', () => {
    expect(readDependencies(file('requirements.txt', '# logging', 'structlog==24.1.0', 'Prometheus_Client>=0.20 ; python_version > "3.8"', '-r base.txt', '--hash=sha256:abc'))).toEqual([
      { name: 'structlog', scope: 'runtime', line: 2 },
      { name: 'prometheus-client', scope: 'runtime', line: 3 },
    ]);
    expect(readDependencies(file('requirements-dev.txt', 'pytest'))).toEqual([{ name: 'pytest', scope: 'development', line: 1 }]);
  });

  it('reads pyproject.toml PEP 621 and Poetry tables', () => {
    const text = ['[project]', 'name = "app"', 'dependencies = [', '  "loguru>=0.7",', '  "httpx",', ']', '[dependency-groups]', 'dev = ["pytest"]', '[tool.poetry.dependencies]', 'python = "^3.12"', 'sentry_sdk = "^2"', '[tool.poetry.group.test.dependencies]', 'coverage = "*"'];
    expect(readDependencies(file('pyproject.toml', ...text))).toEqual([
      { name: 'loguru', scope: 'runtime', line: 4 },
      { name: 'httpx', scope: 'runtime', line: 5 },
      { name: 'pytest', scope: 'development', line: 8 },
      { name: 'sentry-sdk', scope: 'runtime', line: 11 },
      { name: 'coverage', scope: 'development', line: 13 },
    ]);
  });

  it('reads go.mod require lines and blocks', () => {
    expect(readDependencies(file('go.mod', 'module example.com/app', 'go 1.22', 'require go.uber.org/zap v1.27.0', 'require (', '\tgithub.com/rs/zerolog v1.33.0 // indirect', ')'))).toEqual([
      { name: 'go.uber.org/zap', scope: 'runtime', line: 3 },
      { name: 'github.com/rs/zerolog', scope: 'runtime', line: 5 },
    ]);
  });

  it('reads pom.xml dependencies with test scope', () => {
    const text = ['<project>', '<dependencies>', '  <dependency>', '    <groupId>ch.qos.logback</groupId>', '    <artifactId>logback-classic</artifactId>', '  </dependency>', '  <dependency>', '    <groupId>org.junit.jupiter</groupId>', '    <artifactId>junit-jupiter</artifactId>', '    <scope>test</scope>', '  </dependency>', '</dependencies>', '</project>'];
    expect(readDependencies(file('pom.xml', ...text))).toEqual([
      { name: 'ch.qos.logback:logback-classic', scope: 'runtime', line: 3 },
      { name: 'org.junit.jupiter:junit-jupiter', scope: 'development', line: 7 },
    ]);
  });

  it('reads Gradle coordinates, maps and version catalogs', () => {
    expect(readDependencies(file('build.gradle.kts', 'dependencies {', '  implementation("io.sentry:sentry:7.0.0")', "  testImplementation group: 'org.mockito', name: 'mockito-core'", '}'))).toEqual([
      { name: 'io.sentry:sentry', scope: 'runtime', line: 2 },
      { name: 'org.mockito:mockito-core', scope: 'development', line: 3 },
    ]);
    expect(readDependencies(file('gradle/libs.versions.toml', '[libraries]', 'otel = { module = "io.opentelemetry:opentelemetry-api", version = "1.40.0" }'))).toEqual([{ name: 'io.opentelemetry:opentelemetry-api', scope: 'runtime', line: 2 }]);
  });

  it('reads NuGet references and Gemfile groups', () => {
    expect(readDependencies(file('Api.csproj', '<ItemGroup>', '  <PackageReference Include="Serilog.AspNetCore" Version="8.0.0" />', '</ItemGroup>'))).toEqual([{ name: 'Serilog.AspNetCore', scope: 'runtime', line: 2 }]);
    expect(readDependencies(file('Gemfile', "gem 'lograge'", 'group :development, :test do', "  gem 'rspec-rails'", 'end', 'gem "sentry-ruby"'))).toEqual([
      { name: 'lograge', scope: 'runtime', line: 1 },
      { name: 'rspec-rails', scope: 'development', line: 3 },
      { name: 'sentry-ruby', scope: 'runtime', line: 5 },
    ]);
  });

  it('returns nothing for an unreadable package.json', () => {
    expect(readDependencies(file('package.json', '{ "dependencies": '))).toEqual([]);
  });

  it('stays linear on hostile lines', () => {
    const started = performance.now();
    readDependencies(file('build.gradle', `implementation${' '.repeat(100_000)}`));
    readDependencies(file('Gemfile', `group ${':test '.repeat(20_000)}`));
    readDependencies(file('pom.xml', '<dependency>'.repeat(10_000)));
    readDependencies(file('pyproject.toml', '[project]', `dependencies = [${'"a",'.repeat(20_000)}`));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
