// The HTTP stack's request pipeline (functions/shared/pipeline.ts) stands in for
// @middy/core: the same scenarios through both must give the same answers, errors and
// middleware order.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { pipeline } from '../../functions/shared/pipeline';

type Build = () => { use: (m: object) => unknown; handler: (h: (e: unknown) => unknown) => (e: unknown, c: Context) => Promise<unknown> };
const both: [string, Build][] = [
  ['@middy/core', () => middy() as unknown as ReturnType<Build>],
  ['pipeline', () => pipeline() as unknown as ReturnType<Build>],
];

/** Runs one scenario and records what each middleware and the handler saw. */
async function scenario(build: Build, opts: { earlyIn?: string; throwIn?: string; recoverIn?: string; rethrowIn?: string }, context = {} as Context) {
  const trace: string[] = [];
  const stack = build();
  for (const name of ['a', 'b']) {
    stack.use({
      before: (request: { event: unknown; internal: Record<string, unknown> }) => {
        trace.push(`before ${name}`);
        request.internal[name] = true;
        if (opts.throwIn === `before ${name}`) throw new Error(`boom ${name}`);
        return opts.earlyIn === `before ${name}` ? { early: name } : undefined;
      },
      after: (request: { response: { n: number } }) => {
        trace.push(`after ${name} ${JSON.stringify(request.response)}`);
        if (opts.throwIn === `after ${name}`) throw new Error(`late ${name}`);
        request.response = { n: request.response.n + 1 };
      },
      onError: (request: { error: Error; response?: unknown }) => {
        trace.push(`onError ${name} ${request.error.message}`);
        if (opts.rethrowIn === name) throw new Error(`again ${name}`);
        if (opts.recoverIn === name) request.response = { recovered: request.error.message };
      },
    });
  }
  const handler = stack.handler(async (event) => {
    trace.push(`handler ${JSON.stringify(event)}`);
    if (opts.throwIn === 'handler') throw new Error('handler failed');
    return { n: 0 };
  });
  const outcome = await handler({ x: 1 }, context).then(
    (value) => ({ value }),
    (error: Error & { originalError?: Error }) => ({ error: error.message, original: error.originalError?.message }),
  );
  return { trace, outcome };
}

describe('pipeline answers as @middy/core does', () => {
  const cases: [string, Parameters<typeof scenario>[1]][] = [
    ['a plain request', {}],
    ['an early response from a before middleware', { earlyIn: 'before b' }],
    ['a handler error nobody answers', { throwIn: 'handler' }],
    ['a handler error an onError middleware answers', { throwIn: 'handler', recoverIn: 'b' }],
    ['an error in a before middleware', { throwIn: 'before a', recoverIn: 'a' }],
    ['an error in an after middleware', { throwIn: 'after b', recoverIn: 'a' }],
    ['an onError middleware that throws', { throwIn: 'handler', rethrowIn: 'b' }],
  ];
  for (const [what, opts] of cases) {
    it(what, async () => {
      const [middyRun, ours] = await Promise.all(both.map(([, build]) => scenario(build, opts)));
      expect(ours).toEqual(middyRun);
      expect(ours.trace.length).toBeGreaterThan(1);
    });
  }

  it('answers a TimeoutError just before the Lambda deadline', async () => {
    const context = { getRemainingTimeInMillis: () => 20 } as Context;
    for (const [, build] of both) {
      const stack = build();
      const handler = stack.handler(() => new Promise((resolve) => setTimeout(() => resolve('late'), 2_000)));
      const error = await handler({}, context).catch((e: Error) => e);
      expect((error as Error).name).toBe('TimeoutError');
    }
  });

  it('refuses a middleware with nothing to run', () => {
    for (const [, build] of both) expect(() => build().use({})).toThrow(/at least one key/);
  });
});
