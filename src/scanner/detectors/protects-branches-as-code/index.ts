import { parseYaml } from '../../../core/yaml/safe-yaml.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { attribute, blankComments, nestedBlock, resourceBlocks } from './terraform-blocks.js';
import type { HclBlock } from './terraform-blocks.js';

/** What a protection rule requires, reduced to Scorecard's tiers. */
interface Protection {
  readonly reviews: boolean;
  readonly approvals: number;
  readonly codeOwners: boolean;
  readonly statusChecks: boolean;
  /** Why the rule does not apply yet (a ruleset in evaluate mode), when it does not. */
  readonly notEnforced?: string;
}

interface Rule {
  readonly what: string;
  readonly line: number;
  readonly protection: Protection;
}

const BRANCH_PROTECTION = 'access-control.branch-protection';
const CODE_REVIEW = 'secure-development.code-review';
const MERGE_RULES = 'access-control.enforced-merge-rules';
const SETTINGS_FILE = '.github/settings.yml';
const TERRAFORM_TYPES = ['github_branch_protection', 'github_branch_protection_v3', 'github_repository_ruleset', 'gitlab_branch_protection'];

export const detector: Detector = {
  id: 'protects-branches-as-code',
  title: 'Branch protection or rulesets are kept as code',
  domain: 'access-control',
  kind: 'positive',
  evidenceFor: [BRANCH_PROTECTION, MERGE_RULES, CODE_REVIEW],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => path === SETTINGS_FILE || path.endsWith('.tf'),
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const product = files.filter((candidate) => !isFixture(candidate.path));
    const terraform = product.filter((file) => file.path.endsWith('.tf')).map((file) => ({ path: file.path, text: blankComments(file.text) }));
    const pipelineGate = terraform.some((file) => attribute(file.text, 'only_allow_merge_if_pipeline_succeeds') === 'true');
    const settings = product.filter((file) => file.path === SETTINGS_FILE).flatMap(settingsFindings);
    const resources = terraform.flatMap((file) =>
      resourceBlocks(file.text, TERRAFORM_TYPES).flatMap((block) => {
        const rule = terraformRule(block, pipelineGate);
        return rule === undefined ? [] : [finding(file.path, rule)];
      }),
    );
    return [...settings, ...resources];
  },
};

/** Scorecard's tiers: reviews → 2; status checks and (two approvals or code owners) → 3. */
function finding(file: string, rule: Rule): DetectorFinding {
  const { protection } = rule;
  const place = { file, line: rule.line, confidence: 'high' as const };
  if (protection.notEnforced !== undefined) {
    return { outcome: 'positive', ...place, level: 2, status: 'partial', practices: [BRANCH_PROTECTION], message: `${rule.what} is kept as code but ${protection.notEnforced}` };
  }
  if (!protection.reviews) {
    return { outcome: 'positive', ...place, level: 2, status: 'partial', practices: [BRANCH_PROTECTION], message: `${rule.what} protects the branch but requires no pull request review` };
  }
  const strongReview = protection.approvals >= 2 || protection.codeOwners;
  if (protection.statusChecks && strongReview) {
    return { outcome: 'positive', ...place, level: 3, practices: [BRANCH_PROTECTION, CODE_REVIEW, MERGE_RULES], message: `${rule.what} requires passing status checks and ${protection.codeOwners ? 'code owner review' : `${protection.approvals} approvals`} before merge` };
  }
  const missing = [protection.statusChecks ? '' : 'required status checks', strongReview ? '' : 'two approvals or code owner review'].filter((text) => text !== '').join(' and ');
  return { outcome: 'positive', ...place, level: 2, practices: [BRANCH_PROTECTION, CODE_REVIEW], message: `${rule.what} requires pull request review; add ${missing} to enforce merge rules` };
}

/** Probot Settings (and safe-settings): `branches[].protection` and `rulesets[]`. */
function settingsFindings(file: ScanFile): DetectorFinding[] {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return [{ outcome: 'not-applicable', file: file.path, line: parsed.error.at?.line ?? 1, confidence: 'high', message: `${file.path} could not be read as YAML, so its branch protection is unknown` }];
  const root = asRecord(parsed.value.value);
  const lineOf = (path: readonly (string | number)[]): number => parsed.value.locate(path).line ?? 1;
  const branches = asList(root?.branches).flatMap((entry, index): Rule[] => {
    const branch = asRecord(entry);
    const protection = asRecord(branch?.protection);
    if (protection === undefined) return [];
    return [{ what: `Protection of branch ${textOf(branch?.name)}`, line: lineOf(['branches', index]), protection: protectionFromSettings(protection) }];
  });
  const rulesets = asList(root?.rulesets).flatMap((entry, index): Rule[] => {
    const ruleset = asRecord(entry);
    if (ruleset === undefined || (ruleset.target !== undefined && ruleset.target !== 'branch')) return [];
    return [{ what: `Ruleset ${textOf(ruleset.name)}`, line: lineOf(['rulesets', index]), protection: protectionFromRuleset(ruleset) }];
  });
  return [...branches, ...rulesets].map((rule) => finding(file.path, rule));
}

