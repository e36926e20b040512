// The hearing day's pure rules (issue 16): equal time for the two parties by the IACHR's
// rule for the kind of hearing, who is a party, the delegation deadline, titles order.
import { describe, expect, it } from 'vitest';
import { PARTY_MINUTES, defaultPlan, delegationDeadline, partyMinutes, partyOf, planIssues, scopeOf, stateLanguage, titlesFor, withTitles } from '../../functions/hearing-day/day';
import type { Principal } from '../../functions/shared/auth';

describe('speaking plan', () => {
  it('gives each party 20 minutes in a country hearing and 30 in a regional one, the same in all', () => {
    expect(scopeOf(['CO'])).toBe('country');
    expect(scopeOf(['CO', 'VE'])).toBe('regional');
    expect(PARTY_MINUTES).toEqual({ country: 20, regional: 30 });
    for (const scope of ['country', 'regional'] as const) {
      const plan = defaultPlan(scope);
      expect(plan.find((s) => s.speaker === 'petitioners')!.minutes).toBe(PARTY_MINUTES[scope]);
      expect(plan.find((s) => s.speaker === 'state')!.minutes).toBe(PARTY_MINUTES[scope]);
      const { petitioners, state } = partyMinutes(plan);
      expect(petitioners).toBe(PARTY_MINUTES[scope]);
      expect(state).toBe(PARTY_MINUTES[scope]);
      expect(planIssues(plan, scope === 'country' ? 60 : 120)).toEqual([]);
    }
  });

  it('refuses unequal time, a plan without both parties, and one longer than the slot', () => {
    expect(planIssues([{ speaker: 'petitioners', minutes: 25 }, { speaker: 'state', minutes: 20 }], 60).map((i) => i.key)).toEqual(['rule.day.equalTime']);
    // Replies count: 20 + 5 against 25.
    expect(planIssues([{ speaker: 'petitioners', minutes: 20 }, { speaker: 'state', minutes: 25 }, { speaker: 'petitioners_reply', minutes: 5 }], 60)).toEqual([]);
    expect(planIssues([{ speaker: 'petitioners', minutes: 20 }, { speaker: 'commission', minutes: 20 }], 60).map((i) => i.key)).toEqual(['rule.day.bothParties']);
    expect(planIssues([{ speaker: 'petitioners', minutes: 40 }, { speaker: 'state', minutes: 40 }], 60).map((i) => i.key)).toEqual(['rule.day.tooLong']);
  });
});

describe('parties', () => {
  const request = { ownerSub: 'u-applicant1', states: ['CO', 'VE'] };
  const p = (over: Partial<Principal>): Principal => ({ sub: 'x', email: '', roles: [], ...over });
  it('are the owner, the States concerned, the secretariat and the commissioners who are not nationals', () => {
    expect(partyOf(request, p({ sub: 'u-applicant1', roles: ['applicant'] }))).toBe('petitioners');
    expect(partyOf(request, p({ sub: 'u-applicant2', roles: ['applicant'] }))).toBeUndefined();
    expect(partyOf(request, p({ roles: ['state'], state: 'VE' }))).toBe('state');
    expect(partyOf(request, p({ roles: ['state'], state: 'PE' }))).toBeUndefined();
    expect(partyOf(request, p({ roles: ['state'] }))).toBeUndefined();
    expect(partyOf(request, p({ roles: ['secretariat'] }))).toBe('secretariat');
    expect(partyOf(request, p({ roles: ['commissioner'], nationality: 'MX' }))).toBe('commissioner');
    expect(partyOf(request, p({ roles: ['commissioner'], nationality: 'CO' }))).toBeUndefined();
  });
});

describe('delegation, languages and titles', () => {
  it('closes the delegation 24 hours before the hearing, or before the Period when unscheduled', () => {
    expect(delegationDeadline({ start: '2020-12-03T14:00:00.000Z' }, '2020-12-01')).toBe('2020-12-02T14:00:00.000Z');
    expect(delegationDeadline(undefined, '2020-12-01')).toBe('2020-11-30T00:00:00.000Z');
  });
  it("writes to each State in its official language", () => {
    expect([stateLanguage('BR'), stateLanguage('HT'), stateLanguage('JM'), stateLanguage('CO')]).toEqual(['pt', 'fr', 'en', 'es']);
  });
  it("puts the reader's language first, and gives private hearings none", () => {
    expect(titlesFor({ es: 'Uno', fr: 'Un', en: 'One' }, 'fr').map((t) => t.language)).toEqual(['fr', 'es', 'en']);
    const titles = new Map([['a', { en: 'One' }], ['b', { en: 'Secret' }]]);
    const shown = withTitles([{ requestId: 'a', private: false, title: 'Uno' }, { requestId: 'b', private: true, title: 'Audiencia privada' }], titles, 'en');
    expect(shown.map((h) => h.title)).toEqual(['One', 'Audiencia privada']);
    expect(shown[1].titles).toEqual([]);
  });
});
