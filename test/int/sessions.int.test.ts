// Periods of Sessions through the real stack: local runtime, JWT check, handlers, DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSessions } from '../../functions/sessions/seed';
import { type Call, type TestRuntime, isGatewayError, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => rt?.stop());

const newSession = (number: number) => ({ ...seedSessions[3], number, title: `${number} Período de Sesiones` });

describe('sessions API', () => {
  it('answers health', async () => {
    const res = await rt.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists the seeded 175th-178th in order with their real dates', async () => {
    const res = await rt.call('GET', '/api/sessions');
    expect(res.status).toBe(200);
    const seeded = res.body.items.filter((s: { number: number }) => s.number >= 175 && s.number <= 178);
    expect(seeded.map((s: { number: number; startDate: string }) => [s.number, s.startDate])).toEqual([
      [175, '2020-03-02'],
      [176, '2020-07-07'],
      [177, '2020-09-25'],
      [178, '2020-12-03'],
    ]);
    const numbers = res.body.items.map((s: { number: number }) => s.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(seeded[0].location).toBe('Port-au-Prince, Haïti');
    expect(seeded[3].requestWindow).toEqual({ opensAt: '2020-09-03T04:00:00.000Z', closesAt: '2020-09-24T03:59:59.000Z' });
  });

  it('seeding twice changes nothing', async () => {
    const again = await startTestRuntime();
    try {
      expect(again.seeded.sessions).toBe(0);
    } finally {
      await again.stop();
    }
  });

  it('gets one session, 404 for an unknown number, 422 for a bad one', async () => {
    expect((await rt.call('GET', '/api/sessions/177')).body.endDate).toBe('2020-10-09');
    // 9999 is below the throwaway range (test/support/sessions.ts): no test creates it.
    const missing = await rt.call('GET', '/api/sessions/9999', { headers: { 'accept-language': 'pt' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.body.detail).toBe('Não existe o Período de Sessões 9999.');
    const bad = await rt.call('GET', '/api/sessions/abc');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('number');
  });

  it('lets only the secretariat create a session, once', async () => {
    const body = newSession(900 + Math.floor(Math.random() * 99));
    const anonymous = await rt.call('POST', '/api/sessions', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ message: 'Unauthorized' });
    expect((await rt.call('POST', '/api/sessions', { body, as: 'applicant1@example.org' })).status).toBe(403);
    const created = await rt.call('POST', '/api/sessions', { body, as: 'secretariat@example.org' });
    expect(created.status).toBe(201);
    expect(created.body.number).toBe(body.number);
    expect((await rt.call('GET', `/api/sessions/${body.number}`)).status).toBe(200);
    const again = await rt.call('POST', '/api/sessions', { body, as: 'secretariat@example.org' });
    expect(again.status).toBe(409);
  });

  it('answers bad input with problem details, never a 5xx', async () => {
    const as = 'secretariat@example.org';
    const malformed = await rt.call('POST', '/api/sessions', { as, raw: '{"number":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    const invalid = await rt.call('POST', '/api/sessions', { as, body: { ...newSession(1000), slotMinutes: 5, rooms: [] }, headers: { 'accept-language': 'es' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['rooms', 'slotMinutes']);
    const tooBig = await rt.call('POST', '/api/sessions', { as, raw: JSON.stringify({ title: 'x'.repeat(300 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(tooBig.status).toBe(413);
    const unknown = await rt.call('DELETE', '/api/sessions/178');
    expect(unknown.status).toBe(404);
  });

  it('refuses forged, expired and foreign tokens before any handler runs', async () => {
    // The gateway's answer, as API Gateway's JWT authorizer gives it: not problem details.
    const expectUnauthorized = (res: Call) => {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
      expect(isGatewayError(res)).toBe(true);
    };
    const good = await rt.token('secretariat@example.org');
    const [head, payload] = good.split('.');
    const forged = `${head}.${payload}.${'A'.repeat(86)}`;
    const body = newSession(1001);
    expectUnauthorized(await rt.call('POST', '/api/sessions', { token: forged, body }));
    const { devUsers } = await import('../../local/users');
    const expired = await rt.idp.issue(devUsers[2], { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expectUnauthorized(await rt.call('POST', '/api/sessions', { token: expired, body }));
    const { SignJWT, generateKeyPair } = await import('jose');
    const other = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ 'cognito:groups': ['secretariat'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('intruder')
      .setIssuer('https://evil.example')
      .setAudience('docket-local')
      .setExpirationTime('1h')
      .sign(other.privateKey);
    expectUnauthorized(await rt.call('POST', '/api/sessions', { token: foreign, body }));
  });

  it('serves the OpenAPI document built from the route schemas', async () => {
    const res = await rt.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const create = res.body.paths['/api/sessions'].post;
    expect(create['x-docket-roles']).toEqual(['secretariat']);
    expect(create.requestBody.content['application/json'].schema.properties.format.enum).toEqual(['in_person', 'online', 'hybrid']);
  });

  it('carries security headers and x-docket-now when the clock is simulated', async () => {
    const res = await rt.call('GET', '/api/sessions');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await rt.setNow('2020-09-10T12:00:00Z');
    const later = await rt.call('GET', '/api/health');
    expect(Date.parse(later.headers.get('x-docket-now')!)).toBeGreaterThanOrEqual(Date.parse('2020-09-10T12:00:00Z'));
  });
});
