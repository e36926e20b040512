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

/** The manage tokens of registrations, read from the emailed links (the API never answers them). */
async function tokensOf(ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < 150 && found.size < ids.length; i++) {
    for (const mail of (await rt.call('GET', '/api/dev/outbox')).body.items as Mail[]) {
      const link = /#\/registration\?id=([0-9A-Z]{26})&token=([A-Za-z0-9_-]+)/.exec(plainText(mail).text);
      if (link && ids.includes(link[1])) found.set(link[1], link[2]);
    }
    if (found.size < ids.length) await new Promise((r) => setTimeout(r, 200));
  }
  return found;
}
const tokenOf = async (id: string) => {
  const token = (await tokensOf([id])).get(id);
  if (!token) throw new Error(`no emailed link for ${id}`);
  return token;
};

describe('registration that proves the email (issue 13)', () => {
  it('an unverified hold expires by itself and its seat passes to the next in line; a late verify is refused', async () => {
    const number = await sessionWithSeats({ in_person: 1, online: 1 });
    const a = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`hold-a${number}`) });
    const b = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`hold-b${number}`) });
    expect([a.body.status, b.body.status, b.body.waitlistPosition]).toEqual(['confirmed', 'waitlisted', 1]);
    expect(a.body.verified).toBe(false);
    expect(Date.parse(a.body.holdUntil) - Date.parse(NOW)).toBeGreaterThanOrEqual(30 * 60_000);
    const tokens = await tokensOf([a.body.id, b.body.id]);
    const verifiedB = await rt.call('POST', `/api/registrations/${b.body.id}/verify`, { headers: tokenHeader(tokens.get(b.body.id)!) });
    expect(verifiedB.status).toBe(200);
    expect(verifiedB.body.verifiedAt).toBeDefined();
    await rt.setNow(new Date(Date.parse(NOW) + 31 * 60_000).toISOString());
    try {
      let bNow: any;
      for (let i = 0; i < 150; i++) {
        bNow = (await rt.call('GET', `/api/registrations/${b.body.id}`, { headers: tokenHeader(tokens.get(b.body.id)!) })).body;
        if (bNow.status === 'confirmed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(bNow.status).toBe('confirmed');
      expect(bNow.promotedAt).toBeDefined();
      const aNow = await rt.call('GET', `/api/registrations/${a.body.id}`, { headers: tokenHeader(tokens.get(a.body.id)!) });
      expect(aNow.body.status).toBe('expired');
      const late = await rt.call('POST', `/api/registrations/${a.body.id}/verify`, { headers: tokenHeader(tokens.get(a.body.id)!), });
      expect(late.status).toBe(409);
      const list = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT });
      expect(list.body.counts.in_person).toMatchObject({ confirmed: 1, waitlisted: 0, expired: 1, cancelled: 0 });
      // The address may register again.
      expect((await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`hold-a${number}`) })).status).toBe(201);
    } finally {
      await rt.setNow(NOW);
    }
  });

  it('verify needs the token: none 401, wrong 403, right 200 (twice is fine)', async () => {
    const number = await sessionWithSeats({ in_person: 2, online: 2 });
    const { body } = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`v${number}`) });
    const token = await tokenOf(body.id);
    const wrong = tokenHeader(`${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`);
    expect((await rt.call('POST', `/api/registrations/${body.id}/verify`)).status).toBe(401);
    expect((await rt.call('POST', `/api/registrations/${body.id}/verify`, { headers: wrong })).status).toBe(403);
    const mine = await rt.call('GET', `/api/registrations/${body.id}`, { headers: tokenHeader(token) });
    expect(mine.body.verifiedAt).toBeUndefined();
    const ok = await rt.call('POST', `/api/registrations/${body.id}/verify`, { headers: tokenHeader(token) });
    expect(ok.status).toBe(200);
    expect(ok.body.holdUntil).toBeUndefined();
    const again = await rt.call('POST', `/api/registrations/${body.id}/verify`, { headers: tokenHeader(token) });
    expect([again.status, again.body.verifiedAt]).toEqual([200, ok.body.verifiedAt]);
  });

  it('a repeat with the same Idempotency-Key gets the first answer, not 409', async () => {
    const number = await sessionWithSeats({ in_person: 2, online: 2 });
    const headers = { 'idempotency-key': `k-${number}-${run}` };
    const first = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`idem${number}`), headers });
    const again = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`idem${number}`, { name: 'Typo fixed' }), headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    const other = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`idem${number}`, { name: 'Typo fixed' }), headers: { 'idempotency-key': `other-${number}-${run}` } });
    expect(other.status).toBe(409);
    const bad = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`idem2${number}`), headers: { 'idempotency-key': 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('idempotency-key');
  });
});

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
      // The manage token travels only by email (issue 13).
      expect(Object.keys(r.body)).not.toContain('token');
      expect(r.text).not.toMatch(/token/i);
    }
    expect(new Set(results.map((r) => r.body.confirmationCode)).size).toBe(200);
    const tokens = await tokensOf([...confirmed.slice(0, 10), ...waitlisted].map((r) => r.body.id));
    expect(tokens.size).toBe(160);
    for (const r of results.filter((x) => tokens.has(x.body.id))) expect(r.text).not.toContain(tokens.get(r.body.id)!);
    const withToken = (b: any) => ({ ...b, token: tokens.get(b.id)! });

    const list = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT });
    expect(list.body.counts.in_person).toMatchObject({ capacity: 50, confirmed: 50, waitlisted: 150, cancelled: 0 });
    expect(list.text).not.toContain('tokenHash');

    const byPosition = new Map(waitlisted.map((r) => [r.body.waitlistPosition as number, withToken(r.body)]));
    for (let k = 0; k < 10; k++) {
      const leaving = withToken(confirmed[k].body);
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
  }, 240_000); // a safety net only: the machine may be shared and slow
});

