import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DETECTORS } from '../src/scanner/detectors/registry.js';
import { stepwise, tempDir } from './support/cli.js';

const SHA = 'a'.repeat(12) + 'b'.repeat(12) + 'c'.repeat(16);
// Built at run time so this file holds no scannable credential.
const AWS_KEY_ID = ['AK', 'IA', 'Q3EGRZ', 'PLN7', 'XVYW2T'].join('');

const REPOSITORY: Record<string, string> = {
  '.github/workflows/ci.yml': [
    'name: ci',
    'on: [push, pull_request]',
    'permissions: read-all',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    `      - uses: actions/checkout@${SHA}`,
    '      - run: npm ci',
    '      - run: npm test',
    `      - uses: github/codeql-action/analyze@${SHA}`,
    `      - uses: gitleaks/gitleaks-action@${SHA}`,
    `      - uses: aquasecurity/trivy-action@${SHA}`,
    '        with:',
    '          scan-type: fs',
    "          exit-code: '1'",
    '          severity: CRITICAL,HIGH',
  ].join('\n'),
  '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: {interval: weekly}\n',
  'package.json': '{"name": "app", "dependencies": {"pino": "9.0.0"}, "devDependencies": {"vitest": "4.1.12"}}\n',
  'package-lock.json': '{"lockfileVersion": 3}\n',
  Dockerfile: `FROM node:20@sha256:${'d'.repeat(64)}\nUSER node\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n`,
  '.dockerignore': 'node_modules\n',
  'SECURITY.md': '# Security\n\nPlease report vulnerabilities privately to security@example.com; we answer within two days and coordinate disclosure.\n',
  CODEOWNERS: '* @acme/app\n',
  'src/config.js': `export const region = 'eu-west-1';\nexport const accessKeyId = '${AWS_KEY_ID}';\n`,
  'test/fixtures/config.js': `export const accessKeyId = '${AWS_KEY_ID}';\n`,
  'src/app.test.js': "import { test } from 'vitest';\ntest('works', () => {});\n",
};

let repo: string;
let workspace: string;

interface ScanJson {
  files: number;
  findings: { detector: string; outcome: string; file: string | null; line: number | null; fixture: boolean; message: string; fingerprint: string }[];
  domains: { domain: string; applicable: boolean; proposedLevel: number | null; capped: boolean }[];
  practices: { id: string; status: string; evidence: number[] }[];
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'stepwise-scan-'));
  for (const [path, text] of Object.entries(REPOSITORY)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  workspace = tempDir();
  writeFileSync(join(workspace, 'stepwise.yaml'), 'organisation: Acme\ndefaultTargets: 2\nteams:\n  - {id: app, name: App}\n');
});

