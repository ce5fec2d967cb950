import type { Detector } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

export const detector: Detector = {
  id: 'runs-dast-in-ci',
  title: 'The pipeline runs a dynamic scanner (ZAP, Nuclei, StackHawk)',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['vulnerability-management.continuous-scanning', 'ci-security-testing.dast-in-ci'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze: (input) => runsToolFindings(input, { groups: ['dast'], level: 2, doing: 'runs a dynamic scan', question: 'the pipeline runs a dynamic scan' }),
};
