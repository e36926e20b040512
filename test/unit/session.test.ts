import { describe, expect, it } from 'vitest';
import { RuleBroken } from '../../functions/shared/errors';
import { seedSessions } from '../../functions/sessions/seed';
import { SessionInput, isRequestWindowOpen, toSession } from '../../functions/sessions/session';
import { parse } from '../../functions/shared/validation';

const s178 = seedSessions.find((s) => s.number === 178)!;

describe('sessions', () => {
  it('seeds the 175th-178th with the 2020 dates', () => {
    expect(seedSessions.map((s) => [s.number, s.startDate, s.endDate, s.format])).toEqual([
      [175, '2020-03-02', '2020-03-08', 'in_person'],
      [176, '2020-07-07', '2020-07-15', 'online'],
      [177, '2020-09-25', '2020-10-09', 'online'],
      [178, '2020-12-03', '2020-12-15', 'online'],
    ]);
    for (const input of seedSessions) expect(() => toSession(parse(SessionInput, input, 'en'))).not.toThrow();
  });

  it('stores instants in UTC and judges the request window by them', () => {
    const session = toSession(s178);
    expect(session.requestWindow.closesAt).toBe('2020-09-24T03:59:59.000Z');
    expect(isRequestWindowOpen(session, new Date('2020-09-02T23:00:00Z'))).toBe(false);
    expect(isRequestWindowOpen(session, new Date('2020-09-10T12:00:00Z'))).toBe(true);
    expect(isRequestWindowOpen(session, new Date('2020-09-24T04:00:00Z'))).toBe(false);
  });

  it('names each broken cross-field rule', () => {
    const bad = { ...s178, endDate: '2020-12-01', hearingDays: ['2020-11-30'], requestWindow: { opensAt: '2020-09-23T00:00:00Z', closesAt: '2020-09-03T00:00:00Z' } };
    try {
      toSession(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleBroken);
      expect((error as RuleBroken).issues.map((i) => i.path).sort()).toEqual(['endDate', 'hearingDays.0', 'requestWindow.closesAt']);
    }
  });

  it('refuses a bad date, instant or zone with localized messages', () => {
    try {
      parse(SessionInput, { ...s178, startDate: '2020-02-30', timeZone: 'Mars/Olympus', registration: { ...s178.registration, opensAt: 'tomorrow' } }, 'es');
      expect.unreachable();
    } catch (error) {
      const issues = (error as RuleBroken).issues;
      expect(issues.map((i) => i.path).sort()).toEqual(['registration.opensAt', 'startDate', 'timeZone']);
    }
  });
});
