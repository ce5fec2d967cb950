import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { IsoDate } from '../../core/dates.js';
import { modelRef } from '../../core/model/model.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence, Repositories } from '../../core/persistence/port.js';
import type { AnswerRecord, ApiTokenRecord, CheckpointRecord, ScanRecord } from '../../core/persistence/records.js';
import type { ScanResult } from '../../core/scan/result.js';
import type { Evidence } from '../../core/workspace/schema.js';
import { proposalsFromScan } from '../assess.js';
import type { ScanProposal } from '../assess.js';
import { recordTokenUse } from './api-tokens.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { newId } from './tokens.js';
import { inOneTransaction } from './transfer.js';

/**
 * A CI pipeline pushes `stepwise scan --format json`: the result is kept, and its evidence becomes
 * proposals in the team's next checkpoint — the open one, or a new draft dated today. A proposal is
 * a separate field: a status a person set is never changed, only the findings are added beside it.
 */

/** States in which a checkpoint is still open for answers. */
const OPEN_STATES = ['draft', 'rating', 'consensus'] as const;

export interface ScanPushOutcome {
  readonly scanId: string;
  /** The checkpoint that received the proposals; null when there was nothing to propose and no open checkpoint, or today's checkpoint is final already. */
  readonly checkpointId: string | null;
  /** Practices that received a proposal. */
  readonly proposed: number;
}

export interface ScanPushRequest {
  readonly teamId: string;
  readonly scan: ScanResult;
  readonly model: Model;
  readonly actor: Actor;
  /** The API token that pushed, when one did (its use is recorded). */
  readonly token?: ApiTokenRecord | undefined;
}

/** Stores a pushed scan and turns its evidence into proposals, all in one transaction. */
export async function pushScan(store: Persistence, request: ScanPushRequest): Promise<Result<ScanPushOutcome>> {
  const today = request.actor.at.slice(0, 10);
  const proposals = [...proposalsFromScan(request.model, request.scan, today)].filter(([, proposal]) => proposal.evidence.length > 0);
  return inOneTransaction(store, async (tx) => {
    const scan: ScanRecord = { id: newId(), teamId: request.teamId, pushedAt: request.actor.at, pushedBy: request.actor.name, result: request.scan };
    await tx.insertScan(scan);
    const checkpoint = await nextCheckpoint(tx, request, today, proposals.length > 0);
    const proposed = checkpoint === undefined ? ok(0) : await propose(tx, checkpoint.id, proposals, request.actor);
    if (!proposed.ok) return proposed;
    if (request.token !== undefined) await recordTokenUse(tx, request.token, request.actor, `scan:${scan.id}`);
    await audit(tx, request.actor, {
      action: 'scan.push',
      teamId: request.teamId,
      target: `scan:${scan.id}`,
      detail: { checkpointId: checkpoint?.id ?? null, proposed: proposed.value, findings: request.scan.findings.length },
    });
    return ok({ scanId: scan.id, checkpointId: checkpoint?.id ?? null, proposed: proposed.value });
  });
}

/** The team's open checkpoint (the latest), or a new draft dated today when there is something to propose. */
async function nextCheckpoint(tx: Repositories, request: ScanPushRequest, today: IsoDate, needed: boolean): Promise<CheckpointRecord | undefined> {
  const open = (await tx.checkpointsOfTeam(request.teamId, OPEN_STATES)).at(-1);
  if (open !== undefined || !needed) return open;
  const draft: CheckpointRecord = {
    id: newId(),
    teamId: request.teamId,
    date: today,
    state: 'draft',
    model: modelRef(request.model),
    domainScores: {},
    createdBy: request.actor.name,
    createdAt: request.actor.at,
    updatedAt: request.actor.at,
    version: 1,
  };
  if ((await tx.insertCheckpoint(draft)) === 'duplicate') {
    // Another push opened today's draft meanwhile, or a final checkpoint dated today takes the date:
    // then the scan is kept and its proposals wait for the next checkpoint.
    const taken = await tx.checkpointOfTeam(request.teamId, today);
    return taken?.state === 'final' ? undefined : taken;
  }
  await audit(tx, request.actor, { action: 'checkpoint.create', teamId: request.teamId, target: `checkpoint:${draft.id}`, detail: { date: today, state: 'draft', source: 'scan' } });
  return draft;
}

async function propose(tx: Repositories, checkpointId: string, proposals: readonly (readonly [string, ScanProposal])[], actor: Actor): Promise<Result<number>> {
  for (const [practiceId, proposal] of proposals) {
    const existing = await tx.answer(checkpointId, practiceId);
    const evidence = withFindings(existing?.evidence ?? [], proposal.evidence);
    const written = await tx.putAnswer(checkpointId, practiceId, existing?.version ?? 0, { proposed: proposal.status, evidence }, actor.name, actor.at);
    if (written === 'stale' || written === 'missing') return fail('conflict', `the answer to ${practiceId} changed while the scan was stored; push again`);
  }
  return ok(proposals.length);
}

/** The answer's evidence with the scan's findings; a finding at the same place replaces the older one, so pushing twice adds nothing. */
function withFindings(evidence: AnswerRecord['evidence'], findings: ScanProposal['evidence']): Evidence[] {
  const places = new Set(findings.map(findingPlace));
  return [...evidence.filter((entry) => entry.type !== 'finding' || !places.has(findingPlace(entry))), ...findings];
}

function findingPlace(finding: Extract<Evidence, { type: 'finding' }>): string {
  return `${finding.detector}\u0000${finding.file}\u0000${finding.line ?? ''}`;
}