describe('registration races', () => {
  it('cancels racing new registrations keep the seats exact and promote the first waiting; one email wins once', async () => {
    const number = await sessionWithSeats({ in_person: 10, online: 10 });
    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`r${number}-${i}`) })));
    const tokens = await tokensOf(first.map((r) => r.body.id));
    const confirmed = first.filter((r) => r.body.status === 'confirmed').map((r) => ({ ...r.body, token: tokens.get(r.body.id)! }));
    const waiting = first.filter((r) => r.body.status === 'waitlisted').map((r) => r.body).sort((a, b) => a.waitlistPosition - b.waitlistPosition);
    expect([confirmed.length, waiting.length]).toEqual([10, 20]);
    const [cancels, late, same] = await Promise.all([
      Promise.all(confirmed.slice(0, 5).map((r) => rt.call('POST', `/api/registrations/${r.id}/cancel`, { headers: tokenHeader(r.token) }))),
      Promise.all(Array.from({ length: 10 }, (_, i) => rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`late${number}-${i}`) }))),
      // The same address five times at once: three repeats of one form (answered with the
      // one registration they made) and two different forms (refused).
      Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          rt.call('POST', `/api/sessions/${number}/registrations`, { body: person(`same${number}`, { attendance: 'online', ...(i >= 3 ? { name: `Other ${i}` } : {}) }) }),
        ),
      ),
    ]);
    expect(cancels.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    expect(late.map((r) => r.body.status)).toEqual(Array(10).fill('waitlisted'));
    const sameIds = new Set(same.filter((r) => r.status === 201).map((r) => r.body.id));
    const repeats = same.slice(0, 3).map((r) => r.status);
    // Whichever form came first wins: one registration; repeats of the winning form get
    // it (201), every other form 409.
    expect(sameIds.size).toBe(1);
    expect(same.map((r) => r.status).sort()).toEqual(repeats.includes(201) ? [201, 201, 201, 409, 409] : [201, 409, 409, 409, 409]);
    expect(new Set(repeats).size).toBe(1);
    const list = await rt.call('GET', `/api/sessions/${number}/registrations`, { as: SECRETARIAT });
    expect(list.body.counts.in_person).toMatchObject({ confirmed: 10, waitlisted: 25, cancelled: 5 });
    expect(list.body.counts.online).toMatchObject({ confirmed: 1, waitlisted: 0 });
    const status = new Map(list.body.items.map((r: { id: string; status: string }) => [r.id, r.status]));
    expect(waiting.map((r) => status.get(r.id))).toEqual([...Array(5).fill('confirmed'), ...Array(15).fill('waitlisted')]);
  }, 240_000);
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
    const cancelled = await rt.call('POST', `/api/registrations/${first.body.id}/cancel`, { headers: tokenHeader(await tokenOf(first.body.id)) });
    expect(cancelled.status).toBe(200);
    const anew = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('dup') });
    expect(anew.status).toBe(201);
    expect(anew.body.id).not.toBe(first.body.id);
  });

  it('gives no access without the right token', async () => {
    const number = await sessionWithSeats({ in_person: 5, online: 5 });
    const { body: answer } = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('tok') });
    const body = { ...answer, token: await tokenOf(answer.id) };
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
    const { body: answer } = await rt.call('POST', `/api/sessions/${number}/registrations`, { body: person('in') });
    const body = { ...answer, token: await tokenOf(answer.id) };
    const code = body.confirmationCode as string;
    expect((await rt.call('POST', `/api/sessions/${number}/check-ins`, { as: 'applicant1@example.org', body: { confirmationCode: code } })).status).toBe(403);
    // Not before the address is proven (issue 13).
    const unverified = await rt.call('POST', `/api/sessions/${number}/check-ins`, { as: SECRETARIAT, body: { confirmationCode: code }, headers: { 'accept-language': 'en' } });
    expect(unverified.status).toBe(409);
    expect(unverified.body.detail).toContain('not confirmed their email');
    expect((await rt.call('POST', `/api/registrations/${body.id}/verify`, { headers: tokenHeader(body.token) })).status).toBe(200);
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
      in_person: { capacity: 1, confirmed: 1, waitlisted: 1, cancelled: 0, expired: 0, checkedIn: 0 },
      online: { capacity: 5, confirmed: 0, waitlisted: 0, cancelled: 0, expired: 0, checkedIn: 0 },
    });
    // Paged: one row a page; the CSV pages concatenate to the whole file.
    const p1 = await rt.call('GET', `/api/sessions/${number}/registrations?limit=1`, { as: SECRETARIAT });
    expect(p1.body.items).toHaveLength(1);
    const p2 = await rt.call('GET', `/api/sessions/${number}/registrations?limit=1&cursor=${p1.body.nextCursor}`, { as: SECRETARIAT });
    expect(p2.body.items).toHaveLength(1);
    expect(p2.body.items[0].waitlistPosition).toBe(1);
    expect(p2.body.items[0].id).not.toBe(p1.body.items[0].id);
    const bad = await rt.call('GET', `/api/sessions/${number}/registrations?cursor=bm90LWEtY3Vyc29y`, { as: SECRETARIAT });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('cursor');
    const c1 = await rt.call('GET', `/api/sessions/${number}/registrations?limit=1`, { as: SECRETARIAT, headers: { accept: 'text/csv' } });
    const next = c1.headers.get('x-next-cursor');
    expect(next).toBeTruthy();
    const c2 = await rt.call('GET', `/api/sessions/${number}/registrations?limit=1&cursor=${next}`, { as: SECRETARIAT, headers: { accept: 'text/csv' } });
    expect(c2.headers.get('x-next-cursor')).toBeNull();
    // (fetch's text() drops the BOM, as `text` above does.)
    expect(c1.text + c2.text).toBe(text);
    const info = await rt.call('GET', `/api/sessions/${number}/registration-info`);
    expect(info.body).toMatchObject({ open: true, retentionDays: 90, deleteAfter: '2021-03-16T00:00:00.000Z', holdMinutes: 30 });
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
    expect(mail!.text).toMatch(new RegExp(`#/registration\\?id=${body.id}&token=[A-Za-z0-9_-]{43}`));
    expect(mail!.text).toContain('30 minutes');
    expect(body).not.toHaveProperty('token');
    expect(mail!.text).toContain('90 jours');
  });
});

