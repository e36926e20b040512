// Operations from the inside: every log line of an HTTP invocation carries the Lambda
// context (cold start, function, request id) next to the correlation id, and the
// business events are counted as metrics: EMF lines on stdout, as in AWS (each function
// runs in a worker of its own, whose stdout reaches this process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRuntime } from '../support/runtime';

let rt: TestRuntime;
const lines: string[] = [];
let restore = () => {};

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  restore = () => (process.stdout.write = original as typeof process.stdout.write);
  const { startTestRuntime } = await import('../support/runtime');
  rt = await startTestRuntime();
});
afterAll(async () => {
  restore();
  await rt?.stop();
});

const logged = () =>
  lines
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('observability', () => {
  it('puts cold start, function and request id on the log lines of an invocation', async () => {
    const res = await rt.call('GET', '/api/sessions', { headers: { 'x-correlation-id': 'obs-test-1' } });
    expect(res.status).toBe(200);
    const line = logged().find((l) => l.correlationId === 'obs-test-1');
    expect(line).toMatchObject({ message: 'request', function_name: 'docket-sessions', cold_start: expect.any(Boolean), function_request_id: expect.any(String) });
    // The next invocation has its own request id and no correlation id left over.
    await rt.call('GET', '/api/sessions', { headers: { 'x-correlation-id': 'obs-test-2' } });
    const next = logged().find((l) => l.correlationId === 'obs-test-2')!;
    expect(next.function_request_id).not.toBe(line!.function_request_id);
    expect(next.cold_start).toBe(false);
  });

  it('counts confirmed and waitlisted registrations and votes as metrics', async () => {
    const from = lines.length;
    const { attendeeBody, ballotIn, registrationSession } = await import('../support/policy');
    const session = await registrationSession(rt);
    const registered = await rt.call('POST', `/api/sessions/${session}/registrations`, { body: attendeeBody() });
    expect(registered.status).toBe(201);
    const ballot = await ballotIn(rt, 'open');
    const vote = await rt.call('POST', `/api/ballots/${ballot}/votes`, { as: 'commissioner.br@example.org', body: { choice: 'yes' } });
    expect(vote.status).toBe(201);
    // EMF: {"_aws":{"CloudWatchMetrics":[{"Metrics":[{"Name":…}]}]}, "<Name>": value}
    const emitted = () =>
      lines
        .slice(from)
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{') && l.includes('"CloudWatchMetrics"'))
        .flatMap((l) => (JSON.parse(l)._aws.CloudWatchMetrics as { Metrics: { Name: string }[] }[]).flatMap((m) => m.Metrics.map((x) => x.Name)));
    // A worker's stdout reaches this process asynchronously: wait for the lines (bounded).
    for (let i = 0; i < 100 && !emitted().includes('VoteCast'); i++) await new Promise((r) => setTimeout(r, 50));
    const names = emitted();
    expect(names).toContain(registered.body.status === 'waitlisted' ? 'RegistrationWaitlisted' : 'RegistrationConfirmed');
    expect(names.filter((n) => n === 'VoteCast')).toHaveLength(1);
  });
});