async function scanJson(...extra: string[]): Promise<ScanJson> {
  const run = await stepwise(['scan', repo, '--format', 'json', ...extra], { cwd: workspace, today: '2026-11-27' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as ScanJson;
}

describe('stepwise scan on a repository', () => {
  it('finds the committed key, flags the fixture copy, and caps secrets at 0', async () => {
    const result = await scanJson();
    const secrets = result.findings.filter((finding) => finding.detector === 'has-hardcoded-secret');
    expect(secrets.map((finding) => [finding.file, finding.line, finding.fixture])).toEqual([
      ['src/config.js', 2, false],
      ['test/fixtures/config.js', 1, true],
    ]);
    expect(JSON.stringify(result)).not.toContain(AWS_KEY_ID);
    expect(result.domains.find((domain) => domain.domain === 'secrets')).toMatchObject({ proposedLevel: 0, capped: true });
  });

  it('reads evidence from the parsed pipeline and files', async () => {
    const result = await scanJson();
    const positive = new Set(result.findings.filter((finding) => finding.outcome === 'positive' && !finding.fixture).map((finding) => finding.detector));
    for (const id of ['runs-sast-in-ci', 'runs-sca-in-ci', 'gates-on-severity', 'scans-secrets-in-ci', 'pins-actions-by-sha', 'installs-from-lockfile', 'has-lockfile', 'has-dependency-update-bot', 'restricts-workflow-permissions', 'pins-base-image-digest', 'runs-container-as-non-root', 'has-security-policy', 'has-codeowners', 'runs-tests-in-ci', 'uses-structured-logging']) {
      expect(positive.has(id), id).toBe(true);
    }
    expect(result.domains.find((domain) => domain.domain === 'iac')).toMatchObject({ applicable: false, proposedLevel: null });
    expect(result.domains.find((domain) => domain.domain === 'container-cloud')).toMatchObject({ applicable: true });
    expect(result.domains.find((domain) => domain.domain === 'supply-chain')?.proposedLevel).toBeGreaterThanOrEqual(1);
    expect(result.practices.find((practice) => practice.id === 'supply-chain.lockfiles')).toMatchObject({ status: 'implemented' });
  });

  it('writes SARIF 2.1.0 with one rule per detector and fingerprinted results', async () => {
    const run = await stepwise(['scan', repo, '--format', 'sarif'], { cwd: workspace });
    const sarif = JSON.parse(run.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const [runEntry] = sarif.runs;
    expect(runEntry?.tool.driver.rules.map((rule) => rule.id)).toEqual(DETECTORS.map((detector) => detector.id));
    const secret = runEntry?.results.find((result) => result.ruleId === 'has-hardcoded-secret' && result.level === 'error');
    expect(secret?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'src/config.js', uriBaseId: 'SRCROOT' }, region: { startLine: 2 } });
    expect(Object.values(secret?.partialFingerprints ?? {})[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(run.stdout).not.toContain(AWS_KEY_ID);
  });

  it('fails the gate with exit code 1 and says which domain is below', async () => {
    const run = await stepwise(['scan', repo, '--fail-under', 'secrets=1,supply-chain=1'], { cwd: workspace });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('stepwise: gate failed: secrets is at level 0, below the required 1\n');
    expect((await stepwise(['scan', repo, '--fail-under', 'supply-chain=1'], { cwd: workspace })).code).toBe(0);
    expect((await stepwise(['scan', repo, '--fail-under', 'nonsense=1'], { cwd: workspace })).code).toBe(2);
  });

  it('reports only new problems against a baseline', async () => {
    const baseline = join(tempDir(), 'baseline.json');
    await stepwise(['scan', repo, '--format', 'json', '--out', baseline], { cwd: workspace });
    const result = await scanJson('--baseline', baseline);
    expect(result.findings.filter((finding) => finding.outcome === 'negative' && !finding.fixture)).toEqual([]);
    expect(result.domains.find((domain) => domain.domain === 'secrets')?.capped).toBe(false);
  });

  it('saves the result in the workspace and pre-fills an assessment from it', async () => {
    const run = await stepwise(['scan', repo, '--team', 'app', '--format', 'json'], { cwd: workspace, today: '2026-11-27' });
    expect(run.code).toBe(0);
    const saved = join(workspace, 'scans/app/2026-11-27.json');
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ version: 1 });
    writeFileSync(join(workspace, 'answers.yaml'), 'answers:\n  supply-chain.lockfiles: implemented\n');
    const assess = await stepwise(['assess', '--team', 'app', '--answers', 'answers.yaml', '--from-scan', saved, '--date', '2026-11-27'], { cwd: workspace, today: '2026-11-27' });
    expect(assess.stderr).toBe('');
    const checkpoint = parse(readFileSync(join(workspace, 'assessments/app/2026-11-27.yaml'), 'utf8')) as { answers: Record<string, { status?: string; proposed?: string; evidence?: { type: string; file: string }[] }> };
    expect(checkpoint.answers['supply-chain.lockfiles']).toMatchObject({ status: 'implemented', proposed: 'implemented', evidence: [{ type: 'finding', file: 'package.json' }] });
    const unconfirmed = checkpoint.answers['secrets.no-hardcoded'];
    expect(unconfirmed).toMatchObject({ proposed: 'not-implemented', evidence: [{ type: 'finding', file: 'src/config.js' }] });
    expect(unconfirmed?.status).toBeUndefined();
    const backlog = JSON.parse((await stepwise(['backlog', '--format', 'json', '--team', 'app'], { cwd: workspace, today: '2026-11-27' })).stdout) as { source: string; key: string }[];
    expect(backlog[0]).toMatchObject({ source: 'finding', key: 'app:finding:has-hardcoded-secret:src/config.js:2' });
  });
});
