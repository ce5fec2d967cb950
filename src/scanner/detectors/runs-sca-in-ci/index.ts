import type { Detector } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

export const detector: Detector = {
  id: 'runs-sca-in-ci',
  title: 'The pipeline checks dependencies for known vulnerabilities',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['vulnerability-management.periodic-scan', 'vulnerability-management.continuous-scanning', 'ci-security-testing.sca-in-ci'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze: (input) => runsToolFindings(input, { groups: ['sca'], level: 2, doing: 'checks dependencies for known vulnerabilities', question: 'the pipeline checks dependencies for known vulnerabilities' }),
};
