import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const DEPLOYMENT = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api'];

describe('has-container-build', () => {
  it.each([
    [[file('Dockerfile', 'FROM node:20')], [{ outcome: 'positive', file: 'Dockerfile', line: 1 }]],
    [[file('svc/api.Dockerfile', '# build', 'FROM golang:1.22 AS build'), file('svc/web/Containerfile', 'FROM nginx:1.27')], [{ outcome: 'positive', file: 'svc/api.Dockerfile', line: 2, message: 'Container images are built from 2 Dockerfiles (first: svc/api.Dockerfile)' }]],
    [[file('k8s/api.yaml', '---', ...DEPLOYMENT)], [{ outcome: 'positive', file: 'k8s/api.yaml', line: 3 }]],
    [[file('chart/templates/deploy.yaml', '{{- if .Values.enabled }}', 'apiVersion: {{ include "app.apiVersion" . }}', 'kind: Deployment', '{{- end }}')], [{ outcome: 'positive', file: 'chart/templates/deploy.yaml', line: 3 }]],
  ])('finds container files (%#)', (files, expected) => {
    expect(runDetector(detector, { files })).toEqual(expected.map((finding) => expect.objectContaining(finding) as unknown));
  });

  it('reports Dockerfiles and manifests separately', () => {
    const findings = runDetector(detector, { files: [file('Dockerfile', 'FROM node:20'), file('deploy/app.yml', ...DEPLOYMENT)] });
    expect(findings.map((finding) => finding.file)).toEqual(['Dockerfile', 'deploy/app.yml']);
  });

  it.each([
    ['no container files', [file('README.md', 'FROM node'), file('.github/workflows/ci.yml', 'on: push', 'jobs: {}')], 'No Dockerfile, Containerfile or Kubernetes manifest: the container domain does not apply'],
    ['YAML that only looks like Kubernetes', [file('catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1', 'kind: Component')], 'No Dockerfile, Containerfile or Kubernetes manifest: the container domain does not apply'],
    ['a Dockerfile without FROM', [file('Dockerfile', '# TODO')], 'No Dockerfile, Containerfile or Kubernetes manifest: the container domain does not apply'],
    ['container files only in fixtures', [file('test/fixtures/Dockerfile', 'FROM node@sha256:' + 'a'.repeat(64))], 'Container files exist only as test fixtures: the container domain does not apply'],
  ])('is not applicable with %s', (_name, files, message) => {
    expect(runDetector(detector, { files })).toEqual([{ outcome: 'not-applicable', confidence: 'high', message }]);
  });
});
