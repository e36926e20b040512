// Hearing requests through the real stack: local runtime, JWT check, handlers, DynamoDB
// Local, outbox stream. Each test uses its own throwaway session (the table is shared).
import { ordinal } from '../../functions/shared/plural';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT, OTHER, SECRETARIAT, freshSession, validBody } from '../support/hearings';
import { waitForMail } from '../support/outbox';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };

let rt: TestRuntime;
const logged: string[] = [];
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
  // Capture (and swallow) everything the handlers log at DEBUG, to check no personal data goes there.
  const { logger } = await import('../../functions/shared/logger');
  logger.setLogLevel('DEBUG');
  process.stdout.write = ((chunk: unknown) => {
    logged.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
});
afterAll(async () => rt?.stop());

const submit = (body: unknown, options: { as?: string; key?: string; lang?: string } = {}) =>
  rt.call('POST', '/api/hearing-requests', {
    as: options.as ?? APPLICANT,
    body,
    headers: { ...(options.key ? { 'idempotency-key': options.key } : {}), ...(options.lang ? { 'accept-language': options.lang } : {}) },
  });

/** The notice about request `id` that `kind` recognises, once the outbox has delivered it. */
const outboxFor = async (id: string, kind: (subject: string) => boolean) =>
  (await waitForMail(rt, `the notice about ${id}`, (m) => m.subject.includes(id) && kind(m.subject))) as { to: string; subject: string; text: string; language: string };

