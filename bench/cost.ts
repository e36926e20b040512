// A yearly cost estimate for the 2020 volumes (shared/DESIGN.md): four Periods of
// Sessions, tens of hearings, hundreds of requests, 15,000 attendees, seven
// commissioners. Prices: AWS public on-demand prices for us-east-1 as of 2026-11-28
// (DynamoDB in measure.ts; Lambda arm64 $0.0000133334 per GB-s and $0.20 per million
// requests; HTTP API $1.00 per million requests). Free tiers are ignored.
import type { BenchResults } from './types';

export const LAMBDA = { usdPerGbSecond: 0.0000133334, usdPerMillionRequests: 0.2, memoryGb: 0.5, avgDurationS: 0.05 };
export const HTTP_API_USD_PER_MILLION = 1.0;

/**
 * Operations a year, each priced with the measured capacity row whose name starts with
 * `capacityOf`. Paths not measured on their own are priced like the nearest measured
 * one (said in `proxy`): an edit or decision is one conditional update plus an outbox
 * item, cheaper than a submit; a check-in is one conditional update, dearer than a read.
 */
export const VOLUMES_2020: { operation: string; perYear: number; capacityOf?: string; proxy?: boolean }[] = [
  { operation: 'submit hearing request', perYear: 600, capacityOf: 'submit hearing request' },
  { operation: 'edit/withdraw/decide request', perYear: 1_200, capacityOf: 'submit hearing request', proxy: true },
  { operation: 'list requests (applicants, secretariat)', perYear: 30_000, capacityOf: 'list own hearing requests' },
  { operation: 'register to attend', perYear: 15_000, capacityOf: 'register' },
  { operation: 'cancel with promotion', perYear: 1_500, capacityOf: 'cancel with promotion' },
  { operation: 'check in', perYear: 5_000, capacityOf: 'register', proxy: true },
  { operation: 'vote', perYear: 7 * 60, capacityOf: 'vote (secret)' },
  { operation: 'read sessions and schedules (public)', perYear: 400_000, capacityOf: 'get session' },
  // Sending reads the stream (free for Lambda triggers); the outbox write is in the change.
  { operation: 'notifications sent', perYear: 40_000 },
];

export function yearlyCost(results: Pick<BenchResults, 'capacity'>) {
  let dynamo = 0;
  let requests = 0;
  const lines: { operation: string; perYear: number; usd: number; pricedAs?: string }[] = [];
  for (const v of VOLUMES_2020) {
    const row = v.capacityOf ? results.capacity.find((c) => c.operation.startsWith(v.capacityOf!)) : undefined;
    const usd = row ? (row.usdPerMillion * v.perYear) / 1e6 : 0;
    dynamo += usd;
    requests += v.perYear;
    lines.push({ operation: v.operation, perYear: v.perYear, usd, pricedAs: row && v.proxy ? row.operation : undefined });
  }
  const lambda = (requests * LAMBDA.usdPerMillionRequests) / 1e6 + requests * LAMBDA.avgDurationS * LAMBDA.memoryGb * LAMBDA.usdPerGbSecond;
  const api = (requests * HTTP_API_USD_PER_MILLION) / 1e6;
  return { total: Number((dynamo + lambda + api).toFixed(2)), dynamo: Number(dynamo.toFixed(4)), lambda: Number(lambda.toFixed(4)), api: Number(api.toFixed(4)), requests, lines };
}
