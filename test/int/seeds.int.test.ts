// Seeds that work (issue 13, finding 2): every seeded entity of every context has an id
// its own routes accept and is reachable through the API, as the people it is for. The
// seeded ballots once had ids the ULID check refused (422 on every route).
// The database is shared with other test files whose runtimes run other clocks, so the
// walk accepts whatever state another runtime left a seeded ballot in, but never a 422
// and never a 404 for something that was seeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBallots } from '../../functions/evote/seed';
import { seedRequests } from '../../functions/hearings/seed';
import { seedRapporteurships } from '../../functions/scheduling/rapporteurships';
import { COMMISSIONERS } from '../../functions/shared/commissioners';
import { seedSessions } from '../../functions/sessions/seed';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const SECRETARIAT = 'secretariat@example.org';
const emailOf = (cid: string) => `commissioner.${cid.slice(2)}@example.org`;

let rt: TestRuntime;
beforeAll(async () => {
  // Before the seeded ballots close (11 and 18 Dec 2020): the seeder opens them.
  rt = await startTestRuntime({ now: '2020-11-30T12:00:00Z' });
});
afterAll(async () => rt?.stop());

describe('seeded entities', () => {
  it('have valid ids: every seeded ballot and hearing request is a ULID', () => {
    for (const b of seedBallots) expect(b.id, b.input.title).toMatch(ULID);
    for (const r of seedRequests()) expect(r.id, r.title).toMatch(ULID);
    expect(new Set(seedBallots.map((b) => b.id)).size).toBe(seedBallots.length);
  });

  it('sessions: each seeded Period is listed and readable, with its schedule routes answering', async () => {
    const list = await rt.call('GET', '/api/sessions');
    expect(list.status).toBe(200);
    for (const s of seedSessions) {
      expect(list.body.items.map((x: { number: number }) => x.number)).toContain(s.number);
      const one = await rt.call('GET', `/api/sessions/${s.number}`);
      expect(one.status, `session ${s.number}`).toBe(200);
      expect(one.body.number).toBe(s.number);
      for (const path of [`/api/sessions/${s.number}/schedule`, `/api/sessions/${s.number}/schedule.ics`]) {
        expect([200, 404], path).toContain((await rt.call('GET', path)).status);
      }
    }
  });

  it('hearing requests: each is readable by its owner and by the secretariat, and listed for both', async () => {
    const requests = seedRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      const owner = r.contact.email;
      for (const who of [owner, SECRETARIAT]) {
        const res = await rt.call('GET', `/api/hearing-requests/${r.id}`, { as: who });
        expect(res.status, `${r.id} as ${who}: ${res.text}`).toBe(200);
        expect(res.body.id).toBe(r.id);
      }
      // Somebody else's request stays refused, the id itself is fine (not 422).
      const other = owner === 'applicant1@example.org' ? 'applicant2@example.org' : 'applicant1@example.org';
      expect([403, 404]).toContain((await rt.call('GET', `/api/hearing-requests/${r.id}`, { as: other })).status);
    }
    const bySession = new Map<number, string[]>();
    for (const r of requests) bySession.set(r.sessionNumber, [...(bySession.get(r.sessionNumber) ?? []), r.id]);
    for (const [session, ids] of bySession) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: SECRETARIAT });
        expect(page.status, page.text).toBe(200);
        seen.push(...page.body.items.map((i: { id: string }) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      for (const id of ids) expect(seen, `request ${id} in session ${session}`).toContain(id);
    }
  });

  it('rapporteurships: the seeded table is readable by the secretariat', async () => {
    const res = await rt.call('GET', '/api/rapporteurships', { as: SECRETARIAT });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(seedRapporteurships()).length).toBeGreaterThan(0);
  });

  it('ballots: each is readable by the secretariat and a commissioner, listed, and the open one takes a vote', async () => {
    const listed = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await rt.call('GET', `/api/ballots?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { as: emailOf('c-mx') });
      expect(page.status, page.text).toBe(200);
      for (const b of page.body.items) listed.add(b.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    for (const seed of seedBallots) {
      const asSecretariat = await rt.call('GET', `/api/ballots/${seed.id}`, { as: SECRETARIAT });
      expect(asSecretariat.status, `${seed.id}: ${asSecretariat.text}`).toBe(200);
      const status = asSecretariat.body.status as string;
      // Seeded before their closing: opened by the seeder (or closed since by a runtime
      // with a later clock), never left a draft.
      expect(['open', 'closed']).toContain(status);
      expect(listed.has(seed.id)).toBe(true);
      // A member who is not recused (the secret one concerns Guatemala).
      const voter = COMMISSIONERS.find((c) => !asSecretariat.body.recusals.some((r: { commissionerId: string }) => r.commissionerId === c.id) && c.id !== 'c-mx')!.id;
      const asCommissioner = await rt.call('GET', `/api/ballots/${seed.id}`, { as: emailOf(voter) });
      expect(asCommissioner.status).toBe(200);
      const audit = await rt.call('GET', `/api/ballots/${seed.id}/audit`, { as: SECRETARIAT });
      expect(audit.status, audit.text).not.toBe(422);
      const open = await rt.call('POST', `/api/ballots/${seed.id}/open`, { as: SECRETARIAT });
      expect(open.status).toBe(409);
      if (status === 'open') {
        const vote = await rt.call('POST', `/api/ballots/${seed.id}/votes`, { as: emailOf(voter), body: { choice: 'abstain' } });
        // 201, or 409 if this run voted on it already from another file: never 422.
        expect([201, 409], vote.text).toContain(vote.status);
        // Closing early is refused while members have not voted (not a 422 for the id).
        const close = await rt.call('POST', `/api/ballots/${seed.id}/close`, { as: SECRETARIAT });
        expect([200, 409]).toContain(close.status);
      }
    }
  });
});
