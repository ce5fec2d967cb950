import { parseYaml } from '../../../core/yaml/safe-yaml.js';
import { allSteps } from '../../ci/model.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

interface Gate {
  readonly line: number;
  readonly what: string;
  /** Why the gate may not block a merge, when that is so. */
  readonly weaker?: string;
  /** The configuration turns the gate off (`informational: true`, a threshold of 0). */
  readonly off?: string;
}

type FileRule = (file: ScanFile) => Gate[];

const COMMENT_LINE = /^[ \t]*(?:\/\/|#|;|\/\*|\*)/;
const JEST_CONFIG = /^jest\.config\.(?:[cm]?[jt]s|json)$/;
const VITEST_CONFIG = /^(?:vitest|vite)\.config\.[cm]?[jt]s$/;
const PYTHON_CONFIG = /^(?:pytest\.ini|setup\.cfg|tox\.ini|\.coveragerc|pyproject\.toml)$/;
const CODECOV_FILE = /^(?:\.github\/|dev\/|\.circleci\/)?\.?codecov\.ya?ml$/;
const NYC_FILE = /^\.(?:nycrc|c8rc)(?:\.(?:json|ya?ml))?$/;
const CHECK_COVERAGE = /["']?check-coverage["']?[ \t]*:[ \t]*true\b/;
const FAIL_UNDER_SETTING = /^[ \t]*fail_under[ \t]*=[ \t]*(\d+(?:\.\d+)?)/;
const COV_FAIL_UNDER = /--cov-fail-under[= ]+(\d+(?:\.\d+)?)/;
/** Coverage gates written on a command line. */
const COMMAND_GATES: readonly (readonly [RegExp, string])[] = [
  [/--cov-fail-under[= ]+["']?[1-9]/, 'pytest-cov --cov-fail-under'],
  [/\bcoverage[ \t]+report\b[^\n]{0,300}--fail-under[= ]+["']?[1-9]/, 'coverage report --fail-under'],
  [/\b(?:nyc|c8)\b[^\n]{0,300}--check-coverage\b|\b(?:nyc|c8)[ \t]+check-coverage\b/, 'nyc/c8 --check-coverage'],
  [/--coverage\.thresholds\.|--coverageThreshold[= ]/, 'a test-runner coverage threshold'],
  [/[/-]p:Threshold=["']?[1-9]/, 'coverlet /p:Threshold'],
];

export const detector: Detector = {
  id: 'gates-on-coverage',
  title: 'A coverage threshold fails the build',
  domain: 'secure-development',
  kind: 'positive',
  evidenceFor: ['secure-development.coverage-gate'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => !path.includes('node_modules/') && ruleFor(path) !== undefined,
  analyze(input) {
    const { files, ci } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const fromFiles = files.filter((file) => !isFixture(file.path)).flatMap((file) => (ruleFor(file.path)?.(file) ?? []).map((gate) => gateFinding(file.path, gate)));
    const fromPipeline = allSteps(ci)
      .filter(({ workflow, step }) => !isFixture(workflow.file) && step.run !== undefined)
      .flatMap(({ workflow, job, step }): DetectorFinding[] => {
        const gate = COMMAND_GATES.find(([pattern]) => pattern.test(step.run ?? ''));
        if (gate === undefined) return [];
        const place = { file: workflow.file, line: step.line, confidence: 'high' as const };
        if (step.neutralised || job.neutralised) return [{ outcome: 'positive', ...place, level: 2, status: 'partial', message: `The pipeline checks coverage with ${gate[1]}, but the step may fail without failing the build` }];
        return [{ outcome: 'positive', ...place, level: 3, message: `The pipeline fails when coverage drops below a threshold (${gate[1]})` }];
      });
    return [...fromFiles, ...fromPipeline];
  },
};

function ruleFor(path: string): FileRule | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (JEST_CONFIG.test(name)) return (file) => textGate(file, /\bcoverageThreshold["']?[ \t]*[:=]/, 'Jest coverageThreshold');
  if (VITEST_CONFIG.test(name)) return (file) => textGate(file, /\bthresholds[ \t]*:/, 'Vitest coverage thresholds');
  if (name === 'package.json') return packageJsonGates;
  if (PYTHON_CONFIG.test(name)) return pythonGates;
  if (CODECOV_FILE.test(path) || /^\.?codecov\.ya?ml$/.test(name)) return codecovGates;
  if (NYC_FILE.test(name)) return (file) => textGate(file, CHECK_COVERAGE, 'nyc/c8 check-coverage');
  if (name === 'pom.xml') return (file) => (file.text.includes('jacoco-maven-plugin') && file.text.includes('<goal>check</goal>') ? textGate(file, /<minimum>/, 'JaCoCo check with a minimum') : []);
  if (/^build\.gradle(?:\.kts)?$/.test(name)) return (file) => (/\bminimum\b|\bminBound\b/.test(file.text) ? textGate(file, /\bjacocoTestCoverageVerification\b|\bminBound[ \t]*\(/, 'JaCoCo or Kover coverage verification') : []);
  return undefined;
}

function gateFinding(file: string, gate: Gate): DetectorFinding {
  const place = { file, line: gate.line, confidence: 'high' as const };
  if (gate.off !== undefined) return { outcome: 'not-applicable', ...place, message: `${gate.what} is configured but ${gate.off}, so it fails nothing` };
  if (gate.weaker !== undefined) return { outcome: 'positive', ...place, level: 3, status: 'partial', message: `${gate.what} is set, but ${gate.weaker}` };
  return { outcome: 'positive', ...place, level: 3, message: `${gate.what} fails the build when coverage drops` };
}

/** The first uncommented line matching the pattern. */
function textGate(file: ScanFile, pattern: RegExp, what: string): Gate[] {
  const index = file.text.split('\n').findIndex((line) => pattern.test(line) && !COMMENT_LINE.test(line));
  return index === -1 ? [] : [{ line: index + 1, what }];
}

/** `jest.coverageThreshold` or an `nyc` block with `check-coverage: true` in package.json. */
function packageJsonGates(file: ScanFile): Gate[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(file.text);
  } catch {
    return [];
  }
  const root = asRecord(manifest);
  const jest = asRecord(root?.jest);
  const nyc = asRecord(root?.nyc) ?? asRecord(root?.c8);
  if (jest?.coverageThreshold !== undefined) return textGate(file, /"coverageThreshold"[ \t]*:/, 'Jest coverageThreshold');
  if (nyc?.['check-coverage'] === true) return textGate(file, /"check-coverage"[ \t]*:/, 'nyc check-coverage');
  return [];
}

/** coverage.py `fail_under` and pytest `--cov-fail-under` in setup.cfg, tox.ini, pytest.ini, .coveragerc or pyproject.toml. */
function pythonGates(file: ScanFile): Gate[] {
  const lines = file.text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (COMMENT_LINE.test(line)) continue;
    const value = FAIL_UNDER_SETTING.exec(line)?.[1] ?? COV_FAIL_UNDER.exec(line)?.[1];
    if (value === undefined) continue;
    const what = line.includes('--cov-fail-under') ? 'pytest-cov --cov-fail-under' : 'coverage.py fail_under';
    return [{ line: index + 1, what, ...(Number(value) > 0 ? {} : { off: 'its threshold is 0' }) }];
  }
  return [];
}

/** Codecov status checks with a target; informational checks never fail, and a failing status blocks a merge only when it is required. */
function codecovGates(file: ScanFile): Gate[] {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return [];
  const status = asRecord(asRecord(asRecord(parsed.value.value)?.coverage)?.status);
  if (status === undefined) return [];
  for (const kind of ['project', 'patch']) {
    const checks = asRecord(status[kind]);
    if (checks === undefined) continue;
    const entries = 'target' in checks ? [['', checks] as const] : Object.entries(checks).map(([name, check]) => [name, asRecord(check)] as const);
    for (const [name, check] of entries) {
      if (check?.target === undefined) continue;
      const path = name === '' ? ['coverage', 'status', kind, 'target'] : ['coverage', 'status', kind, name, 'target'];
      const gate = { line: parsed.value.locate(path).line ?? 1, what: `Codecov ${kind} target ${typeof check.target === 'string' || typeof check.target === 'number' ? String(check.target) : ''}`.trimEnd() };
      if (check.informational === true) return [{ ...gate, off: 'the check is informational' }];
      if (check.informational === false) return [gate];
      return [{ ...gate, weaker: 'the failing Codecov status blocks a merge only when branch protection requires it' }];
    }
  }
  return [];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
