import type { Detector } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

export const detector: Detector = {
  id: 'scans-iac-in-ci',
  title: 'The pipeline scans infrastructure code',
  domain: 'iac',
  kind: 'positive',
  evidenceFor: ['iac.scan-in-ci'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze: (input) => runsToolFindings(input, { groups: ['iac'], level: 2, doing: 'scans infrastructure code', question: 'the pipeline scans infrastructure code' }),
};
