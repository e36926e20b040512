// CDK assertions for operations (issue 12) and edge caching (issue 17): alarms to SNS,
// the dashboard, metrics namespace, reserved concurrency, the WAF web ACL (in the stack
// in us-east-1, in DocketEdgeStack elsewhere), the API's origin secret and cache policy.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventFunctions, httpFunctions } from '../../functions/manifest';
import { DocketStack } from '../../lib/docket-stack';
import { DEFAULT_RESERVED_CONCURRENCY } from '../../lib/operations';
import { DocketEdgeStack, REGISTRATION_PATH, REGISTRATION_RATE } from '../../lib/waf';

// Bundling is skipped here (it is exercised by `npm run synth` and the benchmarks).
const newApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const env = { account: '111111111111', region: 'us-east-1' };

let stack: DocketStack;
let template: Template;

beforeAll(() => {
  stack = new DocketStack(newApp(), 'Ops', { production: true, mailFrom: 'audiencias@example.org', env });
  template = Template.fromStack(stack);
});

const fnLogicalId = (name: string) => stack.getLogicalId(stack.functions.get(name)!.fn.node.defaultChild as never);

describe('operations', () => {
  it('alarms on dead letters, function errors and throttles, and API 5xx, to an SNS topic', () => {
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    expect(topic).toBeDefined();
    const toTopic = { AlarmActions: [{ Ref: topic }], OKActions: [{ Ref: topic }] };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    for (const def of [...httpFunctions, ...eventFunctions]) {
      for (const metric of ['Errors', 'Throttles']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          ...toTopic,
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnLogicalId(def.name) } }],
          Threshold: 1,
        });
      }
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...toTopic, Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum', Threshold: 1 });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('sends alarms to the topic given at deploy instead of creating one', () => {
    const arn = 'arn:aws:sns:us-east-1:111111111111:oncall';
    const given = Template.fromStack(new DocketStack(newApp(), 'OpsTopic', { production: false, mailFrom: 'a@example.org', alarmTopicArn: arn, env }));
    given.resourceCountIs('AWS::SNS::Topic', 0);
    given.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [arn], MetricName: '5xx' });
  });

  it('has a dashboard with the business metrics, the API, the functions and the dead letters', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as { Properties: { DashboardBody: unknown } }[];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const name of ['RegistrationConfirmed', 'RegistrationWaitlisted', 'VoteCast', 'MailSent', 'MailFailed', 'RetryBudgetExhausted']) {
      expect(body).toContain(`MetricName=\\\\\\"${name}\\\\\\"`);
    }
    for (const metric of ['AWS/ApiGateway', 'AWS/Lambda', 'Throttles', 'ApproximateNumberOfMessagesVisible', '{Docket,service}']) expect(body).toContain(metric);
  });

  it('names the metrics namespace and the service on every function', () => {
    for (const def of [...httpFunctions, ...eventFunctions]) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: Match.absent(),
        Environment: { Variables: Match.objectLike({ POWERTOOLS_METRICS_NAMESPACE: 'Docket', POWERTOOLS_SERVICE_NAME: `docket-${def.name}` }) },
      });
    }
  });

  it('reserves concurrency for the functions that contend on tables, configurably', () => {
    expect(Object.keys(DEFAULT_RESERVED_CONCURRENCY).sort()).toEqual(['evote', 'registrations', 'scheduling']);
    for (const [name, limit] of Object.entries(DEFAULT_RESERVED_CONCURRENCY)) {
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: `docket-${name}` }) }, ReservedConcurrentExecutions: limit });
    }
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'docket-sessions' }) }, ReservedConcurrentExecutions: Match.absent() });
    // A low-quota account: none, or exactly what is asked.
    const dev = Template.fromStack(new DocketStack(newApp(), 'OpsDev', { production: false, mailFrom: 'a@example.org', env }));
    expect(Object.values(dev.findResources('AWS::Lambda::Function')).filter((f) => (f as { Properties: { ReservedConcurrentExecutions?: number } }).Properties.ReservedConcurrentExecutions)).toEqual([]);
    const asked = Template.fromStack(new DocketStack(newApp(), 'OpsAsked', { production: false, mailFrom: 'a@example.org', reservedConcurrency: { registrations: 7 }, env }));
    asked.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'docket-registrations' }) }, ReservedConcurrentExecutions: 7 });
    expect(() => new DocketStack(newApp(), 'OpsBad', { production: false, mailFrom: 'a@example.org', reservedConcurrency: { nosuch: 1 }, env })).toThrow(/unknown function/);
  });
});

