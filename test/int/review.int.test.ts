// Issue 15 on the local runtime: questions and answers, reviewing apart from deciding,
// decisions held until the Period's release (no notice before, one after), notice
// templates with their placeholders checked, and the Period's export and statistics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT, OTHER, SECRETARIAT, freshSession, validBody } from '../support/hearings';
import { type ListedMail, outboxDrained, waitForMail } from '../support/outbox';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };
const COMMISSIONER = 'commissioner.mx@example.org';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

const submit = async (session: number, overrides: Record<string, unknown> = {}) => {
  const res = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session, overrides) });
  expect(res.status).toBe(201);
  return res.body as { id: string; version?: number };
};
const mails = async (): Promise<ListedMail[]> => (await rt.call('GET', '/api/dev/outbox')).body.items;
const about = (id: string) => async () => (await mails()).filter((m) => m.subject.includes(id));

describe('asking the applicant for more information', () => {
  it('asks, mails the question, takes the owner’s answer and returns the request to submitted, all in the history', async () => {
    const session = await freshSession(rt, WINDOW);
    const { id } = await submit(session, { language: 'en' });
    const asked = await rt.call('POST', `/api/hearing-requests/${id}/questions`, { as: SECRETARIAT, body: { question: 'Which States will take part?' } });
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe('info_requested');
    const question = await waitForMail(rt, 'the question', (m) => m.subject.includes(id) && m.text.includes('Which States will take part?'));
    expect(question.to).toBe('ana@example.org'); // the request's contact
    // Only the owner answers; a decision waits for the answer.
    expect((await rt.call('POST', `/api/hearing-requests/${id}/answer`, { as: OTHER, body: { answer: 'x' } })).status).toBe(403);
    expect((await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'ok' } })).status).toBe(409);
    expect((await rt.call('POST', `/api/hearing-requests/${id}/answer`, { as: APPLICANT, body: { answer: '  ' } })).body.errors[0].path).toBe('answer');
    const answered = await rt.call('POST', `/api/hearing-requests/${id}/answer`, { as: APPLICANT, body: { answer: 'Colombia and Peru.' } });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('submitted');
    expect(answered.body.questions).toEqual([expect.objectContaining({ question: 'Which States will take part?', answer: 'Colombia and Peru.' })]);
    expect(answered.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'info_requested', 'submitted']);
    await waitForMail(rt, 'the answer notice', (m) => m.to === SECRETARIAT && m.subject.includes(id));
    // Answered once: a second answer has no question to answer.
    expect((await rt.call('POST', `/api/hearing-requests/${id}/answer`, { as: APPLICANT, body: { answer: 'Again' } })).status).toBe(409);
  });
});

describe('reviewing apart from deciding', () => {
  it('assigns, scores with an average, and keeps notes from the applicant; commissioners read only shared notes', async () => {
    const session = await freshSession(rt, WINDOW);
    const { id } = await submit(session);
    const bad = await rt.call('PUT', `/api/hearing-requests/${id}/assignment`, { as: SECRETARIAT, body: { kind: 'rapporteurship', to: 'astrology' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('to');
    const assigned = await rt.call('PUT', `/api/hearing-requests/${id}/assignment`, { as: SECRETARIAT, body: { kind: 'rapporteurship', to: 'defenders' } });
    expect(assigned.body.assignment).toMatchObject({ kind: 'rapporteurship', to: 'defenders' });
    expect((await rt.call('PUT', `/api/hearing-requests/${id}/score`, { as: SECRETARIAT, body: { score: 6 } })).status).toBe(422);
    const scored = await rt.call('PUT', `/api/hearing-requests/${id}/score`, { as: SECRETARIAT, body: { score: 4 } });
    expect(scored.body.score).toEqual({ average: 4, count: 1, mine: 4 });
    // The queue shows the average; the applicant sees neither scores nor assignment.
    const queue = await rt.call('GET', `/api/hearing-requests?sessionNumber=${session}`, { as: SECRETARIAT });
    expect(queue.body.items[0].score.average).toBe(4);
    const own = (await rt.call('GET', `/api/hearing-requests/${id}`, { as: APPLICANT })).body;
    expect(own.score).toBeUndefined();
    expect(own.assignment).toBeUndefined();
    await rt.call('POST', `/api/hearing-requests/${id}/notes`, { as: SECRETARIAT, body: { text: 'Internal only' } });
    const shared = await rt.call('POST', `/api/hearing-requests/${id}/notes`, { as: SECRETARIAT, body: { text: 'For the commissioners', shared: true } });
    expect(shared.status).toBe(201);
    expect((await rt.call('GET', `/api/hearing-requests/${id}/notes`, { as: SECRETARIAT })).body.items.map((n: { text: string }) => n.text)).toEqual(['Internal only', 'For the commissioners']);
    expect((await rt.call('GET', `/api/hearing-requests/${id}/notes`, { as: COMMISSIONER })).body.items.map((n: { text: string }) => n.text)).toEqual(['For the commissioners']);
    expect((await rt.call('GET', `/api/hearing-requests/${id}/notes`, { as: APPLICANT })).status).toBe(403);
    expect(JSON.stringify(own)).not.toContain('Internal only');
  });
});

describe('decisions released together', () => {
  it('holds each decision (applicant sees submitted, no notice), previews, then releases them all once', async () => {
    const session = await freshSession(rt, WINDOW);
    const a = await submit(session, { language: 'fr' });
    const b = await submit(session, { language: 'es' });
    const decide = (id: string, decision: string) => rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision, reason: `Motif ${decision}` } });
    expect((await decide(a.id, 'accepted')).body.heldDecision).toMatchObject({ decision: 'accepted', from: session });
    await decide(b.id, 'rejected');
    await outboxDrained(rt);
    // Before the release: the applicant sees `submitted` and only the acknowledgements were sent.
    const seen = (await rt.call('GET', `/api/hearing-requests/${a.id}`, { as: APPLICANT })).body;
    expect(seen.status).toBe('submitted');
    expect(seen.heldDecision).toBeUndefined();
    expect(seen.history).toHaveLength(1);
    expect((await about(a.id)()).map((m) => m.subject)).toHaveLength(1);
    expect((await about(b.id)()).map((m) => m.subject)).toHaveLength(1);
    const preview = await rt.call('GET', `/api/sessions/${session}/decisions`, { as: SECRETARIAT });
    expect(preview.body.items.map((i: { requestId: string; decision: string; language: string }) => [i.requestId, i.decision, i.language]).sort()).toEqual(
      [
        [a.id, 'accepted', 'fr'],
        [b.id, 'rejected', 'es'],
      ].sort(),
    );
    const previewA = preview.body.items.find((i: { requestId: string }) => i.requestId === a.id);
    expect(previewA.text).toContain('Motif accepted');
    expect((await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: APPLICANT })).status).toBe(403);
    const released = await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT });
    expect(released.body).toEqual({ released: 2, remaining: 0 });
    expect((await rt.call('GET', `/api/hearing-requests/${a.id}`, { as: APPLICANT })).body.status).toBe('accepted');
    const notice = await waitForMail(rt, 'the decision notice', (m) => m.subject.includes(a.id) && m.text.includes('Motif accepted'));
    expect(notice.subject).toBe(previewA.subject);
    // A second release finds nothing and sends nothing twice.
    expect((await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT })).body).toEqual({ released: 0, remaining: 0 });
    await outboxDrained(rt);
    expect(await about(a.id)()).toHaveLength(2);
    expect(await about(b.id)()).toHaveLength(2);
  });

  it('undoes a held decision, never a released one', async () => {
    const session = await freshSession(rt, WINDOW);
    const { id } = await submit(session);
    await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'rejected', reason: 'Fuera de plazo' } });
    const undone = await rt.call('DELETE', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'submitted', sessionNumber: session });
    expect(undone.body.heldDecision).toBeUndefined();
    expect(undone.body.history).toHaveLength(1);
    expect((await rt.call('GET', `/api/sessions/${session}/decisions`, { as: SECRETARIAT })).body.items).toEqual([]);
    await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Procede', releaseNow: true } });
    expect((await rt.call('GET', `/api/hearing-requests/${id}`, { as: APPLICANT })).body.status).toBe('accepted');
    expect((await rt.call('DELETE', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT })).status).toBe(409);
  });
});