// A known person's form typed by someone else (found by the second security review).
const victim = (tag: string) => ({
  name: 'Defensora Conocida',
  email: `defensora.${tag}.${run}@example.org`,
  country: 'CO',
  attendance: 'in_person',
  language: 'es',
  consentToPublish: false,
});

describe('a repeat of the very same form', () => {
  it("is answered with the registration (its confirmation code) only briefly: later it is anyone's guess at a known person's form, and 409", async () => {
    const n = await sessionWithSeats({ in_person: 5, online: 0 });
    const form = victim(`f${n}`);
    const first = await rt.call('POST', `/api/sessions/${n}/registrations`, { body: form });
    expect(first.status).toBe(201);
    // A retry after a lost answer, moments later: the same registration (contract).
    const retry = await rt.call('POST', `/api/sessions/${n}/registrations`, { body: form });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    // Ten minutes on, someone who knows her name, address and country types the form:
    // the answer must not hand over the code that admits her at the door.
    await rt.setNow(new Date(Date.parse(NOW) + 10 * 60_000).toISOString());
    try {
      const guess = await rt.call('POST', `/api/sessions/${n}/registrations`, { body: form });
      expect(guess.status).toBe(409);
      expect(JSON.stringify(guess.body)).not.toContain(first.body.confirmationCode);
    } finally {
      await rt.setNow(NOW);
    }
  }, 120_000);

  it('with the same Idempotency-Key is still answered later (the key is the client’s own secret)', async () => {
    const n = await sessionWithSeats({ in_person: 5, online: 0 });
    const form = victim(`k${n}`);
    const key = `review-${run}-${n}`;
    const first = await rt.call('POST', `/api/sessions/${n}/registrations`, { body: form, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    await rt.setNow(new Date(Date.parse(NOW) + 10 * 60_000).toISOString());
    try {
      const again = await rt.call('POST', `/api/sessions/${n}/registrations`, { body: form, headers: { 'idempotency-key': key } });
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      const keyless = await rt.call('POST', `/api/sessions/${n}/registrations`, { body: form });
      expect(keyless.status).toBe(409);
    } finally {
      await rt.setNow(NOW);
    }
  }, 120_000);
});
