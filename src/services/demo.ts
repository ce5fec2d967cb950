import { stringify } from 'yaml';
import { seededRandom } from '../core/random.js';
import type { Random } from '../core/random.js';
import { addDays, addMonths, daysBetween } from '../core/dates.js';
import type { IsoDate } from '../core/dates.js';
import { modelRef } from '../core/model/model.js';
import type { Model, Practice } from '../core/model/model.js';
import { serialiseCheckpoint } from '../core/workspace/serialise.js';
import type { Answer, AnswerStatus, Cadence, Checkpoint, Evidence, Targets, Team } from '../core/workspace/schema.js';

/** A generated sample workspace: `stepwise.yaml` and every checkpoint file, paths relative to the workspace root. */
export interface DemoWorkspace {
  readonly organisationYaml: string;
  readonly files: { path: string; text: string }[];
}

type Profile = 'beginner' | 'developing' | 'mature' | 'uneven';
type QuickMode = 'self-rated' | 'mismatch';

interface NotApplicableRule {
  /** Preferred domain id; the model's last domain stands in when the model has no such domain. */
  readonly domain: string;
  readonly fromLevel: number;
  /** Every practice from that level, or every second one (so each level keeps applicable practices). */
  readonly share: 'all' | 'alternate';
  readonly justification: string;
}

interface TeamSpec {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly cadence: Cadence;
  readonly profile: Profile;
  /** Days between the latest checkpoint and today (moved back a little so dates stay ≤ the 28th). */
  readonly lastDaysAgo: number;
  readonly checkpoints: number;
  /** Raters of the latest checkpoint; the first one assessed the earlier checkpoints alone. */
  readonly raters: readonly string[];
  /** Preferred domain ids; those missing from the model are dropped. */
  readonly targets?: Readonly<Record<string, number>> | number;
  /** Index of the checkpoint at which one practice slips back and the domain loses a level. */
  readonly regressionAt?: number;
  /** Evidence on the latest checkpoint was fresh when assessed but has expired by today. */
  readonly staleEvidence?: boolean;
  readonly notApplicable?: NotApplicableRule;
  readonly quick?: QuickMode;
}

export const DEMO_ORGANISATION = 'Northwind Payments';

