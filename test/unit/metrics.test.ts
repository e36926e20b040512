// Business metrics as EMF lines (functions/shared/metrics.ts): the line Powertools
// Metrics wrote, with the namespace, the service as the only dimension, and the values.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countMetric, flushMetrics, metrics } from '../../functions/shared/metrics';

const written = () => {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return () => write.mock.calls.map(([chunk]) => String(chunk));
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('metrics', () => {
  it('writes one EMF line per flush with every count of the invocation', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'docket-evote');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Docket');
    const lines = written();
    countMetric('VoteCast');
    countMetric('VoteCast');
    countMetric('RetryBudgetExhausted');
    flushMetrics();
    flushMetrics();
    expect(lines()).toHaveLength(1);
    expect(lines()[0].endsWith('\n')).toBe(true);
    const emf = JSON.parse(lines()[0]);
    expect(emf).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'Docket',
            Dimensions: [['service']],
            Metrics: [
              { Name: 'VoteCast', Unit: 'Count' },
              { Name: 'RetryBudgetExhausted', Unit: 'Count' },
            ],
          },
        ],
      },
      service: 'docket-evote',
      VoteCast: [1, 1],
      RetryBudgetExhausted: 1,
    });
    expect(metrics.hasStoredMetrics()).toBe(false);
  });

  it('writes a line once a name holds 100 values, as CloudWatch allows no more', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const lines = written();
    for (let i = 0; i < 150; i++) countMetric('MailSent');
    expect(lines()).toHaveLength(1);
    expect(JSON.parse(lines()[0]).MailSent).toHaveLength(100);
    flushMetrics();
    expect(JSON.parse(lines()[1]).MailSent).toHaveLength(50);
  });

  it('writes nothing when disabled (the local runtime) or when nothing was counted', () => {
    const lines = written();
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    countMetric('MailFailed');
    flushMetrics();
    expect(metrics.hasStoredMetrics()).toBe(false);
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    flushMetrics();
    expect(lines()).toEqual([]);
  });
});
