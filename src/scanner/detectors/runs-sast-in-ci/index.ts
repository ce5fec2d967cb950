import type { Detector } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

export const detector: Detector = {
  id: 'runs-sast-in-ci',
  title: 'The pipeline runs a SAST action such as CodeQL, Snyk Code or Qodana',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['vulnerability-management.continuous-scanning', 'ci-security-testing.sast-in-ci'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze: (input) => runsToolFindings(input, { groups: ['sast'], level: 2, doing: 'runs static analysis', question: 'the pipeline runs static analysis' }),
};