function protectionFromSettings(protection: Record<string, unknown>): Protection {
  const reviews = asRecord(protection.required_pull_request_reviews);
  const checks = asRecord(protection.required_status_checks);
  return {
    reviews: reviews !== undefined,
    approvals: typeof reviews?.required_approving_review_count === 'number' ? reviews.required_approving_review_count : reviews === undefined ? 0 : 1,
    codeOwners: reviews?.require_code_owner_reviews === true,
    statusChecks: checks !== undefined && (asList(checks.contexts).length > 0 || asList(checks.checks).length > 0),
  };
}

function protectionFromRuleset(ruleset: Record<string, unknown>): Protection {
  const rules = asList(ruleset.rules).map(asRecord);
  const pullRequest = asRecord(rules.find((rule) => rule?.type === 'pull_request')?.parameters);
  const checks = asRecord(rules.find((rule) => rule?.type === 'required_status_checks')?.parameters);
  const enforcement = typeof ruleset.enforcement === 'string' ? ruleset.enforcement : 'active';
  return {
    reviews: pullRequest !== undefined,
    approvals: typeof pullRequest?.required_approving_review_count === 'number' ? pullRequest.required_approving_review_count : 0,
    codeOwners: pullRequest?.require_code_owner_review === true,
    statusChecks: asList(checks?.required_status_checks).length > 0,
    ...(enforcement === 'active' ? {} : { notEnforced: `its enforcement is ${enforcement}` }),
  };
}

/** A Terraform resource as a rule; undefined for rulesets on tags or turned off. */
function terraformRule(block: HclBlock, pipelineGate: boolean): Rule | undefined {
  const what = `Terraform ${block.type} "${block.name}"`;
  if (block.type === 'gitlab_branch_protection') {
    const codeOwners = attribute(block.body, 'code_owner_approval_required') === 'true';
    return { what, line: block.line, protection: { reviews: true, approvals: 0, codeOwners, statusChecks: pipelineGate } };
  }
  if (block.type === 'github_repository_ruleset') return rulesetRule(block, what);
  const reviews = nestedBlock(block.body, 'required_pull_request_reviews');
  const checks = nestedBlock(block.body, 'required_status_checks');
  return {
    what,
    line: block.line,
    protection: {
      reviews: reviews !== undefined,
      approvals: reviews === undefined ? 0 : Number(attribute(reviews, 'required_approving_review_count') ?? '1') || 0,
      codeOwners: reviews !== undefined && attribute(reviews, 'require_code_owner_reviews') === 'true',
      statusChecks: checks !== undefined && /(?:^|[\s{])(?:contexts|checks)[ \t]*=[ \t]*(?!\[[ \t]*\])\S/.test(checks),
    },
  };
}

function rulesetRule(block: HclBlock, what: string): Rule | undefined {
  const target = attribute(block.body, 'target');
  const enforcement = attribute(block.body, 'enforcement') ?? 'active';
  if (target === 'tag' || target === 'push' || enforcement === 'disabled') return undefined;
  const rules = nestedBlock(block.body, 'rules') ?? '';
  const pullRequest = nestedBlock(rules, 'pull_request');
  const checks = nestedBlock(rules, 'required_status_checks');
  return {
    what,
    line: block.line,
    protection: {
      reviews: pullRequest !== undefined,
      approvals: pullRequest === undefined ? 0 : Number(attribute(pullRequest, 'required_approving_review_count') ?? '0') || 0,
      codeOwners: pullRequest !== undefined && attribute(pullRequest, 'require_code_owner_review') === 'true',
      statusChecks: checks !== undefined && /(?:^|[\s{])required_check[ \t]*\{/.test(checks),
      ...(enforcement === 'active' ? {} : { notEnforced: `its enforcement is ${enforcement}` }),
    },
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '?';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
