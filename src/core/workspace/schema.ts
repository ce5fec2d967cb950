import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { DOMAIN_ID } from '../model/schema.js';
import { resolveAnswerStatus } from '../scoring/consensus.js';
import { ANSWER_STATUSES } from './answer-status.js';

export { ANSWER_STATUSES } from './answer-status.js';
export type { AnswerStatus } from './answer-status.js';

export const CADENCES = ['monthly', 'quarterly', 'biannual', 'yearly'] as const;

export const TEAM_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const RATER = /^[^\s/\\][^/\\]{0,63}$/;

const isoDate = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');
const level = z.number().int().min(0).max(20);
const domainMap = <T extends z.ZodType>(value: T) => z.record(z.string().regex(DOMAIN_ID, 'must be a domain id'), value);
export const targetsSchema = z.union([level, domainMap(level)]);

export const teamSchema = z.strictObject({
  id: z.string().regex(TEAM_ID, 'team id must be lower-case letters, digits, "-" or "_" (it names a folder)'),
  name: z.string().trim().min(1).max(200),
  group: z.string().trim().min(1).max(200).optional(),
  cadence: z.enum(CADENCES).optional(),
  targets: targetsSchema.optional(),
});

/** `stepwise.yaml`: the organisation, its model, teams and settings (PRODUCT.md §7). */
export const organisationSchema = z
  .strictObject({
    organisation: z.string().trim().min(1).max(200),
    model: z.string().trim().min(1).default('builtin'),
    defaultTargets: targetsSchema.optional(),
    domainWeights: domainMap(z.number().positive().max(100)).default({}),
    staleCounts: z.boolean().default(false),
    defaultCadence: z.enum(CADENCES).default('quarterly'),
    teams: z.array(teamSchema).default([]),
  })
  .superRefine((organisation, context) => {
    const seen = new Set<string>();
    organisation.teams.forEach((team, index) => {
      if (seen.has(team.id)) context.addIssue({ code: 'custom', message: `duplicate team id "${team.id}"`, path: ['teams', index, 'id'] });
      seen.add(team.id);
    });
  });

const answerStatus = z.enum(ANSWER_STATUSES);
const evidenceBase = { date: isoDate.optional(), by: z.string().max(200).optional() };

/** Absolute http(s) links without credentials (SECURITY.md S23): the authority may not hold "@". */
const HTTP_URL = /^https?:\/\/[A-Za-z0-9.\-[\]:]+(?:[/?#][^\s]*)?$/i;
export const evidenceUrl = z.string().max(2000).regex(HTTP_URL, 'must be an absolute http(s) URL without credentials');

export const evidenceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('note'), text: z.string().trim().min(1).max(10_000), ...evidenceBase }),
  z.strictObject({ type: z.literal('link'), url: evidenceUrl, title: z.string().max(500).optional(), ...evidenceBase }),
  z.strictObject({
    type: z.literal('finding'),
    detector: z.string().min(1).max(200),
    file: z.string().min(1).max(2000),
    line: z.number().int().positive().optional(),
    message: z.string().max(2000).optional(),
    ...evidenceBase,
  }),
]);

export const answerSchema = z
  .strictObject({
    status: answerStatus.optional(),
    justification: z.string().max(10_000).optional(),
    evidence: z.array(evidenceSchema).default([]),
    ratings: z.record(z.string().regex(RATER, 'rater names may not contain slashes'), answerStatus).default({}),
    proposed: answerStatus.optional(),
  })
  .superRefine((answer, context) => {
    if (resolveAnswerStatus(answer).status !== 'not-applicable') return;
    if ((answer.justification ?? '').trim() === '') {
      context.addIssue({ code: 'custom', message: 'not-applicable needs a justification', path: answer.status === undefined ? ['ratings'] : ['status'] });
    }
  });

/** One dated assessment of a team: `assessments/<team>/<YYYY-MM-DD>.yaml` (PRODUCT.md §7). */
export const checkpointSchema = z.strictObject({
  team: z.string().regex(TEAM_ID, 'must be a team id'),
  date: isoDate,
  model: z.string().min(1).max(200),
  raters: z.array(z.string().regex(RATER, 'rater names may not contain slashes')).default([]),
  answers: z.record(z.string().min(1).max(200), answerSchema).default({}),
  domainScores: domainMap(level).default({}),
});

export type Organisation = z.output<typeof organisationSchema>;
export type Team = z.output<typeof teamSchema>;
export type Cadence = (typeof CADENCES)[number];
export type Checkpoint = z.output<typeof checkpointSchema>;
export type Answer = z.output<typeof answerSchema>;
export type Evidence = z.output<typeof evidenceSchema>;
export type Targets = z.output<typeof targetsSchema>;

/** Keys whose numbers stay as written when workspace files are parsed. */
export const WORKSPACE_TEXT_KEYS = ['model', 'organisation', 'name', 'group', 'text', 'justification'] as const;

/** The answer a checkpoint holds for a practice (own keys only: a practice id never reaches the prototype). */
export function answerOf(checkpoint: Pick<Checkpoint, 'answers'> | undefined, practiceId: string): Answer | undefined {
  return checkpoint !== undefined && Object.hasOwn(checkpoint.answers, practiceId) ? checkpoint.answers[practiceId] : undefined;
}
