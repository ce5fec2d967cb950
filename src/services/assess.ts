import { z } from 'zod';
import type { IsoDate } from '../core/dates.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { Model, ModelDomain, Practice } from '../core/model/model.js';
import { modelRef } from '../core/model/model.js';
import { resolveAnswerStatus } from '../core/scoring/consensus.js';
import { answerOf, answerSchema, ANSWER_STATUSES, checkpointSchema } from '../core/workspace/schema.js';
import type { Answer, AnswerStatus, Checkpoint, Evidence } from '../core/workspace/schema.js';
import { serialiseCheckpoint } from '../core/workspace/serialise.js';
import { parseYaml, validateParsed } from '../core/yaml/safe-yaml.js';
import type { ScanFinding, ScanResult } from '../core/scan/result.js';
import { checkpointPath, latestCheckpoint, parseCheckpoint } from './workspace.js';
import type { Workspace } from './workspace.js';

/** What the person is asked about one practice. */
export interface PracticeQuestion {
  readonly domain: ModelDomain;
  readonly practice: Practice;
  readonly levelName: string;
  /** The answer in the team's previous checkpoint, offered as the default. */
  readonly previous: AnswerStatus;
  /** What a repository scan proposed for this practice, with where it looked. */
  readonly proposal?: ScanProposal;
  readonly index: number;
  readonly total: number;
}

/** The conversation an interactive front end holds; the CLI implements it with terminal prompts. */
export interface Questioner {
  startDomain(domain: ModelDomain, index: number, total: number): void | Promise<void>;
  /** The answer, or `stop` to end the questionnaire and keep what was answered so far. */
  status(question: PracticeQuestion): Promise<AnswerStatus | 'stop'>;
  justification(question: PracticeQuestion): Promise<string>;
  note(question: PracticeQuestion): Promise<string>;
  link(question: PracticeQuestion): Promise<string>;
  domainScore(domain: ModelDomain, levels: readonly { level: number; name: string }[], previous: number | null): Promise<number | null>;
}

export interface AssessOptions {
  readonly team: string;
  readonly date: IsoDate;
  /** Record the answers as this rater's ratings instead of the consensus status. */
  readonly rater?: string;
  readonly quick: boolean;
  /** Answers proposed by a scan (`--from-scan`), offered as defaults and kept as `proposed`. */
  readonly proposals?: ReadonlyMap<string, ScanProposal>;
}

/** A scan's proposal for one practice: the status its evidence suggests and the findings behind it. */
export interface ScanProposal {
  readonly status: 'implemented' | 'partial' | 'not-implemented';
  readonly evidence: readonly Extract<Evidence, { type: 'finding' }>[];
}

/** Turns a scan result into proposals per practice; fixture findings and other models' practices are left out. */
export function proposalsFromScan(model: Model, scan: ScanResult, date: IsoDate): Map<string, ScanProposal> {
  const proposals = new Map<string, ScanProposal>();
  for (const practice of scan.practices) {
    if (!model.practiceById.has(practice.id)) continue;
    const evidence = practice.evidence
      .map((index) => scan.findings[index])
      .filter((finding): finding is ScanFinding => finding !== undefined && !finding.fixture && finding.file !== null)
      .map((finding) => findingEvidence(finding, date));
    proposals.set(practice.id, { status: practice.status, evidence });
  }
  return proposals;
}

function findingEvidence(finding: ScanFinding, date: IsoDate): Extract<Evidence, { type: 'finding' }> {
  return { type: 'finding', detector: finding.detector, file: finding.file ?? '', ...(finding.line === null ? {} : { line: finding.line }), message: finding.message.slice(0, 2000), date };
}

/** Adds scan proposals to the answers given: a confirmed answer keeps its status and gains the findings; the rest stay proposals. */
export function withProposals(input: AnswersInput, proposals: ReadonlyMap<string, ScanProposal>): AnswersInput {
  const answers: Record<string, AnswerInput> = { ...input.answers };
  for (const [practiceId, proposal] of proposals) {
    const given = answers[practiceId];
    const base = typeof given === 'string' ? { status: given } : (given ?? {});
    answers[practiceId] = { ...base, proposed: proposal.status, evidence: [...(base.evidence ?? []), ...proposal.evidence] };
  }
  return { ...input, answers };
}

/** Runs the questionnaire domain by domain and returns the answers given. */
export async function runQuestionnaire(workspace: Workspace, options: AssessOptions, questioner: Questioner): Promise<AnswersInput> {
  const previous = latestCheckpoint(workspace, options.team);
  const domains = workspace.model.domains;
  const input: MutableAnswers = { answers: {}, domainScores: {} };
  for (const [index, domain] of domains.entries()) {
    await questioner.startDomain(domain, index, domains.length);
    if (options.quick) await askDomainScore(workspace.model, domain, previous, questioner, input);
    else if ((await askPractices(workspace, domain, previous, questioner, input, options)) === 'stop') break;
  }
  return input;
}

interface MutableAnswers {
  answers: Record<string, AnswerInput>;
  domainScores: Record<string, number>;
}

async function askDomainScore(model: Model, domain: ModelDomain, previous: Checkpoint | undefined, questioner: Questioner, input: MutableAnswers): Promise<void> {
  const earlier = previous !== undefined && Object.hasOwn(previous.domainScores, domain.id) ? (previous.domainScores[domain.id] ?? null) : null;
  const score = await questioner.domainScore(domain, model.levels, earlier);
  if (score !== null) input.domainScores[domain.id] = score;
}

