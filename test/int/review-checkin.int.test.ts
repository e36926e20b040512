// An attacker's reading of check-in (the second security review): two doors scan the same
// code. The store recognised "its own" landed check-in by the time it wrote, so a second
// door whose request carried the same instant was told 200 as well: one code, two people in.
import { describe, expect, it } from 'vitest';
import { seedSessions } from '../../functions/sessions/seed';
import { toSession } from '../../functions/sessions/session';
import * as store from '../../functions/registrations/store';

const run = Date.now().toString(36);
const NOW = new Date('2020-11-25T15:00:00Z');
const session = () => {
  const number = 200_000 + Math.floor(Math.random() * 700_000);
  return toSession({ ...seedSessions[3], number, registration: { ...seedSessions[3].registration, capacity: { in_person: 5, online: 0 } } } as never);
};

describe('one code at two doors', () => {
  it('is let in once, even when both doors ask at the same instant', async () => {
    const s = session();
    const { registration } = await store.register(s, { name: 'Door Test', email: `door.${run}@example.org`, country: 'BR', attendance: 'in_person', language: 'pt', consentToPublish: false }, NOW);
    await store.verify(registration.id, NOW);
    const at = new Date(NOW.getTime() + 3_600_000);
    const doors = await Promise.allSettled([store.checkIn(s.number, registration.confirmationCode, at), store.checkIn(s.number, registration.confirmationCode, at)]);
    expect(doors.map((d) => d.status).sort()).toEqual(['fulfilled', 'rejected']);
    // And a third door later: refused.
    await expect(store.checkIn(s.number, registration.confirmationCode, at)).rejects.toMatchObject({ key: 'registration.alreadyCheckedIn' });
  });
});
