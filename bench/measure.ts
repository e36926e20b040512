// Timing helpers for benchmarks: percentiles over many calls, interleaved with a
// baseline so both see the same machine noise.
import { performance } from 'node:perf_hooks';

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export interface Timing {
  p50: number;
  p99: number;
  n: number;
}

const summarise = (samples: number[]): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), n: samples.length };
};

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

// Time spent inside the shared DynamoDB client (serialisation, signing, the round trip,
// retries): the raw SDK calls a route needs, measured on the route's own calls.
let inSdk = 0;
let timerInstalled = false;
async function installSdkTimer() {
  if (timerInstalled) return;
  timerInstalled = true;
  const { ddb, raceClient } = await import('../functions/shared/ddb');
  for (const client of [ddb, raceClient()]) {
    client.middlewareStack.add(
      (next) => async (args) => {
        const t = performance.now();
        try {
          return await next(args);
        } finally {
          inSdk += performance.now() - t;
        }
      },
      { step: 'initialize', name: 'benchSdkTimer', priority: 'high' },
    );
  }
}

/**
 * Runs `subject` and `raw` alternately `n` times each (after `warmup` rounds). Returns the
 * route's timing; `baseline`, the time the same calls spent in the DynamoDB client (so
 * the difference is what middleware, validation, logging and domain code add); and
 * `raw`, the timing of the hand-written SDK calls measured in between.
 */
export async function interleaved(n: number, subject: (i: number) => Promise<unknown>, raw: (i: number) => Promise<unknown>, warmup = 20) {
  await installSdkTimer();
  for (let i = 0; i < warmup; i++) {
    await subject(-1 - i);
    await raw(-1 - i);
  }
  const a: number[] = [];
  const sdk: number[] = [];
  const over: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    inSdk = 0;
    let t = performance.now();
    await subject(i);
    const total = performance.now() - t;
    a.push(total);
    sdk.push(inSdk);
    over.push(total - inSdk);
    t = performance.now();
    await raw(i);
    b.push(performance.now() - t);
  }
  return { subject: { ...summarise(a), overheadP50: summarise(over).p50 }, baseline: summarise(sdk), raw: summarise(b) };
}

/** DynamoDB on-demand prices, us-east-1, as published on the AWS pricing page in
 *  November 2026 (checked 2026-11-28): $0.625 per million write request units and
 *  $0.125 per million read request units. */
export const PRICE = { wruPerMillion: 0.625, rruPerMillion: 0.125, asOf: '2026-11-28' };
export const usdPerMillion = (rcu: number, wcu: number) => round(rcu * PRICE.rruPerMillion + wcu * PRICE.wruPerMillion, 4);
