/**
 * Writes a large synthetic workspace for benchmarks: N teams × C quarterly checkpoints answering
 * every practice of the built-in model, with evidence, ratings and some n/a answers.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { addMonths } from '../src/core/dates.js';
import { seededRandom } from '../src/core/random.js';
import { loadModelFromText } from '../src/core/model/load.js';
import type { Model } from '../src/core/model/model.js';
import type { Answer, AnswerStatus, Checkpoint } from '../src/core/workspace/schema.js';
import { serialiseCheckpoint } from '../src/core/workspace/serialise.js';

export interface GeneratedWorkspace {
  readonly dir: string;
  readonly teams: number;
  readonly checkpoints: number;
  readonly files: number;
  readonly bytes: number;
}


export function loadBuiltinModel(): Model {
  const loaded = loadModelFromText(readFileSync(new URL('../model/builtin.yaml', import.meta.url), 'utf8'), 'model/builtin.yaml');
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value.model;
}

function answerFor(next: () => number, maturity: number, practiceLevel: number, date: string, rated: boolean): Answer {
  const roll = next() + maturity - practiceLevel * 0.35;
  const status: AnswerStatus = next() < 0.03 ? 'not-applicable' : roll > 0.9 ? 'implemented' : roll > 0.6 ? 'partial' : 'not-implemented';
  const evidence = next() < 0.3 ? [{ type: 'note' as const, text: 'Reviewed with the team lead', date }] : [];
  const base: Answer = { status, evidence, ratings: {}, ...(status === 'not-applicable' ? { justification: 'Not used by this team' } : {}) };
  if (!rated || status === 'not-applicable') return base;
  const other: AnswerStatus = next() < 0.5 ? status : 'partial';
  return { evidence, ratings: { alice: status, bob: other } };
}

export function generateWorkspace(dir: string, teamCount: number, checkpointCount: number, lastDate: string): GeneratedWorkspace {
  const model = loadBuiltinModel();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const next = seededRandom(20261127);
  const teams = Array.from({ length: teamCount }, (_, index) => ({ id: `team-${String(index + 1).padStart(4, '0')}`, name: `Team ${index + 1}`, group: `Group ${(index % 12) + 1}`, cadence: 'quarterly' }));
  const organisation = { organisation: 'Benchmark Corp', model: 'builtin', defaultTargets: 2, domainWeights: { secrets: 2 }, staleCounts: false, teams };
  let bytes = 0;
  const write = (path: string, text: string) => {
    writeFileSync(join(dir, path), text);
    bytes += Buffer.byteLength(text);
  };
  write('stepwise.yaml', stringify(organisation));
  for (const team of teams) {
    mkdirSync(join(dir, 'assessments', team.id), { recursive: true });
    let maturity = next() * 0.6;
    for (let index = 0; index < checkpointCount; index += 1) {
      const date = addMonths(lastDate, -3 * (checkpointCount - 1 - index));
      maturity += next() * 0.15;
      const rated = next() < 0.25;
      const answers: Record<string, Answer> = {};
      for (const practice of model.practices) answers[practice.id] = answerFor(next, maturity, practice.level, date, rated);
      const checkpoint: Checkpoint = { team: team.id, date, model: `${model.id}@${model.version}`, raters: rated ? ['alice', 'bob'] : [], answers, domainScores: {} };
      write(join('assessments', team.id, `${date}.yaml`), serialiseCheckpoint(checkpoint, model));
    }
  }
  return { dir, teams: teamCount, checkpoints: teamCount * checkpointCount, files: 1 + teamCount * checkpointCount, bytes };
}
