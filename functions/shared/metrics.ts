// Business metrics as CloudWatch embedded metric format (EMF) log lines, through one
// Powertools Metrics per process. Domain paths call countMetric('…'); the HTTP
// middleware and the outbox sender flush after each invocation. Metric names are a
// closed list so the dashboard and alarms in lib/operations.ts cannot drift from them.
// Never a dimension with personal data: the service name is the only dimension.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

type MetricUnitType = (typeof MetricUnit)[keyof typeof MetricUnit];

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

let instance: Metrics | undefined;
const built = () =>
  (instance ??= new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'docket',
  }));

/**
 * The process's Powertools Metrics, built on the first count rather than at start: most
 * requests count nothing, and building it was about 3 ms of CPU in every cold start
 * (issue 17, bench/cold-start.ts).
 */
export const metrics = {
  addMetric: (name: string, unit: MetricUnitType, value: number) => built().addMetric(name, unit, value),
  hasStoredMetrics: () => instance?.hasStoredMetrics() ?? false,
  publishStoredMetrics: () => instance?.publishStoredMetrics(),
};

/** Counts one occurrence (or `value`) of a business event in this invocation. */
export function countMetric(name: MetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Writes this invocation's metrics, if any (no "no metrics" warning on quiet requests). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