const TEAM_SPECS: readonly TeamSpec[] = [
  { id: 'checkout', name: 'Checkout', group: 'Retail', cadence: 'quarterly', profile: 'mature', lastDaysAgo: 25, checkpoints: 6, raters: ['amira', 'ben'], regressionAt: 3 },
  { id: 'payments', name: 'Payments', group: 'Retail', cadence: 'quarterly', profile: 'mature', lastDaysAgo: 40, checkpoints: 5, raters: ['chloe', 'dev', 'amira'], targets: { secrets: 3, 'supply-chain': 3 }, staleEvidence: true },
  { id: 'storefront', name: 'Storefront', group: 'Retail', cadence: 'quarterly', profile: 'developing', lastDaysAgo: 70, checkpoints: 4, raters: ['ben'], quick: 'mismatch' },
  { id: 'loyalty', name: 'Loyalty', group: 'Retail', cadence: 'quarterly', profile: 'beginner', lastDaysAgo: 240, checkpoints: 4, raters: ['chloe'], quick: 'self-rated' },
  { id: 'platform-core', name: 'Platform Core', group: 'Platform', cadence: 'monthly', profile: 'mature', lastDaysAgo: 12, checkpoints: 6, raters: ['farah', 'gus'] },
  { id: 'identity', name: 'Identity and Access', group: 'Platform', cadence: 'quarterly', profile: 'uneven', lastDaysAgo: 55, checkpoints: 5, raters: ['farah', 'ben'], targets: { 'access-control': 3, secrets: 3 }, regressionAt: 2, staleEvidence: true },
  { id: 'observability', name: 'Observability', group: 'Platform', cadence: 'quarterly', profile: 'developing', lastDaysAgo: 80, checkpoints: 4, raters: ['gus'], staleEvidence: true },
  { id: 'build-tools', name: 'Build and Release Tools', group: 'Platform', cadence: 'quarterly', profile: 'developing', lastDaysAgo: 30, checkpoints: 5, raters: ['dev', 'gus', 'hana'] },
  {
    id: 'data-lake', name: 'Data Lake', group: 'Data', cadence: 'quarterly', profile: 'developing', lastDaysAgo: 45, checkpoints: 4, raters: ['iris'], regressionAt: 2,
    notApplicable: { domain: 'container-cloud', fromLevel: 1, share: 'all', justification: 'No container workloads; batch jobs run on managed services' },
  },
  {
    id: 'analytics', name: 'Analytics', group: 'Data', cadence: 'biannual', profile: 'beginner', lastDaysAgo: 60, checkpoints: 4, raters: ['jon'], targets: 1,
    notApplicable: { domain: 'container-cloud', fromLevel: 1, share: 'alternate', justification: 'Notebooks run on the shared platform cluster; cluster hardening is owned by Platform Core' },
  },
  { id: 'ml-platform', name: 'ML Platform', group: 'Data', cadence: 'quarterly', profile: 'uneven', lastDaysAgo: 20, checkpoints: 5, raters: ['iris', 'jon'] },
  {
    id: 'ios-app', name: 'iOS App', group: 'Mobile', cadence: 'quarterly', profile: 'developing', lastDaysAgo: 35, checkpoints: 4, raters: ['kai'],
    notApplicable: { domain: 'container-cloud', fromLevel: 1, share: 'alternate', justification: 'The app ships through the App Store and runs no server workloads of its own' },
  },
  {
    id: 'android-app', name: 'Android App', group: 'Mobile', cadence: 'quarterly', profile: 'beginner', lastDaysAgo: 65, checkpoints: 4, raters: ['lena'],
    notApplicable: { domain: 'iac', fromLevel: 1, share: 'alternate', justification: 'Backend infrastructure for the app is owned and assessed by Mobile API' },
  },
  { id: 'mobile-api', name: 'Mobile API', group: 'Mobile', cadence: 'monthly', profile: 'uneven', lastDaysAgo: 18, checkpoints: 5, raters: ['kai', 'lena', 'amira'], regressionAt: 2 },
];

export const DEMO_TEAM_COUNT = TEAM_SPECS.length;

/** Builds the sample workspace of `stepwise demo`: the same (model, today) always gives the same files. */
export function generateDemoWorkspace(model: Model, today: IsoDate): DemoWorkspace {
  const organisationYaml = organisationText(model);
  const checkpoints = TEAM_SPECS.flatMap((spec) => teamCheckpoints(model, spec, today));
  const files = [
    { path: 'stepwise.yaml', text: organisationYaml },
    ...checkpoints.map((checkpoint) => ({ path: `assessments/${checkpoint.team}/${checkpoint.date}.yaml`, text: serialiseCheckpoint(checkpoint, model) })),
  ];
  return { organisationYaml, files };
}

// ---------------------------------------------------------------- randomness

const DEMO_SEED = 0x5e9_71de;

/** One stream per team, so a team's data does not shift when another team changes. */
function randomFor(text: string): Random {
  let hash = (0x811c9dc5 ^ DEMO_SEED) >>> 0;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return seededRandom(hash);
}

function between(random: Random, low: number, high: number): number {
  return low + random() * (high - low);
}

function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items[Math.floor(random() * items.length)];
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

// ---------------------------------------------------------------- organisation

function topLevel(model: Model): number {
  return Math.max(...model.levels.map((level) => level.level));
}

/** The preferred domains the model has, then the model's domains from the last one backwards. */
function pickDomains(model: Model, preferred: readonly string[], count: number): string[] {
  const known = preferred.filter((id) => model.practicesByDomain.has(id));
  const rest = model.domains.map((domain) => domain.id).filter((id) => !known.includes(id)).reverse();
  return [...known, ...rest].slice(0, count);
}

function scaledLevel(model: Model, levelOnThree: number): number {
  return Math.max(1, Math.min(topLevel(model), Math.round((levelOnThree * topLevel(model)) / 3)));
}