describe('edge', () => {
  const wafRules = (t: Template) => {
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'registration-rate',
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              Limit: REGISTRATION_RATE.limit,
              EvaluationWindowSec: REGISTRATION_RATE.windowSeconds,
              AggregateKeyType: 'IP',
              ScopeDownStatement: {
                AndStatement: {
                  Statements: [
                    Match.objectLike({ ByteMatchStatement: Match.objectLike({ FieldToMatch: { Method: {} }, SearchString: 'POST', PositionalConstraint: 'EXACTLY' }) }),
                    Match.objectLike({ RegexMatchStatement: Match.objectLike({ FieldToMatch: { UriPath: {} }, RegexString: REGISTRATION_PATH }) }),
                  ],
                },
              },
            },
          },
        }),
        Match.objectLike({ Name: 'aws-common', OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }) } }),
      ]),
    });
  };

  it('puts CloudFront behind a WAF web ACL with the common rule set and a rate limit on registrations', () => {
    wafRules(template);
    const acl = Object.keys(template.findResources('AWS::WAFv2::WebACL'))[0];
    template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [acl, 'Arn'] } }) });
    expect(new RegExp(REGISTRATION_PATH).test('/api/sessions/178/registrations')).toBe(true);
    expect(new RegExp(REGISTRATION_PATH).test('/api/sessions/178/registrations/x')).toBe(false);
  });

  it('outside us-east-1, takes the web ACL from a DocketEdgeStack in us-east-1', () => {
    const app = newApp();
    const edge = new DocketEdgeStack(app, 'OpsEdge', { env: { account: env.account, region: 'eu-west-1' } });
    expect(edge.region).toBe('us-east-1');
    const home = new DocketStack(app, 'OpsHome', { production: false, mailFrom: 'a@example.org', webAclId: edge.webAclArn, crossRegionReferences: true, env: { account: env.account, region: 'sa-east-1' } });
    wafRules(Template.fromStack(edge));
    const homeTemplate = Template.fromStack(home);
    homeTemplate.resourceCountIs('AWS::WAFv2::WebACL', 0);
    homeTemplate.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: Match.anyValue() }) });
    for (const s of [edge, home]) {
      const report = new AwsSolutionsChecks().validateScope(s);
      expect(report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
  });

  it('lets CloudFront keep only what the API marks cacheable, keyed by Authorization and language', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        MinTTL: 0,
        MaxTTL: 300,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization', 'Accept-Language'] },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          CookiesConfig: { CookieBehavior: 'none' },
        }),
      }),
    });
    const policy = Object.keys(template.findResources('AWS::CloudFront::CachePolicy'))[0];
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/api/*', CachePolicyId: { Ref: policy } })]) }),
    });
  });

  it('adds the origin secret to requests to the API and gives it to every HTTP function only', () => {
    const secret = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0];
    const resolved = Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: secret }])] });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([Match.objectLike({ CustomOriginConfig: Match.anyValue(), OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: resolved }] })]),
      }),
    });
    const fns = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }[];
    const withSecret = fns.filter((f) => f.Properties.Environment?.Variables?.ORIGIN_VERIFY_SECRET);
    expect(withSecret).toHaveLength(httpFunctions.length);
    for (const f of withSecret) expect(JSON.stringify(f.Properties.Environment!.Variables!.ORIGIN_VERIFY_SECRET)).toContain(secret);
  });
});
