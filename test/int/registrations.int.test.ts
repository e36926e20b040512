// Registration to attend through the real stack (local runtime, handlers, DynamoDB Local):
// capacity under concurrency, the waiting list, cancel with promotion, tokens, check-in,
// the CSV export and the notifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestRuntime, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

let rt: TestRuntime;
const SECRETARIAT = 'secretariat@example.org';
const NOW = '2020-11-25T15:00:00Z'; // inside the 178th's registration window
const run = Date.now().toString(36);

beforeAll(async () => {
  // 200 registrations at once on purpose: past the stage throttle's burst (100) they
  // would be 429s, here as in AWS; the test is about the store, so no throttle.
  rt = await startTestRuntime({ now: NOW, throttle: false });
  // Each registrations instance takes one request at a time, as in Lambda: start them first.
  await rt.warm(['registrations', 'sessions']);
  await rt.setNow(NOW);
});
afterAll(async () => rt?.stop());

/** A throwaway Period of Sessions with registration open around NOW. */
const sessionWithSeats = (capacity: { in_person: number; online: number }) =>
  throwawaySession(rt, {
    format: 'hybrid',
    // Not open in September 2020, so pages that list open request windows are unaffected.
    requestWindow: { opensAt: '2020-10-01T00:00:00Z', closesAt: '2020-10-20T00:00:00Z' },
    registration: { opensAt: '2020-11-20T00:00:00Z', closesAt: '2020-12-10T00:00:00Z', capacity },
  });

const person = (i: number | string, extra: Record<string, unknown> = {}) => ({
  name: `Persona ${i}`,
  email: `p${i}.${run}@example.org`,
  country: 'BR',
  attendance: 'in_person',
  language: 'pt',
  consentToPublish: false,
  ...extra,
});

const tokenHeader = (token: string) => ({ 'x-registration-token': token });

interface Mail {
  subject: string;
  to: string;
  text: string;
  language?: string;
}

/** The dev outbox shows a multipart message raw: decode its text/plain part. */
function plainText(mail: Mail): Mail {
  const part = /Content-Type: text\/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(mail.text);
  return part ? { ...mail, text: Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8') } : mail;
}

async function waitForMail(match: (m: Mail) => boolean) {
  for (let i = 0; i < 100; i++) {
    const found = ((await rt.call('GET', '/api/dev/outbox')).body.items as Mail[]).map(plainText).find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe('registration under concurrency', () => {
  it('200 at once for 50 seats: exactly 50 confirmed, 150 waitlisted at 1-150; 10 cancels promote the first 10 in order', async () => {
    const number = await sessionWithSeats({ in_person: 50, online: 10 });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`c${number}-${i}`) })),
    );
    expect(results.filter((r) => r.status !== 201).map((r) => r.text).slice(0, 2)).toEqual([]);
    const confirmed = results.filter((r) => r.body.status === 'confirmed');
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(50);
    expect(waitlisted).toHaveLength(150);
    const positions = waitlisted.map((r) => r.body.waitlistPosition).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    for (const r of results) {
      expect(r.body.confirmationCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
      expect(Buffer.from(r.body.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    }
    expect(new Set(results.map((r) => r.body.confirmationCode)).size).toBe(200);

    const list = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT });
    expect(list.body.counts.in_person).toMatchObject({ capacity: 50, confirmed: 50, waitlisted: 150, cancelled: 0 });
    expect(list.text).not.toContain('tokenHash');

    const byPosition = new Map(waitlisted.map((r) => [r.body.waitlistPosition as number, r.body]));
    for (let k = 0; k < 10; k++) {
      const leaving = confirmed[k].body;
      const cancelled = await rt.call('POST', `/api/registrations/${leaving.id}/cancel`, { headers: tokenHeader(leaving.token) });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      const promoted = byPosition.get(k + 1)!;
      const now = await rt.call('GET', `/api/registrations/${promoted.id}`, { headers: tokenHeader(promoted.token) });
      expect(now.body.status).toBe('confirmed');
      const next = byPosition.get(k + 2)!;
      const waiting = await rt.call('GET', `/api/registrations/${next.id}`, { headers: tokenHeader(next.token) });
      expect(waiting.body.status).toBe('waitlisted');
      expect(waiting.body.waitlistPosition).toBe(1);
    }
    const after = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT });
    expect(after.body.counts.in_person).toMatchObject({ confirmed: 50, waitlisted: 140, cancelled: 10 });
    // The secretariat's list shows positions as they are now: 1-140, in the original order.
    const nowWaiting = after.body.items.filter((r: { status: string }) => r.status === 'waitlisted');
    expect(nowWaiting.map((r: { id: string; waitlistPosition: number }) => byPosition.get(r.waitlistPosition + 10)!.id)).toEqual(nowWaiting.map((r: { id: string }) => r.id));
    expect(nowWaiting.map((r: { waitlistPosition: number }) => r.waitlistPosition).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
    // The promoted person is told, in the language they chose.
    const first = byPosition.get(1)!;
    const mail = await waitForMail((m) => m.subject.startsWith('Uma vaga foi liberada') && m.subject.includes(first.confirmationCode));
    expect(mail).toBeDefined();
    expect(mail!.language).toBe('pt');
    expect(mail!.text).toContain(`Código de confirmação: ${first.confirmationCode}`);
    // A safety net only: one request per instance makes the burst slower than the batched path it replaced.
  }, 180_000);
});

