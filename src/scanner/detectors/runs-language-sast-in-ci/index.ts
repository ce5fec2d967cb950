import type { Detector } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

export const detector: Detector = {
  id: 'runs-language-sast-in-ci',
  title: 'The pipeline runs Semgrep, Bandit, gosec, Brakeman or a SAST template',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['vulnerability-management.continuous-scanning', 'ci-security-testing.sast-in-ci'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze: (input) => runsToolFindings(input, { groups: ['language-sast'], level: 2, doing: 'runs static analysis', question: 'the pipeline runs a language SAST tool' }),
};
