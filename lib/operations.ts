// Operating Docket: business metrics (EMF from functions/shared/metrics.ts), alarms to
// an SNS topic, one dashboard, and reserved concurrency where it protects the tables.
//
// Alarms: every dead-letter queue holding a message (a mail that was not sent), every
// function's errors and throttles, and any 5xx from the API (the contract is "no 5xx
// for anything a client sent", so one is worth a look). They go to the topic given at
// deploy (-c alarmTopicArn=…), or to one created here to subscribe to.
//
// Reserved concurrency caps how many instances of a function can hit its tables at
// once: registrations and votes contend on few items (a session's counter, a ballot), so
// more instances add conflicts and retries rather than throughput, and the solver is
// heavy. The cap must stay above what the stage throttle (lib/api.ts: 50 requests/s,
// burst 100) can start, though: a Lambda throttle reaches the client as a gateway 5xx,
// not a 429, so the gateway's 429 must come first. Registrations at 100 covers the
// whole burst at up to 2 s each; the Throttles alarm says if that ever falls short.
// Reserving needs an account quota with room (at least 100 unreserved), which new
// accounts often lack, so it is a prop: production uses the defaults below, other
// stages none, and -c reservedConcurrency='{"registrations":50}' or =off overrides.
import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, type IMetric, MathExpression, TextWidget, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type MetricName } from '../functions/shared/metrics';
import type { DocketFunction } from './function';

/** Instances per function in production unless configured otherwise. */
export const DEFAULT_RESERVED_CONCURRENCY: Readonly<Record<string, number>> = {
  registrations: 100,
  evote: 20,
  scheduling: 5,
};

export interface OperationsProps {
  functions: ReadonlyMap<string, DocketFunction>;
  deadLetterQueues: readonly Queue[];
  api: HttpApi;
  /** An existing SNS topic for alarms; without it one is created. */
  alarmTopicArn?: string;
  /** Function name → reserved concurrency; names not listed get none. */
  reservedConcurrency: Readonly<Record<string, number>>;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Operations extends Construct {
  readonly topic: ITopic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    for (const [name, limit] of Object.entries(props.reservedConcurrency)) {
      const fn = props.functions.get(name);
      if (!fn) throw new Error(`reservedConcurrency names an unknown function: ${name}`);
      if (!Number.isInteger(limit) || limit < 1) throw new Error(`reservedConcurrency for ${name} must be a positive integer`);
      (fn.fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = limit;
    }
    for (const fn of props.functions.values()) fn.fn.addEnvironment('POWERTOOLS_METRICS_NAMESPACE', METRICS_NAMESPACE);

    if (props.alarmTopicArn) {
      this.topic = Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn);
    } else {
      const topic = new Topic(this, 'AlarmTopic', { displayName: 'Docket alarms', enforceSSL: true });
      Validations.of(topic).acknowledge({
        id: 'AwsSolutions-SNS2',
        reason: 'Alarm notifications carry alarm names and numbers, no personal data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key for this alone is not worth its cost.',
      });
      this.topic = topic;
    }
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: IMetric, description: string) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    props.deadLetterQueues.forEach((queue, i) =>
      alarm(
        `DeadLetters${i}`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        'Outbox records given up after retries: mails not sent. Inspect the queue, fix the cause, redrive.',
      ),
    );
    for (const [name, fn] of props.functions) {
      const key = name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
      alarm(`Errors${key}`, fn.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), `docket-${name}: invocations that failed (crash or timeout).`);
      alarm(`Throttles${key}`, fn.fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), `docket-${name}: invocations refused for concurrency (reserved or account limit).`);
    }
    alarm('Api5xx', props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), 'The API answered 5xx: a function failed or timed out, or the gateway could not reach it.');

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${(scope as Stack).stackName ?? 'Docket'}-operations`, defaultInterval: Duration.hours(3) });
    const business = (name: MetricName) =>
      new MathExpression({ expression: `SUM(SEARCH('{${METRICS_NAMESPACE},service} MetricName="${name}"', 'Sum', 300))`, label: name, period: FIVE_MINUTES });
    const fns = [...props.functions.entries()];
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '# Docket\nBusiness events (EMF), the API, functions and the outbox. Alarms go to the SNS topic of the stack.', width: 24, height: 2 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Registrations and votes', left: (['RegistrationConfirmed', 'RegistrationWaitlisted', 'VoteCast'] as const).map(business), width: 8 }),
      new GraphWidget({ title: 'Mail', left: (['MailSent', 'MailFailed'] as const).map(business), right: props.deadLetterQueues.map((q) => q.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: 'dead letters' })), width: 8 }),
      new GraphWidget({ title: 'Retry budgets exhausted', left: [business('RetryBudgetExhausted')], width: 8 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'API requests and errors', left: [props.api.metricCount({ period: FIVE_MINUTES })], right: [props.api.metricClientError({ period: FIVE_MINUTES }), props.api.metricServerError({ period: FIVE_MINUTES })], width: 12 }),
      new GraphWidget({ title: 'API latency p99 (ms)', left: [props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }), props.api.metricIntegrationLatency({ period: FIVE_MINUTES, statistic: 'p99' })], width: 12 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Function errors', left: fns.map(([name, f]) => f.fn.metricErrors({ period: FIVE_MINUTES, label: name })), width: 8 }),
      new GraphWidget({ title: 'Function throttles', left: fns.map(([name, f]) => f.fn.metricThrottles({ period: FIVE_MINUTES, label: name })), width: 8 }),
      new GraphWidget({ title: 'Function duration p99 (ms)', left: fns.map(([name, f]) => f.fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99', label: name })), width: 8 }),
    );
  }
}
