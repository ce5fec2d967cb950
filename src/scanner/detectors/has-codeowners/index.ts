import type { Detector, DetectorFinding } from '../../contract.js';

/** GitHub reads the first of these it finds; GitLab reads `.gitlab/CODEOWNERS` as well as the same places. */
const CODEOWNERS_PATHS = ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/** An owner rule is a non-comment line with a pattern followed by at least one @user, @org/team or e-mail. */
const OWNER_RULE = /^\s*[^#\s]\S*\s+(?:@[\w.-]+(?:\/[\w.-]+)?|[^\s@]+@[^\s@]+\.\w+)/;

export const detector: Detector = {
  id: 'has-codeowners',
  title: 'A CODEOWNERS file assigns owners',
  domain: 'access-control',
  kind: 'positive',
  evidenceFor: ['access-control.enforced-merge-rules', 'secure-development.security-code-review'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => CODEOWNERS_PATHS.includes(path),
  analyze({ files }) {
    const findings: DetectorFinding[] = [];
    for (const path of CODEOWNERS_PATHS) {
      const found = files.find((candidate) => candidate.path === path);
      if (found === undefined) continue;
      const lines = found.text.split('\n');
      const ruleIndex = lines.findIndex((line) => OWNER_RULE.test(line));
      if (ruleIndex === -1) {
        findings.push({ outcome: 'not-applicable', file: path, line: 1, confidence: 'high', message: `${path} assigns no owner: add rules such as "* @org/team"` });
      } else {
        findings.push({ outcome: 'positive', status: 'partial', level: 2, file: path, line: ruleIndex + 1, confidence: 'high', message: `${path} assigns code owners; review by them is enforced only with branch protection` });
      }
      break;
    }
    return findings;
  },
};
