// The hearing itself (issue 16) through the real stack: the State sees its own accepted
// and scheduled hearings without confidential names and registers its delegation;
// joining details reach every party (and no one else), also by mail in each recipient's
// language; the speaking plan; titles in four languages in the public schedule and
// iCal; the record afterwards and the public archive with its Atom feed.
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxDrained, waitForMail } from '../support/outbox';
import { verifyByEmail } from '../support/registrations';
import { type TestRuntime, isGatewayError, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

const NOW = '2034-05-10T12:00:00Z';
const SECRETARIAT = 'secretariat@example.org';
const APPLICANT = 'applicant1@example.org';
const OTHER = 'applicant2@example.org';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

const freshSession = () =>
  throwawaySession(rt, {
    startDate: '2034-12-01',
    endDate: '2034-12-10',
    requestWindow: { opensAt: '2034-05-01T00:00:00Z', closesAt: '2034-06-01T03:59:59Z' },
    registration: { opensAt: '2034-11-01T00:00:00Z', closesAt: '2034-12-10T00:00:00Z', capacity: { in_person: 0, online: 100 } },
    hearingDays: ['2034-12-04', '2034-12-05'],
    rooms: ['Sala virtual 1', 'Sala virtual 2'],
    workingHours: { start: '09:00', end: '13:00' },
  });

let seq = 0;
const body = (sessionNumber: number, over: Record<string, unknown> = {}) => ({
  sessionNumber,
  kind: 'thematic',
  states: ['CO'],
  title: `Personas defensoras ${seq++} ${Math.random().toString(36).slice(2, 6)}`,
  objective: 'Informar a la Comisión sobre la situación.',
  basis: 'Hechos recientes que afectan a personas defensoras de derechos humanos.',
  participants: [
    { name: 'Ana Pérez', organization: 'Colectivo', role: 'representative', confidential: false },
    { name: 'Testigo Reservado', organization: 'Organización Secreta', role: 'witness', confidential: true },
  ],
  languages: ['es'],
  private: false,
  contact: { name: 'Ana Pérez', email: `ana.${seq}@example.org` },
  language: 'es',
  ...over,
});

async function submitted(session: number, over: Record<string, unknown> = {}) {
  const res = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: body(session, over) });
  if (res.status !== 201) throw new Error(`submit failed: ${res.text}`);
  return res.body as { id: string; title: string; contact: { email: string } };
}
async function accepted(session: number, over: Record<string, unknown> = {}) {
  const r = await submitted(session, over);
  const decided = await rt.call('POST', `/api/hearing-requests/${r.id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Admisible', releaseNow: true } });
  if (decided.status !== 200) throw new Error(`decision failed: ${decided.text}`);
  return r;
}
async function publish(session: number) {
  expect((await rt.call('POST', `/api/sessions/${session}/schedule/proposals`, { as: SECRETARIAT })).status).toBe(201);
  const res = await rt.call('POST', `/api/sessions/${session}/schedule/publish`, { as: SECRETARIAT });
  expect(res.status, res.text).toBe(200);
}

const joining = {
  videoLink: 'https://meet.example.org/cidh-178-1',
  passcode: '482913',
  interpretation: [
    { language: 'en', channel: 'Canal 2' },
    { language: 'pt', channel: 'Canal 3' },
  ],
  securityGuidelines: 'https://www.example.org/cidh/seguridad.pdf',
};

describe('the State as a party', () => {
  it("lists only its own State's accepted and scheduled hearings, without confidential names; refuses anyone else", async () => {
    const session = await freshSession();
    const co = await accepted(session, { states: ['CO'] });
    const coVe = await accepted(session, { states: ['CO', 'VE'] });
    const review = await submitted(session, { states: ['CO'] }); // still under review: never shown
    const peru = await accepted(session, { states: ['PE'] });

    const res = await rt.call('GET', '/api/state/hearings', { as: 'state.co@example.org' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('CO');
    const ids = res.body.items.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([co.id, coVe.id]));
    expect(ids).not.toContain(review.id);
    expect(ids).not.toContain(peru.id);
    expect(res.text).not.toContain('Testigo Reservado');
    expect(res.text).not.toContain('Organización Secreta');
    expect(res.text).not.toContain('ana.'); // the applicant's contact stays with the secretariat
    const regional = res.body.items.find((x: { id: string }) => x.id === coVe.id);
    expect(regional.scope).toBe('regional');
    expect(regional.participants).toContainEqual({ role: 'witness', confidential: true });

    // Venezuela sees the regional hearing, not Colombia's own.
    const ve = await rt.call('GET', '/api/state/hearings', { as: 'state.ve@example.org' });
    expect(ve.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([coVe.id]));
    expect(ve.body.items.map((x: { id: string }) => x.id)).not.toContain(co.id);

    // Refused everything else a State has no business with.
    expect((await rt.call('GET', `/api/hearing-requests/${co.id}`, { as: 'state.co@example.org' })).status).toBe(403);
    expect((await rt.call('GET', '/api/hearing-requests', { as: 'state.co@example.org' })).status).toBe(403);
    expect((await rt.call('POST', `/api/hearing-requests/${co.id}/decision`, { as: 'state.co@example.org', body: { decision: 'rejected', reason: 'No' } })).status).toBe(403);
    expect((await rt.call('GET', '/api/state/hearings', { as: APPLICANT })).status).toBe(403);
    expect((await rt.call('GET', '/api/state/hearings')).status).toBe(401);
  });

  it('registers its delegation for a hearing concerning it, within the limit and before the deadline', async () => {
    const session = await freshSession();
    const co = await accepted(session, { states: ['CO'] });
    const members = [
      { name: 'Embajadora Uno', role: 'head' },
      { name: 'Asesor Dos', role: 'adviser' },
    ];
    const saved = await rt.call('PUT', `/api/hearings/${co.id}/delegation`, { as: 'state.co@example.org', body: { members } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.delegation.members).toEqual(members);
    const listed = await rt.call('GET', '/api/state/hearings', { as: 'state.co@example.org' });
    expect(listed.body.items.find((x: { id: string }) => x.id === co.id).delegation.members).toEqual(members);

    // Another State: 403; too many people: 422 naming the field; a request under review: 404.
    expect((await rt.call('PUT', `/api/hearings/${co.id}/delegation`, { as: 'state.pe@example.org', body: { members } })).status).toBe(403);
    const tooMany = await rt.call('PUT', `/api/hearings/${co.id}/delegation`, {
      as: 'state.co@example.org',
      headers: { 'accept-language': 'en' },
      body: { members: Array.from({ length: 11 }, (_, i) => ({ name: `Persona ${i}`, role: 'delegate' })) },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('members');
    expect(tooMany.body.errors[0].message).toContain('1 to 10');
    const review = await submitted(session, { states: ['CO'] });
    expect((await rt.call('PUT', `/api/hearings/${review.id}/delegation`, { as: 'state.co@example.org', body: { members } })).status).toBe(404);

    // Past the deadline (24 h before the Period starts, unscheduled): 409.
    await rt.setNow('2034-11-30T12:00:00Z');
    try {
      const late = await rt.call('PUT', `/api/hearings/${co.id}/delegation`, { as: 'state.co@example.org', body: { members } });
      expect(late.status).toBe(409);
    } finally {
      await rt.setNow(NOW);
    }
  });
});

describe('joining details', () => {
  it('every party reads them, an unrelated applicant or State is refused, the public is unauthorized; the notices carry them in each language', async () => {
    const session = await freshSession();
    const h = await accepted(session, { states: ['BR'], language: 'en' });
    expect((await rt.call('PUT', `/api/hearings/${h.id}/joining`, { as: SECRETARIAT, body: { ...joining, videoLink: 'http://insecure.example.org' } })).status).toBe(422);
    const set = await rt.call('PUT', `/api/hearings/${h.id}/joining`, { as: SECRETARIAT, body: joining });
    expect(set.status, set.text).toBe(200);

    for (const who of [APPLICANT, 'state.br@example.org', SECRETARIAT, 'commissioner.mx@example.org']) {
      const res = await rt.call('GET', `/api/hearings/${h.id}/joining`, { as: who });
      expect(res.status, who).toBe(200);
      expect(res.body.videoLink).toBe(joining.videoLink);
    }
    // The Brazilian commissioner is a national of the State concerned (Art. 17): not a party.
    expect((await rt.call('GET', `/api/hearings/${h.id}/joining`, { as: 'commissioner.br@example.org' })).status).toBe(403);
    expect((await rt.call('GET', `/api/hearings/${h.id}/joining`, { as: OTHER })).status).toBe(403);
    expect((await rt.call('GET', `/api/hearings/${h.id}/joining`, { as: 'state.co@example.org' })).status).toBe(403);
    const anonymous = await rt.call('GET', `/api/hearings/${h.id}/joining`);
    expect(anonymous.status).toBe(401);
    expect(isGatewayError(anonymous)).toBe(true);

    await publish(session);
    // The applicant asked in English; Brazil is told in Portuguese: both with the link.
    const applicantMail = await waitForMail(rt, 'the applicant notice', (m) => m.to === h.contact.email && m.subject.includes(h.title));
    expect(applicantMail.language).toBe('en');
    expect(applicantMail.text).toContain('How to join the hearing');
    expect(applicantMail.text).toContain(joining.videoLink);
    expect(applicantMail.text).toContain('Portuguese: Canal 3');
    const stateMail = await waitForMail(rt, "Brazil's notice", (m) => m.to === 'state.br@example.org' && m.subject.includes(h.title));
    expect(stateMail.language).toBe('pt');
    expect(stateMail.text).toContain('Como participar da audiência');
    expect(stateMail.text).toContain(joining.videoLink);
    expect(stateMail.text).toContain('482913');
    expect(stateMail.text).toContain('delegação');

    // The day before, again, with the details as they are then (a new passcode).
    expect((await rt.call('PUT', `/api/hearings/${h.id}/joining`, { as: SECRETARIAT, body: { ...joining, passcode: '777111' } })).status).toBe(200);
    const slot = (await rt.call('GET', `/api/hearing-requests/${h.id}`, { as: APPLICANT })).body.slot as { start: string };
    expect(slot).toBeDefined();
    await rt.setNow(new Date(Date.parse(slot.start) - 12 * 3600_000).toISOString());
    try {
      const reminder = await waitForMail(rt, "Brazil's reminder", (m) => m.to === 'state.br@example.org' && m.subject.startsWith('Amanhã') && m.subject.includes(h.title));
      expect(reminder.text).toContain('777111');
      const applicantReminder = await waitForMail(rt, "the applicant's reminder", (m) => m.to === h.contact.email && m.subject.startsWith('Tomorrow'));
      expect(applicantReminder.text).toContain(joining.videoLink);
    } finally {
      await rt.setNow(NOW);
    }
    // Once: the sweep runs every few seconds, the reminder went out once per recipient.
    const outbox = (await rt.call('GET', '/api/dev/outbox')).body.items as { to: string; subject: string }[];
    expect(outbox.filter((m) => m.to === 'state.br@example.org' && m.subject.startsWith('Amanhã') && m.subject.includes(h.title))).toHaveLength(1);
  });
});

describe('speaking time', () => {
  it('gives both parties equal minutes by kind (20/20 country, 30/30 regional), and the secretariat edits it only keeping them equal', async () => {
    const session = await freshSession();
    const country = await accepted(session, { states: ['CO'] });
    const regional = await accepted(session, { states: ['CO', 'VE', 'EC'] });
    await publish(session);

    const c = await rt.call('GET', `/api/hearings/${country.id}/plan`, { as: 'commissioner.cl@example.org' });
    expect(c.status, c.text).toBe(200);
    expect(c.body.scope).toBe('country');
    expect(c.body.segments.slice(0, 2)).toEqual([
      { speaker: 'petitioners', minutes: 20 },
      { speaker: 'state', minutes: 20 },
    ]);
    expect(c.body.partyMinutes.petitioners).toBe(c.body.partyMinutes.state);
    const r = await rt.call('GET', `/api/hearings/${regional.id}/plan`, { as: 'state.ve@example.org' });
    expect(r.body.scope).toBe('regional');
    expect(r.body.segments.slice(0, 2)).toEqual([
      { speaker: 'petitioners', minutes: 30 },
      { speaker: 'state', minutes: 30 },
    ]);

    const unequal = await rt.call('PUT', `/api/hearings/${country.id}/plan`, {
      as: SECRETARIAT,
      headers: { 'accept-language': 'en' },
      body: { revision: 0, segments: [{ speaker: 'petitioners', minutes: 25 }, { speaker: 'state', minutes: 20 }] },
    });
    expect(unequal.status).toBe(422);
    expect(unequal.body.errors[0].message).toContain('25');
    const tooLong = await rt.call('PUT', `/api/hearings/${country.id}/plan`, { as: SECRETARIAT, body: { revision: 0, segments: [{ speaker: 'petitioners', minutes: 40 }, { speaker: 'state', minutes: 40 }] } });
    expect(tooLong.status).toBe(422); // a country hearing has one 60-minute slot
    const edited = await rt.call('PUT', `/api/hearings/${country.id}/plan`, {
      as: SECRETARIAT,
      body: { revision: 0, segments: [{ speaker: 'petitioners', minutes: 15 }, { speaker: 'state', minutes: 15 }, { speaker: 'commission', minutes: 20 }] },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.revision).toBe(1);
    expect((await rt.call('PUT', `/api/hearings/${country.id}/plan`, { as: SECRETARIAT, body: { revision: 0, segments: edited.body.segments } })).status).toBe(409);
    expect((await rt.call('PUT', `/api/hearings/${country.id}/plan`, { as: 'state.co@example.org', body: { revision: 1, segments: edited.body.segments } })).status).toBe(403);
    expect((await rt.call('GET', `/api/hearings/${country.id}/plan`, { as: OTHER })).status).toBe(403);
  });
});

describe('titles in four languages and the public record', () => {
  it('shows the translated title first in the schedule and iCal; the archive and its feed omit private hearings and confidential names', async () => {
    const session = await freshSession();
    const open = await accepted(session, { states: ['CO'] });
    const closed = await accepted(session, { states: ['NI'], private: true, privateReason: 'Riesgo', title: 'Caso muy reservado' });
    const titles = await rt.call('PUT', `/api/hearings/${open.id}/titles`, { as: SECRETARIAT, headers: { 'accept-language': 'en' }, body: { en: 'Human rights defenders in Colombia', fr: 'Défenseurs en Colombie' } });
    expect(titles.status, titles.text).toBe(200);
    expect(titles.body.titles[0]).toEqual({ language: 'en', title: 'Human rights defenders in Colombia' });
    expect((await rt.call('PUT', `/api/hearings/${open.id}/titles`, { as: SECRETARIAT, body: {} })).status).toBe(422);
    await publish(session);

    const schedule = await rt.call('GET', `/api/sessions/${session}/schedule`, { headers: { 'accept-language': 'fr' } });
    const shown = schedule.body.hearings.find((x: { requestId: string }) => x.requestId === open.id);
    expect(shown.title).toBe('Défenseurs en Colombie');
    expect(shown.titles.map((t: { language: string }) => t.language)).toEqual(['fr', 'en']);
    const spanish = await rt.call('GET', `/api/sessions/${session}/schedule`, { headers: { 'accept-language': 'es' } });
    expect(spanish.body.hearings.find((x: { requestId: string }) => x.requestId === open.id).title).toBe(open.title); // no Spanish translation: the original
    const ics = await rt.call('GET', `/api/sessions/${session}/schedule.ics`, { headers: { 'accept-language': 'en' } });
    const events = Object.values(ical.sync.parseICS(ics.text)).filter((e) => e?.type === 'VEVENT') as { summary: string; description?: string }[];
    const event = events.find((e) => String(e.summary).startsWith('Human rights defenders in Colombia'));
    expect(event).toBeDefined();
    expect(String(event!.description)).toContain('FR: Défenseurs en Colombie');

    const summary = { es: 'Resumen en español.', en: 'Summary in English.', pt: 'Resumo em português.', fr: 'Résumé en français.' };
    // Not held yet: 409.
    expect((await rt.call('PUT', `/api/hearings/${open.id}/record`, { as: SECRETARIAT, body: { recordingUrl: 'https://video.example.org/1', summary } })).status).toBe(409);
    await rt.setNow('2034-12-06T12:00:00Z');
    try {
      const kept = await rt.call('PUT', `/api/hearings/${open.id}/record`, { as: SECRETARIAT, body: { recordingUrl: 'https://video.example.org/1', summary } });
      expect(kept.status, kept.text).toBe(200);
      expect((await rt.call('PUT', `/api/hearings/${closed.id}/record`, { as: SECRETARIAT, body: { recordingUrl: 'https://video.example.org/2', summary } })).status).toBe(422);
      expect((await rt.call('PUT', `/api/hearings/${closed.id}/record`, { as: SECRETARIAT, body: { summary } })).status).toBe(200);
      expect((await rt.call('PUT', `/api/hearings/${open.id}/record`, { as: APPLICANT, body: { summary } })).status).toBe(403);
    } finally {
      await rt.setNow(NOW);
    }

    const archive = await rt.call('GET', `/api/sessions/${session}/archive`, { headers: { 'accept-language': 'pt' } });
    expect(archive.status).toBe(200);
    expect(archive.body.hearings.map((x: { requestId: string }) => x.requestId)).toEqual([open.id]);
    expect(archive.body.hearings[0].summary).toBe(summary.pt);
    expect(archive.body.hearings[0].recordingUrl).toBe('https://video.example.org/1');
    expect(archive.text).not.toContain('Testigo Reservado');
    expect(archive.text).not.toContain('Caso muy reservado');
    const feed = await rt.call('GET', `/api/sessions/${session}/archive.atom`, { headers: { 'accept-language': 'en' } });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    expect(feed.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.text).toContain('Human rights defenders in Colombia');
    expect(feed.text).toContain('Summary in English.');
    expect(feed.text).not.toContain('Caso muy reservado');
    expect(feed.text).not.toContain('Testigo Reservado');
    expect((await rt.call('GET', '/api/sessions/9999/archive')).status).toBe(404);
  });
});

/** A Period with one online hearing day (4 December 2034) and registration open around NOW. */
const viewingSession = (capacity: { in_person: number; online: number }) =>
  throwawaySession(rt, {
    startDate: '2034-12-01',
    endDate: '2034-12-10',
    requestWindow: { opensAt: '2034-03-01T00:00:00Z', closesAt: '2034-04-01T00:00:00Z' },
    registration: { opensAt: '2034-05-01T00:00:00Z', closesAt: '2034-12-10T00:00:00Z', capacity },
    hearingDays: ['2034-12-04'],
    rooms: ['Sala virtual 1'],
  });

describe('the public viewing link', () => {
  it("goes to online registrants in their confirmation instead of the entrance", async () => {
    const session = await viewingSession({ in_person: 10, online: 100 });
    expect((await rt.call('PUT', `/api/sessions/${session}/webcast`, { as: SECRETARIAT, body: { url: 'http://insecure.example.org' } })).status).toBe(422);
    expect((await rt.call('PUT', `/api/sessions/${session}/webcast`, { as: SECRETARIAT, body: { url: 'https://www.example.org/cidh/en-vivo' } })).status).toBe(200);
    const register = (email: string, attendance: string) =>
      rt.call('POST', `/api/sessions/${session}/registrations`, { body: { name: 'Persona Asistente', email, country: 'PE', attendance, language: 'en', consentToPublish: false } });
    const online = `online.${Date.now()}@example.org`;
    const inPerson = `in-person.${Date.now()}@example.org`;
    expect((await register(online, 'online')).status).toBe(201);
    expect((await register(inPerson, 'in_person')).status).toBe(201);
    const onlineMail = await waitForMail(rt, 'the online confirmation', (m) => m.to === online);
    expect(onlineMail.text).toContain('Watch the public hearings online here: https://www.example.org/cidh/en-vivo');
    expect(onlineMail.text).not.toContain('entrance');
    const inPersonMail = await waitForMail(rt, 'the in-person confirmation', (m) => m.to === inPerson);
    expect(inPersonMail.text).toContain('show it at the entrance');

    // The eve of the first hearing day: the online registrant (address proven) is reminded
    // of the link once, however many times the reminder runs; the in-person one is not.
    const registrations = (await rt.call('GET', `/api/sessions/${session}/registrations`, { as: SECRETARIAT })).body.items as { id: string; email: string }[];
    await verifyByEmail(rt, registrations.find((r) => r.email === online)!.id);
    await verifyByEmail(rt, registrations.find((r) => r.email === inPerson)!.id);
    try {
      await rt.setNow('2034-12-03T15:00:00Z');
      for (let i = 0; i < 3; i++) expect((await rt.invoke('hearing-reminders', {})).kind).toBe('ok');
      const reminder = await waitForMail(rt, 'the viewing reminder', (m) => m.to === online && m.subject.includes('starts tomorrow'));
      expect(reminder.text).toContain('Watch them here: https://www.example.org/cidh/en-vivo');
      await outboxDrained(rt);
      const mails = (await rt.call('GET', '/api/dev/outbox')).body.items as { to: string; subject: string }[];
      expect(mails.filter((m) => m.to === online && m.subject.includes('starts tomorrow'))).toHaveLength(1);
      expect(mails.filter((m) => m.to === inPerson && m.subject.includes('starts tomorrow'))).toHaveLength(0);
    } finally {
      await rt.setNow(NOW);
    }
  });
});

// A name is whatever a stranger typed into the public form, so every mail carries it
// escaped (registrations/notices.ts escapeName), the reminders included (found by the
// second security review).
describe('the public viewing reminder', () => {
  it('carries the registrant’s name escaped: no line break, no link a stranger wrote', async () => {
    const session = await viewingSession({ in_person: 0, online: 10 });
    const email = `viewer.${Date.now()}@example.org`;
    // A name written to pass for the Commission's own words, with a link of its own.
    const name = 'Ana\n\nYour seat was cancelled. Register again at https://evil.example.net/cidh';
    const res = await rt.call('POST', `/api/sessions/${session}/registrations`, {
      body: { name, email, country: 'PE', attendance: 'online', language: 'en', consentToPublish: false },
    });
    expect(res.status).toBe(201);
    await verifyByEmail(rt, res.body.id);
    try {
      await rt.setNow('2034-12-03T15:00:00Z');
      expect((await rt.invoke('hearing-reminders', {})).kind).toBe('ok');
      const reminder = await waitForMail(rt, 'the viewing reminder', (m) => m.to === email && m.subject.includes('starts tomorrow'));
      expect(reminder.text).not.toContain('https://evil.example.net');
      expect(reminder.text).not.toContain('Ana\n\nYour seat');
      expect(reminder.text).toContain('Ana Your seat was cancelled. Register again at https[:]//evil[.]example[.]net/cidh');
    } finally {
      await rt.setNow(NOW);
    }
  }, 180_000);
});