function defaultTargets(model: Model): Record<string, number> {
  const stretched = new Set(pickDomains(model, ['secrets', 'ci-security-testing'], 2));
  return Object.fromEntries(model.domains.map((domain) => [domain.id, scaledLevel(model, stretched.has(domain.id) ? 3 : 2)]));
}

function domainWeights(model: Model): Record<string, number> {
  const [first, second] = pickDomains(model, ['secrets', 'supply-chain'], 2);
  return { ...(first === undefined ? {} : { [first]: 2 }), ...(second === undefined ? {} : { [second]: 1.5 }) };
}

function teamTargets(model: Model, targets: TeamSpec['targets']): Targets | undefined {
  if (targets === undefined) return undefined;
  if (typeof targets === 'number') return scaledLevel(model, targets);
  const known = Object.entries(targets).filter(([domain]) => model.practicesByDomain.has(domain));
  return known.length === 0 ? undefined : Object.fromEntries(known.map(([domain, level]) => [domain, scaledLevel(model, level)]));
}

function teamEntry(model: Model, spec: TeamSpec): Team {
  const targets = teamTargets(model, spec.targets);
  return { id: spec.id, name: spec.name, group: spec.group, cadence: spec.cadence, ...(targets === undefined ? {} : { targets }) };
}

function organisationText(model: Model): string {
  const document = {
    organisation: DEMO_ORGANISATION,
    model: 'builtin',
    defaultTargets: defaultTargets(model),
    domainWeights: domainWeights(model),
    staleCounts: false,
    defaultCadence: 'quarterly',
    teams: TEAM_SPECS.map((spec) => teamEntry(model, spec)),
  };
  return `# Sample workspace written by "stepwise demo": an invented organisation, its teams and their assessments.\n${stringify(document, { lineWidth: 0 })}`;
}

// ---------------------------------------------------------------- dates and trajectories

/** Checkpoints three months apart; the day is kept ≤ 28 so every step of three months lands on the same day. */
function checkpointDates(today: IsoDate, spec: TeamSpec): IsoDate[] {
  let last = addDays(today, -spec.lastDaysAgo);
  while (Number(last.slice(8)) > 28) last = addDays(last, -1);
  return Array.from({ length: spec.checkpoints }, (_, index) => addMonths(last, -3 * (spec.checkpoints - 1 - index)));
}

/** Starting ability on a 0–3 scale: roughly the domain progress the team begins with. */
function startAbility(profile: Profile, random: Random): number {
  if (profile === 'beginner') return between(random, 0.2, 0.8);
  if (profile === 'developing') return between(random, 0.9, 1.5);
  if (profile === 'mature') return between(random, 1.9, 2.5);
  return random() < 0.5 ? between(random, 2, 2.8) : between(random, 0, 0.5);
}

/** Ability per checkpoint: it never falls (regressions are placed on purpose), and now and then stalls. */
function abilityTrajectory(model: Model, profile: Profile, count: number, random: Random): number[] {
  const scale = topLevel(model) / 3;
  let ability = startAbility(profile, random) * scale;
  const trajectory: number[] = [];
  for (let index = 0; index < count; index++) {
    trajectory.push(Math.min(ability, topLevel(model) + 0.5));
    ability += (random() < 0.2 ? 0 : between(random, 0.1, 0.35)) * scale;
  }
  return trajectory;
}

/** Lower levels first: a practice is implemented once the ability clears its level plus its own jitter. */
function statusFromAbility(ability: number, practice: Practice, jitter: number): AnswerStatus {
  const offset = ability - (practice.level - 1) - jitter;
  if (offset >= 0.4) return 'implemented';
  if (offset >= 0.05) return 'partial';
  return 'not-implemented';
}

// ---------------------------------------------------------------- one team

interface TeamPlan {
  readonly spec: TeamSpec;
  readonly random: Random;
  readonly dates: readonly IsoDate[];
  readonly jitter: ReadonlyMap<string, number>;
  readonly abilities: ReadonlyMap<string, readonly number[]>;
  readonly naDomain: string | undefined;
}

