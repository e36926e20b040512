// The cap on open drafts (a runaway client cannot fill the table through one account),
// on a database of its own: it fills one applicant's drafts to the cap, which no other
// file may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFTS } from '../../functions/hearings/draft-store';
import { APPLICANT, OTHER } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: '2031-05-10T12:00:00Z', ownDatabase: true });
});
afterAll(async () => {
  await rt?.stop();
});

const create = (as = APPLICANT, lang = 'en') => rt.call('POST', '/api/hearing-request-drafts', { as, body: { title: 'Borrador' }, headers: { 'accept-language': lang } });

describe('open drafts per applicant', () => {
  it(`keeps at most ${MAX_DRAFTS}: the next is refused in words naming drafts, one discarded makes room, others are not affected`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_DRAFTS; i++) {
      const res = await create();
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.id);
    }
    const refused = await create();
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'drafts' })]);
    expect(refused.body.errors[0].message).toContain(`at most ${MAX_DRAFTS} drafts`);
    expect((await create(APPLICANT, 'es')).body.errors[0].message).toContain(`como máximo ${MAX_DRAFTS} borradores`);
    // Every one of them is listed: none beyond the cap hides unseen.
    expect((await rt.call('GET', '/api/hearing-request-drafts', { as: APPLICANT })).body.items).toHaveLength(MAX_DRAFTS);

    expect((await create(OTHER)).status).toBe(201);
    expect((await rt.call('DELETE', `/api/hearing-request-drafts/${ids[0]}`, { as: APPLICANT })).status).toBe(200);
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(422);
  });
});
