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

/**
 * Runs `subject` and `baseline` alternately `n` times each (after `warmup` rounds) and
 * returns both timings. `i` lets each call use fresh data.
 */
export async function interleaved(n: number, subject: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>, warmup = 20) {
  for (let i = 0; i < warmup; i++) {
    await subject(-1 - i);
    await baseline(-1 - i);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await subject(i);
    a.push(performance.now() - t);
    t = performance.now();
    await baseline(i);
    b.push(performance.now() - t);
  }
  return { subject: summarise(a), baseline: summarise(b) };
}

/** DynamoDB on-demand prices, us-east-1, as published on the AWS pricing page in
 *  November 2026 (checked 2026-11-28): $0.625 per million write request units and
 *  $0.125 per million read request units. */
export const PRICE = { wruPerMillion: 0.625, rruPerMillion: 0.125, asOf: '2026-11-28' };
export const usdPerMillion = (rcu: number, wcu: number) => round(rcu * PRICE.rruPerMillion + wcu * PRICE.wruPerMillion, 4);
