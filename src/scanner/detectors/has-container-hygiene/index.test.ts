import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const HEALTHY = ['FROM node:20', 'HEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/health || exit 1'];

describe('has-container-hygiene', () => {
  it.each([
    ['services/api/Dockerfile', ['services/api/.dockerignore'], 'services/api/Dockerfile has a HEALTHCHECK and its build context is filtered by services/api/.dockerignore'],
    ['services/api/Dockerfile', ['services/api/Dockerfile.dockerignore'], 'services/api/Dockerfile has a HEALTHCHECK and its build context is filtered by services/api/Dockerfile.dockerignore'],
    ['docker/Dockerfile', ['.dockerignore'], 'docker/Dockerfile has a HEALTHCHECK and its build context is filtered by .dockerignore'],
  ])('finds both in %s', (path, extra, message) => {
    const findings = runDetector(detector, { files: [file(path, ...HEALTHY)], paths: [path, ...extra] });
    expect(findings).toEqual([{ outcome: 'positive', file: path, line: 2, level: 1, confidence: 'high', message }]);
  });

  it('is partial with a .dockerignore only', () => {
    const findings = runDetector(detector, { files: [file('Dockerfile', 'FROM node:20')], paths: ['.dockerignore', 'Dockerfile'] });
    expect(findings).toEqual([{ outcome: 'positive', file: 'Dockerfile', line: 1, level: 1, status: 'partial', confidence: 'high', message: 'Dockerfile has .dockerignore but its final stage declares no HEALTHCHECK' }]);
  });

  it('is partial with a HEALTHCHECK only, inherited from an earlier stage', () => {
    const findings = runDetector(detector, { files: [file('Dockerfile', 'FROM node:20 AS base', 'HEALTHCHECK CMD true', 'FROM base')] });
    expect(findings).toEqual([expect.objectContaining({ status: 'partial', line: 2 })]);
  });

  it.each([
    ['neither', ['FROM node:20'], ['Dockerfile', 'other/.dockerignore']],
    ['HEALTHCHECK NONE', ['FROM node:20', 'HEALTHCHECK NONE'], ['Dockerfile']],
    ['a HEALTHCHECK in a builder stage only', ['FROM node:20 AS build', 'HEALTHCHECK CMD true', 'FROM nginx:1.27'], ['Dockerfile']],
  ])('finds nothing with %s', (_name, lines, paths) => {
    expect(runDetector(detector, { files: [file('Dockerfile', ...lines)], paths })).toEqual([]);
  });

  it('is inconclusive for a Dockerfile without FROM', () => {
    expect(runDetector(detector, { files: [file('Dockerfile.partial', 'RUN make')] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'Dockerfile.partial' })]);
  });
});
