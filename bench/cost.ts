// A yearly cost estimate for the 2020 volumes (shared/DESIGN.md): four Periods of
// Sessions, tens of hearings, hundreds of requests, 15,000 attendees, seven
// commissioners. Prices: AWS public on-demand prices for us-east-1 as of 2026-11-28
// (DynamoDB in measure.ts; Lambda arm64 $0.0000133334 per GB-s and $0.20 per million
// requests; HTTP API $1.00 per million requests). Free tiers are ignored.
import type { BenchResults } from './types';

export const LAMBDA = { usdPerGbSecond: 0.0000133334, usdPerMillionRequests: 0.2, memoryGb: 0.5, avgDurationS: 0.05 };
export const HTTP_API_USD_PER_MILLION = 1.0;

/** Operations a year, each mapped to a measured capacity row where one exists. */
export const VOLUMES_2020 = [
  { operation: 'submit hearing request', perYear: 600, capacityOf: 'submit hearing request' },
  { operation: 'edit/withdraw/decide request', perYear: 1_200, capacityOf: 'decide hearing request' },
  { operation: 'list requests (applicants, secretariat)', perYear: 30_000, capacityOf: 'list hearing requests' },
  { operation: 'register to attend', perYear: 15_000, capacityOf: 'register (confirmed)' },
  { operation: 'cancel with promotion', perYear: 1_500, capacityOf: 'cancel with promotion' },
  { operation: 'check in', perYear: 5_000, capacityOf: 'check in' },
  { operation: 'vote', perYear: 7 * 60, capacityOf: 'vote (secret)' },
  { operation: 'read sessions and schedules (public)', perYear: 400_000, capacityOf: 'get session' },
  { operation: 'notifications sent', perYear: 40_000, capacityOf: undefined },
] as const;

export function yearlyCost(results: Pick<BenchResults, 'capacity'>) {
  let dynamo = 0;
  let requests = 0;
  const lines: { operation: string; perYear: number; usd: number }[] = [];
  for (const v of VOLUMES_2020) {
    const row = results.capacity.find((c) => c.operation === v.capacityOf);
    const usd = row ? (row.usdPerMillion * v.perYear) / 1e6 : 0;
    dynamo += usd;
    requests += v.perYear;
    lines.push({ operation: v.operation, perYear: v.perYear, usd });
  }
  const lambda = (requests * LAMBDA.usdPerMillionRequests) / 1e6 + requests * LAMBDA.avgDurationS * LAMBDA.memoryGb * LAMBDA.usdPerGbSecond;
  const api = (requests * HTTP_API_USD_PER_MILLION) / 1e6;
  return { total: Number((dynamo + lambda + api).toFixed(2)), dynamo: Number(dynamo.toFixed(4)), lambda: Number(lambda.toFixed(4)), api: Number(api.toFixed(4)), requests, lines };
}
