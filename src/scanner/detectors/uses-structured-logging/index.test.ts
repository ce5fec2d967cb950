import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('uses-structured-logging', () => {
  it.each([
    [file('package.json', '{', '  "dependencies": {', '    "express": "^4.19.0",', '    "pino": "^9.0.0"', '  }', '}'), 4, 'pino'],
    [file('go.mod', 'module x', 'require (', '\tgo.uber.org/zap v1.27.0', '\tgithub.com/sirupsen/logrus v1.9.3', ')'), 3, 'zap, logrus'],
    [file('requirements.txt', 'flask', 'structlog'), 2, 'structlog'],
    [file('Api.csproj', '<PackageReference Include="Serilog" Version="3.1.1" />'), 1, 'Serilog'],
    [file('Gemfile', "gem 'rails'", "gem 'lograge'"), 2, 'lograge'],
    [file('build.gradle', "implementation 'net.logstash.logback:logstash-logback-encoder:7.4'"), 1, 'logback'],
  ])('finds a structured logger in %s', (manifest, line, labels) => {
    expect(runDetector(detector, { files: [manifest] })).toEqual([
      { outcome: 'positive', file: manifest.path, line, level: 1, confidence: 'medium', message: `${manifest.path} depends on ${labels}, a structured logging library; make sure the application logs through it` },
    ]);
  });

  it.each([
    ['only a development dependency', file('package.json', '{"devDependencies": {"pino-pretty": "1", "winston": "3"}}')],
    ['a similar name', file('package.json', '{"dependencies": {"pinocchio": "1", "winston-transport-x": "1"}}')],
    ['a logger outside the list', file('requirements.txt', 'colorlog')],
    ['a fixture manifest', file('test/fixtures/app/package.json', '{"dependencies": {"pino": "9"}}')],
  ])('finds nothing with %s', (_name, manifest) => {
    expect(runDetector(detector, { files: [manifest] })).toEqual([]);
  });

  it('finds nothing in a manifest it cannot read (inconclusive)', () => {
    expect(runDetector(detector, { files: [file('package.json', '{ "dependencies": { "pino": ')] })).toEqual([]);
  });
});
