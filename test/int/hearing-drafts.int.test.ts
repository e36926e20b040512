// Drafts of hearing requests (issue 15) through the local runtime: saved loosely,
// resumed, seen by their owner alone, never by the secretariat's lists, and submitted
// with every rule of a direct submission, all broken ones at once, the window included.
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftKey, hearingsTable } from '../../functions/hearings/table';
import { localTableName } from '../../local/tables';
import { localClient } from '../../local/dynamo';
import { APPLICANT, OTHER, SECRETARIAT, freshSession, validBody } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

const DRAFTS = '/api/hearing-request-drafts';
const create = (body: unknown, as = APPLICANT, lang?: string) => rt.call('POST', DRAFTS, { as, body, headers: lang ? { 'accept-language': lang } : {} });
const submit = (id: string, as = APPLICANT, lang = 'en') => rt.call('POST', `${DRAFTS}/${id}/submit`, { as, headers: { 'accept-language': lang } });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

describe('hearing request drafts', () => {
  it('saves a partial request, resumes it, lists it for its owner only, and refuses everyone else', async () => {
    const session = await freshSession(rt, WINDOW);
    // Partial and with blanks: no completeness check, nothing required.
    const first = await create({ sessionNumber: session, title: 'Consulta previa', objective: '', participants: [{ name: '', role: 'witness' }] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, request: { sessionNumber: session, title: 'Consulta previa', participants: [{ role: 'witness' }] } });
    // Empty strings are not kept: an empty field reads as absent.
    expect(first.body.request).not.toHaveProperty('objective');
    const id = first.body.id as string;

    // Another device: the same applicant reads it and saves over it.
    const read = await rt.call('GET', `${DRAFTS}/${id}`, { as: APPLICANT });
    expect(read.status).toBe(200);
    expect(read.body.request.title).toBe('Consulta previa');
    const saved = await rt.call('PUT', `${DRAFTS}/${id}`, { as: APPLICANT, body: { ...read.body.request, kind: 'thematic', states: ['PE'], version: 1 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, request: { kind: 'thematic', states: ['PE'] } });
    // A save from a device still at version 1 is refused, not silently lost.
    const stale = await rt.call('PUT', `${DRAFTS}/${id}`, { as: APPLICANT, body: { title: 'Viejo', version: 1 } });
    expect(stale.status).toBe(409);

    expect(ids(await rt.call('GET', DRAFTS, { as: APPLICANT }))).toContain(id);
    expect(ids(await rt.call('GET', DRAFTS, { as: OTHER }))).not.toContain(id);

    // Another applicant and the secretariat: refused, and the draft unchanged.
    expect((await rt.call('GET', `${DRAFTS}/${id}`, { as: OTHER })).status).toBe(403);
    expect((await rt.call('PUT', `${DRAFTS}/${id}`, { as: OTHER, body: { title: 'Intruso' } })).status).toBe(403);
    expect((await rt.call('DELETE', `${DRAFTS}/${id}`, { as: OTHER })).status).toBe(403);
    expect((await submit(id, OTHER)).status).toBe(403);
    expect((await rt.call('GET', `${DRAFTS}/${id}`, { as: SECRETARIAT })).status).toBe(403);
    expect((await rt.call('GET', `${DRAFTS}/${id}`, { as: APPLICANT })).body.version).toBe(2);
    expect((await rt.call('GET', `${DRAFTS}/01JZZZZZZZZZZZZZZZZZZZZZZZ`, { as: APPLICANT })).status).toBe(404);

    // Never in the secretariat's queue or counts.
    const queue = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}`, { as: SECRETARIAT });
    expect(queue.body.items).toEqual([]);
    const mine = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}`, { as: APPLICANT });
    expect(mine.body.items).toEqual([]);

    // Discarded: gone from the list.
    expect((await rt.call('DELETE', `${DRAFTS}/${id}`, { as: APPLICANT })).body).toEqual({ id, discarded: true });
    expect(ids(await rt.call('GET', DRAFTS, { as: APPLICANT }))).not.toContain(id);
    expect((await rt.call('GET', `${DRAFTS}/${id}`, { as: APPLICANT })).status).toBe(404);
  });

  it('checks types and lengths only, in the caller language', async () => {
    const bad = await create({ title: 'x'.repeat(301), kind: 'party', unavailableDates: ['2031-02-30'] }, APPLICANT, 'es');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'title', 'unavailableDates.0']);
  });

  it('reports every missing or broken field at once on submit, in words for people', async () => {
    const session = await freshSession(rt, WINDOW);
    const draft = await create({
      sessionNumber: session,
      kind: 'case',
      states: ['CO', 'ES'],
      objective: Array(26).fill('palabra').join(' '),
      participants: [{ name: '', role: 'witness' }],
      private: true,
      contact: { name: 'Ana', email: 'ana@' },
    });
    const res = await submit(draft.body.id, APPLICANT, 'en');
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['basis', 'contact.email', 'languages', 'matter', 'objective', 'participants.0.name', 'privateReason', 'states.1', 'title'].sort(),
    );
    expect(byPath.title).toBe('This field is required.');
    expect(byPath.basis).toBe('This field is required.');
    expect(byPath['participants.0.name']).toBe('This field is required.');
    expect(byPath.objective).toBe('At most 25 words; it has 26.');
    expect(byPath['contact.email']).toBe('Enter a full email address, such as name@organisation.org.');
    // No validation library's own words anywhere.
    for (const message of Object.values(byPath)) expect(message).not.toMatch(/expected|Too small|Invalid/i);
    // Still a draft, still listed.
    expect(ids(await rt.call('GET', DRAFTS, { as: APPLICANT }))).toContain(draft.body.id);
  });

  it('submits a complete draft once: a request in the queue, the draft gone, a repeat answered alike', async () => {
    const session = await freshSession(rt, WINDOW);
    const body = validBody(session);
    // A witness's small collective can name them as surely as their name.
    body.participants[1] = { ...body.participants[1], organization: 'Colectivo Ribereño Reservado' };
    const draft = await create(body);
    const id = draft.body.id as string;
    // While a draft, what was typed is stored with the confidential witness's name and organisation sealed.
    const doc = DynamoDBDocumentClient.from(localClient(rt.ddbEndpoint));
    const open = await doc.send(new GetCommand({ TableName: localTableName(hearingsTable), Key: draftKey(id) }));
    expect(open.Item?.sealedNames).toBeTruthy();
    expect(JSON.stringify(open.Item)).not.toContain('Testigo Reservado');
    expect(JSON.stringify(open.Item)).not.toContain('Ribereño');
    expect((await rt.call('GET', `${DRAFTS}/${id}`, { as: APPLICANT })).body.request.participants[1]).toMatchObject({ name: 'Testigo Reservado', organization: 'Colectivo Ribereño Reservado' });
    const [a, b] = await Promise.all([submit(id), submit(id)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect([a, b].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
    expect(a.body).toMatchObject({ status: 'submitted', sessionNumber: session, states: ['CO'], mine: true });
    const again = await submit(id);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(a.body.id);
    const queue = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}`, { as: SECRETARIAT });
    expect(ids(queue)).toEqual([a.body.id]);
    expect(ids(await rt.call('GET', DRAFTS, { as: APPLICANT }))).not.toContain(id);
    // A submitted draft can no longer be read or saved as a draft: 409 names the request.
    const reread = await rt.call('GET', `${DRAFTS}/${id}`, { as: APPLICANT, headers: { 'accept-language': 'en' } });
    expect(reread.status).toBe(409);
    expect(reread.body.detail).toContain(a.body.id);
    expect((await rt.call('PUT', `${DRAFTS}/${id}`, { as: APPLICANT, body: { title: 'Otra' } })).status).toBe(409);
    // The tombstone keeps no copy of what was typed (a confidential witness's name included),
    // and the request it became holds that name sealed, as a directly submitted one does.
    const { Item } = await doc.send(new GetCommand({ TableName: localTableName(hearingsTable), Key: draftKey(id) }));
    const request = await doc.send(new GetCommand({ TableName: localTableName(hearingsTable), Key: { pk: `REQ#${a.body.id}`, sk: 'REQ' } }));
    doc.destroy();
    expect(Item).toMatchObject({ status: 'submitted', requestId: a.body.id });
    expect(JSON.stringify(Item)).not.toContain('Testigo Reservado');
    expect(request.Item?.sealedNames).toBeTruthy();
    expect(JSON.stringify(request.Item)).not.toContain('Testigo Reservado');
    expect(JSON.stringify(request.Item)).not.toContain('Ribereño');
    expect(again.body.participants[1]).toMatchObject({ name: 'Testigo Reservado', organization: 'Colectivo Ribereño Reservado' });
  });

  it('applies the request window at submit time, not when the draft was saved', async () => {
    const closing = await freshSession(rt, { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-05-10T12:00:30Z' });
    const draft = await create(validBody(closing));
    expect(draft.status).toBe(201);
    await rt.setNow('2031-05-10T12:01:00Z');
    try {
      const res = await submit(draft.body.id, APPLICANT, 'es');
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('sessionNumber');
      expect(res.body.detail).toContain(`${closing}.º Período de Sesiones`);
      // Saving the draft is still allowed after the window: it is the applicant's own copy.
      expect((await rt.call('PUT', `${DRAFTS}/${draft.body.id}`, { as: APPLICANT, body: { title: 'Para el próximo Período' } })).status).toBe(200);
    } finally {
      await rt.setNow(NOW);
    }
  });
});
