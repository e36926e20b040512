// A short load in every test run (issue 8, 5): a fixed number of requests, whatever the
// machine's speed; `npm run soak` runs 60 s of the same (DOCKET_LOAD_SECONDS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixedLoad } from '../support/load';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

/** 50 connections × 40 requests, a quarter of them writes. */
const REQUESTS = 2_000;

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
    const seconds = Number(process.env.DOCKET_LOAD_SECONDS ?? 0);
    const r = await mixedLoad(rt, seconds ? { connections: 50, seconds } : { connections: 50, requests: REQUESTS });
    console.log(`load: ${r.requests} requests, ${r.rps} req/s, p99 ${r.p99Ms} ms, ${r.created.length} writes acknowledged, ${r.lost.length} lost, ${r.busy} 503 (store too slow: retry), ${r.fiveXx.length} other 5xx, ${r.errors} errors`);
    expect(r.errors).toBe(0);
    // On a saturated machine DynamoDB Local can miss the store's 3 s timeout: the answer
    // is then 503 with Retry-After, by design (functions/shared/ddb.ts), and allowed here.
    // Any other 5xx is a defect.
    expect(r.fiveXx).toEqual([]);
    if (!seconds) expect(r.requests).toBe(REQUESTS);
    expect(r.created.length).toBeGreaterThan(0);
    expect(r.lost).toEqual([]);
  });
});
