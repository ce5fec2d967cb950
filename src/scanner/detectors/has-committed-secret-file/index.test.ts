import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('has-committed-secret-file', () => {
  describe('dotenv files', () => {
    it.each(['.env', 'api/.env.production', '.env.local'])('reports %s with values, naming the keys only', (path) => {
      const findings = runDetector(detector, { files: [file(path, '# local settings', 'DATABASE_URL=postgres://app:Vb7xQ2kLm9Pz@db/app', 'export STRIPE_KEY="rk_test_51"', 'EMPTY=', 'DEBUG=true # verbose')] });
      expect(findings).toEqual([
        {
          outcome: 'negative',
          level: 0,
          file: path,
          line: 2,
          confidence: 'high',
          message: `${path} is committed with 3 values; rotate them and keep environment files out of git`,
          snippet: 'DATABASE_URL=…, STRIPE_KEY=…, DEBUG=…',
        },
      ]);
      expect(JSON.stringify(findings)).not.toContain('Vb7xQ2kLm9Pz');
    });

    it('reports an empty dotenv file with low confidence', () => {
      const findings = runDetector(detector, { files: [file('.env', 'API_KEY=', 'SECRET=""', '# TODO')] });
      expect(findings).toEqual([expect.objectContaining({ outcome: 'negative', file: '.env', confidence: 'low' })]);
    });

    it('reports a dotenv file that was listed but not read with medium confidence', () => {
      expect(runDetector(detector, { paths: ['.env.staging'] })).toEqual([expect.objectContaining({ outcome: 'negative', file: '.env.staging', confidence: 'medium' })]);
    });

    it.each(['.env.example', '.env.sample', 'config/.env.template', '.env.dist', '.envrc', 'docs/env.md', 'src/.environment.ts'])('ignores %s (negative)', (path) => {
      expect(detector.matches(path)).toBe(false);
      expect(runDetector(detector, { files: [file(path, 'API_KEY=abc123')] })).toEqual([]);
    });
  });

  describe('Kubernetes Secrets', () => {
    it('reports a Secret with base64 data and stringData values', () => {
      const manifest = file(
        'k8s/db-secret.yaml',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: db-credentials',
        '  namespace: shop',
        'type: Opaque',
        'data:',
        '  username: YWRtaW4=',
        '  password: MWYyZDFlMmU2N2Rm',
        'stringData:',
        '  api-token: "Zq8kP2mW9xR4v"',
      );
      expect(runDetector(detector, { files: [manifest] })).toEqual([
        {
          outcome: 'negative',
          level: 0,
          file: 'k8s/db-secret.yaml',
          line: 8,
          confidence: 'high',
          message: 'Kubernetes Secret "db-credentials" in k8s/db-secret.yaml:8 holds 3 plaintext values (base64 is an encoding, not encryption); use SealedSecret, ExternalSecret or SOPS',
        },
      ]);
    });

    it('reads every document of a multi-document file', () => {
      const manifest = file('deploy/all.yml', 'kind: ConfigMap', 'data:', '  mode: prod', '---', 'kind: "Secret"', 'data: {token: dG9rZW4=}', '---', 'kind: Deployment');
      expect(runDetector(detector, { files: [manifest] })).toEqual([expect.objectContaining({ outcome: 'negative', line: 6, message: expect.stringContaining('A Kubernetes Secret in deploy/all.yml:6 holds 1 plaintext value ') as unknown })]);
    });

    it('is inconclusive when the values come from a Helm template', () => {
      const manifest = file('chart/templates/secret.yaml', 'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: {{ .Release.Name }}-db', 'data:', '  password: {{ .Values.db.password | b64enc }}', '{{- range $k, $v := .Values.extra }}', '  {{ $k }}: {{ $v | b64enc }}', '{{- end }}');
      expect(runDetector(detector, { files: [manifest] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', line: 6, confidence: 'low' })]);
    });

    it.each([
      ['a SealedSecret', ['apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'spec:', '  encryptedData:', '    password: AgBy3i4OJSWK+PiTySYZZA==']],
      ['an ExternalSecret', ['kind: ExternalSecret', 'spec:', '  data:', '    - secretKey: password']],
      ['a Secret without values', ['kind: Secret', 'metadata:', '  name: filled-at-deploy', 'data: {}', 'stringData:', '  password: ""']],
      ['a ConfigMap', ['kind: ConfigMap', 'data:', '  LOG_LEVEL: info']],
      ['an indented kind', ['items:', '  - kind: Secret', '    data:', '      token: dG9rZW4=']],
    ])('does not report %s (negative)', (_label, lines) => {
      expect(runDetector(detector, { files: [file('k8s/manifest.yaml', ...lines)] })).toEqual([]);
    });
  });
});