async function askPractices(workspace: Workspace, domain: ModelDomain, previous: Checkpoint | undefined, questioner: Questioner, input: MutableAnswers, options: AssessOptions): Promise<'stop' | 'next'> {
  const practices = workspace.model.practicesByDomain.get(domain.id) ?? [];
  for (const [index, practice] of practices.entries()) {
    const earlier = answerOf(previous, practice.id);
    const question: PracticeQuestion = {
      domain,
      practice,
      levelName: workspace.model.levels.find((level) => level.level === practice.level)?.name ?? `Level ${practice.level}`,
      previous: resolveAnswerStatus(earlier).status,
      ...(options.proposals?.has(practice.id) === true ? { proposal: options.proposals.get(practice.id) } : {}),
      index,
      total: practices.length,
    };
    const answer = await askPractice(question, questioner);
    if (answer === 'stop') return 'stop';
    if (answer !== null) input.answers[practice.id] = answer;
  }
  return 'next';
}

async function askPractice(question: PracticeQuestion, questioner: Questioner): Promise<AnswerInput | null | 'stop'> {
  const status = await questioner.status(question);
  if (status === 'stop') return 'stop';
  if (status === 'unknown') return null;
  const justification = status === 'not-applicable' ? await questioner.justification(question) : '';
  const evidence: EvidenceInput[] = [];
  const note = (await questioner.note(question)).trim();
  if (note !== '') evidence.push({ type: 'note', text: note });
  const link = (await questioner.link(question)).trim();
  if (link !== '') evidence.push({ type: 'link', url: link });
  return { status, ...(justification === '' ? {} : { justification }), evidence };
}

type EvidenceInput = { type: 'note'; text: string } | { type: 'link'; url: string };

/** An answers file for `stepwise assess --answers FILE`: a status per practice, or a full answer. */
const answerInputSchema = z.union([z.enum(ANSWER_STATUSES), answerSchema]);
export const answersFileSchema = z.strictObject({
  date: z.string().optional(),
  raters: z.array(z.string()).default([]),
  answers: z.record(z.string(), answerInputSchema).default({}),
  domainScores: z.record(z.string(), z.number().int().min(0).max(20)).default({}),
});
type AnswerInput = z.input<typeof answerInputSchema>;
export interface AnswersInput {
  readonly date?: string | undefined;
  readonly raters?: readonly string[];
  readonly answers: Readonly<Record<string, AnswerInput>>;
  readonly domainScores: Readonly<Record<string, number>>;
}

/** Reads an answers file; errors name its line and column. */
export function parseAnswersFile(text: string, file: string): Result<AnswersInput> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  return validateParsed(parsed.value, answersFileSchema);
}

/**
 * Merges answers into the team's checkpoint of that date (creating it when absent) and returns the
 * file to write. With a rater, answers become that rater's ratings and the consensus stays open.
 */
export function mergeAssessment(workspace: Workspace, options: AssessOptions, input: AnswersInput): Result<{ path: string; text: string; checkpoint: Checkpoint }> {
  if (!workspace.teams.has(options.team)) return fail('not-found', `no team "${options.team}" in stepwise.yaml: add it under teams first`);
  const existing = workspace.checkpoints.get(options.team)?.find((checkpoint) => checkpoint.date === options.date);
  const base: Checkpoint = existing ?? { team: options.team, date: options.date, model: modelRef(workspace.model), raters: [], answers: {}, domainScores: {} };
  const answers: Record<string, Answer> = { ...base.answers };
  for (const [practiceId, given] of Object.entries(input.answers)) {
    answers[practiceId] = mergeAnswer(answers[practiceId], normaliseAnswer(given, options.date), options.rater);
  }
  const raters = [...new Set([...base.raters, ...(input.raters ?? []), ...(options.rater === undefined ? [] : [options.rater])])];
  const merged = { ...base, raters, answers, domainScores: { ...base.domainScores, ...input.domainScores } };
  const validated = checkpointSchema.safeParse(merged);
  const path = checkpointPath(options.team, options.date);
  if (!validated.success) return fail('invalid-input', `answers do not form a valid checkpoint: ${validated.error.issues[0]?.path.join('.') ?? ''}: ${validated.error.issues[0]?.message ?? ''}`, { file: path });
  const text = serialiseCheckpoint(validated.data, workspace.model);
  const reparsed = parseCheckpoint(text, workspace.store.describe(path), workspace.model, { team: options.team, date: options.date });
  if (!reparsed.ok) return reparsed;
  return ok({ path, text, checkpoint: reparsed.value });
}

function normaliseAnswer(given: AnswerInput, date: IsoDate): Answer {
  if (typeof given === 'string') return { status: given, evidence: [], ratings: {} };
  const evidence: Evidence[] = (given.evidence ?? []).map((entry) => ({ ...entry, date: entry.date ?? date }));
  return { ...given, evidence, ratings: given.ratings ?? {} };
}

function mergeAnswer(existing: Answer | undefined, given: Answer, rater: string | undefined): Answer {
  const base: Answer = existing ?? { evidence: [], ratings: {} };
  const evidence = withoutDuplicates([...base.evidence, ...given.evidence]);
  const justification = given.justification ?? base.justification;
  const extra = justification === undefined ? {} : { justification };
  if (rater === undefined || given.status === undefined) return { ...base, ...given, ...extra, evidence, ratings: { ...base.ratings, ...given.ratings } };
  return { ...base, ...extra, evidence, ratings: { ...base.ratings, [rater]: given.status } };
}

/** The same evidence given twice (an answers file imported again) is kept once. */
function withoutDuplicates(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((entry) => {
    const identity = JSON.stringify(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
