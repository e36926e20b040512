// A security and privacy review of issues 15 and 16, read as an attacker would: each test
// here failed on the code as it was merged and names the leak it closes. A held decision
// must look `submitted` to the applicant everywhere and be invisible to the State until
// it is released; a commissioner who is a national of a State concerned (Art. 17) reads
// nothing of the hearing.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hearingDayTable } from '../../functions/hearing-day/table';
import { hearingsTable } from '../../functions/hearings/table';
import { localTableName } from '../../local/tables';
import { APPLICANT, SECRETARIAT, freshSession, validBody } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };
const STATE_CO = 'state.co@example.org';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

const submit = async (session: number, overrides: Record<string, unknown> = {}) => {
  const res = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session, overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
};
const hold = async (id: string, body: Record<string, unknown>) => {
  const res = await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body });
  expect(res.status, res.text).toBe(200);
  expect(res.body.heldDecision).toBeDefined();
};
const mine = async (query: string) => {
  const res = await rt.call('GET', `/api/hearing-requests?${query}`, { as: APPLICANT });
  expect(res.status, res.text).toBe(200);
  return (res.body.items as { id: string }[]).map((r) => r.id);
};

describe('a held decision stays with the secretariat', () => {
  it('is not listed to the State concerned, nor its joining details or plan read by the State or the applicant, until released', async () => {
    const session = await freshSession(rt, WINDOW);
    const { id } = await submit(session, { states: ['co'] });
    await hold(id, { decision: 'accepted', reason: 'Procede, aún sin comunicar' });
    // The secretariat prepares the joining details before releasing (nothing refuses it).
    await rt.call('PUT', `/api/hearings/${id}/joining`, {
      as: SECRETARIAT,
      body: { videoLink: 'https://meet.example.org/held', passcode: '998877', interpretation: [], securityGuidelines: 'https://www.example.org/seguridad.pdf' },
    });

    const listed = await rt.call('GET', '/api/state/hearings', { as: STATE_CO });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    for (const who of [STATE_CO, APPLICANT]) {
      const joining = await rt.call('GET', `/api/hearings/${id}/joining`, { as: who });
      expect(joining.status, `${who}: ${joining.text}`).toBe(404);
      expect(joining.text).not.toContain('998877');
      expect((await rt.call('GET', `/api/hearings/${id}/plan`, { as: who })).status, who).toBe(404);
    }
    expect((await rt.call('PUT', `/api/hearings/${id}/delegation`, { as: STATE_CO, body: { members: [{ name: 'Embajadora', role: 'head' }] } })).status).toBe(404);

    // Released: the State sees it and the parties read the joining details.
    expect((await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT })).body.released).toBe(1);
    expect((await rt.call('GET', '/api/state/hearings', { as: STATE_CO })).body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await rt.call('GET', `/api/hearings/${id}/joining`, { as: APPLICANT })).body.passcode).toBe('998877');
  });

  it("does not answer the applicant's list filters by the held outcome or the Period it was deferred to", async () => {
    const session = await freshSession(rt, WINDOW);
    const later = await freshSession(rt, WINDOW, 2032, session + 1);
    const acceptedHeld = await submit(session);
    const deferredHeld = await submit(session);
    await hold(acceptedHeld.id, { decision: 'accepted', reason: 'Procede' });
    await hold(deferredHeld.id, { decision: 'deferred', reason: 'Agenda llena', deferTo: later });

    // As the applicant sees them: both submitted, in the first Period.
    expect(await mine(`status=accepted&sessionNumber=${session}`)).not.toContain(acceptedHeld.id);
    expect(await mine(`status=accepted`)).not.toContain(acceptedHeld.id);
    expect(await mine(`status=submitted&sessionNumber=${session}`)).toEqual(expect.arrayContaining([acceptedHeld.id, deferredHeld.id]));
    expect(await mine(`sessionNumber=${session}`)).toEqual(expect.arrayContaining([acceptedHeld.id, deferredHeld.id]));
    expect(await mine(`sessionNumber=${later}`)).not.toContain(deferredHeld.id);
    // The secretariat's filters still see what was decided.
    const queue = await rt.call('GET', `/api/hearing-requests?status=accepted&sessionNumber=${session}`, { as: SECRETARIAT });
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(acceptedHeld.id);
  });

  it('answers a document attached to a request with a held decision alike whatever the outcome (a deferral told apart from an acceptance)', async () => {
    const session = await freshSession(rt, WINDOW);
    const later = await freshSession(rt, WINDOW, 2032, session + 1);
    const accepted = await submit(session);
    const deferred = await submit(session);
    await hold(accepted.id, { decision: 'accepted', reason: 'Procede' });
    await hold(deferred.id, { decision: 'deferred', reason: 'Agenda llena', deferTo: later });
    const doc = { fileName: 'anexo.pdf', contentType: 'application/pdf', size: 100 };
    const answers = [];
    for (const { id } of [accepted, deferred]) {
      const res = await rt.call('POST', `/api/hearing-requests/${id}/documents`, { as: APPLICANT, body: doc });
      answers.push({ status: res.status, detail: res.body?.detail, title: res.body?.title });
    }
    expect(answers[0]).toEqual(answers[1]);
    // What an edit already says (a decision is recorded, not which), the same in both.
    expect(answers[0].status).toBe(409);
  });

  it('is not revealed to the applicant by withdrawing the request: no decision or reason in its history, the Period it was in', async () => {
    const session = await freshSession(rt, WINDOW);
    const later = await freshSession(rt, WINDOW, 2032, session + 1);
    const rejected = await submit(session);
    const deferred = await submit(session);
    await hold(rejected.id, { decision: 'rejected', reason: 'Motivo interno de rechazo' });
    await hold(deferred.id, { decision: 'deferred', reason: 'Motivo interno de aplazamiento', deferTo: later });
    for (const { id } of [rejected, deferred]) {
      const withdrawn = await rt.call('POST', `/api/hearing-requests/${id}/withdraw`, { as: APPLICANT, body: { reason: 'Ya no es necesaria' } });
      expect(withdrawn.status, withdrawn.text).toBe(200);
      const seen = await rt.call('GET', `/api/hearing-requests/${id}`, { as: APPLICANT });
      expect(seen.body.status).toBe('withdrawn');
      expect(seen.body.sessionNumber).toBe(session);
      expect(seen.body.history.map((e: { status: string }) => e.status)).toEqual(['submitted', 'withdrawn']);
      for (const text of [withdrawn.text, seen.text]) {
        expect(text).not.toContain('Motivo interno');
        expect(text).not.toContain('"rejected"');
        expect(text).not.toContain('"deferred"');
      }
      expect(await mine(`sessionNumber=${session}&status=withdrawn`)).toContain(id);
    }
    // Nothing of it is left to release.
    expect((await rt.call('GET', `/api/sessions/${session}/decisions`, { as: SECRETARIAT })).body.items).toEqual([]);
  });
});

