import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

/** Configuration files the scanners read by default (row 29), with the scanner each belongs to. */
const CONFIGS: readonly { path: RegExp; scanner: string }[] = [
  { path: /(?:^|\/)\.checkov\.ya?ml$/, scanner: 'Checkov' },
  { path: /(?:^|\/)\.tfsec\/config\.(?:ya?ml|json)$/, scanner: 'tfsec' },
  { path: /(?:^|\/)kics\.config$/, scanner: 'KICS' },
  { path: /(?:^|\/)\.tflint\.hcl$/, scanner: 'TFLint' },
  { path: /(?:^|\/)trivy\.ya?ml$/, scanner: 'Trivy' },
];

/** A line that configures something: not blank, not a comment, not a bare document marker or empty object. */
function isSetting(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('//') && !['---', '{', '}', '{}'].includes(trimmed);
}

function configFinding(file: ScanFile, scanner: string): DetectorFinding {
  const index = file.text.split('\n').findIndex(isSetting);
  if (index === -1) return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${file.path} is empty, so it does not show how ${scanner} is set up` };
  return { outcome: 'positive', file: file.path, line: index + 1, level: 1, confidence: 'high', message: `${file.path} configures the ${scanner} infrastructure scanner` };
}

export const detector: Detector = {
  id: 'configures-iac-scanner',
  title: 'An IaC scanner has configuration in the repository',
  domain: 'iac',
  kind: 'positive',
  evidenceFor: ['iac.scanner-configured'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => CONFIGS.some((config) => config.path.test(path)),
  analyze: (input) =>
    input.files
      .filter((file) => !input.isFixture(file.path))
      .flatMap((file) => {
        const config = CONFIGS.find((candidate) => candidate.path.test(file.path));
        return config === undefined ? [] : [configFinding(file, config.scanner)];
      }),
};
