import type { Detector } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

export const detector: Detector = {
  id: 'runs-scorecard',
  title: 'OpenSSF Scorecard runs in the pipeline',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['ci-security-testing.pipeline-posture'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze: (input) => runsToolFindings(input, { groups: ['scorecard'], level: 3, doing: 'scores the repository security posture', question: 'OpenSSF Scorecard runs' }),
};