function planTeam(model: Model, spec: TeamSpec, today: IsoDate): TeamPlan {
  const random = randomFor(spec.id);
  const jitter = new Map(model.practices.map((practice) => [practice.id, between(random, 0, 0.7)]));
  const abilities = new Map(model.domains.map((domain) => [domain.id, abilityTrajectory(model, spec.profile, spec.checkpoints, random)]));
  const naDomain = spec.notApplicable === undefined ? undefined : pickDomains(model, [spec.notApplicable.domain], 1)[0];
  return { spec, random, dates: checkpointDates(today, spec), jitter, abilities, naDomain };
}

function isNotApplicable(model: Model, plan: TeamPlan, practice: Practice): boolean {
  const rule = plan.spec.notApplicable;
  if (rule === undefined || practice.domain !== plan.naDomain || practice.level < rule.fromLevel) return false;
  return rule.share === 'all' || (model.practicesByDomain.get(practice.domain) ?? []).indexOf(practice) % 2 === 1;
}

function statusesAt(model: Model, plan: TeamPlan, index: number): Map<string, AnswerStatus> {
  const statuses = new Map<string, AnswerStatus>();
  for (const practice of model.practices) {
    const ability = plan.abilities.get(practice.domain)?.[index] ?? 0;
    statuses.set(practice.id, isNotApplicable(model, plan, practice) ? 'not-applicable' : statusFromAbility(ability, practice, plan.jitter.get(practice.id) ?? 0));
  }
  return statuses;
}

/** The highest level whose applicable practices (and those below) are all implemented; null when all are n/a. */
function reachedLevel(model: Model, domain: string, statuses: ReadonlyMap<string, AnswerStatus>): number | null {
  const practices = (model.practicesByDomain.get(domain) ?? []).filter((practice) => statuses.get(practice.id) !== 'not-applicable');
  if (practices.length === 0) return null;
  let reached = 0;
  for (const { level } of model.levels) {
    if (level <= 0) continue;
    const atLevel = practices.filter((practice) => practice.level === level);
    if (!atLevel.every((practice) => statuses.get(practice.id) === 'implemented')) break;
    reached = level;
  }
  return reached;
}

interface Regression {
  readonly practice: Practice;
  readonly level: number;
}

/** The practice that slips back: one at the top level the team had reached in one of its strongest domains. */
function chooseRegression(model: Model, plan: TeamPlan, previous: ReadonlyMap<string, AnswerStatus>, current: ReadonlyMap<string, AnswerStatus>): Regression | undefined {
  const reached = model.domains.map((domain) => ({ domain: domain.id, level: reachedLevel(model, domain.id, previous) ?? 0 }));
  const top = Math.max(...reached.map((entry) => entry.level));
  const strongest = pick(plan.random, reached.filter((entry) => entry.level === top));
  if (strongest === undefined || strongest.level === 0) return undefined;
  const candidates = (model.practicesByDomain.get(strongest.domain) ?? []).filter(
    (practice) => practice.level === strongest.level && current.get(practice.id) === 'implemented',
  );
  const practice = pick(plan.random, candidates);
  return practice === undefined ? undefined : { practice, level: strongest.level };
}

function teamCheckpoints(model: Model, spec: TeamSpec, today: IsoDate): Checkpoint[] {
  const plan = planTeam(model, spec, today);
  const checkpoints: Checkpoint[] = [];
  let previous: Map<string, AnswerStatus> | undefined;
  for (const [index, date] of plan.dates.entries()) {
    const statuses = statusesAt(model, plan, index);
    const regression = index === spec.regressionAt && previous !== undefined ? chooseRegression(model, plan, previous, statuses) : undefined;
    if (regression !== undefined) statuses.set(regression.practice.id, 'partial');
    const isLatest = index === plan.dates.length - 1;
    const raters = isLatest ? [...spec.raters] : spec.raters.slice(0, 1);
    const checkpoint = baseCheckpoint(model, plan, date, raters, statuses, regression);
    checkpoints.push(isLatest ? finishLatest(model, plan, checkpoint, statuses, today) : checkpoint);
    previous = statuses;
  }
  return checkpoints;
}

