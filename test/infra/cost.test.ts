// The yearly cost estimate (bench/cost.ts) prices what the stack deploys: its counts of
// alarms, dashboards, secrets, web ACLs and rules, topics and buckets must be those of
// the synthesized production template, so adding an alarm without pricing it fails here.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEPLOYED, yearlyCost } from '../../bench/cost';
import { DocketStack } from '../../lib/docket-stack';

describe('yearly cost estimate', () => {
  it('counts what the production stack deploys', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new DocketStack(app, 'Cost', { production: true, mailFrom: 'audiencias@example.org', env: { account: '111111111111', region: 'us-east-1' } });
    const resources = Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>);
    const count = (type: string) => resources.filter((r) => r.Type === type).length;
    const acls = resources.filter((r) => r.Type === 'AWS::WAFv2::WebACL');
    expect({
      alarms: count('AWS::CloudWatch::Alarm'),
      dashboards: count('AWS::CloudWatch::Dashboard'),
      secrets: count('AWS::SecretsManager::Secret'),
      webAcls: acls.length,
      wafRules: acls.reduce((n, a) => n + (a.Properties.Rules as unknown[]).length, 0),
      snsTopics: count('AWS::SNS::Topic'),
      buckets: count('AWS::S3::Bucket'),
      kmsKeys: count('AWS::KMS::Key'),
      malwareProtectionPlans: count('AWS::GuardDuty::MalwareProtectionPlan'),
      queues: count('AWS::SQS::Queue'),
    }).toEqual(DEPLOYED);
    // The user pool is on the Plus plan, which the estimate prices per monthly active user.
    expect(resources.find((r) => r.Type === 'AWS::Cognito::UserPool')?.Properties.UserPoolTier).toBe('PLUS');
  });

  it('prices every service, not only DynamoDB, Lambda and the HTTP API', () => {
    const cost = yearlyCost({ capacity: [] });
    for (const service of ['cognito', 'cloudFront', 'waf', 'alarms', 'dashboard', 'secrets', 'sns', 's3', 'logs', 'scheduler', 'documentsS3', 'malwareScan', 'kms', 'dynamo', 'lambda', 'api'])
      expect(cost.services, service).toHaveProperty(service);
    expect(cost.services.cognito).toBeGreaterThan(0);
    expect(cost.total).toBeCloseTo(Object.values(cost.services).reduce((a, b) => a + b, 0), 1);
    // Each deployed KMS key and the scanned documents bucket show in the estimate.
    expect(cost.services.kms > 0).toBe(DEPLOYED.kmsKeys > 0);
    expect(cost.services.malwareScan > 0).toBe(DEPLOYED.malwareProtectionPlans > 0);
    expect(cost.services.documentsS3 > 0).toBe(DEPLOYED.malwareProtectionPlans > 0);
  });
});
