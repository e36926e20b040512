// A short load in every test run (issue 8, 5); `npm run soak` runs 60 s of the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixedLoad } from '../support/load';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  // It measures the runtime: the stage throttle (50/s) would answer most of it 429.
  rt = await startTestRuntime({ throttle: false });
  // Lambda would have scaled out within the first second; here a cold start takes
  // seconds, so the instances start before the measured load.
  await rt.warm(['sessions', 'hearings']);
});
afterAll(async () => rt?.stop());

describe('load', () => {
  it('serves 50 connections of mixed reads and writes with no error and nothing lost', async () => {
    const r = await mixedLoad(rt, { connections: 50, seconds: Number(process.env.DOCKET_LOAD_SECONDS ?? 5) });
    console.log(`load: ${r.requests} requests, ${r.rps} req/s, p99 ${r.p99Ms} ms, ${r.created.length} writes acknowledged, ${r.lost.length} lost, ${r.fiveXx} 5xx, ${r.errors} errors`);
    expect(r.errors).toBe(0);
    expect(r.fiveXx).toBe(0);
    expect(r.created.length).toBeGreaterThan(0);
    expect(r.lost).toEqual([]);
  });
});
