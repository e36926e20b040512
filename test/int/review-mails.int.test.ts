// An attacker's reading of what Docket mails (the second security review): a name is
// whatever a stranger typed into the public form, so every mail carries it escaped
// (registrations/notices.ts escapeName), the reminders included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForMail } from '../support/outbox';
import { verifyByEmail } from '../support/registrations';
import { type TestRuntime, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

const NOW = '2034-05-10T12:00:00Z';
const SECRETARIAT = 'secretariat@example.org';
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

describe('the public viewing reminder', () => {
  it('carries the registrant’s name escaped: no line break, no link a stranger wrote', async () => {
    const session = await throwawaySession(rt, {
      startDate: '2034-12-01',
      endDate: '2034-12-10',
      requestWindow: { opensAt: '2034-03-01T00:00:00Z', closesAt: '2034-04-01T00:00:00Z' },
      registration: { opensAt: '2034-05-01T00:00:00Z', closesAt: '2034-12-10T00:00:00Z', capacity: { in_person: 0, online: 10 } },
      hearingDays: ['2034-12-04'],
      rooms: ['Sala virtual 1'],
    });
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
