import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('pins-base-image-digest', () => {
  it.each([
    ['one pinned FROM', [`FROM node:20-alpine@${DIGEST}`], 1],
    ['pinned builder, scratch and a stage reference', [`FROM golang:1.22@${DIGEST} AS build`, 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app', 'FROM build AS debug'], 1],
    ['a digest from an ARG default', [`ARG BASE=ghcr.io/acme/base@${DIGEST}`, 'FROM $BASE'], 2],
    ['a digest supplied by a build argument', ['ARG DIGEST', 'FROM python:3.12-slim@sha256:${DIGEST}'], 2],
  ])('every base image pinned: %s', (_name, lines, line) => {
    expect(runDetector(detector, { files: [file('Dockerfile', ...lines)] })).toEqual([{ outcome: 'positive', file: 'Dockerfile', line, level: 3, confidence: 'high', message: 'Every base image in Dockerfile is pinned by digest' }]);
  });

  it('is partial when only some base images of the repository are pinned', () => {
    const findings = runDetector(detector, { files: [file('api/Dockerfile', `FROM node:20@${DIGEST} AS deps`, 'FROM node:20-slim'), file('web/Dockerfile', 'FROM nginx:1.27')] });
    expect(findings).toEqual([
      expect.objectContaining({ outcome: 'positive', file: 'api/Dockerfile', line: 1, level: 3, status: 'partial', message: '1 of 2 base images in api/Dockerfile are pinned by digest (1 of 3 in the repository): pin the others with @sha256:…' }),
    ]);
  });

  it.each([
    ['a tag only', ['FROM node:20.11.1-alpine3.19']],
    ['a short digest', ['FROM node@sha256:abc123']],
    ['only scratch', ['FROM scratch', 'COPY app /app']],
  ])('finds nothing for %s', (_name, lines) => {
    expect(runDetector(detector, { files: [file('Dockerfile', ...lines)] })).toEqual([]);
  });

  it('ignores a pinned Dockerfile under a fixture folder', () => {
    expect(runDetector(detector, { files: [file('src/__fixtures__/Dockerfile', `FROM node@${DIGEST}`)] })).toEqual([]);
  });

  it('is inconclusive when the base image is left to a build argument', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'ARG BASE_IMAGE', 'FROM ${BASE_IMAGE}')] })).toEqual([
      { outcome: 'not-applicable', file: 'Dockerfile', line: 2, confidence: 'high', message: 'The base image comes from build argument BASE_IMAGE without a default: whether it is pinned is decided at build time' },
    ]);
  });
});
