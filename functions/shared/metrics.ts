// Business metrics as CloudWatch embedded metric format (EMF) log lines. Domain paths
// call countMetric('…'); the HTTP middleware and the outbox sender flush after each
// invocation. Metric names are a closed list so the dashboard and alarms in
// lib/operations.ts cannot drift from them. Never a dimension with personal data: the
// service name is the only dimension.
//
// The lines are the ones Powertools Metrics wrote (namespace, the `service` dimension,
// a value or an array of values per name, at most 100 values a name per line), by this
// small writer: importing @aws-lambda-powertools/metrics and its commons was about 7 M
// instructions, near 1 % of a bare handler's cold start, in every function, counting or
// not (issue 17; callgrind on the bundles of bench/cold-start.ts). Only Count is used.

export const METRICS_NAMESPACE = 'Docket';

export const metricNames = [
  'RegistrationConfirmed',
  'RegistrationWaitlisted',
  'VoteCast',
  'MailSent',
  'MailFailed',
  'RetryBudgetExhausted',
] as const;
export type MetricName = (typeof metricNames)[number];

/** CloudWatch's units; Docket counts. */
export type MetricUnit = 'Count';

/** What CloudWatch keeps per metric name in one EMF line. */
const MAX_VALUES = 100;

const truthy = (v: string | undefined) => ['1', 'true', 'on', 'yes'].includes((v ?? '').trim().toLowerCase());
/** Powertools' switches: POWERTOOLS_METRICS_DISABLED (the local runtime sets it), else POWERTOOLS_DEV. */
const disabled = () =>
  process.env.POWERTOOLS_METRICS_DISABLED !== undefined ? truthy(process.env.POWERTOOLS_METRICS_DISABLED) : truthy(process.env.POWERTOOLS_DEV);

const stored = new Map<string, { unit: MetricUnit; values: number[] }>();

/** One EMF line (what Powertools' serializeMetrics gave with the service as default dimension). */
export function emfLine(entries: ReadonlyMap<string, { unit: MetricUnit; values: number[] }>, timestamp = Date.now()): string {
  const service = process.env.POWERTOOLS_SERVICE_NAME ?? 'docket';
  const values = Object.fromEntries([...entries].map(([name, { values: v }]) => [name, v.length === 1 ? v[0] : v]));
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
          Dimensions: [['service']],
          Metrics: [...entries].map(([name, { unit }]) => ({ Name: name, Unit: unit })),
        },
      ],
    },
    service,
    ...values,
  });
}

/** The invocation's metrics: stored until published as one EMF line on stdout. */
export const metrics = {
  addMetric(name: string, unit: MetricUnit, value: number): void {
    const entry = stored.get(name);
    if (entry && entry.unit !== unit) {
      // One unit per name in a line, as Powertools had it: the earlier values go first.
      metrics.publishStoredMetrics();
      return metrics.addMetric(name, unit, value);
    }
    if (entry) entry.values.push(value);
    else stored.set(name, { unit, values: [value] });
    if ((entry?.values.length ?? 1) >= MAX_VALUES) metrics.publishStoredMetrics();
  },
  hasStoredMetrics: (): boolean => stored.size > 0,
  publishStoredMetrics(): void {
    if (stored.size === 0) return;
    // Straight to stdout, not through console: Lambda's JSON log format wraps console
    // lines, and CloudWatch reads EMF only from a line that is the JSON document itself.
    const line = emfLine(stored);
    stored.clear();
    if (!disabled()) process.stdout.write(`${line}\n`);
  },
};

/** Counts one occurrence (or `value`) of a business event in this invocation. */
export function countMetric(name: MetricName, value = 1): void {
  metrics.addMetric(name, 'Count', value);
}

/** Writes this invocation's metrics, if any (no "no metrics" warning on quiet requests). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