describe('internal notes and Art. 17', () => {
  it('a commissioner who is a national of a State concerned reads no note of the request, not even the shared ones', async () => {
    const session = await freshSession(rt, WINDOW);
    const { id } = await submit(session, { states: ['mx'] });
    expect((await rt.call('POST', `/api/hearing-requests/${id}/notes`, { as: SECRETARIAT, body: { text: 'Nota compartida sobre México', shared: true } })).status).toBe(201);
    const recused = await rt.call('GET', `/api/hearing-requests/${id}/notes`, { as: 'commissioner.mx@example.org' });
    expect(recused.status).toBe(403);
    expect(recused.text).not.toContain('Nota compartida');
    const other = await rt.call('GET', `/api/hearing-requests/${id}/notes`, { as: 'commissioner.cl@example.org' });
    expect(other.body.items.map((n: { text: string }) => n.text)).toEqual(['Nota compartida sobre México']);
  });
});

describe('the retention purge', () => {
  it("removes the hearing day's items of a purged request: the joining passcode and the State delegates' names", async () => {
    const session = await freshSession(rt, WINDOW);
    const { id } = await submit(session, { states: ['co'] });
    expect((await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Procede', releaseNow: true } })).status).toBe(200);
    const joining = { videoLink: 'https://meet.example.org/purga', passcode: '551199', interpretation: [], securityGuidelines: 'https://www.example.org/seguridad.pdf' };
    expect((await rt.call('PUT', `/api/hearings/${id}/joining`, { as: SECRETARIAT, body: joining })).status).toBe(200);
    const delegation = await rt.call('PUT', `/api/hearings/${id}/delegation`, { as: STATE_CO, body: { members: [{ name: 'Delegada Nombre Propio', role: 'head' }] } });
    expect(delegation.status, delegation.text).toBe(200);
    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: rt.ddbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const hearingItems = async () =>
      (await raw.send(new QueryCommand({ TableName: localTableName(hearingDayTable), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `HEARING#${id}` } }))).Items ?? [];
    try {
      expect(JSON.stringify(await hearingItems())).toContain('Delegada Nombre Propio');
      const purge = rt.events.get('hearing-purge')!;
      try {
        // freshSession's Period ends 2031-12-10: with the default 5 years, due from 2036-12-11.
        await rt.setNow('2036-12-11T00:00:01Z');
        const outcome = await purge.invoke({ sessions: [session] });
        expect(outcome.kind, JSON.stringify(outcome)).toBe('ok');
      } finally {
        await rt.setNow(NOW);
      }
      expect((await rt.call('GET', `/api/hearing-requests/${id}`, { as: SECRETARIAT })).status).toBe(404);
      const left = JSON.stringify(await hearingItems());
      expect(left).not.toContain('551199');
      expect(left).not.toContain('Delegada Nombre Propio');
    } finally {
      raw.destroy();
    }
  });
});

describe('confidential participants at rest', () => {
  it("keeps a confidential participant's organisation sealed with the name: not in the raw item, opened for the owner and the secretariat", async () => {
    const session = await freshSession(rt, WINDOW);
    const participants = [
      { name: 'Ana Pérez', organization: 'Colectivo de Abogados', role: 'representative', confidential: false },
      { name: 'Testigo Reservado', organization: 'Colectivo Sobreviviente Único', role: 'witness', confidential: true },
    ];
    const { id } = await submit(session, { participants });
    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: rt.ddbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    try {
      const items = await raw.send(new QueryCommand({ TableName: localTableName(hearingsTable), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `REQ#${id}` } }));
      const stored = JSON.stringify(items.Items);
      expect(stored).toContain('Colectivo de Abogados');
      expect(stored).not.toContain('Testigo Reservado');
      expect(stored).not.toContain('Sobreviviente');
    } finally {
      raw.destroy();
    }
    for (const as of [APPLICANT, SECRETARIAT]) {
      const seen = await rt.call('GET', `/api/hearing-requests/${id}`, { as });
      expect(seen.body.participants, as).toEqual(participants);
    }
  });
});