describe('registration races', () => {
  it('cancels racing new registrations keep the seats exact and promote the first waiting; one email wins once', async () => {
    const number = await sessionWithSeats({ in_person: 10, online: 10 });
    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`r${number}-${i}`) })));
    const confirmed = first.filter((r) => r.body.status === 'confirmed').map((r) => r.body);
    const waiting = first.filter((r) => r.body.status === 'waitlisted').map((r) => r.body).sort((a, b) => a.waitlistPosition - b.waitlistPosition);
    expect([confirmed.length, waiting.length]).toEqual([10, 20]);
    const [cancels, late, same] = await Promise.all([
      Promise.all(confirmed.slice(0, 5).map((r) => rt.call('POST', `/api/registrations/${r.id}/cancel`, { headers: tokenHeader(r.token) }))),
      Promise.all(Array.from({ length: 10 }, (_, i) => rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`late${number}-${i}`) }))),
      Promise.all(Array.from({ length: 5 }, () => rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`same${number}`, { attendance: 'online' }) }))),
    ]);
    expect(cancels.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    expect(late.map((r) => r.body.status)).toEqual(Array(10).fill('waitlisted'));
    expect(same.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const list = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT });
    expect(list.body.counts.in_person).toMatchObject({ confirmed: 10, waitlisted: 25, cancelled: 5 });
    const status = new Map(list.body.items.map((r: { id: string; status: string }) => [r.id, r.status]));
    expect(waiting.map((r) => status.get(r.id))).toEqual([...Array(5).fill('confirmed'), ...Array(15).fill('waitlisted')]);
  });
});

