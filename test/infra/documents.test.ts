// The stack's side of supporting documents and confidential names (issue 15, lib/documents.ts).
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventFunctions, httpFunctions } from '../../functions/manifest';
import { DocketStack } from '../../lib/docket-stack';

let stack: DocketStack;
let template: Template;
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new DocketStack(app, 'Docs', { production: true, mailFrom: 'audiencias@example.org', env: { account: '111111111111', region: 'us-east-1' }, retentionYears: 7 });
  template = Template.fromStack(stack);
});

const documentsBucket = () => {
  const found = Object.entries(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.stringLikeRegexp('-documents-') } }));
  expect(found).toHaveLength(1);
  return found[0] as [string, { Properties: Record<string, any> }];
};
const statementsOf = (fnName: string) => {
  const roleId = stack.getLogicalId(stack.functions.get(fnName)!.role.node.defaultChild as never);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
};
const actionsOf = (fnName: string) => statementsOf(fnName).flatMap((s) => [s.Action].flat());

describe('documents bucket', () => {
  it('is private, encrypted, TLS-only, access-logged, unversioned, with a lifecycle and CORS for the site only', () => {
    const [id, bucket] = documentsBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe('documents/');
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(bucket.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules).toContainEqual(expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }));
    // The backstop behind the purge: retention (7 here) + 2 years.
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'requests/', ExpirationInDays: 9 * 366 }));
    const cors = bucket.Properties.CorsConfiguration.CorsRules as Record<string, any>[];
    expect(cors).toHaveLength(1);
    expect(cors[0].AllowedMethods.sort()).toEqual(['GET', 'PUT']);
    expect(JSON.stringify(cors[0].AllowedOrigins)).not.toContain('*');
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket).includes(id))!;
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    // Usable only once scanned clean.
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:GetObject', Condition: expect.objectContaining({ StringNotEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' } }) }),
    );
  });

  it('is protected by GuardDuty Malware Protection, tagging objects, with its scan results and uploads routed to the check', () => {
    const [id] = documentsBucket();
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: { Ref: id }, ObjectPrefixes: ['requests/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    const checkId = stack.getLogicalId(stack.functions.get('document-check')!.fn.node.defaultChild as never);
    const target = Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [checkId, 'Arn'] } })]);
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Malware Protection Object Scan Result'] }, Targets: target });
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] }, Targets: target });
  });

  it('grants the bucket only to the functions the manifest names, and only under requests/', () => {
    const withBucket = [...httpFunctions, ...eventFunctions].filter((f) => f.buckets?.length).map((f) => f.name).sort();
    expect(withBucket).toEqual(['document-check', 'hearing-documents', 'hearing-purge']);
    for (const def of [...httpFunctions, ...eventFunctions]) {
      const s3 = statementsOf(def.name).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
      if (!withBucket.includes(def.name)) {
        expect(s3, def.name).toEqual([]);
        continue;
      }
      for (const s of s3) expect(JSON.stringify(s.Resource) + JSON.stringify(s.Condition ?? ''), def.name).toContain('requests/');
      expect(actionsOf(def.name).filter((a) => a.includes('*'))).toEqual([]);
    }
  });
});

describe('confidential names key', () => {
  it('is a rotated KMS key that only the functions sealing names may use, for data keys and decryption', () => {
    const keys = Object.entries(template.findResources('AWS::KMS::Key'));
    expect(keys).toHaveLength(1);
    const [keyId, key] = keys[0];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    for (const def of [...httpFunctions, ...eventFunctions]) {
      const kms = statementsOf(def.name).filter((s) => JSON.stringify(s.Resource).includes(keyId));
      if (def.sealsNames) {
        expect(kms.flatMap((s) => [s.Action].flat()).sort(), def.name).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
        const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f) => f.Properties.Environment?.Variables?.CONFIDENTIAL_KEY_ID);
        expect(fn).toBeDefined();
      } else expect(kms, def.name).toEqual([]);
    }
  });

  it('sets the retention years of the purge, which runs once a day', () => {
    const purge = stack.functions.get('hearing-purge')!;
    const id = stack.getLogicalId(purge.fn.node.defaultChild as never);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ DOCKET_RETENTION_YEARS: '7' }) } });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 day)', Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [id, 'Arn'] } }) });
  });
});
