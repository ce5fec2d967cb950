import type { Detector } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

export const detector: Detector = {
  id: 'lints-workflows',
  title: 'Workflow files are checked by zizmor or actionlint',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['ci-security-testing.pipeline-posture'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze: (input) =>
    runsToolFindings(input, {
      groups: ['workflow-lint'],
      level: 3,
      doing: 'lints the workflow files',
      question: 'the workflow files are linted',
      // Pipeline posture also asks for a continuous posture score (runs-scorecard); a linter alone is half of it.
      partial: 'a workflow linter covers part of pipeline posture; a posture score such as OpenSSF Scorecard covers the rest',
    }),
};