describe('registration rules', () => {
  it('refuses the same email twice (409) until the first is cancelled', async () => {
    const number = await sessionWithSeats({ in_person: 5, online: 5 });
    const first = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('dup') });
    expect(first.status).toBe(201);
    const again = await rt.call('POST', `/api/sessions/${number}/registrations`, {
      body: person('other', { email: `  P-DUP.${run}@Example.ORG `.replace('P-DUP', 'Pdup'), attendance: 'online' }),
      headers: { 'accept-language': 'es' },
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('Ya hay una inscripción activa');
    await rt.call('POST', `/api/registrations/${first.body.id}/cancel`, { headers: tokenHeader(first.body.token) });
    expect((await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('dup') })).status).toBe(201);
  });

  it('gives no access without the right token', async () => {
    const number = await sessionWithSeats({ in_person: 5, online: 5 });
    const { body } = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('tok') });
    // One character changed: a string that is certainly not the token.
    const wrong = tokenHeader(`${body.token[0] === 'A' ? 'B' : 'A'}${body.token.slice(1)}`);
    // A public route: the handler itself asks for the token, so a problem, not a gateway 401.
    const missing = await rt.call('GET', `/api/registrations/${body.id}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await rt.call('GET', `/api/registrations/${body.id}`, { headers: wrong })).status).toBe(403);
    expect((await rt.call('GET', `/api/registrations/${body.id}/qr.svg`, { headers: wrong })).status).toBe(403);
    expect((await rt.call('POST', `/api/registrations/${body.id}/cancel`, { headers: wrong })).status).toBe(403);
    expect((await rt.call('POST', `/api/registrations/${body.id}/cancel`)).status).toBe(401);
    const mine = await rt.call('GET', `/api/registrations/${body.id}`, { headers: tokenHeader(body.token) });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'confirmed', confirmationCode: body.confirmationCode, name: 'Persona tok' });
    expect(mine.text).not.toMatch(/tokenHash|"token"/);
    const qr = await rt.call('GET', `/api/registrations/${body.id}/qr.svg`, { headers: tokenHeader(body.token) });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(qr.text).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await rt.call('GET', '/api/registrations/01ARZ3NDEKTSV4RRFFQ69G5FAV', { headers: tokenHeader(body.token) })).status).toBe(404);
  });

  it('checks a code in once: 200 with the time, 409 after', async () => {
    const number = await sessionWithSeats({ in_person: 5, online: 5 });
    const { body } = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('in') });
    const code = body.confirmationCode as string;
    expect((await rt.call('POST', `/api/sessions/${number}/check-ins`, { as: 'applicant1@example.org', body: { confirmationCode: code } })).status).toBe(403);
    const first = await rt.call('POST', `/api/sessions/${number}/check-ins`, { as: SECRETARIAT, body: { confirmationCode: `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}` } });
    expect(first.status).toBe(200);
    expect(first.body.checkedIn).toBe(true);
    expect(Date.parse(first.body.checkedInAt)).toBeGreaterThanOrEqual(Date.parse(NOW));
    const second = await rt.call('POST', `/api/sessions/${number}/check-ins`, { as: SECRETARIAT, body: { confirmationCode: code } });
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain(first.body.checkedInAt);
    const unknown = await rt.call('POST', `/api/sessions/${number}/check-ins`, { as: SECRETARIAT, body: { confirmationCode: 'ZZZZ2222' } });
    expect(unknown.status).toBe(404);
    const cannotCancel = await rt.call('POST', `/api/registrations/${body.id}/cancel`, { headers: tokenHeader(body.token) });
    expect(cannotCancel.status).toBe(409);
  });

  it('opens only in the window and refuses a mode with no seats, saying what the session offers', async () => {
    const number = await sessionWithSeats({ in_person: 0, online: 5 });
    const inPerson = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('m1'), headers: { 'accept-language': 'en' } });
    expect(inPerson.status).toBe(422);
    expect(inPerson.body.detail).toContain('online only');
    expect(inPerson.body.errors[0].path).toBe('attendance');
    const s176 = await rt.call('POST', '/api/sessions/176/registrations', { body: person('m2', { attendance: 'online' }), headers: { 'accept-language': 'en' } });
    expect(s176.status).toBe(422); // window closed in Nov 2020 anyway; check the mode rule inside its window below
    await rt.setNow('2020-07-01T12:00:00Z');
    try {
      const none = await rt.call('POST', '/api/sessions/176/registrations', { body: person('m3', { attendance: 'online' }), headers: { 'accept-language': 'en' } });
      expect(none.status).toBe(422);
      expect(none.body.detail).toContain('no public attendance');
      const early = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('m4', { attendance: 'online' }), headers: { 'accept-language': 'en' } });
      expect(early.status).toBe(422);
      expect(early.body.detail).toMatch(/opens on November 19, 2020.*closes on December 9, 2020/);
    } finally {
      await rt.setNow(NOW);
    }
    const s175 = await rt.call('POST', '/api/sessions/175/registrations', { body: person('m5', { attendance: 'online' }), headers: { 'accept-language': 'fr' } });
    expect(s175.status).toBe(422);
    expect(s175.body.detail).toMatch(/mars 2020/);
  });

  it('exports a CSV with a BOM, quoting and accents; lists counts; says how long data is kept', async () => {
    const number = await sessionWithSeats({ in_person: 1, online: 5 });
    await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('csv1', { name: 'João "Jota" da Silva, Jr.', organization: '=HYPERLINK("x")' }) });
    await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('csv2', { name: 'Zoë Müller' }) });
    const csv = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const res = await fetch(`${rt.url}/api/sessions/${number}/registrations`, { headers: { accept: 'text/csv', authorization: `Bearer ${await rt.token(SECRETARIAT)}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0].startsWith('confirmationCode,status,attendance,waitlistPosition,name,email')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(text).toContain('"João ""Jota"" da Silva, Jr."');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain('Zoë Müller');
    expect(lines[2]).toContain(',waitlisted,in_person,1,');
    const json = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT });
    expect(json.body.counts).toEqual({
      in_person: { capacity: 1, confirmed: 1, waitlisted: 1, cancelled: 0, checkedIn: 0 },
      online: { capacity: 5, confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 },
    });
    const info = await rt.call('GET', `/api/sessions/${number}/registration-info`);
    expect(info.body).toMatchObject({ open: true, retentionDays: 90, deleteAfter: '2021-03-16T00:00:00.000Z' });
    expect(info.body.modes.in_person).toEqual({ offered: true, capacity: 1, available: 0, waiting: 1 });
  });

  it('sends the confirmation in the chosen language with the code and the manage link', async () => {
    const number = await sessionWithSeats({ in_person: 5, online: 5 });
    const email = `mail.${run}@example.org`;
    const { body } = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('mail', { email, language: 'fr', attendance: 'online' }) });
    const mail = await waitForMail((m) => m.to === email);
    expect(mail).toBeDefined();
    expect(mail!.language).toBe('fr');
    expect(mail!.subject).toBe(`Inscription confirmée — ${number}e Période de sessions (code ${body.confirmationCode})`);
    expect(mail!.text).toContain(`#/registration?id=${body.id}&token=${body.token}`);
    expect(mail!.text).toContain('90 jours');
  });
});