// ---------------------------------------------------------------- answers and evidence

const IMPLEMENTED_NOTES = [
  'Walked through it with the team and saw it working on the main service',
  'Demonstrated by the tech lead during the review',
  'Checked a sample of recent changes; all of them followed it',
];
const PARTIAL_NOTES = [
  'In place for the main service only; the batch jobs still lack it',
  'Started this quarter; about half of the repositories are covered',
  'Documented but not applied consistently yet',
];

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function evidenceFor(plan: TeamPlan, practice: Practice, status: AnswerStatus, date: IsoDate, rater: string | undefined): Evidence[] {
  if (status !== 'implemented' && status !== 'partial') return [];
  if (practice.freshnessDays === undefined && plan.random() >= 0.25) return [];
  const maxAge = Math.min(20, Math.floor((practice.freshnessDays ?? 80) / 4));
  const evidenceDate = addDays(date, -Math.floor(plan.random() * (maxAge + 1)));
  const notes = status === 'implemented' ? IMPLEMENTED_NOTES : PARTIAL_NOTES;
  const link: Evidence = { type: 'link', url: `https://wiki.example.com/security/${plan.spec.id}/${slug(practice.id)}`, title: practice.title, date: evidenceDate, ...(rater === undefined ? {} : { by: rater }) };
  const note: Evidence = { type: 'note', text: pick(plan.random, notes) ?? notes[0] ?? 'Reviewed with the team', date: evidenceDate };
  return [link, note];
}

function regressionEvidence(regression: Regression, date: IsoDate): Evidence {
  return { type: 'note', text: `Slipped back since the last review: "${regression.practice.title}" no longer holds everywhere after a platform migration`, date };
}

function answerFor(plan: TeamPlan, practice: Practice, status: AnswerStatus, date: IsoDate, rater: string | undefined, regression: Regression | undefined): Answer {
  if (status === 'not-applicable') return { status, justification: plan.spec.notApplicable?.justification ?? 'Not relevant to this team', evidence: [], ratings: {} };
  const evidence = regression?.practice.id === practice.id ? [regressionEvidence(regression, date)] : evidenceFor(plan, practice, status, date, rater);
  return { status, evidence, ratings: {} };
}

function baseCheckpoint(model: Model, plan: TeamPlan, date: IsoDate, raters: string[], statuses: ReadonlyMap<string, AnswerStatus>, regression: Regression | undefined): Checkpoint {
  const answers: Record<string, Answer> = {};
  for (const practice of model.practices) {
    answers[practice.id] = answerFor(plan, practice, statuses.get(practice.id) ?? 'unknown', date, raters[0], regression);
  }
  return { team: plan.spec.id, date, model: modelRef(model), raters, answers, domainScores: {} };
}

// ---------------------------------------------------------------- the latest checkpoint: raters, stale evidence, quick mode

function finishLatest(model: Model, plan: TeamPlan, checkpoint: Checkpoint, statuses: ReadonlyMap<string, AnswerStatus>, today: IsoDate): Checkpoint {
  const withRatings = plan.spec.raters.length >= 2 ? addRatings(plan, checkpoint) : checkpoint;
  const aged = plan.spec.staleEvidence === true ? ageEvidence(model, plan, withRatings, today) : withRatings;
  return plan.spec.quick === undefined ? aged : applyQuickMode(model, plan.spec.quick, aged, statuses);
}

const RANKED: readonly AnswerStatus[] = ['not-implemented', 'partial', 'implemented'];

function byRank(ranks: readonly number[]): AnswerStatus[] {
  return ranks.map((rank) => RANKED[Math.max(0, Math.min(2, rank))] ?? 'partial');
}

/** Ratings whose median (lower middle with two raters) is the status itself, so no facilitator is needed. */
function medianRanks(rank: number, raterCount: number): number[] | undefined {
  if (raterCount === 2) return rank < 2 ? [rank, rank + 1] : undefined;
  return [rank, rank + 1, rank - 1, rank].slice(0, raterCount);
}

