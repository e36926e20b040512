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

/**
 * Capacity units as DynamoDB reports them (ReturnConsumedCapacity TOTAL) for every call a
 * run makes through either of the functions' clients: the shared one and the race client
 * that votes, submits and registrations write through (metering only the first reported
 * 0 units for a vote and a submit). Reads and writes are told apart by the command.
 */
export async function capacityMeter() {
  const { ddb, raceClient } = await import('../functions/shared/ddb');
  const consumed = { rcu: 0, wcu: 0 };
  let on = false;
  for (const client of [ddb, raceClient()]) {
    // One meter at a time: a section that left its own on the clients gives way.
    client.middlewareStack.remove('benchCapacityMeter');
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!on) return next(args);
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const out = await next(args);
        const read = /^(Get|BatchGet|Query|Scan|TransactGet)/.test(String(context.commandName));
        const list = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        for (const c of (Array.isArray(list) ? list : list ? [list] : []) as { CapacityUnits?: number }[]) {
          if (read) consumed.rcu += c.CapacityUnits ?? 0;
          else consumed.wcu += c.CapacityUnits ?? 0;
        }
        return out;
      },
      { step: 'initialize', name: 'benchCapacityMeter' },
    );
  }
  return {
    /** What `run` consumed, over `times` runs (a mean per run). */
    async measure(run: () => Promise<unknown>, times = 1): Promise<{ rcu: number; wcu: number }> {
      consumed.rcu = consumed.wcu = 0;
      on = true;
      try {
        await run();
      } finally {
        on = false;
      }
      return { rcu: round(consumed.rcu / times, 2), wcu: round(consumed.wcu / times, 2) };
    },
    remove() {
      for (const client of [ddb, raceClient()]) client.middlewareStack.remove('benchCapacityMeter');
    },
  };
}

/** DynamoDB on-demand prices, us-east-1, as published on the AWS pricing page in
 *  November 2026 (checked 2026-11-28): $0.625 per million write request units and
 *  $0.125 per million read request units. */
export const PRICE = { wruPerMillion: 0.625, rruPerMillion: 0.125, asOf: '2026-11-28' };
export const usdPerMillion = (rcu: number, wcu: number) => round(rcu * PRICE.rruPerMillion + wcu * PRICE.wruPerMillion, 4);
