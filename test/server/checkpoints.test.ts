import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenScope } from '../../src/core/persistence/records.js';
import { hashSecret, newId, newSecret } from '../../src/services/org/tokens.js';
import { DIALECTS, USER_PASSWORD, signIn, startTestServer, tokenClient } from '../support/server.js';
import type { Client, TestServer } from '../support/server.js';

const HARDCODED = 'secrets.no-hardcoded';
const SECRET_FILES = 'secrets.no-secret-files';
const SCANNER = 'secrets.scanner-configured';
const ROTATION = 'secrets.manual-rotation';
const IAC = 'iac.versioned';

interface RatingBody {
  status: string;
  version: number;
}
interface AnswerBody {
  status: string | null;
  justification: string | null;
  evidence: unknown[];
  version: number;
  ratings: Record<string, RatingBody>;
  consensus: string;
  consensusSource: string;
  median: string | null;
  spread: number | null;
  disagreement: boolean;
}
interface DomainBody {
  domain: string;
  level: number | null;
  progress: number | null;
  disagreements: number;
  levelSpread: number;
  basis: string;
  selfRated: number | null;
}
interface CheckpointBody {
  id: string;
  teamId: string;
  date: string;
  state: string;
  model: string;
  domainScores: Record<string, number>;
  version: number;
  raters: string[];
  answers: Record<string, AnswerBody>;
  domains: DomainBody[];
}

const ifMatch = (version: number | string): Record<string, string> => ({ 'if-match': `"${version}"` });