/** Ratings whose median differs from the status: the facilitator decided otherwise after discussion. */
function splitRanks(rank: number, raterCount: number): number[] {
  const pair = rank === 1 ? [0, 2] : [1, 2];
  const filler = rank === 1 ? 0 : 1;
  return [...pair, filler, filler].slice(0, raterCount);
}

function ratingsOf(random: Random, raters: readonly string[], ranks: readonly number[]): Record<string, AnswerStatus> {
  const statuses = shuffled(random, byRank(ranks));
  return Object.fromEntries(raters.map((rater, index) => [rater, statuses[index] ?? 'partial']));
}

/** Several raters disagree on a handful of practices: most resolve to the median, two by the facilitator. */
function addRatings(plan: TeamPlan, checkpoint: Checkpoint): Checkpoint {
  const rated = Object.entries(checkpoint.answers).filter(([, answer]) => answer.status !== undefined && RANKED.includes(answer.status));
  const chosen = shuffled(plan.random, rated).slice(0, 6);
  const answers = { ...checkpoint.answers };
  for (const [position, [id, answer]] of chosen.entries()) answers[id] = ratedAnswer(plan, answer, position >= 4);
  return { ...checkpoint, answers };
}

function ratedAnswer(plan: TeamPlan, answer: Answer, facilitated: boolean): Answer {
  const rank = RANKED.indexOf(answer.status ?? 'unknown');
  const raters = plan.spec.raters;
  const median = facilitated ? undefined : medianRanks(rank, raters.length);
  // Without a status the consensus is the median of the ratings, which medianRanks keeps equal to the old status.
  if (median !== undefined) return { evidence: answer.evidence, ratings: ratingsOf(plan.random, raters, median) };
  return { ...answer, ratings: ratingsOf(plan.random, raters, splitRanks(rank, raters.length)) };
}

/** Evidence fresh on the checkpoint's date that has expired by today: the level drops in the current view. */
function ageEvidence(model: Model, plan: TeamPlan, checkpoint: Checkpoint, today: IsoDate): Checkpoint {
  const sinceCheckpoint = daysBetween(checkpoint.date, today);
  if (sinceCheckpoint < 2) return checkpoint;
  const candidates = model.practices.filter((practice) => practice.freshnessDays !== undefined && (checkpoint.answers[practice.id]?.evidence.length ?? 0) > 0);
  const answers = { ...checkpoint.answers };
  for (const [index, practice] of candidates.entries()) {
    const answer = answers[practice.id];
    if (answer === undefined || (index > 0 && plan.random() >= 0.6)) continue;
    const age = (practice.freshnessDays ?? 0) + 1 + Math.floor(plan.random() * (sinceCheckpoint - 1));
    const date = addDays(today, -age);
    answers[practice.id] = { ...answer, evidence: answer.evidence.map((entry) => ({ ...entry, date })) };
  }
  return { ...checkpoint, answers };
}

/** Quick mode: self-rated domains without practice answers, or a self-rating beside answers that disagrees with them. */
function applyQuickMode(model: Model, mode: QuickMode, checkpoint: Checkpoint, statuses: ReadonlyMap<string, AnswerStatus>): Checkpoint {
  const applicable = model.domains.map((domain) => domain.id).filter((domain) => reachedLevel(model, domain, statuses) !== null);
  const preferred = mode === 'self-rated' ? ['incident-response', 'logging-monitoring'] : ['vulnerability-management'];
  const domains = pickDomains(model, preferred, model.domains.length).filter((domain) => applicable.includes(domain)).slice(0, mode === 'self-rated' ? 2 : 1);
  const domainScores: Record<string, number> = {};
  for (const domain of domains) {
    const derived = reachedLevel(model, domain, statuses) ?? 0;
    domainScores[domain] = mode === 'self-rated' ? derived : derived < topLevel(model) ? derived + 1 : derived - 1;
  }
  if (mode === 'mismatch') return { ...checkpoint, domainScores };
  const answers = Object.fromEntries(Object.entries(checkpoint.answers).filter(([id]) => !domains.includes(model.practiceById.get(id)?.domain ?? '')));
  return { ...checkpoint, answers, domainScores };
}
