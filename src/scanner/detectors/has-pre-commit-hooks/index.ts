import { parseYaml } from '../../../core/yaml/safe-yaml.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

type Judge = (file: ScanFile) => DetectorFinding | undefined;

const PRE_COMMIT = /(?:^|\/)\.pre-commit-config\.ya?ml$/;
const HUSKY_HOOK = /(?:^|\/)\.husky\/(?:pre-commit|pre-push)$/;
const LEFTHOOK = /(?:^|\/)\.?lefthook(?:-local)?\.(?:ya?ml|toml|json)$/;
const LINT_STAGED = /(?:^|\/)(?:\.lintstagedrc(?:\.(?:json|ya?ml|[cm]?js))?|lint-staged\.config\.[cm]?js)$/;
const OVERCOMMIT = /(?:^|\/)\.overcommit\.yml$/;
const PACKAGE_JSON = /(?:^|\/)package\.json$/;
/** Keys of package.json that configure a hook runner: lint-staged, husky 4, simple-git-hooks, pre-commit. */
const PACKAGE_HOOK_KEY = /^[ \t]*"(lint-staged|husky|simple-git-hooks|pre-commit)"[ \t]*:/m;
/** Lines of a husky hook that do nothing by themselves: shebang, comments, the husky 4–8 bootstrap. */
const HUSKY_BOILERPLATE = /^(?:#.*|\.[ \t]+"?\$\(dirname[^\n]*husky\.sh"?)$/;
const LEFTHOOK_HOOK = /^[ \t]*["']?(?:pre-commit|pre-push)["']?[ \t]*[:=]|^\[(?:pre-commit|pre-push)\b/m;

export const detector: Detector = {
  id: 'has-pre-commit-hooks',
  title: 'Pre-commit hooks are configured',
  domain: 'secure-development',
  kind: 'positive',
  evidenceFor: ['secure-development.linting'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => !path.includes('node_modules/') && [PRE_COMMIT, HUSKY_HOOK, LEFTHOOK, LINT_STAGED, OVERCOMMIT, PACKAGE_JSON].some((pattern) => pattern.test(path)),
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return files.filter((candidate) => !isFixture(candidate.path)).flatMap((file) => {
      const finding = judgeFor(file.path)?.(file);
      return finding === undefined ? [] : [finding];
    });
  },
};

function judgeFor(path: string): Judge | undefined {
  if (PRE_COMMIT.test(path)) return preCommit;
  if (HUSKY_HOOK.test(path)) return husky;
  if (LEFTHOOK.test(path)) return lefthook;
  if (LINT_STAGED.test(path)) return (file) => hook(file, 1, 'lint-staged is configured to lint staged files; a hook runner such as husky or lefthook calls it');
  if (OVERCOMMIT.test(path)) return (file) => hook(file, 1, 'Overcommit runs git hooks');
  if (PACKAGE_JSON.test(path)) return packageJson;
  return undefined;
}

/** `.pre-commit-config.yaml` with at least one repository of hooks. */
function preCommit(file: ScanFile): DetectorFinding {
  const parsed = parseYaml(file.text, file.path);
  const repos = parsed.ok ? (parsed.value.value as { repos?: unknown } | null)?.repos : undefined;
  if (!parsed.ok || !Array.isArray(repos) || repos.length === 0) return inconclusive(file, `${file.path} lists no hook repositories`);
  return hook(file, parsed.value.locate(['repos', 0]).line ?? 1, `pre-commit runs ${repos.length} hook ${repos.length === 1 ? 'repository' : 'repositories'} before each commit`);
}

/** A husky hook with at least one command besides the bootstrap lines. */
function husky(file: ScanFile): DetectorFinding {
  const lines = file.text.split(/\r?\n/).map((line) => line.trim());
  const index = lines.findIndex((line) => line !== '' && !HUSKY_BOILERPLATE.test(line));
  if (index === -1) return inconclusive(file, `${file.path} runs no command`);
  return hook(file, index + 1, `the husky ${file.path.slice(file.path.lastIndexOf('/') + 1)} hook runs checks`);
}

function lefthook(file: ScanFile): DetectorFinding {
  const match = LEFTHOOK_HOOK.exec(file.text);
  if (match === null) return inconclusive(file, `${file.path} defines no pre-commit or pre-push hook`);
  return hook(file, file.text.slice(0, match.index).split('\n').length, 'lefthook runs checks in a git hook');
}

function packageJson(file: ScanFile): DetectorFinding | undefined {
  const match = PACKAGE_HOOK_KEY.exec(file.text);
  if (match === null) return undefined;
  return hook(file, file.text.slice(0, match.index).split('\n').length, `package.json configures ${match[1] ?? 'a hook runner'} for git hooks`);
}

function hook(file: ScanFile, line: number, what: string): DetectorFinding {
  return { outcome: 'positive', file: file.path, line, level: 1, confidence: 'high', message: `A pre-commit hook is configured: ${what}. Hooks can be skipped, so the pipeline should run the same checks` };
}

function inconclusive(file: ScanFile, why: string): DetectorFinding {
  return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: why };
}
