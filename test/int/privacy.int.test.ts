// Privacy (issue 8, 6): every log line written during a full flow — a hearing request
// with a confidential witness, a registration, a secret vote — is captured, and none
// holds a participant's or attendee's name or email, a token, or a vote choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRuntime } from '../support/runtime';

let rt: TestRuntime;
const lines: string[] = [];
const restore: (() => void)[] = [];

beforeAll(async () => {
  // Everything, down to debug, and captured at the stream (Powertools writes there).
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original as typeof stream.write));
  }
  const { startTestRuntime } = await import('../support/runtime');
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
  for (const r of restore) r();
});

const WITNESS = 'Celestina Quispe Mamani';
const CONTACT = 'defensora.privada@example.org';
const forbiddenExtra: string[] = [];

describe('privacy of logs', () => {
  it('never logs names, emails, tokens or vote choices during a full flow', async () => {
    const { freshSession, validBody } = await import('../support/hearings');
    const now = (await rt.call('GET', '/api/dev/clock')).body.now as string;
    const t = Date.parse(now);
    const session = await freshSession(rt, { opensAt: new Date(t - 86_400_000).toISOString(), closesAt: new Date(t + 30 * 86_400_000).toISOString() }, new Date(t).getUTCFullYear() + 1);
    const applicantToken = await rt.token('applicant1@example.org');

    // 1. A request with a confidential witness, then a decision.
    const body = validBody(session, {
      participants: [{ name: WITNESS, role: 'witness', confidential: true }],
      contact: { name: 'Defensora Privada', email: CONTACT },
    });
    const submitted = await rt.call('POST', '/api/hearing-requests', { token: applicantToken, body });
    expect(submitted.status).toBe(201);
    const decided = await rt.call('POST', `/api/hearing-requests/${submitted.body.id}/decision`, { as: 'secretariat@example.org', body: { decision: 'accepted', reason: 'Cumple' } });
    expect(decided.status).toBe(200);
    // Held until released (issue 15): the release is logged too, without who released it.
    expect((await rt.call('POST', `/api/sessions/${session}/decisions/release`, { as: 'secretariat@example.org' })).body.released).toBe(1);
    // A failing call too: errors are logged.
    await rt.call('POST', '/api/hearing-requests', { token: applicantToken, body: { ...body, objective: 'x '.repeat(40) } });

    // 2. A registration to attend, then its cancellation.
    const { attendeeBody, registrationSession } = await import('../support/policy');
    const attendee = { ...attendeeBody(), name: 'Asistente Confidencial Ñandutí', email: 'asistente.confidencial@example.org' };
    const regSession = await registrationSession(rt);
    const registered = await rt.call('POST', `/api/sessions/${regSession}/registrations`, { body: attendee });
    expect(registered.status).toBe(201);
    const { verifyByEmail } = await import('../support/registrations');
    const attendeeToken = await verifyByEmail(rt, registered.body.id);
    const cancelled = await rt.call('POST', `/api/registrations/${registered.body.id}/cancel`, { headers: { 'x-registration-token': attendeeToken } });
    expect(cancelled.status).toBe(200);
    forbiddenExtra.push(attendee.name, attendee.email, attendeeToken, registered.body.confirmationCode);

    // 3. A secret vote with an explanation.
    const secret = await rt.call('POST', '/api/ballots', {
      as: 'secretariat@example.org',
      body: { title: 'Consulta reservada', question: '¿Aprueba?', kind: 'secret', majority: 'majority_present', closesAt: new Date(t + 86_400_000).toISOString() },
    });
    expect(secret.status).toBe(201);
    await rt.call('POST', `/api/ballots/${secret.body.id}/open`, { as: 'secretariat@example.org' });
    const vote = await rt.call('POST', `/api/ballots/${secret.body.id}/votes`, { as: 'commissioner.br@example.org', body: { choice: 'abstain', explanation: 'Explicación reservada del voto' } });
    expect(vote.status).toBe(201);
    await rt.call('POST', `/api/ballots/${secret.body.id}/close`, { as: 'secretariat@example.org' });

    // Let the outbox sender deliver, and log, every message the flow queued.
    const { outboxDrained } = await import('../support/outbox');
    await outboxDrained(rt);
    await rt.call('GET', '/api/health');

    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    const forbidden = [
      WITNESS,
      CONTACT,
      'Defensora Privada',
      'Explicación reservada del voto',
      applicantToken,
      applicantToken.split('.')[2],
      vote.body.receipt,
      vote.body.nonce,
      'applicant1@example.org',
      'commissioner.br@example.org',
      // A subject identifies a person (hearings/confidential.ts): the local secretariat's.
      '"u-secretariat"',
      ...forbiddenExtra,
    ].filter(Boolean) as string[];
    for (const secretText of forbidden) expect(log, `log must not contain ${secretText.slice(0, 20)}…`).not.toContain(secretText);
    expect(log).not.toMatch(/"choice"\s*:/);
    expect(log).not.toMatch(/Bearer\s+ey/);
    // The capture works: handler debug lines and the sender's lines are in it.
    expect(log).toMatch(/"level":"DEBUG"/);
    expect(log).toContain('"message":"message sent"');
    const logged = lines.filter((l) => l.startsWith('{')).length;
    console.log(`privacy: ${logged} structured log lines captured, none with personal data, tokens or choices`);
  });
});
