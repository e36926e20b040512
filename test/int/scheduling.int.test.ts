// Scheduling through the real stack: hearing requests submitted and accepted through the
// hearings API, then proposed, moved, published (twice), read publicly and as iCal.
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, outboxDrained } from '../support/outbox';
import { type TestRuntime, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

const NOW = '2032-05-10T12:00:00Z';
const SECRETARIAT = 'secretariat@example.org';
const APPLICANT = 'applicant1@example.org';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

const freshSession = (rooms = ['Sala virtual 1', 'Sala virtual 2']) =>
  throwawaySession(
    rt,
    {
      startDate: '2032-12-01',
      endDate: '2032-12-10',
      requestWindow: { opensAt: '2032-05-01T00:00:00Z', closesAt: '2032-06-01T03:59:59Z' },
      registration: { opensAt: '2032-11-01T00:00:00Z', closesAt: '2032-12-10T00:00:00Z', capacity: { in_person: 0, online: 100 } },
      hearingDays: ['2032-12-02', '2032-12-03'],
      rooms,
      workingHours: { start: '09:00', end: '13:00' },
    },
  );

const body = (sessionNumber: number, over: Record<string, unknown> = {}) => ({
  sessionNumber,
  kind: 'thematic',
  states: ['CO'],
  title: `Situación de personas defensoras ${Math.random().toString(36).slice(2, 8)}`,
  objective: 'Informar a la Comisión sobre la situación.',
  basis: 'Hechos recientes que afectan a personas defensoras de derechos humanos.',
  participants: [
    { name: 'Ana Pérez', organization: 'Colectivo', role: 'representative', confidential: false },
    { name: 'Testigo Reservado', role: 'witness', confidential: true },
  ],
  languages: ['es'],
  private: false,
  contact: { name: 'Ana Pérez', email: 'ana@example.org' },
  language: 'es',
  ...over,
});

async function accepted(session: number, over: Record<string, unknown> = {}) {
  const res = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: body(session, over) });
  if (res.status !== 201) throw new Error(`submit failed: ${res.text}`);
  const decided = await rt.call('POST', `/api/hearing-requests/${res.body.id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Admisible' } });
  if (decided.status !== 200) throw new Error(`decision failed: ${decided.text}`);
  return res.body as { id: string; title: string };
}

describe('schedule API', () => {
  it('proposes, refuses a clashing move in words, moves, publishes twice with a changelog, and shows it publicly and in iCal', async () => {
    const session = await freshSession();
    const co = await accepted(session, { states: ['CO'] });
    const coVe = await accepted(session, { states: ['CO', 'VE'], title: 'Migración venezolana en Colombia' });
    const secret = await accepted(session, { states: ['NI'], private: true, privateReason: 'Riesgo para las víctimas', title: 'Caso muy reservado' });
    const off = await accepted(session, { states: ['PE'], unavailableDates: ['2032-12-02'] });

    expect((await rt.call('POST', `/api/sessions/${session}/schedule/proposals`, { as: APPLICANT })).status).toBe(403);
    expect((await rt.call('POST', `/api/sessions/${session}/schedule/publish`, { as: SECRETARIAT })).status).toBe(409); // nothing proposed yet
    const proposal = await rt.call('POST', `/api/sessions/${session}/schedule/proposals`, { as: SECRETARIAT });
    expect(proposal.status).toBe(201);
    expect(proposal.body.violations).toEqual([]);
    expect(proposal.body.unscheduled).toEqual([]);
    const at = new Map(proposal.body.assignments.map((a: { requestId: string }) => [a.requestId, a])) as Map<string, { start: string; end: string; room: string }>;
    expect(at.size).toBe(4);
    // Four hearings: HiGHS runs and proves the answer (issue 17: the secretariat sees how good it is).
    expect(['heuristic', 'search', 'mip']).toContain(proposal.body.method);
    expect(proposal.body.provenGap).toBeTypeOf('number');
    expect(proposal.body.provenGap).toBeLessThanOrEqual(0.01);
    const proposed = await rt.call('GET', `/api/sessions/${session}/schedule/draft`, { as: SECRETARIAT });
    expect({ method: proposed.body.method, provenGap: proposed.body.provenGap }).toEqual({ method: proposal.body.method, provenGap: proposal.body.provenGap });
    expect(Date.parse(at.get(coVe.id)!.end) - Date.parse(at.get(coVe.id)!.start)).toBe(2 * 3600_000); // regional: two slots
    expect(at.get(off.id)!.start.startsWith('2032-12-03')).toBe(true); // the participants are unavailable on the 2nd

    // Colombia cannot be in two hearings at once: moving `co` onto the regional hearing's time is refused in words.
    const clash = await rt.call('PUT', `/api/sessions/${session}/schedule/hearings/${co.id}`, {
      as: SECRETARIAT,
      headers: { 'accept-language': 'en' },
      body: { start: at.get(coVe.id)!.start, room: at.get(coVe.id)!.room === 'Sala virtual 1' ? 'Sala virtual 2' : 'Sala virtual 1' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toContain('the delegation of Colombia is already in the hearing “Migración venezolana en Colombia” at that time.');
    // The same clash is shown before any drop: every slot and room, each with its clashes in words.
    const options = await rt.call('GET', `/api/sessions/${session}/schedule/hearings/${co.id}/options`, { as: SECRETARIAT, headers: { 'accept-language': 'en' } });
    expect(options.status).toBe(200);
    const onRegional = options.body.options.find((o: { start: string; room: string }) => o.start === at.get(coVe.id)!.start && o.room !== at.get(coVe.id)!.room);
    expect(onRegional).toMatchObject({ fits: false });
    expect(onRegional.clashes.join(' ')).toContain('the delegation of Colombia is already in the hearing “Migración venezolana en Colombia” at that time.');
    expect(options.body.options.find((o: { start: string; room: string }) => o.start === at.get(co.id)!.start && o.room === at.get(co.id)!.room)).toMatchObject({ fits: true, clashes: [] });
    const es = await rt.call('PUT', `/api/sessions/${session}/schedule/hearings/${off.id}`, { as: SECRETARIAT, headers: { 'accept-language': 'es' }, body: { start: '2032-12-02T14:00:00Z', room: 'Sala virtual 1' } });
    expect(es.status).toBe(409);
    expect(es.body.errors.map((e: { message: string }) => e.message)).toContain('los participantes no están disponibles el 2032-12-02.');
    const offGrid = await rt.call('PUT', `/api/sessions/${session}/schedule/hearings/${co.id}`, { as: SECRETARIAT, body: { start: '2032-12-03T19:00:00Z', room: 'Sala virtual 1' } });
    expect(offGrid.status).toBe(422);
    expect(offGrid.body.errors[0].path).toBe('start');

    // The decisions go out before the timetable: publishing with any still held is refused, in words.
    const early = await rt.call('POST', `/api/sessions/${session}/schedule/publish`, { as: SECRETARIAT, headers: { 'accept-language': 'en' } });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('4 decisions of this Period have not been released yet');
    expect((await rt.call('GET', `/api/hearing-requests/${co.id}`, { as: APPLICANT })).body.status).toBe('submitted');
    expect((await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT })).body.released).toBe(4);
    const v1 = await rt.call('POST', `/api/sessions/${session}/schedule/publish`, { as: SECRETARIAT });
    expect(v1.status).toBe(200);
    expect(v1.body.version).toBe(1);
    const request = await rt.call('GET', `/api/hearing-requests/${co.id}`, { as: APPLICANT });
    expect(request.body.status).toBe('scheduled');
    const { requestId: _id, ...slot } = at.get(co.id) as { requestId: string; start: string; end: string; room: string };
    expect(request.body.slot).toEqual(slot);

    // A free cell: find one the draft leaves empty on the 3rd at 12:00 (17:00Z), in a room where nothing runs.
    const draft = await rt.call('GET', `/api/sessions/${session}/schedule/draft`, { as: SECRETARIAT });
    const taken = new Set(draft.body.hearings.filter((x: { start?: string }) => x.start).map((x: { start: string; room: string }) => `${x.start}|${x.room}`));
    const free = ['Sala virtual 1', 'Sala virtual 2'].flatMap((room) => ['2032-12-02T17:00:00.000Z', '2032-12-03T17:00:00.000Z'].map((start) => ({ start, room }))).find((c) => !taken.has(`${c.start}|${c.room}`) && c.start !== at.get(co.id)!.start)!;
    const moved = await rt.call('PUT', `/api/sessions/${session}/schedule/hearings/${co.id}`, { as: SECRETARIAT, body: free });
    expect(moved.status).toBe(200);
    expect(moved.body.conflicts).toEqual([]);
    expect({ method: moved.body.method, provenGap: moved.body.provenGap }).toEqual({ method: 'manual', provenGap: null }); // the proof was of the proposal
    const v2 = await rt.call('POST', `/api/sessions/${session}/schedule/publish`, { as: SECRETARIAT });
    expect(v2.body.version).toBe(2);
    expect(v2.body.changes).toEqual([{ requestId: co.id, change: 'moved', from: { start: at.get(co.id)!.start, room: at.get(co.id)!.room }, to: free }]);
    // Publishing again with nothing moved makes no version 3 and tells nobody anything.
    const again = await rt.call('POST', `/api/sessions/${session}/schedule/publish`, { as: SECRETARIAT });
    expect(again.body).toEqual({ version: 2, changes: [], unchanged: true });

    const pub = await rt.call('GET', `/api/sessions/${session}/schedule`, { headers: { 'accept-language': 'en' } });
    expect(pub.status).toBe(200);
    // Cacheable at the edge, briefly (caching.int.test.ts covers the rest).
    expect(pub.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(pub.body.version).toBe(2);
    expect(pub.body.hearings).toHaveLength(4);
    expect(pub.text).not.toContain('Testigo Reservado');
    expect(pub.text).not.toContain('Caso muy reservado');
    const priv = pub.body.hearings.find((x: { requestId: string }) => x.requestId === secret.id);
    expect(priv).toMatchObject({ title: 'Private hearing', private: true, participants: [], states: ['NI'] });
    expect(pub.body.changelog.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const ics = await rt.call('GET', `/api/sessions/${session}/schedule.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/);
    const events = Object.values(ical.sync.parseICS(ics.text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(events).toHaveLength(4);
    const coEvent = events.find((e) => e.uid === `${session}-${co.id}@docket`)!;
    expect(new Date(coEvent.start as Date).toISOString()).toBe(free.start);
    expect(ics.text).not.toContain('Caso muy reservado');

    // Each applicant was told: the first version for all, the second only for the one that moved.
    const noticesNow = async () =>
      (await rt.call('GET', '/api/dev/outbox')).body.items.filter((m: { to: string; subject: string; text: string }) => m.to === 'ana@example.org' && m.subject.startsWith('Audiencia programada') && m.text.includes(`${session}.º`)) as { subject: string; text: string }[];
    await eventually('five notices of the schedule', async () => (await noticesNow()).length >= 5);
    // Everything queued so far is delivered, so a sixth (duplicate) notice would show here.
    await outboxDrained(rt);
    expect(await noticesNow()).toHaveLength(5);
    // And each State concerned its own (issue 16): CO, CO and VE, NI, PE, then CO again for the move.
    const toStates = (await rt.call('GET', '/api/dev/outbox')).body.items.filter((m: { to: string; text: string }) => m.to.startsWith('state.') && m.text.includes(`${session}.º`)) as { to: string }[];
    expect(toStates.map((m) => m.to).sort()).toEqual(['state.co@example.org', 'state.co@example.org', 'state.co@example.org', 'state.ni@example.org', 'state.pe@example.org', 'state.ve@example.org']);
  });

  it('returns 404 before publication and for a request that is not an accepted hearing of the session', async () => {
    const session = await freshSession();
    expect((await rt.call('GET', `/api/sessions/${session}/schedule`)).status).toBe(404);
    expect((await rt.call('GET', `/api/sessions/${session}/schedule.ics`)).status).toBe(404);
    await accepted(session);
    await rt.call('POST', `/api/sessions/${session}/schedule/proposals`, { as: SECRETARIAT });
    const res = await rt.call('PUT', `/api/sessions/${session}/schedule/hearings/NOPE`, { as: SECRETARIAT, body: { start: '2032-12-02T14:00:00Z', room: 'Sala virtual 1' } });
    expect(res.status).toBe(404);
  });

  it('explains who was left out: one room, one hour, two hearings', async () => {
    const session = await freshSession(['Sala única']);
    const first = await accepted(session, { states: ['AR'] });
    const second = await accepted(session, { states: ['AR'], unavailableDates: ['2032-12-02', '2032-12-03'] });
    const proposal = await rt.call('POST', `/api/sessions/${session}/schedule/proposals`, { as: SECRETARIAT, headers: { 'accept-language': 'en' } });
    expect(proposal.body.assignments.map((a: { requestId: string }) => a.requestId)).toEqual([first.id]);
    expect(proposal.body.unscheduled).toEqual([
      { requestId: second.id, reason: 'unavailable', resources: ['2032-12-02', '2032-12-03'], explanation: 'The participants are unavailable on every day left: 2032-12-02, 2032-12-03.' },
    ]);
  });

  it('lets only the secretariat edit rapporteurships, never giving a State to its national, with revisions', async () => {
    const current = await rt.call('GET', '/api/rapporteurships');
    expect(current.status).toBe(200);
    expect(Object.keys(current.body.rapporteurs)).toHaveLength(35);
    const national = await rt.call('PUT', '/api/rapporteurships', { as: SECRETARIAT, body: { rapporteurs: { ...current.body.rapporteurs, MX: ['c-mx'] }, revision: current.body.revision } });
    expect(national.status).toBe(422);
    expect((await rt.call('PUT', '/api/rapporteurships', { as: APPLICANT, body: { rapporteurs: current.body.rapporteurs, revision: current.body.revision } })).status).toBe(403);
    const ok = await rt.call('PUT', '/api/rapporteurships', { as: SECRETARIAT, body: { rapporteurs: current.body.rapporteurs, revision: current.body.revision } });
    expect(ok.status).toBe(200);
    expect(ok.body.revision).toBe(current.body.revision + 1);
    const stale = await rt.call('PUT', '/api/rapporteurships', { as: SECRETARIAT, body: { rapporteurs: current.body.rapporteurs, revision: current.body.revision } });
    expect(stale.status).toBe(409);
  });
});
