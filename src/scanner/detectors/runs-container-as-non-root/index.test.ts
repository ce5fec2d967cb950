import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, isRootUser } from './index.js';

describe('runs-container-as-non-root', () => {
  it.each([
    ['a named user', ['FROM node:20', 'USER node'], 2, 'high', 'node'],
    ['a numeric user and group', ['FROM alpine:3', 'USER 10001:10001'], 2, 'high', '10001:10001'],
    ['the final stage only', ['FROM golang:1.22 AS build', 'USER root', 'FROM alpine:3', 'USER app'], 4, 'high', 'app'],
    ['a user inherited from the stage it starts from', ['FROM alpine:3 AS base', 'USER app', 'FROM base', 'CMD ["run"]'], 2, 'high', 'app'],
    ['a user from an ENV value', ['FROM alpine:3', 'ENV APP_UID=1001', 'USER ${APP_UID}'], 3, 'medium', '1001'],
  ])('finds %s', (_name, lines, line, confidence, user) => {
    expect(runDetector(detector, { files: [file('Dockerfile', ...lines)] })).toEqual([{ outcome: 'positive', file: 'Dockerfile', line, level: 2, confidence, message: `The final stage of Dockerfile runs as user ${user}, not root` }]);
  });

  it('trusts a distroless nonroot base image without USER, with medium confidence', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM golang:1.22 AS build', 'FROM gcr.io/distroless/static-debian12:nonroot')] })).toEqual([expect.objectContaining({ outcome: 'positive', line: 2, level: 2, confidence: 'medium' })]);
  });

  it('trusts Chainguard static without USER or tag: it runs as uid 65532 (ossf/scorecard Dockerfile)', () => {
    const lines = ['FROM golang:1.23.4 AS base', 'FROM base AS build', 'RUN make build-scorecard', 'FROM cgr.dev/chainguard/static@sha256:5e9c88174a28c259c349f308dd661a6ec61ed5f8c72ecfaefb46cceb811b55a1', 'COPY --from=build /src/scorecard /', 'ENTRYPOINT [ "/scorecard" ]'];
    expect(runDetector(detector, { files: [file('Dockerfile', ...lines)] })).toEqual([expect.objectContaining({ outcome: 'positive', line: 4, level: 2, confidence: 'medium' })]);
  });

  it('does not trust other Chainguard images by name alone', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM cgr.dev/chainguard/wolfi-base')] })).toEqual([]);
  });

  it.each([
    ['no USER', ['FROM node:20', 'CMD ["node", "server.js"]']],
    ['USER root at the end', ['FROM node:20', 'USER node', 'RUN npm ci', 'USER root']],
    ['USER 0:0', ['FROM alpine:3', 'USER 0:0']],
    ['a non-root builder but a root final stage', ['FROM node:20 AS build', 'USER node', 'FROM nginx:1.27']],
  ])('finds nothing with %s', (_name, lines) => {
    expect(runDetector(detector, { files: [file('Dockerfile', ...lines)] })).toEqual([]);
  });

  it('skips fixtures', () => {
    expect(runDetector(detector, { files: [file('examples/Dockerfile', 'FROM node:20', 'USER node')] })).toEqual([]);
  });

  it('is inconclusive when the user is a build argument without default', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM alpine:3', 'ARG RUN_AS', 'USER $RUN_AS')] })).toEqual([
      { outcome: 'not-applicable', file: 'Dockerfile', line: 3, confidence: 'high', message: 'The final stage runs as the user in build argument RUN_AS, which has no default: decided at build time' },
    ]);
  });

  it.each([['root', true], ['0', true], ['root:root', true], ['0:1000', true], ['rooty', false], ['1000:0', false], ['nobody', false]])('isRootUser(%s) = %s', (user, expected) => {
    expect(isRootUser(user)).toBe(expected);
  });
});