describe('hearing requests API', () => {
  it('submits a request in the applicant language and acknowledges it through the outbox', async () => {
    const session = await freshSession(rt, WINDOW);
    const res = await submit(validBody(session), { lang: 'pt-BR,pt;q=0.9' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', sessionNumber: session, states: ['CO'], language: 'pt' });
    expect(Date.parse(res.body.submittedAt)).toBeGreaterThanOrEqual(Date.parse(NOW));
    expect(res.body.history).toEqual([{ at: res.body.submittedAt, status: 'submitted', by: 'u-applicant1', byOwner: true }]);
    // The view keeps storage internals inside (issue 13): no owner subject, no version.
    expect(res.body).toMatchObject({ mine: true });
    expect(res.body).not.toHaveProperty('ownerSub');
    expect(res.body).not.toHaveProperty('version');
    expect(res.body.participants[1].name).toBe('Testigo Reservado');
    const mail = await outboxFor(res.body.id, () => true);
    expect(mail?.language).toBe('pt');
    expect(mail?.subject).toBe(`Pedido de audiência recebido — ${res.body.id}`);
    expect(mail?.to).toBe('ana@example.org');
    // An explicit language wins over Accept-Language.
    const fr = await submit(validBody(session, { language: 'fr' }), { lang: 'es' });
    expect(fr.body.language).toBe('fr');
  });

  it('creates one request for 10 concurrent submits with one Idempotency-Key, all answered alike', async () => {
    const session = await freshSession(rt, WINDOW);
    const body = validBody(session);
    const key = `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(body, { key })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    const listed = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}`, { as: SECRETARIAT });
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([answers[0].body.id]);
    // The same key with another body is refused, and a different key creates another.
    expect((await submit({ ...body, title: 'Otra cosa' }, { key })).status).toBe(409);
    expect((await submit(body, { key: 'short' })).status).toBe(422);
    const other = await submit(body, { key: `${key}-2` });
    expect(other.body.id).not.toBe(answers[0].body.id);
  });

  it('refuses a submit outside the window with 422 naming the session and the closing date', async () => {
    const session = await freshSession(rt, { opensAt: '2031-04-01T00:00:00Z', closesAt: '2031-05-01T03:59:59Z' });
    const res = await submit(validBody(session), { lang: 'es' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain(`${session}.º Período de Sesiones`);
    expect(res.body.detail).toContain('30 de abril de 2031');
    expect(res.body.errors[0].path).toBe('sessionNumber');
    expect(res.body.errors[0].message).toContain('30 de abril de 2031');
    const unknown = await submit(validBody(4999_00));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('sessionNumber');
  });

  it('answers every broken rule with 422 naming its field', async () => {
    const session = await freshSession(rt, WINDOW);
    const res = await submit(
      validBody(session, {
        states: ['CO', 'ES'],
        matter: undefined,
        objective: Array(26).fill('palabra').join(' '),
        basis: Array(76).fill('palabra').join(' '),
        participants: [],
        private: true,
        contact: { name: 'Ana', email: 'not-an-email' },
      }),
      { lang: 'en' },
    );
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['contact.email']);
    const rules = await submit(validBody(session, { states: ['CO', 'ES'], matter: undefined, objective: Array(26).fill('w').join(' '), basis: Array(76).fill('w').join(' '), participants: [], private: true }), { lang: 'en' });
    expect(rules.status).toBe(422);
    const byPath = Object.fromEntries(rules.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(['basis', 'matter', 'objective', 'participants', 'privateReason', 'states.1']);
    expect(byPath.objective).toBe('At most 25 words; it has 26.');
    expect(byPath['states.1']).toContain('"ES"');
    // A working meeting is private without a reason.
    const meeting = await submit(validBody(session, { kind: 'working_meeting', private: false }));
    expect(meeting.status).toBe(201);
    expect(meeting.body.private).toBe(true);
  });

  it('lets one of two racing decisions win; the other gets 409 and changes nothing', async () => {
    const session = await freshSession(rt, WINDOW);
    const { body: request } = await submit(validBody(session), { lang: 'es' });
    const decide = (decision: string, id = request.id) =>
      rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision, reason: `Decisión ${decision}` } });
    // Three more races at once, to give the store every chance to collide in flight.
    const others = await Promise.all([1, 2, 3].map(async () => (await submit(validBody(session))).body.id as string));
    const [[a, b], ...rest] = await Promise.all([request.id, ...others].map((id) => Promise.all([decide('accepted', id), decide('rejected', id)])));
    for (const [x, y] of [[a, b], ...rest]) expect([x.status, y.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a.body : b.body;
    // The decision is held until the Period's release: the applicant still sees `submitted`.
    expect((await rt.call('GET', `/api/hearing-requests/${request.id}`, { as: APPLICANT })).body.status).toBe('submitted');
    const release = await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT });
    expect(release.body).toEqual({ released: 4, remaining: 0 });
    const stored = await rt.call('GET', `/api/hearing-requests/${request.id}`, { as: APPLICANT });
    expect(stored.body.status).toBe(winner.status);
    expect(stored.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', winner.status]);
    expect(stored.body.history[1]).toMatchObject({ by: 'u-secretariat', reason: `Decisión ${winner.status}` });
    const mail = await outboxFor(request.id, (s) => s.includes(winner.status === 'accepted' ? 'aceptada' : 'rechazada'));
    expect(mail?.text).toContain(`Decisión ${winner.status}`);
    // Deciding again, or editing a decided request, is a conflict.
    expect((await decide('accepted')).status).toBe(409);
    expect((await rt.call('PATCH', `/api/hearing-requests/${request.id}`, { as: APPLICANT, body: { title: 'Nuevo' } })).status).toBe(409);
    expect((await decide('accepted')).body.detail).toBeTruthy();
  });

  it("keeps applicant A's request from applicant B: no read, edit, withdraw, nor list", async () => {
    const session = await freshSession(rt, WINDOW);
    const { body: request } = await submit(validBody(session));
    const path = `/api/hearing-requests/${request.id}`;
    expect((await rt.call('GET', path, { as: OTHER })).status).toBe(403);
    expect((await rt.call('PATCH', path, { as: OTHER, body: { title: 'Mío' } })).status).toBe(403);
    expect((await rt.call('POST', `${path}/withdraw`, { as: OTHER })).status).toBe(403);
    expect((await rt.call('POST', `${path}/decision`, { as: OTHER, body: { decision: 'accepted', reason: 'x' } })).status).toBe(403);
    expect((await rt.call('GET', '/api/hearing-requests/01ARZ3NDEKTSV4RRFFQ69G5FAV', { as: APPLICANT })).status).toBe(404);
    expect((await rt.call('GET', path, { as: 'commissioner.mx@example.org' })).status).toBe(403);
    // B sees only B's own, whatever the filters say.
    const mine = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}`, { as: OTHER });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
    const all = await rt.call('GET', '/api/hearing-requests?limit=100', { as: OTHER });
    expect(all.body.items.every((r: { mine: boolean; ownerSub?: string }) => r.mine && r.ownerSub === undefined)).toBe(true);
    expect((await rt.call('GET', path, { as: APPLICANT })).status).toBe(200);
    expect(mine.text).not.toContain('Testigo Reservado');
  });

  it('edits while submitted and the window is open, withdraws once', async () => {
    const session = await freshSession(rt, WINDOW);
    const { body: request } = await submit(validBody(session, { states: ['CO', 'PE'] }));
    const path = `/api/hearing-requests/${request.id}`;
    const edited = await rt.call('PATCH', path, { as: APPLICANT, body: { title: 'Título corregido', states: ['pe', 'BR'], objective: Array(26).fill('w').join(' ') } });
    expect(edited.status).toBe(422);
    expect(edited.body.errors.map((e: { path: string }) => e.path)).toEqual(['objective']);
    const ok = await rt.call('PATCH', path, { as: APPLICANT, body: { title: 'Título corregido', states: ['pe', 'BR'] } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: 'Título corregido', states: ['PE', 'BR'], status: 'submitted' });
    expect(ok.body).not.toHaveProperty('version');
    // The State index follows the edit: CO no longer finds it, BR does.
    const byState = async (state: string) =>
      (await rt.call('GET', `/api/hearing-requests?state=${state}&limit=100`, { as: SECRETARIAT })).body.items.map((r: { id: string }) => r.id);
    expect(await byState('CO')).not.toContain(request.id);
    expect(await byState('BR')).toContain(request.id);
    const withdrawn = await rt.call('POST', `${path}/withdraw`, { as: APPLICANT, body: { reason: 'Acuerdo alcanzado' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.history.at(-1)).toMatchObject({ status: 'withdrawn', by: 'u-applicant1', reason: 'Acuerdo alcanzado' });
    expect((await rt.call('POST', `${path}/withdraw`, { as: APPLICANT })).status).toBe(409);
    expect((await rt.call('PATCH', path, { as: APPLICANT, body: { title: 'Otra' } })).status).toBe(409);
    // Edits after the window closes are refused with the date.
    const { body: late } = await submit(validBody(session));
    await rt.setNow('2031-06-02T12:00:00Z');
    try {
      const closed = await rt.call('PATCH', `/api/hearing-requests/${late.id}`, { as: APPLICANT, body: { title: 'Tarde' }, headers: { 'accept-language': 'en' } });
      expect(closed.status).toBe(422);
      expect(closed.body.detail).toContain('May 31, 2031');
    } finally {
      await rt.setNow(NOW);
    }
  });

  it('defers a request to a later session, back to submitted there, keeping its history', async () => {
    const session = await freshSession(rt, WINDOW);
    const target = await freshSession(rt, WINDOW, 2032, session + 1);
    const { body: request } = await submit(validBody(session, { language: 'en' }));
    const path = `/api/hearing-requests/${request.id}/decision`;
    const earlier = await rt.call('POST', path, { as: SECRETARIAT, body: { decision: 'deferred', reason: 'Agenda', deferTo: session - 1 } });
    expect(earlier.status).toBe(422);
    expect(earlier.body.errors[0].path).toBe('deferTo');
    const missing = await rt.call('POST', path, { as: SECRETARIAT, body: { decision: 'deferred', reason: 'Agenda' } });
    expect(missing.body.errors[0].path).toBe('deferTo');
    const noReason = await rt.call('POST', path, { as: SECRETARIAT, body: { decision: 'accepted', reason: '  ' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('reason');
    const deferred = await rt.call('POST', path, { as: SECRETARIAT, body: { decision: 'deferred', reason: 'Full agenda', deferTo: target } });
    expect(deferred.status).toBe(200);
    expect(deferred.body).toMatchObject({ status: 'submitted', sessionNumber: target });
    expect(deferred.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'deferred', 'submitted']);
    const there = await rt.call('GET', `/api/hearing-requests?sessionNumber=${target}&status=submitted`, { as: SECRETARIAT });
    expect(there.body.items.map((r: { id: string }) => r.id)).toContain(request.id);
    const gone = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}`, { as: SECRETARIAT });
    expect(gone.body.items.map((r: { id: string }) => r.id)).not.toContain(request.id);
    // Held: the applicant sees it submitted in its first Period until that Period's release.
    const before = (await rt.call('GET', `/api/hearing-requests/${request.id}`, { as: APPLICANT })).body;
    expect(before).toMatchObject({ status: 'submitted', sessionNumber: session });
    expect(before.history.map((h: { status: string }) => h.status)).toEqual(['submitted']);
    expect((await rt.call('POST', `/api/sessions/${target}/decisions/release`, { as: SECRETARIAT })).body.released).toBe(0);
    expect((await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT })).body.released).toBe(1);
    const mail = await outboxFor(request.id, (s) => s.includes('deferred'));
    expect(mail?.text).toContain(`to the ${ordinal(target, 'en')} Period of Sessions`);
    expect((await rt.call('GET', `/api/hearing-requests/${request.id}`, { as: APPLICANT })).body).toMatchObject({ status: 'submitted', sessionNumber: target });
  });

  it('filters for the secretariat by session, status and State, newest first, page by page', async () => {
    const session = await freshSession(rt, WINDOW);
    const ids: string[] = [];
    for (const states of [['AR'], ['UY', 'AR'], ['UY'], ['AR']]) ids.push((await submit(validBody(session, { states }))).body.id);
    await rt.call('POST', `/api/hearing-requests/${ids[1]}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Procede' } });
    const q = (query: string) => rt.call('GET', `/api/hearing-requests?${query}`, { as: SECRETARIAT });
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await q(`sessionNumber=${session}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      pages.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([...ids].reverse());
    expect((await q(`sessionNumber=${session}&status=accepted`)).body.items.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    expect((await q(`sessionNumber=${session}&status=submitted&state=AR`)).body.items.map((r: { id: string }) => r.id)).toEqual([ids[3], ids[0]]);
    expect((await q(`sessionNumber=${session}&state=uy`)).body.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const byStatus = (await q('status=accepted&limit=100')).body.items.map((r: { id: string }) => r.id);
    expect(byStatus).toContain(ids[1]);
    expect(byStatus).not.toContain(ids[0]);
    // The secretariat sees confidential names; a cursor from another query is refused.
    const first = await q(`sessionNumber=${session}&limit=1`);
    expect(first.body.items[0].participants[1].name).toBe('Testigo Reservado');
    const misuse = await q(`status=accepted&cursor=${first.body.nextCursor}`);
    expect(misuse.status).toBe(422);
    expect(misuse.body.errors[0].path).toBe('cursor');
    expect((await q('cursor=garbage!')).status).toBe(422);
  });

  it('lets scheduling list accepted requests and schedule them in one transaction, only if accepted', async () => {
    const { listAcceptedRequests, scheduleRequestsItems } = await import('../../functions/hearings/store');
    const { ddb } = await import('../../functions/shared/ddb');
    const session = await freshSession(rt, WINDOW);
    const accepted = (await submit(validBody(session))).body;
    const pending = (await submit(validBody(session))).body;
    await rt.call('POST', `/api/hearing-requests/${accepted.id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Procede' } });
    expect((await listAcceptedRequests(session)).map((r) => r.id)).toEqual([accepted.id]);
    const slot = { start: '2031-12-02T14:00:00Z', end: '2031-12-02T15:00:00Z', room: 'Sala virtual 1' };
    const now = new Date('2031-11-01T00:00:00Z');
    await expect(
      ddb.send(new TransactWriteCommand({ TransactItems: scheduleRequestsItems([{ id: accepted.id, slot }, { id: pending.id, slot }], 'u-secretariat', now) })),
    ).rejects.toThrow();
    expect((await rt.call('GET', `/api/hearing-requests/${accepted.id}`, { as: SECRETARIAT })).body.status).toBe('accepted');
    await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT });
    await ddb.send(new TransactWriteCommand({ TransactItems: scheduleRequestsItems([{ id: accepted.id, slot }], 'u-secretariat', now) }));
    const scheduled = (await rt.call('GET', `/api/hearing-requests/${accepted.id}`, { as: APPLICANT })).body;
    expect(scheduled).toMatchObject({ status: 'scheduled', slot });
    expect(scheduled.history.at(-1)).toMatchObject({ at: now.toISOString(), status: 'scheduled', by: 'u-secretariat' });
    const listed = await listAcceptedRequests(session);
    expect(listed.map((r) => [r.id, r.status])).toEqual([[accepted.id, 'scheduled']]);
    expect(listed[0].submittedAt).toBe(accepted.submittedAt);
    // Withdrawn before the hearing: allowed; the scheduled status is no longer listed.
    expect((await rt.call('POST', `/api/hearing-requests/${accepted.id}/withdraw`, { as: APPLICANT })).body.status).toBe('withdrawn');
    expect(await listAcceptedRequests(session)).toEqual([]);
  });

  it('seeds demonstration requests for the 178th once, visible in the review queue', async () => {
    const again = await startTestRuntime({ now: NOW });
    try {
      expect(again.seeded.hearings).toBe(0);
    } finally {
      await again.stop();
    }
    const { seedRequests } = await import('../../functions/hearings/seed');
    const queue = await rt.call('GET', '/api/hearing-requests?sessionNumber=178&limit=100', { as: SECRETARIAT });
    const ids = queue.body.items.map((r: { id: string }) => r.id);
    for (const seed of seedRequests()) expect(ids).toContain(seed.id);
    const regional = await rt.call('GET', '/api/hearing-requests?state=BS&limit=100', { as: SECRETARIAT });
    expect(regional.body.items.map((r: { title: string }) => r.title)).toContain('Rights of LGBTI persons in the English-speaking Caribbean');
  });

  it('never writes participant names or contact details to the logs', () => {
    const text = logged.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain('Testigo Reservado');
    expect(text).not.toContain('Ana Pérez');
    expect(text).not.toContain('ana@example.org');
  });
});
