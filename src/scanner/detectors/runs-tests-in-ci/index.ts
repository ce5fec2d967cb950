import type { CiStep } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';
import { pipelineSteps } from '../pipeline-steps.js';

/** Start of a command: line start or after `;`, `&&`, `||`, `|`, `(`, `$(`; then `sudo`, a Python or Ruby runner, `npx`, or a path. */
const AT_COMMAND = String.raw`(?:^|[;&|(]|\$\()[ \t]*(?:sudo[ \t]+)?(?:(?:poetry|uv|pipenv|pdm|hatch|rye|bundle)[ \t]+(?:run|exec)[ \t]+)?(?:(?:npx|bunx)[ \t]+|(?:pnpm|yarn)[ \t]+(?:exec|dlx)[ \t]+)?(?:[\w./-]*\/)?`;
const END = String.raw`(?=[ \t;&|)"']|$)`;
const FLAGS = String.raw`(?:[ \t]+--?[\w-]+(?:[= ][^\s-]\S*)?){0,4}`;
const TEST_COMMANDS = [
  // `npm test`, `npm t`, `npm run test:unit`, `npm run unit`, `yarn workspace web test`, `bun test`.
  String.raw`(?:npm|pnpm|yarn|bun)${FLAGS}[ \t]+(?:workspace[ \t]+[\w@./-]+[ \t]+)?(?:run(?:-script)?[ \t]+)?(?:test|tests|t|unit)(?:[:_-][\w:-]+)?${END}`,
  String.raw`(?:vitest|jest|mocha|ava|nyc|c8|karma|jasmine)${END}`,
  String.raw`(?:playwright[ \t]+test|cypress[ \t]+run|node[ \t]+--test|deno[ \t]+test)${END}`,
  String.raw`(?:go[ \t]+test|gotestsum)${END}`,
  String.raw`(?:pytest|py\.test|tox|nox|python[\d.]*[ \t]+-m[ \t]+(?:pytest|unittest))${END}`,
  String.raw`(?:mvn|mvnw)\b[^\n;&|]{0,200}?[ \t](?:test|verify|install|package)${END}`,
  String.raw`(?:gradle|gradlew)\b[^\n;&|]{0,200}?[ \t](?:test|check|build)${END}`,
  String.raw`(?:cargo[ \t]+(?:test|nextest)|dotnet[ \t]+test|swift[ \t]+test|flutter[ \t]+test|dart[ \t]+test|mix[ \t]+test|bazel[ \t]+test|ctest)${END}`,
  String.raw`(?:rspec|phpunit|pest|rake[ \t]+(?:test|spec)|rails[ \t]+test|make[ \t]+(?:test|check))${END}`,
];
const PRACTICES = ['ci-security-testing.defined-pipeline', 'secure-development.tests-in-ci'];
const TEST_COMMAND = new RegExp(`${AT_COMMAND}(?:${TEST_COMMANDS.join('|')})`, 'm');
/** Flags that build without running the tests. */
const SKIPS_TESTS = /-DskipTests\b|-Dmaven\.test\.skip=true|(?:^|[ \t])-x[ \t]+:?test\b|--exclude-task[ \t]+test\b/;

export const detector: Detector = {
  id: 'runs-tests-in-ci',
  title: 'The pipeline runs the tests',
  domain: 'secure-development',
  kind: 'positive',
  evidenceFor: PRACTICES,
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    return pipelineSteps(input).flatMap(({ step, place: where, mayFail }): DetectorFinding[] => {
        const command = testCommand(step);
        if (command === undefined) return [];
        const place = { ...where, level: 2, confidence: 'high' as const, practices: PRACTICES };
        if (mayFail) return [{ outcome: 'positive', ...place, status: 'partial', message: `The pipeline runs the tests (${command}) but lets them fail without failing the build` }];
        return [{ outcome: 'positive', ...place, message: `The pipeline runs the tests (${command})` }];
      });
  },
};

/** The test command a step runs, as written, or undefined. */
export function testCommand(step: CiStep): string | undefined {
  const task = taskCommand(step);
  if (task !== undefined) return task;
  if (step.run === undefined) return undefined;
  const match = TEST_COMMAND.exec(step.run);
  if (match === null) return undefined;
  const lineEnd = step.run.indexOf('\n', match.index + 1);
  const rest = step.run.slice(match.index, lineEnd === -1 ? undefined : lineEnd);
  if (SKIPS_TESTS.test(rest)) return undefined;
  return match[0].replace(/^[\s;&|($]+/, '').trim().slice(0, 80);
}

/** Azure Pipelines tasks and the Gradle action that run tests through inputs rather than a script. */
function taskCommand(step: CiStep): string | undefined {
  if (step.uses === undefined) return undefined;
  const name = step.uses.replace(/@.*$/, '').toLowerCase();
  const input = (key: string): string => (step.with[key] ?? '').toLowerCase();
  if (name === 'dotnetcorecli' && input('command') === 'test') return 'DotNetCoreCLI test';
  if (name === 'vstest') return 'VSTest';
  if (name === 'maven' && /\b(?:test|verify|install|package)\b/.test(input('goals') || 'package') && !SKIPS_TESTS.test(step.with.options ?? '')) return `Maven ${input('goals') || 'package'}`;
  if (name === 'gradle' && /\b(?:test|check|build)\b/.test(input('tasks') || 'build')) return `Gradle ${input('tasks') || 'build'}`;
  if (name === 'gradle/gradle-build-action' && /\b(?:test|check|build)\b/.test(input('arguments'))) return `gradle ${input('arguments')}`;
  return undefined;
}
