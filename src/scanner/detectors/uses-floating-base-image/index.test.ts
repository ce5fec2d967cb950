import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('uses-floating-base-image', () => {
  it.each([
    ['FROM node', 1, 'Base image node has no tag: each build may pull a different image; pin a version tag and a digest'],
    ['FROM alpine:latest AS base', 1, 'Base image alpine:latest uses the latest tag: each build may pull a different image; pin a version tag and a digest'],
    ['FROM --platform=linux/amd64 gcr.io/distroless/nodejs20-debian12', 1, 'Base image gcr.io/distroless/nodejs20-debian12 has no tag: each build may pull a different image; pin a version tag and a digest'],
    ['ARG TAG=latest\nFROM localhost:5000/app:${TAG}', 2, 'Base image localhost:5000/app:latest uses the latest tag: each build may pull a different image; pin a version tag and a digest'],
  ])('flags %j', (text, line, message) => {
    expect(runDetector(detector, { files: [file('Dockerfile', text)] })).toEqual([{ outcome: 'negative', level: 1, file: 'Dockerfile', line, confidence: 'high', snippet: expect.stringMatching(/^FROM /) as unknown, message }]);
  });

  it('does not mistake a registry port for a tag', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM localhost:5000/app')] })).toEqual([expect.objectContaining({ outcome: 'negative', message: expect.stringContaining('has no tag') as unknown })]);
  });

  it.each([
    ['a version tag', 'FROM node:20-alpine'],
    ['latest with a digest', `FROM alpine:latest@sha256:${'a'.repeat(64)}`],
    ['scratch', 'FROM scratch'],
    ['an earlier stage', 'FROM golang:1.22 AS build\nFROM build'],
    ['a registry with a port and a tag', 'FROM registry.local:5000/team/app:2.1'],
  ])('does not flag %s', (_name, text) => {
    expect(runDetector(detector, { files: [file('Dockerfile', text)] })).toEqual([]);
  });

  it('still reports a floating image under a fixture path (the engine flags fixtures)', () => {
    expect(runDetector(detector, { files: [file('test/Dockerfile', 'FROM ubuntu')] })).toEqual([expect.objectContaining({ outcome: 'negative', file: 'test/Dockerfile' })]);
  });

  it('is inconclusive when the tag is left to a build argument', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'ARG VERSION', 'FROM python:${VERSION}-slim')] })).toEqual([
      { outcome: 'not-applicable', file: 'Dockerfile', line: 2, confidence: 'high', message: 'The base image tag comes from a build argument without a default (VERSION): whether it floats is decided at build time' },
    ]);
  });
});
