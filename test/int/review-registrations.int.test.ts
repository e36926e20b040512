// An attacker's reading of registration to attend (the second security review): each
// test is a fault that was found, and fails on the code before its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestRuntime, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

let rt: TestRuntime;
const NOW = '2020-11-25T15:00:00Z';
const run = Date.now().toString(36);

beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW, throttle: false });
  await rt.warm(['registrations', 'sessions']);
  await rt.setNow(NOW);
});
afterAll(async () => rt?.stop());

const sessionWithSeats = (capacity: { in_person: number; online: number }) =>
  throwawaySession(rt, {
    format: 'hybrid',
    requestWindow: { opensAt: '2020-10-01T00:00:00Z', closesAt: '2020-10-20T00:00:00Z' },
    registration: { opensAt: '2020-11-20T00:00:00Z', closesAt: '2020-12-10T00:00:00Z', capacity },
  });

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
