import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, file, runDetector, step } from '../testing.js';
import { detector } from './index.js';

const VAULT = 'secrets.central-vault';
const INJECTION = 'secrets.pipeline-injection';

describe('uses-secret-manager', () => {
  it.each([
    ['deploy/db-credentials.yaml', ['apiVersion: external-secrets.io/v1beta1', 'kind: ExternalSecret', 'metadata:', '  name: db'], 2, 'a ExternalSecret manifest'],
    ['charts/app/templates/sealed.yml', ['---', 'apiVersion: bitnami.com/v1alpha1', 'kind: "SealedSecret"'], 3, 'a SealedSecret manifest'],
    ['.sops.yaml', ['creation_rules:', '  - path_regex: secrets/.*\\.yaml$', '    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq'], 1, 'SOPS creation rules'],
    ['infra/secrets.tf', ['# app secrets', '', 'resource "aws_secretsmanager_secret" "db" {', '  name = "db"', '}'], 3, 'Terraform aws_secretsmanager_secret'],
    ['infra/kv.tf', ['data "azurerm_key_vault_secret" "api" {}'], 1, 'Terraform azurerm_key_vault_secret'],
    ['infra/gcp.tf', ['  resource "google_secret_manager_secret_version" "v" {}'], 1, 'Terraform google_secret_manager_secret_version'],
    ['package.json', ['{', '  "dependencies": {', '    "@aws-sdk/client-secrets-manager": "^3.600.0"', '  }', '}'], 3, 'the npm package @aws-sdk/client-secrets-manager'],
    ['requirements/prod.txt', ['flask==3.0.3', 'hvac==2.3.0'], 2, 'the Python package hvac'],
    ['pyproject.toml', ['[project]', 'dependencies = [', '  "azure-keyvault-secrets>=4.8",', ']'], 3, 'the Python package azure-keyvault-secrets'],
    ['go.mod', ['module example.com/app', '', 'require (', '\tgithub.com/hashicorp/vault/api v1.14.0', ')'], 4, 'the Go module github.com/hashicorp/vault/api'],
  ])('finds %s at level 2 for the vault practice', (path, lines, line, what) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([
      { outcome: 'positive', level: 2, practices: [VAULT], file: path, line, confidence: 'high', message: `${path} uses a secret manager: ${what}` },
    ]);
  });

  it.each([
    [{ uses: 'hashicorp/vault-action@v3', with: { url: 'https://vault.example.com', secrets: 'kv/data/ci token | TOKEN' } }, 'hashicorp/vault-action'],
    [{ uses: 'aws-actions/aws-secretsmanager-get-secrets@v2' }, 'aws-actions/aws-secretsmanager-get-secrets'],
    [{ uses: 'AzureKeyVault@2', with: { SecretsFilter: '*' } }, 'azurekeyvault'],
    [{ run: 'export DB_PASSWORD="$(vault kv get -field=password kv/app/db)"' }, 'vault kv'],
    [{ run: 'aws secretsmanager get-secret-value --secret-id app/db --query SecretString' }, 'aws secretsmanager get-secret-value'],
    [{ run: 'gcloud secrets versions access latest --secret=api-key > key' }, 'gcloud secrets versions access'],
  ])('finds a pipeline fetching secrets at run time at level 3: %j', (fields: Partial<CiStep>, how) => {
    expect(runDetector(detector, { ci: ciWithSteps([step({ line: 9, ...fields })]) })).toEqual([
      { outcome: 'positive', level: 3, practices: [VAULT, INJECTION], file: '.github/workflows/ci.yml', line: 9, confidence: 'high', message: `.github/workflows/ci.yml fetches secrets from a secret manager at run time (${how})` },
    ]);
  });

  it.each([
    ['a plain Kubernetes Secret', [file('k8s/secret.yaml', 'apiVersion: v1', 'kind: Secret', 'stringData:', '  user: app')]],
    ['a kind mentioned in a comment', [file('k8s/notes.yaml', '# kind: ExternalSecret would be better')]],
    ['a client named only in a README', [file('README.md', 'We use @aws-sdk/client-secrets-manager and hvac.')]],
    ['a package whose name starts like a client', [file('requirements.txt', 'hvac-cli-helper==1.0')]],
    ['a manifest in test fixtures', [file('test/fixtures/sealed.yaml', 'kind: SealedSecret')]],
    ['a Terraform resource in a comment', [file('main.tf', '# resource "aws_secretsmanager_secret" "x" {}')]],
  ])('finds nothing with %s (negative)', (_name, files) => {
    expect(runDetector(detector, { files })).toEqual([]);
  });

  it('finds nothing in a pipeline that only echoes a vault command', () => {
    expect(runDetector(detector, { ci: ciWithSteps([step({ run: 'echo "vault kv get kv/app"' })]) })).toEqual([]);
  });

  it('is inconclusive for a .sops.yaml without creation rules', () => {
    expect(runDetector(detector, { files: [file('.sops.yaml', 'stores:', '  yaml:', '    indent: 2')] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.sops.yaml', line: 1 })]);
  });

  it('S10 reads 100 KB of adversarial manifests in linear time', () => {
    const files = [
      file('k8s/a.yaml', `kind:${' '.repeat(100_000)}x`),
      file('main.tf', `resource${' \t'.repeat(50_000)}"aws_secretsmanager_`),
      file('requirements.txt', `${' '.repeat(100_000)}hvac-x`),
      file('pyproject.toml', '\n'.repeat(100_000)),
    ];
    const times = [0, 1, 2].map(() => {
      const started = performance.now();
      runDetector(detector, { files });
      return performance.now() - started;
    });
    expect(Math.min(...times)).toBeLessThan(100);
  });
});