describe.each(DIALECTS)('checkpoints on %s', (dialect) => {
  let server: TestServer;
  let lead: Client;
  let ann: Client;
  let bob: Client;
  let vic: Client;
  let ida: Client;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await server.admin();
    for (const team of [{ id: 'payments', name: 'Payments', targets: { secrets: 2 } }, { id: 'identity', name: 'Identity' }]) {
      expect((await admin.post('/api/v1/teams', team)).statusCode).toBe(201);
    }
    lead = await server.user('lena', { teams: { payments: 'lead' } });
    ann = await server.user('ann', { teams: { payments: 'assessor' } });
    bob = await server.user('bob', { teams: { payments: 'assessor' } });
    vic = await server.user('vic', { teams: { payments: 'viewer' } });
    ida = await server.user('ida', { teams: { identity: 'lead' } });
  });
  afterAll(async () => {
    await server.close();
  });

  async function draft(date: string, body: Record<string, unknown> = {}): Promise<CheckpointBody> {
    const response = await lead.post('/api/v1/teams/payments/checkpoints', { date, ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CheckpointBody>();
  }

  async function view(id: string, as: Client = lead): Promise<CheckpointBody> {
    const response = await as.get(`/api/v1/checkpoints/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CheckpointBody>();
  }

  async function moveTo(id: string, states: readonly string[]): Promise<number> {
    let version = (await server.store.checkpointById(id))?.version ?? 0;
    for (const state of states) {
      const response = await lead.patch(`/api/v1/checkpoints/${id}`, { state }, ifMatch(version));
      expect(response.statusCode, response.body).toBe(200);
      version = response.json<{ version: number }>().version;
    }
    return version;
  }

  async function rate(as: Client, id: string, practice: string, status: string, version = 0): Promise<number> {
    const response = await as.put(`/api/v1/checkpoints/${id}/ratings/${practice}`, { status }, ifMatch(version));
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ version: number }>().version;
  }

  async function rowsOf(id: string): Promise<unknown> {
    return { answers: await server.store.answersOf([id]), ratings: await server.store.ratingsOf([id]), checkpoint: await server.store.checkpointById(id) };
  }

  async function token(teamId: string, scopes: TokenScope[]): Promise<{ client: Client; id: string }> {
    const secret = newSecret('stw_');
    const id = newId();
    await server.store.insertApiToken({ id, teamId, name: 'ci', tokenHash: hashSecret(secret), scopes, last4: secret.slice(-4), createdBy: 'admin', createdAt: new Date().toISOString(), revokedAt: null, lastUsedAt: null });
    return { client: tokenClient(server.app, secret), id };
  }

  it('runs the full flow: draft, two raters disagree, median consensus, the lead decides, final shows in the history', async () => {
    const created = await lead.post('/api/v1/teams/payments/checkpoints', { date: '2026-01-15', mode: 'detailed' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    const checkpoint = created.json<CheckpointBody & { copiedFrom: string | null; createdBy: string }>();
    expect(checkpoint).toMatchObject({ teamId: 'payments', date: '2026-01-15', state: 'draft', model: 'stepwise@1', version: 1, createdBy: 'lena', copiedFrom: null, domainScores: {} });
    expect((await lead.post('/api/v1/teams/payments/checkpoints', { date: '2026-01-15' })).statusCode).toBe(409);
    const id = checkpoint.id;
    expect(await moveTo(id, ['rating'])).toBe(2);

    for (const practice of [HARDCODED, SECRET_FILES, SCANNER, ROTATION]) expect(await rate(ann, id, practice, 'implemented')).toBe(1);
    expect(await rate(bob, id, HARDCODED, 'partial')).toBe(1);
    for (const practice of [SECRET_FILES, SCANNER, ROTATION]) await rate(bob, id, practice, 'implemented');
    for (const rater of [ann, bob]) await rate(rater, id, IAC, 'not-applicable');

    // Each rater rates alone: until the consensus round an assessor sees only their own ratings, a viewer none.
    const annSees = await view(id, ann);
    expect(annSees.raters).toEqual(['ann']);
    expect(annSees.answers[HARDCODED]).toMatchObject({ ratings: { ann: { status: 'implemented' } }, consensus: 'implemented', median: 'implemented', spread: null, disagreement: false });
    expect(annSees.domains.find((domain) => domain.domain === 'secrets')).toMatchObject({ disagreements: 0, levelSpread: 0 });
    expect(Object.keys((await view(id, bob)).answers[HARDCODED]?.ratings ?? {})).toEqual(['bob']);
    expect((await view(id, vic)).raters).toEqual([]);

    const rated = await view(id, lead);
    expect(rated.version).toBe(2);
    expect(rated.raters).toEqual(['ann', 'bob']);
    expect(rated.answers[HARDCODED]).toEqual({
      status: null,
      justification: null,
      evidence: [],
      proposed: null,
      version: 0,
      updatedBy: null,
      updatedAt: null,
      ratings: { ann: { status: 'implemented', version: 1, updatedAt: expect.any(String) as string }, bob: { status: 'partial', version: 1, updatedAt: expect.any(String) as string } },
      consensus: 'partial',
      consensusSource: 'median',
      median: 'partial',
      spread: 1,
      disagreement: true,
    });
    expect(rated.answers[SECRET_FILES]).toMatchObject({ consensus: 'implemented', spread: 0, disagreement: false });
    const secrets = rated.domains.find((domain) => domain.domain === 'secrets');
    // ann's ratings give level 1, bob's level 0; the median leaves no-hardcoded partial: level 0, 3.5 of 4 credits at level 1.
    expect(secrets).toMatchObject({ level: 0, progress: 0.875, disagreements: 1, levelSpread: 1, basis: 'derived', name: 'Secrets management' });

    expect(await moveTo(id, ['consensus'])).toBe(3);
    const assessorStatus = await ann.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'implemented' }, ifMatch(0));
    expect(assessorStatus.statusCode).toBe(403);
    const evidence = [{ type: 'link', url: 'https://wiki.example/secrets', date: '2026-01-10', by: 'ann' }];
    const assessorEvidence = await ann.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { evidence }, ifMatch(0));
    expect(assessorEvidence.statusCode, assessorEvidence.body).toBe(200);
    expect(assessorEvidence.headers['etag']).toBe('"1"');
    const decided = await lead.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'implemented' }, ifMatch(1));
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'implemented', evidence, version: 2, updatedBy: 'lena' });

    const settled = await view(id);
    expect(settled.version).toBe(3);
    expect(settled.answers[HARDCODED]).toMatchObject({ status: 'implemented', consensus: 'implemented', consensusSource: 'facilitator', median: 'partial', disagreement: true, version: 2 });
    expect(settled.domains.find((domain) => domain.domain === 'secrets')).toMatchObject({ level: 1, disagreements: 1 });

    await server.store.putTeamScore({ teamId: 'payments', checkpointId: 'old', date: '2025-01-01', asOf: '2025-01-01', validUntil: null, scores: {} });
    const unjustified = await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'final' }, ifMatch(3));
    expect(unjustified.statusCode).toBe(400);
    expect(unjustified.json<{ detail: string }>().detail).toContain(IAC);
    expect((await server.store.checkpointById(id))?.state).toBe('consensus');
    expect(await server.store.teamScore('payments')).toBeDefined();
    expect((await lead.put(`/api/v1/checkpoints/${id}/answers/${IAC}`, { justification: 'No infrastructure as code in this team' }, ifMatch(0))).statusCode).toBe(200);
    const final = await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'final' }, ifMatch(3));
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json()).toMatchObject({ state: 'final', version: 4 });
    expect(await server.store.teamScore('payments')).toBeUndefined();

    const history = await vic.get('/api/v1/teams/payments/checkpoints');
    expect(history.statusCode).toBe(200);
    expect(history.json<{ checkpoints: unknown[] }>().checkpoints).toEqual([
      { id, date: '2026-01-15', state: 'final', model: 'stepwise@1', createdBy: 'lena', updatedAt: expect.any(String) as string, version: 4, counts: { answered: 5, ratedPractices: 5, raters: 2 } },
    ]);

    const before = await rowsOf(id);
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'rating' }, ifMatch(4))).statusCode).toBe(409);
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { domainScores: { secrets: 1 } }, ifMatch(4))).statusCode).toBe(409);
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial' }, ifMatch(1))).statusCode).toBe(409);
    expect((await ann.delete(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, ifMatch(1))).statusCode).toBe(409);
    expect((await lead.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { justification: 'late' }, ifMatch(2))).statusCode).toBe(409);
    expect(await rowsOf(id)).toEqual(before);
    const audited = await server.store.queryAudit({ teamIds: ['payments'], action: 'checkpoint.update', limit: 10 });
    expect(audited.map((entry) => entry.detail['to'])).toEqual(['final', 'consensus', 'rating']);
  });

  it('moves only along draft → rating → consensus → final, and back from consensus to rating', async () => {
    const { id } = await draft('2026-02-10');
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'final' }, ifMatch(1))).statusCode).toBe(409);
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'consensus' }, ifMatch(1))).statusCode).toBe(409);
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, {}, ifMatch(1))).statusCode).toBe(400);
    expect(await moveTo(id, ['rating', 'consensus', 'rating', 'consensus'])).toBe(5);
    expect((await server.store.checkpointById(id))?.state).toBe('consensus');
    expect((await ann.patch(`/api/v1/checkpoints/${id}`, { state: 'final' }, ifMatch(5))).statusCode).toBe(403);
  });

  it('keeps quick-mode scores per domain, checked against the model', async () => {
    expect((await lead.post('/api/v1/teams/payments/checkpoints', { date: '2026-02-20', domainScores: { nope: 1 } })).statusCode).toBe(400);
    expect((await lead.post('/api/v1/teams/payments/checkpoints', { date: '2026-02-20', domainScores: { secrets: 4 } })).statusCode).toBe(400);
    const { id } = await draft('2026-02-20', { mode: 'quick', domainScores: { secrets: 2 } });
    expect((await view(id)).domains.find((domain) => domain.domain === 'secrets')).toMatchObject({ level: 2, selfRated: 2, basis: 'self-rated' });
    const changed = await lead.patch(`/api/v1/checkpoints/${id}`, { domainScores: { secrets: 1, iac: 3 } }, ifMatch(1));
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ domainScores: { secrets: 1, iac: 3 }, version: 2, state: 'draft' });
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { domainScores: { secrets: 7 } }, ifMatch(2))).statusCode).toBe(400);
  });

  it('refuses a viewer (403) and a member of another team (404) without changing the database', async () => {
    const { id } = await draft('2026-03-01');
    await moveTo(id, ['rating']);
    await rate(ann, id, HARDCODED, 'implemented');
    const before = await rowsOf(id);
    expect((await vic.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial' }, ifMatch(0))).statusCode).toBe(403);
    expect((await vic.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'partial' }, ifMatch(0))).statusCode).toBe(403);
    expect((await ida.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial' }, ifMatch(0))).statusCode).toBe(404);
    expect((await ida.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'partial' }, ifMatch(0))).statusCode).toBe(404);
    expect((await ida.patch(`/api/v1/checkpoints/${id}`, { state: 'consensus' }, ifMatch(2))).statusCode).toBe(404);
    expect((await ida.delete(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, ifMatch(1))).statusCode).toBe(404);
    const idaView = await ida.get(`/api/v1/checkpoints/${id}`);
    expect(idaView.statusCode, idaView.body).toBe(404);
    const idaList = await ida.get('/api/v1/teams/payments/checkpoints');
    expect(idaList.statusCode, idaList.body).toBe(404);
    expect((await ida.post('/api/v1/teams/payments/checkpoints', { date: '2026-03-02' })).statusCode).toBe(404);
    expect((await vic.post('/api/v1/teams/payments/checkpoints', { date: '2026-03-02' })).statusCode).toBe(403);
    expect(await rowsOf(id)).toEqual(before);
    expect(await server.store.checkpointOfTeam('payments', '2026-03-02')).toBeUndefined();
    const { client } = await token('payments', ['checkpoint:push', 'scan:push']);
    expect((await client.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial' }, ifMatch(0))).statusCode).toBe(403);
    expect(await rowsOf(id)).toEqual(before);
  });

  it('S19 needs If-Match (428) and refuses stale versions (412) naming what changed', async () => {
    const { id } = await draft('2026-03-10');
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'rating' })).statusCode).toBe(428);
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial' })).statusCode).toBe(428);
    expect((await ann.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'partial' })).statusCode).toBe(428);
    expect((await ann.delete(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`)).statusCode).toBe(428);
    expect((await ann.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'partial' }, { 'if-match': 'yesterday' })).statusCode).toBe(400);
    await moveTo(id, ['rating']);
    const stalePatch = await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'consensus' }, ifMatch(1));
    expect(stalePatch.statusCode).toBe(412);
    expect(stalePatch.json<{ detail: string }>().detail).toContain('now version 2, state rating');
    expect(await rate(ann, id, HARDCODED, 'partial')).toBe(1);
    expect(await rate(ann, id, HARDCODED, 'implemented', 1)).toBe(2);
    const staleRating = await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial' }, ifMatch(1));
    expect(staleRating.statusCode).toBe(412);
    expect(staleRating.json<{ detail: string }>().detail).toContain('now version 2, implemented');
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial' }, ifMatch(0))).statusCode).toBe(412);
    expect((await ann.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'partial' }, ifMatch(0))).statusCode).toBe(200);
    const staleAnswer = await bob.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'implemented' }, ifMatch(0));
    expect(staleAnswer.statusCode).toBe(412);
    expect(staleAnswer.json<{ detail: string }>().detail).toContain('now version 1 by ann');
    expect((await server.store.answer(id, HARDCODED))?.status).toBe('partial');
    expect((await ann.delete(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, ifMatch(1))).statusCode).toBe(412);
    expect((await ann.delete(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, ifMatch(2))).statusCode).toBe(204);
    expect(await server.store.rating(id, HARDCODED, 'ann')).toBeUndefined();
    expect((await ann.delete(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, ifMatch(2))).statusCode).toBe(404);
    expect((await server.store.checkpointById(id))?.version).toBe(2);
  });

  it('lets a rater write only their own rating', async () => {
    const { id } = await draft('2026-03-20');
    await rate(bob, id, HARDCODED, 'not-implemented');
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'implemented', rater: 'bob' }, ifMatch(1))).statusCode).toBe(400);
    // ann naming bob's version writes (tries to write) ann's own rating, which does not exist yet.
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'implemented' }, ifMatch(1))).statusCode).toBe(412);
    expect(await rate(ann, id, HARDCODED, 'implemented')).toBe(1);
    expect((await ann.delete(`/api/v1/checkpoints/${id}/ratings/${SCANNER}`, ifMatch(1))).statusCode).toBe(404);
    const ratings = await server.store.ratingsOf([id]);
    expect(ratings.map((rating) => [rating.rater, rating.status, rating.version])).toEqual([
      ['ann', 'implemented', 1],
      ['bob', 'not-implemented', 1],
    ]);
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/secrets.no-such-practice`, { status: 'implemented' }, ifMatch(0))).statusCode).toBe(404);
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'maybe' }, ifMatch(1))).statusCode).toBe(400);
  });

  it('S19 10 clients × 20 conflicting PUTs of one answer: accepted writes have consecutive versions and the last one stays', async () => {
    const { id } = await draft('2026-04-01');
    const url = `/api/v1/checkpoints/${id}/answers/${HARDCODED}`;
    const clients = await Promise.all(Array.from({ length: 10 }, (_, index) => signIn(server.app, ['ann', 'bob', 'lena'][index % 3] ?? 'ann', USER_PASSWORD)));
    const accepted: { version: number; justification: string }[] = [];
    let refused = 0;
    const writer = async (client: Client, index: number): Promise<void> => {
      for (let round = 0; round < 20; round += 1) {
        const version = (await view(id, client)).answers[HARDCODED]?.version ?? 0;
        const justification = `writer ${index} round ${round}`;
        const response = await client.put(url, { justification, status: round % 2 === 0 ? 'partial' : 'implemented' }, ifMatch(version));
        if (response.statusCode === 200) accepted.push({ version: response.json<{ version: number }>().version, justification });
        else {
          expect(response.statusCode, response.body).toBe(412);
          refused += 1;
        }
      }
    };
    await Promise.all(clients.map((client, index) => writer(client, index)));
    expect(accepted.length + refused).toBe(200);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    const versions = accepted.map((write) => write.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: accepted.length }, (_, index) => index + 1));
    const last = accepted.find((write) => write.version === accepted.length);
    const stored = await server.store.answer(id, HARDCODED);
    expect(stored?.version).toBe(accepted.length);
    expect(stored?.justification).toBe(last?.justification);
    expect((await server.store.checkpointById(id))?.version).toBe(1);
  });

  it('S23 refuses javascript: links and links with credentials (400), keeps http(s) links', async () => {
    const { id } = await draft('2026-04-10');
    const url = `/api/v1/checkpoints/${id}/answers/${HARDCODED}`;
    for (const link of ['javascript:alert(1)', 'https://user:secret@evil.example/x', 'https://evil.example@wiki.example/', '//wiki.example/relative', 'data:text/html,hi']) {
      const response = await ann.put(url, { evidence: [{ type: 'link', url: link }] }, ifMatch(0));
      expect(response.statusCode, link).toBe(400);
    }
    expect(await server.store.answersOf([id])).toEqual([]);
    expect((await ann.put(url, { evidence: [{ type: 'note', text: 'ok', script: '<x>' }] }, ifMatch(0))).statusCode).toBe(400);
    const good = await ann.put(url, { evidence: [{ type: 'link', url: 'https://wiki.example/secrets?page=1#top', title: 'Wiki' }, { type: 'note', text: '<b>bold</b>' }] }, ifMatch(0));
    expect(good.statusCode, good.body).toBe(200);
    expect((await server.store.answer(id, HARDCODED))?.evidence).toEqual([
      { type: 'link', url: 'https://wiki.example/secrets?page=1#top', title: 'Wiki' },
      { type: 'note', text: '<b>bold</b>' },
    ]);
  });

  it('needs a justification for not-applicable answers (400)', async () => {
    const { id } = await draft('2026-04-20');
    const url = `/api/v1/checkpoints/${id}/answers/${IAC}`;
    expect((await ann.put(url, { status: 'not-applicable' }, ifMatch(0))).statusCode).toBe(400);
    expect((await ann.put(url, { status: 'not-applicable', justification: '   ' }, ifMatch(0))).statusCode).toBe(400);
    expect((await ann.put(url, { status: 'not-applicable', justification: 'No IaC here' }, ifMatch(0))).statusCode).toBe(200);
    expect((await ann.put(url, { justification: null }, ifMatch(1))).statusCode).toBe(400);
    expect((await ann.put(url, { justification: null, status: null }, ifMatch(1))).statusCode).toBe(200);
    expect(await server.store.answer(id, IAC)).toMatchObject({ status: null, justification: null, version: 2 });
    expect((await ann.put(url, {}, ifMatch(2))).statusCode).toBe(400);
  });

  it('S15 refuses unknown or privileged fields in bodies (400)', async () => {
    const { id } = await draft('2026-05-01');
    expect((await lead.post('/api/v1/teams/payments/checkpoints', { date: '2026-05-02', teamId: 'identity' })).statusCode).toBe(400);
    expect((await lead.post('/api/v1/teams/payments/checkpoints', { date: '2026-05-02', state: 'final' })).statusCode).toBe(400);
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { state: 'rating', version: 9 }, ifMatch(1))).statusCode).toBe(400);
    expect((await lead.patch(`/api/v1/checkpoints/${id}`, { createdBy: 'ann' }, ifMatch(1))).statusCode).toBe(400);
    expect((await ann.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'partial', createdBy: 'bob' }, ifMatch(0))).statusCode).toBe(400);
    expect((await ann.put(`/api/v1/checkpoints/${id}/answers/${HARDCODED}`, { status: 'partial', version: 3 }, ifMatch(0))).statusCode).toBe(400);
    expect((await ann.put(`/api/v1/checkpoints/${id}/ratings/${HARDCODED}`, { status: 'partial', teamId: 'identity' }, ifMatch(0))).statusCode).toBe(400);
    expect(await server.store.checkpointOfTeam('payments', '2026-05-02')).toBeUndefined();
    expect(await rowsOf(id)).toMatchObject({ answers: [], ratings: [], checkpoint: { version: 1, state: 'draft' } });
  });

  const pushed = {
    team: 'payments',
    date: '2025-10-01',
    model: 'stepwise@1',
    raters: ['alice', 'bob'],
    answers: {
      [HARDCODED]: { status: 'implemented', evidence: [{ type: 'link', url: 'https://wiki.example/secrets', date: '2025-09-02', by: 'alice' }, { type: 'finding', detector: 'has-secret-scan-in-ci', file: '.github/workflows/ci.yml', line: 14, date: '2025-09-01' }] },
      'secrets.central-vault': { ratings: { alice: 'implemented', bob: 'partial' } },
      [IAC]: { status: 'not-applicable', justification: 'No infrastructure as code in this team' },
    },
    domainScores: { 'incident-response': 1 },
  };

  it('stores a pushed checkpoint as final, idempotently, and audits the token', async () => {
    const { client, id: tokenId } = await token('payments', ['checkpoint:push']);
    await server.store.putTeamScore({ teamId: 'payments', checkpointId: 'old', date: '2025-01-01', asOf: '2025-01-01', validUntil: null, scores: {} });
    const first = await client.post('/api/v1/teams/payments/checkpoints/push', pushed);
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json<{ id: string; state: string; outcome: string; counts: unknown }>();
    expect(body).toMatchObject({ teamId: 'payments', date: '2025-10-01', state: 'final', model: 'stepwise@1', version: 1, outcome: 'created', createdBy: `token:${tokenId}`, counts: { answered: 3, ratedPractices: 1, raters: 2 } });
    expect(await server.store.teamScore('payments')).toBeUndefined();
    const stored = await view(body.id);
    expect(stored.answers[HARDCODED]).toMatchObject({ status: 'implemented', evidence: pushed.answers[HARDCODED].evidence });
    expect(stored.answers['secrets.central-vault']).toMatchObject({ status: null, consensus: 'partial', ratings: { alice: { status: 'implemented' }, bob: { status: 'partial' } } });
    expect(stored.answers[IAC]).toMatchObject({ status: 'not-applicable', justification: 'No infrastructure as code in this team' });
    expect(stored.domainScores).toEqual({ 'incident-response': 1 });

    const before = await rowsOf(body.id);
    const again = await client.post('/api/v1/teams/payments/checkpoints/push', pushed);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: body.id, outcome: 'unchanged', version: 1 });
    expect(await rowsOf(body.id)).toEqual(before);
    const changed = await client.post('/api/v1/teams/payments/checkpoints/push', { ...pushed, domainScores: { 'incident-response': 2 } });
    expect(changed.statusCode).toBe(409);
    expect(await rowsOf(body.id)).toEqual(before);

    const audited = await server.store.queryAudit({ action: 'checkpoint.push', limit: 10 });
    expect(audited.map((entry) => [entry.actor, entry.detail['outcome']])).toEqual([
      [`token:${tokenId}`, 'unchanged'],
      [`token:${tokenId}`, 'created'],
    ]);
    expect(JSON.stringify(audited)).not.toContain('stw_');
  });

  it('refuses pushes by a token of another team or without the scope (403) and documents that do not fit (400)', async () => {
    const document = { ...pushed, date: '2025-11-01' };
    const other = await token('identity', ['checkpoint:push']);
    expect((await other.client.post('/api/v1/teams/payments/checkpoints/push', document)).statusCode).toBe(403);
    const scanOnly = await token('payments', ['scan:push']);
    expect((await scanOnly.client.post('/api/v1/teams/payments/checkpoints/push', document)).statusCode).toBe(403);
    const { client } = await token('payments', ['checkpoint:push']);
    expect((await client.post('/api/v1/teams/payments/checkpoints/push', { ...document, team: 'identity' })).statusCode).toBe(400);
    expect((await client.post('/api/v1/teams/payments/checkpoints/push', { ...document, answers: { 'secrets.nope': { status: 'implemented' } } })).statusCode).toBe(400);
    expect((await client.post('/api/v1/teams/payments/checkpoints/push', { ...document, domainScores: { nope: 1 } })).statusCode).toBe(400);
    expect((await client.post('/api/v1/teams/payments/checkpoints/push', { ...document, answers: { [IAC]: { status: 'not-applicable' } } })).statusCode).toBe(400);
    expect((await client.post('/api/v1/teams/payments/checkpoints/push', { ...document, version: 3 })).statusCode).toBe(400);
    const badLink = { ...document, answers: { [HARDCODED]: { status: 'implemented', evidence: [{ type: 'link', url: 'javascript:alert(1)' }] } } };
    expect((await client.post('/api/v1/teams/payments/checkpoints/push', badLink)).statusCode).toBe(400);
    expect(await server.store.checkpointOfTeam('payments', '2025-11-01')).toBeUndefined();
  });

  it('replaces a non-final checkpoint of the same date with the pushed one', async () => {
    const { id } = await draft('2025-12-01');
    await rate(ann, id, HARDCODED, 'partial');
    const response = await ann.post('/api/v1/teams/payments/checkpoints/push', { ...pushed, date: '2025-12-01' });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{ id: string; outcome: string; createdBy: string }>();
    expect(body).toMatchObject({ outcome: 'replaced', createdBy: 'ann' });
    expect(await server.store.checkpointById(id)).toBeUndefined();
    expect((await server.store.checkpointOfTeam('payments', '2025-12-01'))?.state).toBe('final');
    expect((await server.store.ratingsOf([body.id])).map((rating) => rating.rater)).toEqual(['alice', 'bob']);
  });

  it('starts a reassessment from the latest final answers with copyFrom "latest"', async () => {
    const response = await lead.post('/api/v1/teams/payments/checkpoints', { date: '2026-06-01', copyFrom: 'latest' });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{ id: string; copiedFrom: string }>();
    expect(body.copiedFrom).toBe('2026-01-15');
    const copied = await view(body.id);
    expect(copied.state).toBe('draft');
    expect(copied.raters).toEqual([]);
    expect(copied.answers[HARDCODED]).toMatchObject({ status: 'implemented', evidence: [{ type: 'link', url: 'https://wiki.example/secrets' }], version: 1, ratings: {} });
    expect(copied.answers[IAC]).toMatchObject({ status: 'not-applicable', justification: 'No infrastructure as code in this team' });
    expect(copied.answers[SCANNER]).toMatchObject({ status: 'implemented' });
  });

  it('compares two checkpoints of the team, and only of the team', async () => {
    const history = (await lead.get('/api/v1/teams/payments/checkpoints')).json<{ checkpoints: { id: string; date: string; state: string }[] }>().checkpoints;
    const older = history.find((entry) => entry.date === '2025-10-01');
    const newer = history.find((entry) => entry.date === '2026-01-15');
    expect(older?.state).toBe('final');
    const response = await vic.get(`/api/v1/teams/payments/checkpoints/compare?from=${older?.id ?? ''}&to=${newer?.id ?? ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const comparison = response.json<{ from: string; to: string; domains: { domain: string; before: number | null; after: number | null; delta: number | null }[]; gained: { practice: string }[] }>();
    expect(comparison).toMatchObject({ team: 'payments', from: '2025-10-01', to: '2026-01-15', fromId: older?.id, toId: newer?.id });
    expect(comparison.domains.find((domain) => domain.domain === 'secrets')).toMatchObject({ before: 0, after: 1, delta: 1 });
    expect(comparison.gained.map((change) => change.practice)).toEqual(expect.arrayContaining([SECRET_FILES, SCANNER, ROTATION]));

    const admin = await server.admin();
    const foreign = await admin.post('/api/v1/teams/identity/checkpoints/push', { ...pushed, team: 'identity' });
    expect(foreign.statusCode, foreign.body).toBe(201);
    const foreignId = foreign.json<{ id: string }>().id;
    expect((await lead.get(`/api/v1/teams/payments/checkpoints/compare?from=${older?.id ?? ''}&to=${foreignId}`)).statusCode).toBe(404);
    expect((await ida.get(`/api/v1/teams/identity/checkpoints/compare?from=${older?.id ?? ''}&to=${foreignId}`)).statusCode).toBe(404);
    expect((await lead.get(`/api/v1/teams/payments/checkpoints/compare?from=${older?.id ?? ''}`)).statusCode).toBe(400);
  });
});