describe('notice templates', () => {
  it('refuses an unknown placeholder, previews, and sends the saved text at release', async () => {
    const path = '/api/notice-templates/hearing.accepted/en';
    const bad = await rt.call('PUT', path, { as: SECRETARIAT, body: { subject: 'Accepted: {title}', text: 'Dear {nmae}, accepted.' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'text' });
    expect(bad.body.errors[0].message).toContain('{nmae}');
    expect((await rt.call('PUT', path, { as: SECRETARIAT, body: { subject: 'Accepted {title', text: 'x' } })).body.errors[0].path).toBe('subject');
    const body = { subject: 'Hearing accepted: {title}', text: 'Your request {id} was accepted for the {session, ordinal} Period. Reason: {reason}' };
    const preview = await rt.call('POST', `${path}/preview`, { as: SECRETARIAT, body });
    expect(preview.body.text).toContain('177th Period');
    expect((await rt.call('PUT', path, { as: SECRETARIAT, body })).body.custom).toBe(true);
    const listed = (await rt.call('GET', '/api/notice-templates', { as: SECRETARIAT })).body.items;
    expect(listed.find((t: { kind: string; lang: string }) => t.kind === 'hearing.accepted' && t.lang === 'en')).toMatchObject({ custom: true, subject: body.subject });
    expect(listed.find((t: { kind: string; lang: string }) => t.kind === 'hearing.accepted' && t.lang === 'es').custom).toBe(false);
    try {
      const session = await freshSession(rt, WINDOW);
      const { id } = await submit(session, { language: 'en' });
      await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Regional interest' } });
      await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: SECRETARIAT });
      const mail = await waitForMail(rt, 'the templated notice', (m) => m.text.includes(`Your request ${id} was accepted`));
      expect(mail.text).toContain('Reason: Regional interest');
    } finally {
      const reset = await rt.call('DELETE', path, { as: SECRETARIAT });
      expect(reset.body.custom).toBe(false);
    }
  });
});

describe("a Period's export and statistics", () => {
  it('exports the requests as CSV without confidential names, and counts them by State, kind, language and outcome', async () => {
    const session = await freshSession(rt, WINDOW);
    const one = await submit(session, { states: ['CO', 'PE'] });
    await submit(session, { states: ['CO'] });
    await rt.call('POST', `/api/hearing-requests/${one.id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'ok' } });
    const csv = await rt.call('GET', `/api/sessions/${session}/hearing-requests.csv`, { as: SECRETARIAT });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('confidentialParticipants');
    expect(csv.text).not.toContain('Testigo Reservado');
    expect((await rt.call('GET', `/api/sessions/${session}/hearing-requests.csv`, { as: APPLICANT })).status).toBe(403);
    const stats = (await rt.call('GET', `/api/sessions/${session}/hearing-requests/stats`, { as: SECRETARIAT })).body;
    expect(stats).toMatchObject({ total: 2, byState: { CO: 2, PE: 1 }, byOutcome: { accepted: 1, submitted: 1 } });
    expect(Object.values(stats.byKind as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
