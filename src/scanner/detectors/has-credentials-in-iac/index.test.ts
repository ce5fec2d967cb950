import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, looksLikeCredential, shannonEntropy } from './index.js';

// Built at test time so no scanner flags this file; none of them is a real credential.
const literal = ['Tq7', 'vW2', 'pLx9', 'Rk'].join('');

describe('has-credentials-in-iac', () => {
  it.each([
    ['main.tf', `  administrator_login_password = "${literal}"`, 'administrator_login_password'],
    ['db.tf', `  master_password     = "${literal}"`, 'master_password'],
    ['prod.tfvars', `db_password = "${literal}"`, 'db_password'],
    ['packer/build.pkr.hcl', `  winrm_password = "${literal}"`, 'winrm_password'],
    ['infra/app.tf', `  client_secret = "${literal}"`, 'client_secret'],
    ['deploy/main.bicep', `param administratorLoginPassword string = '${literal}'`, 'administratorLoginPassword'],
    ['deploy/sql.bicep', `    administratorLoginPassword: '${literal}'`, 'administratorLoginPassword'],
    ['vars.tfvars.json', `  "db_password": "${literal}",`, 'db_password'],
  ])('reports a literal credential in %s, without printing it', (path, line, key) => {
    const findings = runDetector(detector, { files: [file(path, '# settings', line)] });
    expect(findings).toEqual([
      { outcome: 'negative', file: path, line: 2, level: 0, confidence: 'medium', snippet: `${key} = "<redacted>"`, message: `${path}:2 assigns a literal value to ${key}; generate it at apply time or read it from a secret store, and rotate it` },
    ]);
    expect(JSON.stringify(findings)).not.toContain(literal);
  });

  it('reports the literal default of a credential variable', () => {
    const findings = runDetector(detector, { files: [file('variables.tf', 'variable "db_password" {', '  type    = string', `  default = "${literal}"`, '}', 'variable "region" {', '  default = "eu-central-1-extra"', '}')] });
    expect(findings.map((finding) => [finding.line, finding.snippet])).toEqual([[3, 'variable "db_password" default = "<redacted>"']]);
  });

  it.each([
    ['a variable reference', 'password = var.db_password'],
    ['an interpolation', 'password = "${random_password.db.result}"'],
    ['a data source', 'master_password = data.aws_secretsmanager_secret_version.db.secret_string'],
    ['a placeholder', 'administrator_login_password = "changeme-please"'],
    ['an angle-bracket placeholder', 'password = "<your-password>"'],
    ['a value about the password', 'password_length = "32"'],
    ['a secret name, not a secret', 'secret_name = "prod/db/credentials"'],
    ['a comment', '# password = "Tq7vW2pLx9Rk"'],
    ['a keyword inside a value', 'description = "the password is rotated monthly"'],
    ['a sensitive flag', 'sensitive_password = true'],
    ['a Key Vault reference in Bicep', "administratorLoginPassword: kv.getSecret('sqlAdminPassword')"],
  ])('does not report %s (near miss)', (_name, line) => {
    expect(runDetector(detector, { files: [file('main.tf', line)] })).toEqual([]);
  });

  it('leaves short or uniform literals alone (too weak to tell from a placeholder: inconclusive, not reported)', () => {
    expect(runDetector(detector, { files: [file('main.tf', 'password = "abc123"', 'password = "aaaaaaaaaaaa"', 'password = "abababab"')] })).toEqual([]);
    expect([looksLikeCredential('abababab'), looksLikeCredential(literal)]).toEqual([false, true]);
    expect(shannonEntropy('abababab')).toBe(1);
  });

  it('reads only IaC files', () => {
    expect(['main.tf', 'a.tfvars', 'x.hcl', 'main.bicep', 'main.tf.json', 'app.py', 'values.yaml'].map((path) => detector.matches(path))).toEqual([true, true, true, true, true, false, false]);
  });

  it.each([
    ['keywords in one long line', 'password'.repeat(12_500)],
    ['keys without a value', `${'a'.repeat(99)}password = "`.repeat(900)],
    ['spaces after a key', `password${' '.repeat(100_000)}`],
    ['an open quote', `password = "${'x'.repeat(100_000)}`],
    ['many short lines', 'password = "\n'.repeat(8_000)],
  ])('S10 scans 100 KB of %s in < 100 ms', (_name, text) => {
    const files = [file('main.tf', text)];
    runDetector(detector, { files });
    const started = performance.now();
    runDetector(detector, { files });
    expect(performance.now() - started).toBeLessThan(100);
  });
});
