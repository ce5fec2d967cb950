import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { runsToolFindings } from '../security-tools.js';

const CONFIG_FILE = /(?:^|\/)(?:pom\.xml|sonar-project\.properties|\.sonarcloud\.properties|build\.gradle(?:\.kts)?)$/;
/** Scorecard's pom.xml rule: a non-empty `<sonar.host.url>` property. */
const POM_HOST_URL = /<sonar\.host\.url>[ \t]*[^<\s]/;
const SONAR_PROPERTY = /^[ \t]*sonar\.[\w.-]+[ \t]*[=:]/;
const GRADLE_PLUGIN = /["'(]org\.sonarqube["')]/;
const NO_STEP = 'no pipeline step running the analysis was found (SonarCloud automatic analysis or a manual run may still use it)';

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function firstLine(text: string, pattern: RegExp): number {
  return text.split('\n').findIndex((line) => pattern.test(line)) + 1;
}

/** Evidence that Sonar analysis is configured for the project, from one configuration file. */
function configFinding(file: ScanFile): DetectorFinding | undefined {
  const name = fileName(file.path);
  if (name === 'pom.xml') return partial(file.path, firstLine(file.text, POM_HOST_URL), 'high', `${file.path} points at a Sonar server (sonar.host.url)`);
  if (name.startsWith('build.gradle')) return partial(file.path, firstLine(file.text, GRADLE_PLUGIN), 'medium', `${file.path} applies the org.sonarqube Gradle plugin`);
  const line = firstLine(file.text, SONAR_PROPERTY);
  if (line === 0) return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${file.path} sets no sonar.* property, so it says nothing about an analysis` };
  return partial(file.path, line, 'high', `${file.path} configures a Sonar analysis`);
}

function partial(file: string, line: number, confidence: 'high' | 'medium', what: string): DetectorFinding | undefined {
  if (line === 0) return undefined;
  return { outcome: 'positive', file, line, confidence, level: 2, status: 'partial', message: `${what}, but ${NO_STEP}` };
}

export const detector: Detector = {
  id: 'runs-sonar-analysis',
  title: 'SonarQube or SonarCloud analysis is configured',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: ['ci-security-testing.sast-in-ci'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => CONFIG_FILE.test(path),
  analyze(input) {
    const inCi = runsToolFindings(input, { groups: ['sonar'], level: 2, doing: 'runs Sonar analysis', question: 'Sonar analysis runs in the pipeline' });
    if (inCi.some((finding) => finding.outcome === 'positive')) return inCi;
    const configured = input.files.filter((file) => !input.isFixture(file.path)).flatMap((file) => configFinding(file) ?? []);
    return configured.some((finding) => finding.outcome === 'positive') ? configured.filter((finding) => finding.outcome === 'positive') : [...inCi, ...configured];
  },
};
