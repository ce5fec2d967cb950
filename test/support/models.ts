import { buildModel } from '../../src/core/model/model.js';
import type { Model } from '../../src/core/model/model.js';
import type { PracticeFile } from '../../src/core/model/schema.js';
import type { Answer, AnswerStatus, Checkpoint } from '../../src/core/workspace/schema.js';

export interface PracticeSpec {
  readonly id: string;
  readonly level: number;
  readonly risk?: number;
  readonly effort?: number;
  readonly dependsOn?: string[];
  readonly freshnessDays?: number;
}

/** A small model: practice ids are `domain.slug`; the domain is taken from the id. */
export function makeModel(practices: readonly PracticeSpec[], levels = [1, 2, 3]): Model {
  const domains = [...new Set(practices.map((practice) => practice.id.split('.')[0] ?? ''))];
  return buildModel({
    id: 'test',
    version: 1,
    name: 'Test model',
    levels: levels.map((level) => ({ level, name: `Level ${level}` })),
    domains: domains.map((id) => ({ id, name: id.toUpperCase(), description: '' })),
    practices: practices.map((spec): PracticeFile => ({
      id: spec.id,
      domain: spec.id.split('.')[0] ?? '',
      level: spec.level,
      title: `Title of ${spec.id}`,
      description: `About ${spec.id}`,
      guidance: '',
      risk: spec.risk ?? 3,
      effort: spec.effort ?? 3,
      dependsOn: spec.dependsOn ?? [],
      ...(spec.freshnessDays === undefined ? {} : { freshnessDays: spec.freshnessDays }),
      detectors: [],
      mappings: { dsomm: [], samm: [], iso27001: [], ssdf: [] },
      backlog: { title: `Do ${spec.id}`, acceptance: [`${spec.id} is done`] },
    })),
  });
}

type AnswerSpec = AnswerStatus | Partial<Answer>;

/** A checkpoint from a compact map of answers. */
export function makeCheckpoint(answers: Readonly<Record<string, AnswerSpec>>, extra: Partial<Checkpoint> = {}): Checkpoint {
  const full: Record<string, Answer> = {};
  for (const [id, spec] of Object.entries(answers)) {
    full[id] = typeof spec === 'string' ? { status: spec, evidence: [], ratings: {}, ...(spec === 'not-applicable' ? { justification: 'not used here' } : {}) } : { evidence: [], ratings: {}, ...spec };
  }
  return { team: 'alpha', date: '2026-06-01', model: 'test@1', raters: [], answers: full, domainScores: {}, ...extra };
}
