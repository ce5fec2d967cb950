import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('runs-sca-in-ci', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['npm audit', { run: 'npm ci\nnpm audit --omit=dev' }, 'npm audit'],
    ['pnpm audit', { run: 'pnpm audit --prod' }, 'npm audit'],
    ['yarn npm audit', { run: 'yarn npm audit --all --recursive' }, 'yarn audit'],
    ['the OSV-Scanner action', { uses: 'google/osv-scanner-action/osv-scanner-action@v1.9.0', with: { 'scan-args': '-r ./' } }, 'OSV-Scanner'],
    ['osv-scanner', { run: 'osv-scanner scan source -r .' }, 'OSV-Scanner'],
    ['trivy fs', { run: 'trivy fs --scanners vuln .' }, 'Trivy'],
    ['the Trivy action on the repository', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', 'scan-ref': '.' } }, 'Trivy'],
    ['snyk test', { run: 'npx snyk test --all-projects' }, 'Snyk'],
    ['the Snyk Node action', { uses: 'snyk/actions/node@master', env: { SNYK_TOKEN: '${{ secrets.SNYK_TOKEN }}' } }, 'Snyk'],
    ['the Dependency-Check action', { uses: 'dependency-check/Dependency-Check_Action@main', with: { project: 'app', path: '.', format: 'HTML' } }, 'OWASP Dependency-Check'],
    ['Jenkins dependencyCheck', { uses: 'dependencyCheck', with: { odcInstallation: 'dc', additionalArguments: '--scan ./' } }, 'OWASP Dependency-Check'],
    ['the Maven Dependency-Check plugin', { run: './mvnw -B org.owasp:dependency-check-maven:check' }, 'OWASP Dependency-Check'],
    ['the Anchore action on a directory', { uses: 'anchore/scan-action@v4', with: { path: '.' } }, 'Grype'],
    ['grype on a directory', { run: 'grype dir:. --only-fixed' }, 'Grype'],
    ['pip-audit', { uses: 'pypa/gh-action-pip-audit@v1.1.0', with: { inputs: 'requirements.txt' } }, 'pip-audit'],
    ['govulncheck', { run: 'go install golang.org/x/vuln/cmd/govulncheck@latest && govulncheck ./...' }, 'govulncheck'],
    ['cargo audit', { run: 'cargo audit --deny warnings' }, 'cargo audit'],
    ['the Azure dependency scanning task', { uses: 'AdvancedSecurity-Dependency-Scanning@1' }, 'Advanced Security dependency scanning'],
    ['the CircleCI Snyk orb', { uses: 'snyk/snyk/scan', with: { 'fail-on-issues': 'true' } }, 'Snyk'],
    ['the Mend Unified Agent', { run: 'curl -LJO https://unified-agent.s3.amazonaws.com/wss-unified-agent.jar\njava -jar wss-unified-agent.jar -c wss.config -d .' }, 'Mend Unified Agent'],
  ])('finds %s', (_name, fields, tool) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 22 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 22, confidence: 'high', level: 2, message: `.github/workflows/ci.yml:22 checks dependencies for known vulnerabilities with ${tool}` }]);
  });

  it('finds the OSV-Scanner reusable workflow called by a job and the GitLab template', () => {
    const github = workflow({ jobs: [job({ id: 'osv', uses: 'google/osv-scanner-action/.github/workflows/osv-scanner-reusable.yml@v1.9.0', line: 14 })] });
    const gitlab = workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', includes: [{ ref: 'Jobs/Dependency-Scanning.gitlab-ci.yml', line: 3 }] });
    const findings = runDetector(detector, { ci: { workflows: [github, gitlab], unreadable: [] } });
    expect(findings.map((finding) => [finding.file, finding.line, finding.message])).toEqual([
      ['.github/workflows/ci.yml', 14, '.github/workflows/ci.yml:14 checks dependencies for known vulnerabilities with OSV-Scanner'],
      ['.gitlab-ci.yml', 3, '.gitlab-ci.yml:3 checks dependencies for known vulnerabilities with GitLab Dependency Scanning'],
    ]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['npm audit inside echo text', { run: 'echo "Run npm audit before you push" && npm ci' }],
    ['an npm script named audit', { run: 'npm run audit:licenses' }],
    ['npm audit signatures (registry signatures, not vulnerabilities)', { run: 'npm audit signatures' }],
    ['the Trivy action on an image (container scanning)', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'image-ref': 'app:latest' } }],
    ['the Anchore action on an image', { uses: 'anchore/scan-action@v4', with: { image: 'app:latest' } }],
    ['a tool list inside a github-script regex', { uses: 'actions/github-script@v7', with: { script: "const scanners = /npm audit|osv-scanner|trivy fs|snyk test|grype/i;" } }],
    ['"Mend" as a word in a step name and a message', { name: 'Ask Mendel to review', run: 'echo "Mend scan happens in the nightly job"' }],
    ['a download of the Mend agent that never runs it', { run: 'curl -LJO https://unified-agent.s3.amazonaws.com/wss-unified-agent.jar' }],
    ['grype updating its database', { run: 'grype db update' }],
  ])('does not count %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('keeps the Mend agent run with "|| true" at level 2 and says it cannot block (renovate ws_scan trap)', () => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step({ run: 'java -jar wss-unified-agent.jar -c wss.config || true', neutralised: true, line: 33 })]) });
    expect(finding).toEqual({
      outcome: 'positive',
      file: '.github/workflows/ci.yml',
      line: 33,
      confidence: 'high',
      level: 2,
      message: '.github/workflows/ci.yml:33 checks dependencies for known vulnerabilities with Mend Unified Agent; the command is followed by "|| true", so it cannot block anything',
    });
  });

  it('reports one finding per place when one step runs two scanners', () => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ run: 'npm audit --audit-level=high && trivy fs .', line: 8 })]) });
    expect(findings.map((finding) => finding.message)).toEqual(['.github/workflows/ci.yml:8 checks dependencies for known vulnerabilities with npm audit and Trivy']);
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: '.circleci/config.yml', reason: 'duplicate key' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.circleci/config.yml' })]);
  });
});
